import type { PeaksData } from '../../../src/shared/ipc.ts';

// Peaks at the resolution the zoom needs: about one min/max pair per pixel. Drawing 3 hours at
// 2 px/s from the finest level meant a million points per frame; from the matching level it is
// twenty thousand. Levels are fetched once each and kept.

const COARSEST = 65_536;
/** Never ask for more than this many pairs (about 4 MB), whatever the length. */
const MAX_PAIRS = 1_000_000;

export class PeakLevels {
  private readonly cache = new Map<number, Promise<Float32Array>>();
  private readonly fetch: (samplesPerPixel: number) => Promise<PeaksData>;
  readonly sampleRate: number;
  readonly finest: number;

  constructor(fetch: (samplesPerPixel: number) => Promise<PeaksData>, sampleRate: number, frames: number) {
    this.fetch = fetch;
    this.sampleRate = sampleRate;
    this.finest = Math.max(256, 2 ** Math.ceil(Math.log2(Math.max(1, frames / MAX_PAIRS))));
  }

  /** The stored level (a power of two) with at least one pair per pixel at this zoom. */
  levelFor(pxPerSec: number): number {
    const wanted = 2 ** Math.floor(Math.log2(Math.max(1, this.sampleRate / pxPerSec)));
    return Math.min(COARSEST, Math.max(this.finest, wanted));
  }

  get(samplesPerPixel: number): Promise<Float32Array> {
    let level = this.cache.get(samplesPerPixel);
    if (!level) {
      level = this.fetch(samplesPerPixel).then(toFloats);
      this.cache.set(samplesPerPixel, level);
    }
    return level;
  }
}

/** The back end's 16-bit min/max pairs as floats in -1..1. */
export function toFloats(peaks: PeaksData): Float32Array {
  const values = new Int16Array(peaks.data.buffer, peaks.data.byteOffset, peaks.data.byteLength / 2);
  const floats = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) floats[i] = values[i]! / 32767;
  return floats;
}

/** The largest magnitude: every level has the same one (min/max survive halving). */
export function maxMagnitude(values: Float32Array): number {
  let max = 1e-6;
  for (const v of values) if (Math.abs(v) > max) max = Math.abs(v);
  return max;
}
