import { concat, u32be } from './bytes.ts';
import { box, childBoxes } from './mp4-chapters.ts';

// An MP4 moov whose one audio track is given the sample tables of a long stream (ISO/IEC 14496-12
// §8.6.1.2 stts, §8.7.4 stsc, §8.7.3 stsz, §8.7.5 stco/co64) and the durations to match (mvhd,
// tkhd, mdhd). A parallel encode writes its spliced AAC this way: a muxer kept an object per
// packet and built the tables in memory at the end (10 hours: 1.5 million packets, 650 MB of heap),
// where these are built from one array of sizes.

export interface AudioSampleTables {
  /** Bytes of each sample, in order. */
  sizes: Uint32Array;
  /** Frames each sample lasts (all alike: 1024 for AAC), at `sampleRate`. */
  sampleFrames: number;
  sampleRate: number;
  /** Samples per chunk; the last chunk holds the rest. */
  samplesPerChunk: number;
  /** File offset of each chunk's first byte. */
  chunkOffsets: number[];
}

const CONTAINERS = ['mdia', 'minf'];
const TABLES = new Set(['stts', 'stsc', 'stsz', 'stco', 'co64', 'stss', 'ctts', 'sgpd', 'sbgp']);

/**
 * `moov` with its audio track's stts, stsc, stsz and stco (co64 past 4 GB) made from `tables`, and
 * its durations set to the samples' sum. Throws RangeError for a moov without an audio track or
 * tables that do not agree (chunks for the samples).
 */
export function withAudioSampleTables(moov: Uint8Array, tables: AudioSampleTables): Uint8Array {
  const count = tables.sizes.length;
  if (tables.chunkOffsets.length !== Math.ceil(count / tables.samplesPerChunk))
    throw new RangeError(
      `${count} samples in chunks of ${tables.samplesPerChunk} are not ${tables.chunkOffsets.length} chunks`,
    );
  const kids = childBoxes(moov, 8, moov.length).map((k) => ({
    type: k.type,
    bytes: moov.subarray(k.start, k.start + k.size),
  }));
  const mvhd = kids.find((k) => k.type === 'mvhd');
  const trak = kids.find((k) => k.type === 'trak' && isSound(k.bytes));
  if (!mvhd || !trak) throw new RangeError('no mvhd or no audio track in the moov');
  const mediaScale = mediaTimescale(trak.bytes);
  const ticks = (tables.sampleFrames * mediaScale) / tables.sampleRate;
  if (!Number.isInteger(ticks))
    throw new RangeError(
      `a sample of ${tables.sampleFrames} frames is no whole number of ${mediaScale} Hz ticks`,
    );
  const media = count * ticks;
  const movie = Math.round((media / mediaScale) * timescaleOf(mvhd.bytes, 8));
  const rebuilt = kids.map(({ type, bytes }) => {
    if (type === 'mvhd') return box('mvhd', withDuration(bytes.subarray(8), movie, 'mvhd'));
    if (bytes !== trak.bytes) return bytes;
    return rewrite(bytes, 'trak', (kind, body) => {
      if (kind === 'stbl') return stblWith(body, tables, ticks);
      if (kind === 'mdhd') return withDuration(body, media, 'mdhd');
      if (kind === 'tkhd') return withDuration(body, movie, 'tkhd');
      return body;
    });
  });
  return box('moov', concat(rebuilt));
}

/** A container box rebuilt, `edit` given each box inside (recursively through CONTAINERS) as type and body. */
function rewrite(
  bytes: Uint8Array,
  type: string,
  edit: (type: string, body: Uint8Array) => Uint8Array,
): Uint8Array {
  const kids = childBoxes(bytes, 8, bytes.length).map((kid) => {
    const body = bytes.subarray(kid.start + kid.headerSize, kid.start + kid.size);
    // stbl is rewritten whole (its tables replaced); the containers above it are walked into.
    if (CONTAINERS.includes(kid.type))
      return rewrite(bytes.subarray(kid.start, kid.start + kid.size), kid.type, edit);
    return box(kid.type, edit(kid.type, body));
  });
  return box(type, concat(kids));
}

