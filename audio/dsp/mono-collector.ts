import type { PcmSink } from '../pcm.ts';
import { Resampler } from '../resample.ts';
import { mixToMono } from './channel-fold.ts';

// The whole recording as one mono 16-bit track at a low analysis rate, kept as it streams past:
// at 8 kHz an hour is 58 MB, so a recogniser can revisit any stretch without decoding again.
// Stored in a SharedArrayBuffer, so worker threads read it without a copy.

const GROW_SAMPLES = 1 << 20;

export class MonoCollector implements PcmSink {
  private readonly resampler?: Resampler;
  // Samples land in shared memory sized for the expected length, where workers will read them:
  // no final copy (blocks joined at the end held an hour's track twice, 115 MB). A longer
  // recording than expected grows it by copying.
  private samples: Int16Array;
  private total = 0;
  readonly rate: number;

  /** `expectedSeconds`: the recording's length as its header states it (0 when unknown). */
  constructor(inputRate: number, rate: number, expectedSeconds = 0) {
    this.rate = rate;
    if (inputRate !== rate) this.resampler = new Resampler(inputRate, rate, 1);
    this.samples = shared(Math.ceil(expectedSeconds * rate * 1.001) + rate);
  }

  push(channels: Float32Array[]): void {
    const mono = mixToMono(channels);
    this.take(this.resampler ? this.resampler.push([mono])[0]! : mono);
  }

  /** The samples so far (the resampler's tail included): mono, `rate`, 16-bit, shared memory. */
  finish(): Int16Array {
    if (this.resampler) this.take(this.resampler.flush()[0]!);
    return this.samples.subarray(0, this.total);
  }

  private take(block: Float32Array): void {
    const needed = this.total + block.length;
    if (needed > this.samples.length) {
      const grown = shared(Math.max(needed, this.samples.length * 1.5 + GROW_SAMPLES));
      grown.set(this.samples.subarray(0, this.total));
      this.samples = grown;
    }
    for (let i = 0; i < block.length; i++) {
      const s = Math.max(-1, Math.min(1, block[i]!));
      this.samples[this.total++] = Math.round(s * 32767);
    }
  }
}

function shared(length: number): Int16Array {
  return new Int16Array(new SharedArrayBuffer(Math.ceil(length) * 2));
}

/** Samples `from`..`to` (seconds) of a collected track as floats -1..1. */
export function floatSlice(track: Int16Array, rate: number, from: number, to: number): Float32Array {
  const a = Math.max(0, Math.floor(from * rate));
  const b = Math.min(track.length, Math.ceil(to * rate));
  const out = new Float32Array(Math.max(0, b - a));
  for (let i = 0; i < out.length; i++) out[i] = track[a + i]! / 32768;
  return out;
}
