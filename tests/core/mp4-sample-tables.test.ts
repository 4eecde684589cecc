import { BufferTarget, EncodedAudioPacketSource, EncodedPacket, Mp4OutputFormat, Output } from 'mediabunny';
import { describe, expect, it } from 'vitest';
import { concat } from '../../audio/export/bytes.ts';
import { box, childBoxes } from '../../audio/export/mp4-chapters.ts';
import { withAudioSampleTables } from '../../audio/export/mp4-sample-tables.ts';
import { mp4Box } from '../support/mp4-reader.ts';

// The spliced AAC of a parallel encode gets its sample tables from an array of sizes
// (mp4-sample-tables.ts) in a moov mediabunny wrote for one packet. Read back box by box here;
// tests/core/export-formats and production-export read whole files back with ffprobe.

async function oneSampleMoov(): Promise<Uint8Array> {
  const target = new BufferTarget();
  const output = new Output({ format: new Mp4OutputFormat({ fastStart: false }), target });
  const source = new EncodedAudioPacketSource('aac');
  output.addAudioTrack(source);
  await output.start();
  const decoderConfig = {
    codec: 'mp4a.40.2',
    numberOfChannels: 1,
    sampleRate: 44_100,
    description: Uint8Array.of(0x12, 0x08),
  };
  await source.add(new EncodedPacket(new Uint8Array(9), 'key', 0, 1024 / 44_100), { decoderConfig });
  source.close();
  await output.finalize();
  const bytes = new Uint8Array(target.buffer!);
  const moov = childBoxes(bytes, 0, bytes.length).find((b) => b.type === 'moov')!;
  return bytes.slice(moov.start, moov.start + moov.size);
}

/** The first box of `type` directly inside `moov`, whole. */
function childBoxOf(moov: Uint8Array, type: string): Uint8Array {
  const kid = childBoxes(moov, 8, moov.length).find((k) => k.type === type)!;
  return moov.slice(kid.start, kid.start + kid.size);
}

/** The body of the one box at `path` in `outer` (a whole box: a moov, a trak), read independently. */
function body(outer: Uint8Array, path: string[]): DataView {
  const found = mp4Box(outer, String.fromCharCode(...outer.subarray(4, 8)), ...path).body;
  return new DataView(found.buffer, found.byteOffset, found.byteLength);
}

const STBL = ['trak', 'mdia', 'minf', 'stbl'];
const TABLES_OF_FIVE = {
  sizes: Uint32Array.of(10, 20, 30, 40, 50),
  sampleFrames: 1024,
  sampleRate: 44_100,
  samplesPerChunk: 2,
  chunkOffsets: [100, 130, 170],
};

/** `bytes` (a whole box) rebuilt with each box at `path` (types below it) replaced by `edit`'s boxes. */
function edited(bytes: Uint8Array, path: string[], edit: (whole: Uint8Array) => Uint8Array[]): Uint8Array {
  const [type, ...below] = path;
  const kids = childBoxes(bytes, 8, bytes.length).flatMap((k) => {
    const whole = bytes.subarray(k.start, k.start + k.size);
    if (k.type !== type) return [whole];
    return below.length === 0 ? edit(whole) : [edited(whole, below, edit)];
  });
  return box(String.fromCharCode(...bytes.subarray(4, 8)), concat(kids));
}

/**
 * A version-0 mvhd, mdhd or tkhd box as version 1 (ISO/IEC 14496-12 §8.2.2, §8.4.2, §8.3.2): the
 * 32-bit words after version and flags numbered `widen` (creation, modification and duration)
 * become 64-bit.
 */
function toVersion1(whole: Uint8Array, widen: number[]): Uint8Array {
  const body = whole.subarray(8);
  const wordsEnd = 4 + 4 * (Math.max(...widen) + 1);
  const parts: Uint8Array[] = [Uint8Array.of(1, ...body.subarray(1, 4))];
  for (let w = 0; 4 + 4 * w < wordsEnd; w++) {
    if (widen.includes(w)) parts.push(new Uint8Array(4));
    parts.push(body.subarray(4 + 4 * w, 8 + 4 * w));
  }
  parts.push(body.subarray(wordsEnd));
  return box(String.fromCharCode(...whole.subarray(4, 8)), concat(parts));
}

/** The types of the boxes in the box at `path`. */
function kidTypes(moov: Uint8Array, path: string[]): string[] {
  const view = body(moov, path);
  const bytes = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
  return childBoxes(bytes, 0, bytes.length).map((k) => k.type);
}
const u32s = (view: DataView, from: number, n: number) =>
  Array.from({ length: n }, (_, i) => view.getUint32(from + 4 * i));

