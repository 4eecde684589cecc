import { InputError } from '../../cues/input-error.ts';
import type { PcmSink } from '../pcm.ts';

// Min/max peaks at several zoom levels (like audiowaveform's data), built while decoding so a
// 3-hour file never sits in memory. Values are 16-bit (x / 32767), all channels folded together.

export interface PeakLevel {
  samplesPerPixel: number;
  /** Interleaved min, max pairs. */
  data: Int16Array;
}

export interface PeakPyramid {
  sampleRate: number;
  frames: number;
  levels: PeakLevel[];
}

export const BASE_SAMPLES_PER_PIXEL = 256;
const TOP_SAMPLES_PER_PIXEL = 65_536;

export class PeakBuilder implements PcmSink {
  private data = new Int16Array(8192);
  private pairs = 0;
  private min = 1;
  private max = -1;
  private inBin = 0;
  private frames = 0;
  private readonly sampleRate: number;

  constructor(sampleRate: number) {
    this.sampleRate = sampleRate;
  }

  push(channels: Float32Array[]): void {
    const n = channels[0]?.length ?? 0;
    let at = 0;
    // Whole runs of a bin at a time, one channel after another: tight loops the JIT keeps in registers.
    while (at < n) {
      const take = Math.min(n - at, BASE_SAMPLES_PER_PIXEL - this.inBin);
      let min = this.min;
      let max = this.max;
      for (const channel of channels) {
        for (let i = at, end = at + take; i < end; i++) {
          const x = channel[i]!;
          if (x < min) min = x;
          if (x > max) max = x;
        }
      }
      this.min = min;
      this.max = max;
      this.inBin += take;
      at += take;
      if (this.inBin === BASE_SAMPLES_PER_PIXEL) this.closeBin();
    }
    this.frames += n;
  }

  private closeBin(): void {
    if (this.pairs * 2 === this.data.length) {
      const grown = new Int16Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.pairs * 2] = quantize(this.min);
    this.data[this.pairs * 2 + 1] = quantize(this.max);
    this.pairs++;
    this.min = 1;
    this.max = -1;
    this.inBin = 0;
  }

  finish(): PeakPyramid {
    if (this.inBin > 0) this.closeBin();
    const levels: PeakLevel[] = [
      { samplesPerPixel: BASE_SAMPLES_PER_PIXEL, data: this.data.slice(0, this.pairs * 2) },
    ];
    while (levels[levels.length - 1]!.samplesPerPixel < TOP_SAMPLES_PER_PIXEL) {
      levels.push(halve(levels[levels.length - 1]!));
    }
    return { sampleRate: this.sampleRate, frames: this.frames, levels };
  }
}

/** The level with the most detail that still has at most `samplesPerPixel` per bin. */
export function levelFor(pyramid: PeakPyramid, samplesPerPixel: number): PeakLevel {
  let best = pyramid.levels[0]!;
  for (const level of pyramid.levels) if (level.samplesPerPixel <= samplesPerPixel) best = level;
  return best;
}

function halve(level: PeakLevel): PeakLevel {
  const pairs = Math.ceil(level.data.length / 4);
  const data = new Int16Array(pairs * 2);
  for (let i = 0; i < pairs; i++) {
    const a = i * 4;
    const hasSecond = a + 2 < level.data.length;
    data[i * 2] = hasSecond ? Math.min(level.data[a]!, level.data[a + 2]!) : level.data[a]!;
    data[i * 2 + 1] = hasSecond ? Math.max(level.data[a + 1]!, level.data[a + 3]!) : level.data[a + 1]!;
  }
  return { samplesPerPixel: level.samplesPerPixel * 2, data };
}

function quantize(x: number): number {
  return Math.round(Math.max(-1, Math.min(1, x)) * 32767);
}

// Binary cache format: "CWPK", version, sample rate, frames, level count; then per level its
// samples-per-pixel, pair count and the Int16 data. Little-endian throughout.
const MAGIC = 0x4b505743; // "CWPK"
const VERSION = 1;

export function serializePeaks(pyramid: PeakPyramid): Uint8Array {
  const size = 24 + pyramid.levels.reduce((n, l) => n + 8 + l.data.byteLength, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, VERSION, true);
  view.setUint32(8, pyramid.sampleRate, true);
  view.setFloat64(12, pyramid.frames, true);
  view.setUint32(20, pyramid.levels.length, true);
  let at = 24;
  for (const level of pyramid.levels) {
    view.setUint32(at, level.samplesPerPixel, true);
    view.setUint32(at + 4, level.data.length / 2, true);
    at += 8;
    out.set(new Uint8Array(level.data.buffer, level.data.byteOffset, level.data.byteLength), at);
    at += level.data.byteLength;
  }
  return out;
}

export function deserializePeaks(bytes: Uint8Array): PeakPyramid {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 24 || view.getUint32(0, true) !== MAGIC)
    throw new InputError('not a Cuewright peaks file');
  if (view.getUint32(4, true) !== VERSION) throw new InputError('peaks file from another version');
  const levels: PeakLevel[] = [];
  let at = 24;
  for (let i = view.getUint32(20, true); i > 0; i--) {
    if (at + 8 > bytes.length) throw new InputError('truncated peaks file');
    const samplesPerPixel = view.getUint32(at, true);
    const pairs = view.getUint32(at + 4, true);
    at += 8;
    if (at + pairs * 4 > bytes.length) throw new InputError('truncated peaks file');
    const data = new Int16Array(pairs * 2);
    new Uint8Array(data.buffer).set(bytes.subarray(at, at + pairs * 4));
    at += pairs * 4;
    levels.push({ samplesPerPixel, data });
  }
  return { sampleRate: view.getUint32(8, true), frames: view.getFloat64(12, true), levels };
}
