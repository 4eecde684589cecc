// An MP4 box reader written from ISO/IEC 14496-12 (and Apple's QuickTime File Format for the
// chapter text track, Nero's chpl layout), independent of our writers: box headers (32-bit size,
// size 1 = 64-bit largesize, size 0 = to the end of the parent), full-box version and flags, and
// the fields of mvhd (§8.2.2), tkhd (§8.3.2), mdhd (§8.4.2), hdlr (§8.4.3), elst (§8.6.6),
// tref (§8.3.3), stts/stsc/stsz/stco (§8.6.1.2, §8.7.4, §8.7.3, §8.7.5).

export interface Mp4Box {
  type: string;
  /** Offset of the box's first byte within the buffer read. */
  start: number;
  size: number;
  /** The bytes after the header (size and type, and largesize when there is one). */
  body: Uint8Array;
}

const ascii = (bytes: Uint8Array) => String.fromCharCode(...bytes);
const viewOf = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);

/** The boxes laid end to end in `bytes`, which they must fill exactly. */
export function mp4Boxes(bytes: Uint8Array): Mp4Box[] {
  const view = viewOf(bytes);
  const boxes: Mp4Box[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (at + 8 > bytes.length) throw new Error(`${bytes.length - at} stray bytes at ${at}`);
    let size = view.getUint32(at);
    let header = 8;
    if (size === 1) {
      size = Number(view.getBigUint64(at + 8));
      header = 16;
    } else if (size === 0) size = bytes.length - at;
    if (size < header || at + size > bytes.length)
      throw new Error(`box at ${at} of size ${size} runs past its parent (${bytes.length})`);
    boxes.push({
      type: ascii(bytes.subarray(at + 4, at + 8)),
      start: at,
      size,
      body: bytes.subarray(at + header, at + size),
    });
    at += size;
  }
  return boxes;
}

/** The one box at `path` (types, outermost first) under `bytes`; throws when absent or repeated. */
export function mp4Box(bytes: Uint8Array, ...path: string[]): Mp4Box {
  let boxes = mp4Boxes(bytes);
  let found: Mp4Box | undefined;
  for (const type of path) {
    const hits = boxes.filter((b) => b.type === type);
    if (hits.length !== 1) throw new Error(`${hits.length} ${type} boxes at ${path.join('/')}`);
    found = hits[0]!;
    boxes = type === 'stsd' || type === 'dref' ? [] : safeChildren(found.body);
  }
  return found!;
}

function safeChildren(body: Uint8Array): Mp4Box[] {
  try {
    return mp4Boxes(body);
  } catch {
    return []; // a leaf box's fields are no boxes
  }
}

/** Version and flags of a full box, and its fields after them. */
export function fullBox(box: Mp4Box): { version: number; flags: number; fields: DataView; rest: Uint8Array } {
  const b = box.body;
  return {
    version: b[0]!,
    flags: (b[1]! << 16) | (b[2]! << 8) | b[3]!,
    fields: viewOf(b.subarray(4)),
    rest: b.subarray(4),
  };
}

const u64 = (v: DataView, at: number) => Number(v.getBigUint64(at));

/** mvhd: creation, modification, timescale, duration (32 or 64 bit), ..., next_track_ID last. */
export function movieHeader(box: Mp4Box): {
  version: number;
  timescale: number;
  duration: number;
  nextTrackId: number;
} {
  const { version, fields: v } = fullBox(box);
  const wide = version === 1;
  const nextTrackId = v.getUint32(v.byteLength - 4);
  return wide
    ? { version, timescale: v.getUint32(16), duration: u64(v, 20), nextTrackId }
    : { version, timescale: v.getUint32(8), duration: v.getUint32(12), nextTrackId };
}

/** tkhd: flags (1 enabled), track_ID, duration, volume, width/height. */
export function trackHeader(box: Mp4Box): {
  version: number;
  flags: number;
  trackId: number;
  duration: number;
  matrix: number[];
} {
  const { version, flags, fields: v } = fullBox(box);
  const wide = version === 1;
  const trackId = v.getUint32(wide ? 16 : 8);
  const duration = wide ? u64(v, 24) : v.getUint32(16);
  // after duration: reserved 2x32, layer 16, alternate_group 16, volume 16, reserved 16, matrix 9x32
  const matrixAt = (wide ? 32 : 20) + 8 + 8;
  const matrix = Array.from({ length: 9 }, (_, i) => v.getUint32(matrixAt + i * 4));
  return { version, flags, trackId, duration, matrix };
}

/** mdhd: timescale, duration, packed ISO-639-2/T language. */
export function mediaHeader(box: Mp4Box): { timescale: number; duration: number; language: string } {
  const { version, fields: v } = fullBox(box);
  const wide = version === 1;
  const timescale = v.getUint32(wide ? 16 : 8);
  const duration = wide ? u64(v, 20) : v.getUint32(12);
  const packed = v.getUint16(wide ? 28 : 16);
  const language = String.fromCharCode(
    ((packed >> 10) & 31) + 0x60,
    ((packed >> 5) & 31) + 0x60,
    (packed & 31) + 0x60,
  );
  return { timescale, duration, language };
}

/** hdlr: pre_defined, handler_type, 3 reserved words, a NUL-terminated name. */
export function handler(box: Mp4Box): { type: string; name: string } {
  const { rest } = fullBox(box);
  const nameBytes = rest.subarray(20);
  const nul = nameBytes.indexOf(0);
  return {
    type: ascii(rest.subarray(4, 8)),
    name: ascii(nul < 0 ? nameBytes : nameBytes.subarray(0, nul)),
  };
}

export interface EditEntry {
  segmentDuration: number;
  mediaTime: number;
  rateInteger: number;
  rateFraction: number;
}