describe('withAudioSampleTables', () => {
  it('writes stts, stsc, stsz and stco for the samples, and every duration', async () => {
    const template = await oneSampleMoov();
    const moov = withAudioSampleTables(template, {
      sizes: Uint32Array.of(10, 20, 30, 40, 50),
      sampleFrames: 1024,
      sampleRate: 44_100,
      samplesPerChunk: 2,
      chunkOffsets: [100, 130, 170],
    });
    const mdhd = body(moov, ['trak', 'mdia', 'mdhd']);
    const scale = mdhd.getUint32(12);
    const tick = (1024 * scale) / 44_100;
    expect(u32s(body(moov, [...STBL, 'stts']), 4, 3)).toEqual([1, 5, tick]);
    // Chunks of two, and the last chunk of one.
    expect(u32s(body(moov, [...STBL, 'stsc']), 4, 7)).toEqual([2, 1, 2, 1, 3, 1, 1]);
    expect(u32s(body(moov, [...STBL, 'stsz']), 4, 7)).toEqual([0, 5, 10, 20, 30, 40, 50]);
    expect(u32s(body(moov, [...STBL, 'stco']), 4, 4)).toEqual([3, 100, 130, 170]);
    expect(mdhd.getUint32(16)).toBe(5 * tick);
    const mvhd = body(moov, ['mvhd']);
    expect(mvhd.getUint32(16)).toBe(Math.round(((5 * 1024) / 44_100) * mvhd.getUint32(12)));
    expect(body(moov, ['trak', 'tkhd']).getUint32(20)).toBe(mvhd.getUint32(16));
    // The sample description is the template's, untouched.
    const stsd = (m: Uint8Array) => {
      const v = body(m, [...STBL, 'stsd']);
      return Array.from(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
    };
    expect(stsd(moov)).toEqual(stsd(template));
  });

  it('sets the durations of version-1 headers (64-bit) at their own places', async () => {
    let template = await oneSampleMoov();
    template = edited(template, ['mvhd'], (b) => [toVersion1(b, [0, 1, 3])]);
    template = edited(template, ['trak', 'tkhd'], (b) => [toVersion1(b, [0, 1, 4])]);
    template = edited(template, ['trak', 'mdia', 'mdhd'], (b) => [toVersion1(b, [0, 1, 3])]);
    const moov = withAudioSampleTables(template, TABLES_OF_FIVE);
    const mdhd = body(moov, ['trak', 'mdia', 'mdhd']);
    expect(mdhd.getUint8(0)).toBe(1);
    const scale = mdhd.getUint32(20);
    expect(scale).toBeGreaterThan(0);
    const tick = (1024 * scale) / 44_100;
    expect(mdhd.getBigUint64(24)).toBe(BigInt(5 * tick));
    expect(u32s(body(moov, [...STBL, 'stts']), 4, 3)).toEqual([1, 5, tick]);
    const mvhd = body(moov, ['mvhd']);
    const movie = Math.round(((5 * 1024) / 44_100) * mvhd.getUint32(20));
    expect(movie).toBeGreaterThan(0);
    expect(mvhd.getBigUint64(24)).toBe(BigInt(movie));
    expect(body(moov, ['trak', 'tkhd']).getBigUint64(28)).toBe(BigInt(movie));
  });

  it('rewrites the audio track when another track comes first, and leaves that one alone', async () => {
    const template = await oneSampleMoov();
    // A copy of the audio track handled as text (as a chapter track is), put before it.
    const asText = (trak: Uint8Array) =>
      edited(trak, ['mdia', 'hdlr'], (h) => {
        const copy = h.slice();
        copy.set([0x74, 0x65, 0x78, 0x74], 16); // handler_type 'text'
        return [copy];
      });
    const twoTracks = edited(template, ['trak'], (trak) => [asText(trak), trak]);
    const moov = withAudioSampleTables(twoTracks, TABLES_OF_FIVE);
    const traks = childBoxes(moov, 8, moov.length).filter((k) => k.type === 'trak');
    expect(traks).toHaveLength(2);
    const [text, audio] = traks.map((k) => moov.slice(k.start, k.start + k.size));
    expect(Array.from(text!)).toEqual(Array.from(asText(childBoxOf(template, 'trak'))));
    expect(u32s(body(audio!, ['mdia', 'minf', 'stbl', 'stsz']), 4, 7)).toEqual([0, 5, 10, 20, 30, 40, 50]);
  });

  it('replaces every sample table the template had (sync, composition, groups, 64-bit offsets) and changes nothing of the template', async () => {
    const template = edited(await oneSampleMoov(), STBL, (stbl) => [
      box(
        'stbl',
        concat([
          stbl.subarray(8),
          ...['stss', 'ctts', 'sgpd', 'sbgp', 'co64'].map((type) => box(type, new Uint8Array(8))),
        ]),
      ),
    ]);
    const before = template.slice();
    const moov = withAudioSampleTables(template, TABLES_OF_FIVE);
    expect(kidTypes(template, STBL)).toEqual(
      expect.arrayContaining(['stss', 'ctts', 'sgpd', 'sbgp', 'co64']),
    );
    expect(kidTypes(moov, STBL).sort()).toEqual(['stco', 'stsc', 'stsd', 'stsz', 'stts']);
    expect(template).toEqual(before);
  });

  it('writes one stsc run when the chunks divide the samples evenly, or there is one chunk', async () => {
    const template = await oneSampleMoov();
    const stsc = (moov: Uint8Array, n: number) => u32s(body(moov, [...STBL, 'stsc']), 4, n);
    const even = withAudioSampleTables(template, {
      ...TABLES_OF_FIVE,
      sizes: Uint32Array.of(1, 2, 3, 4),
      chunkOffsets: [100, 200],
    });
    expect(stsc(even, 4)).toEqual([1, 1, 2, 1]);
    const one = withAudioSampleTables(template, {
      ...TABLES_OF_FIVE,
      sizes: Uint32Array.of(1, 2, 3),
      samplesPerChunk: 5,
      chunkOffsets: [100],
    });
    expect(stsc(one, 4)).toEqual([1, 1, 3, 1]);
  });

  it('keeps 32-bit chunk offsets up to 4 GB - 1', async () => {
    const moov = withAudioSampleTables(await oneSampleMoov(), {
      ...TABLES_OF_FIVE,
      sizes: Uint32Array.of(7),
      chunkOffsets: [0xffffffff],
    });
    expect(u32s(body(moov, [...STBL, 'stco']), 4, 2)).toEqual([1, 0xffffffff]);
  });

  it('writes 64-bit chunk offsets past 4 GB', async () => {
    const moov = withAudioSampleTables(await oneSampleMoov(), {
      sizes: Uint32Array.of(7, 7, 7),
      sampleFrames: 1024,
      sampleRate: 44_100,
      samplesPerChunk: 2,
      chunkOffsets: [2 ** 32 - 10, 2 ** 32 + 4],
    });
    const co64 = body(moov, [...STBL, 'co64']);
    expect(co64.getUint32(4)).toBe(2);
    expect([co64.getBigUint64(8), co64.getBigUint64(16)]).toEqual([
      BigInt(2 ** 32 - 10),
      BigInt(2 ** 32 + 4),
    ]);
    expect(() => body(moov, [...STBL, 'stco'])).toThrow('0 stco boxes');
  });

  it('refuses chunks that do not hold the samples', async () => {
    const template = await oneSampleMoov();
    const tables = {
      sizes: Uint32Array.of(1, 2, 3),
      sampleFrames: 1024,
      sampleRate: 44_100,
      samplesPerChunk: 2,
    };
    expect(() => withAudioSampleTables(template, { ...tables, chunkOffsets: [0] })).toThrow(
      /3 samples in chunks of 2 are not 1 chunks/,
    );
    expect(() =>
      withAudioSampleTables(template, { ...tables, sampleRate: 48_000, chunkOffsets: [0, 9] }),
    ).toThrow(/a sample of 1024 frames is no whole number of \d+ Hz ticks/);
  });

  it('refuses a moov with no audio track, or an audio track with no mdhd', async () => {
    const template = await oneSampleMoov();
    expect(() =>
      withAudioSampleTables(
        edited(template, ['trak'], () => []),
        TABLES_OF_FIVE,
      ),
    ).toThrow('no mvhd or no audio track in the moov');
    expect(() =>
      withAudioSampleTables(
        edited(template, ['mvhd'], () => []),
        TABLES_OF_FIVE,
      ),
    ).toThrow('no mvhd or no audio track in the moov');
    expect(() =>
      withAudioSampleTables(
        edited(template, ['trak', 'mdia', 'mdhd'], () => []),
        TABLES_OF_FIVE,
      ),
    ).toThrow('no mdhd in the audio track');
  });
});
