import type { PcmSink } from '../pcm.ts';
import { Resampler } from '../resample.ts';

// The whole recording as one mono 16-bit track at a low analysis rate, kept as it streams past:
// at 8 kHz an hour is 58 MB, so a recogniser can revisit any stretch without decoding again.
// Stored in a SharedArrayBuffer, so worker threads read it without a copy.

const BLOCK = 1 << 20;

export class MonoCollector implements PcmSink {
  private readonly resampler?: Resampler;
  private blocks: Int16Array[] = [];
  private filled = 0;
  private total = 0;

  readonly rate: number;

  constructor(inputRate: number, rate: number) {
    this.rate = rate;
    if (inputRate !== rate) this.resampler = new Resampler(inputRate, rate, 1);
  }

  push(channels: Float32Array[]): void {
    const n = channels[0]?.length ?? 0;
    const mono = new Float32Array(n);
    for (const channel of channels) for (let i = 0; i < n; i++) mono[i]! += channel[i]! / channels.length;
    this.take(this.resampler ? this.resampler.push([mono])[0]! : mono);
  }

  /** The samples so far (the resampler's tail included): mono, `rate`, 16-bit, shared memory. */
  finish(): Int16Array {
    if (this.resampler) this.take(this.resampler.flush()[0]!);
    const out = new Int16Array(new SharedArrayBuffer(this.total * 2));
    let at = 0;
    for (const block of this.blocks) {
      const n = Math.min(block.length, this.total - at);
      out.set(block.subarray(0, n), at);
      at += n;
    }
    this.blocks = [];
    return out;
  }

  private take(samples: Float32Array): void {
    for (let i = 0; i < samples.length; i++) {
      if (this.blocks.length === 0 || this.filled === BLOCK) {
        this.blocks.push(new Int16Array(BLOCK));
        this.filled = 0;
      }
      const s = Math.max(-1, Math.min(1, samples[i]!));
      this.blocks.at(-1)![this.filled++] = Math.round(s * 32767);
      this.total++;
    }
  }
}

/** Samples `from`..`to` (seconds) of a collected track as floats -1..1. */
export function floatSlice(track: Int16Array, rate: number, from: number, to: number): Float32Array {
  const a = Math.max(0, Math.floor(from * rate));
  const b = Math.min(track.length, Math.ceil(to * rate));
  const out = new Float32Array(Math.max(0, b - a));
  for (let i = 0; i < out.length; i++) out[i] = track[a + i]! / 32768;
  return out;
}
