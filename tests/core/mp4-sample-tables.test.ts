import { BufferTarget, EncodedAudioPacketSource, EncodedPacket, Mp4OutputFormat, Output } from 'mediabunny';
import { describe, expect, it } from 'vitest';
import { childBoxes } from '../../audio/export/mp4-chapters.ts';
import { withAudioSampleTables } from '../../audio/export/mp4-sample-tables.ts';

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

/** The body of the box at `path` (types from the moov down). */
function body(moov: Uint8Array, path: string[]): DataView {
  let from = 8;
  let to = moov.length;
  for (const type of path) {
    const kid = childBoxes(moov, from, to).find((k) => k.type === type);
    if (!kid) throw new Error(`no ${type}`);
    from = kid.start + kid.headerSize;
    to = kid.start + kid.size;
  }
  return new DataView(moov.buffer, moov.byteOffset + from, to - from);
}

const STBL = ['trak', 'mdia', 'minf', 'stbl'];
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
    expect(() => body(moov, [...STBL, 'stco'])).toThrow('no stco');
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
    ).toThrow(RangeError);
  });
});