/** elst: entry_count, then (segment_duration, media_time) 32 or 64 bit, media_rate 16.16. */
export function editList(box: Mp4Box): { version: number; entries: EditEntry[] } {
  const { version, fields: v } = fullBox(box);
  const wide = version === 1;
  const count = v.getUint32(0);
  const size = wide ? 20 : 12;
  if (4 + count * size !== v.byteLength)
    throw new Error(`elst of ${count} entries holds ${v.byteLength - 4} bytes, not ${count * size}`);
  const entries = Array.from({ length: count }, (_, i) => {
    const at = 4 + i * size;
    return wide
      ? {
          segmentDuration: u64(v, at),
          mediaTime: Number(v.getBigInt64(at + 8)),
          rateInteger: v.getInt16(at + 16),
          rateFraction: v.getInt16(at + 18),
        }
      : {
          segmentDuration: v.getUint32(at),
          mediaTime: v.getInt32(at + 4),
          rateInteger: v.getInt16(at + 8),
          rateFraction: v.getInt16(at + 10),
        };
  });
  return { version, entries };
}

/** A box whose body is a list of 32-bit numbers (tref's reference types: track IDs). */
export function u32List(box: Mp4Box): number[] {
  const v = viewOf(box.body);
  if (box.body.length % 4 !== 0) throw new Error(`${box.type} is no list of 32-bit numbers`);
  return Array.from({ length: box.body.length / 4 }, (_, i) => v.getUint32(i * 4));
}

/** stts: (sample_count, sample_delta) pairs. */
export function timeToSample(box: Mp4Box): Array<[number, number]> {
  const { fields: v } = fullBox(box);
  const count = v.getUint32(0);
  if (v.byteLength !== 4 + count * 8) throw new Error('stts size does not match its count');
  return Array.from({ length: count }, (_, i) => [v.getUint32(4 + i * 8), v.getUint32(8 + i * 8)]);
}

/** stsc: (first_chunk, samples_per_chunk, sample_description_index) triples. */
export function sampleToChunk(box: Mp4Box): Array<[number, number, number]> {
  const { fields: v } = fullBox(box);
  const count = v.getUint32(0);
  if (v.byteLength !== 4 + count * 12) throw new Error('stsc size does not match its count');
  return Array.from({ length: count }, (_, i) => [
    v.getUint32(4 + i * 12),
    v.getUint32(8 + i * 12),
    v.getUint32(12 + i * 12),
  ]);
}

/** stsz: each sample's size (a constant sample_size, or a table when it is 0). */
export function sampleSizes(box: Mp4Box): number[] {
  const { fields: v } = fullBox(box);
  const constant = v.getUint32(0);
  const count = v.getUint32(4);
  if (constant !== 0) return Array.from({ length: count }, () => constant);
  if (v.byteLength !== 8 + count * 4) throw new Error('stsz size does not match its count');
  return Array.from({ length: count }, (_, i) => v.getUint32(8 + i * 4));
}

/** stco: chunk offsets from the start of the file. */
export function chunkOffsets(box: Mp4Box): number[] {
  const { fields: v } = fullBox(box);
  const count = v.getUint32(0);
  if (v.byteLength !== 4 + count * 4) throw new Error('stco size does not match its count');
  return Array.from({ length: count }, (_, i) => v.getUint32(4 + i * 4));
}

export interface NeroChapter {
  /** 100 ns units. */
  start: bigint;
  title: string;
}

/**
 * Nero's chpl (moov/udta/chpl), as ffmpeg's mov_read_chpl reads it: version 1 and flags, a
 * reserved 32-bit word, an 8-bit count, then per chapter a 64-bit start in 100 ns units and an
 * 8-bit-length-prefixed UTF-8 title.
 */
export function neroChapters(box: Mp4Box): { version: number; reserved: number; chapters: NeroChapter[] } {
  const { version, fields: v, rest } = fullBox(box);
  const reserved = v.getUint32(0);
  const count = rest[4]!;
  const chapters: NeroChapter[] = [];
  let at = 5;
  for (let i = 0; i < count; i++) {
    const start = v.getBigUint64(at);
    const length = rest[at + 8]!;
    const title = new TextDecoder('utf-8', { fatal: true }).decode(rest.subarray(at + 9, at + 9 + length));
    chapters.push({ start, title });
    at += 9 + length;
  }
  if (at !== rest.length) throw new Error(`chpl entries end at ${at}, the box at ${rest.length}`);
  return { version, reserved, chapters };
}

/**
 * The chapter titles of a QuickTime text track: each sample a 16-bit length, that many bytes of
 * text, then optional atoms (encd: 0x100 says UTF-8). `file` is the whole file (stco offsets).
 */
export function textSamples(
  file: Uint8Array,
  stsc: Array<[number, number, number]>,
  sizes: number[],
  offsets: number[],
): Array<{ text: string; atoms: Mp4Box[] }> {
  const out: Array<{ text: string; atoms: Mp4Box[] }> = [];
  let sample = 0;
  offsets.forEach((offset, chunkIndex) => {
    const chunk = chunkIndex + 1;
    const rule = [...stsc].reverse().find(([first]) => first <= chunk);
    if (!rule) throw new Error(`no stsc entry for chunk ${chunk}`);
    let at = offset;
    for (let i = 0; i < rule[1] && sample < sizes.length; i++, sample++) {
      const bytes = file.subarray(at, at + sizes[sample]!);
      const length = (bytes[0]! << 8) | bytes[1]!;
      const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(2, 2 + length));
      out.push({ text, atoms: mp4Boxes(bytes.subarray(2 + length)) });
      at += sizes[sample]!;
    }
  });
  if (sample !== sizes.length) throw new Error(`${sizes.length - sample} samples lie in no chunk`);
  return out;
}