function stblWith(body: Uint8Array, t: AudioSampleTables, ticks: number): Uint8Array {
  const kept = childBoxes(body, 0, body.length)
    .filter((k) => !TABLES.has(k.type))
    .map((k) => body.subarray(k.start, k.start + k.size));
  const count = t.sizes.length;
  const chunks = t.chunkOffsets.length;
  const rest = count - (chunks - 1) * t.samplesPerChunk;
  const stts = full([1, count, ticks]);
  const runs =
    rest === t.samplesPerChunk || chunks === 1
      ? [[1, chunks === 1 ? count : t.samplesPerChunk]]
      : [
          [1, t.samplesPerChunk],
          [chunks, rest],
        ];
  const stsc = full([runs.length, ...runs.flatMap(([first, per]) => [first!, per!, 1])]);
  const stsz = new Uint8Array(12 + 4 * count);
  const view = new DataView(stsz.buffer);
  view.setUint32(8, count);
  for (let i = 0; i < count; i++) view.setUint32(12 + 4 * i, t.sizes[i]!);
  const wide = t.chunkOffsets.some((o) => o > 0xffffffff);
  const offsets = new Uint8Array(8 + (wide ? 8 : 4) * chunks);
  const ov = new DataView(offsets.buffer);
  ov.setUint32(4, chunks);
  t.chunkOffsets.forEach((o, i) => {
    if (wide) ov.setBigUint64(8 + 8 * i, BigInt(o));
    else ov.setUint32(8 + 4 * i, o);
  });
  return concat([
    ...kept,
    box('stts', stts),
    box('stsc', stsc),
    box('stsz', stsz),
    box(wide ? 'co64' : 'stco', offsets),
  ]);
}

/** A full box's body: version 0, no flags, then these 32-bit fields. */
function full(fields: number[]): Uint8Array {
  return concat([u32be(0), ...fields.map(u32be)]);
}

/** The body (after its 8-byte header) with its duration set: mvhd and mdhd at 16 (v0) / 24 (v1), tkhd at 20 / 28. */
function withDuration(body: Uint8Array, duration: number, type: 'mvhd' | 'mdhd' | 'tkhd'): Uint8Array {
  const out = body.slice();
  const view = new DataView(out.buffer);
  const v1 = out[0] === 1;
  const at = type === 'tkhd' ? (v1 ? 28 : 20) : v1 ? 24 : 16;
  if (v1) view.setBigUint64(at, BigInt(duration));
  else view.setUint32(at, Math.min(duration, 0xffffffff));
  return out;
}

/** mvhd or mdhd timescale, their body starting at `at`. */
function timescaleOf(bytes: Uint8Array, at: number): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return view.getUint32(at + (bytes[at] === 1 ? 20 : 12));
}

function find(
  bytes: Uint8Array,
  path: string[],
): { start: number; headerSize: number; size: number } | undefined {
  let from = 8;
  let to = bytes.length;
  let found: ReturnType<typeof childBoxes>[number] | undefined;
  for (const type of path) {
    found = childBoxes(bytes, from, to).find((k) => k.type === type);
    if (!found) return undefined;
    from = found.start + found.headerSize;
    to = found.start + found.size;
  }
  return found;
}

function mediaTimescale(trak: Uint8Array): number {
  const mdhd = find(trak, ['mdia', 'mdhd']);
  if (!mdhd) throw new RangeError('no mdhd in the audio track');
  return timescaleOf(trak, mdhd.start + mdhd.headerSize);
}

function isSound(trak: Uint8Array): boolean {
  const hdlr = find(trak, ['mdia', 'hdlr']);
  return (
    hdlr !== undefined &&
    String.fromCharCode(
      ...trak.subarray(hdlr.start + hdlr.headerSize + 8, hdlr.start + hdlr.headerSize + 12),
    ) === 'soun'
  );
}
