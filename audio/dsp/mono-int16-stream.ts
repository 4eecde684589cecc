import type { PcmSink } from '../pcm.ts';
import { Resampler } from '../resample.ts';
import { mixToMono } from './mix-to-mono.ts';

// A recording as it streams past, made mono 16-bit at `rate` block by block (the samples
// MonoCollector keeps, the same way: channels averaged, resampled, clipped, rounded), each block
// handed on instead of kept: for a cache on disk of a long recording.

export class MonoInt16Stream implements PcmSink {
  private readonly resampler?: Resampler;
  private readonly onBlock: (samples: Int16Array) => void;
  readonly rate: number;

  /** `onBlock` gets each converted block (only valid during the call). */
  constructor(inputRate: number, rate: number, onBlock: (samples: Int16Array) => void) {
    this.rate = rate;
    this.onBlock = onBlock;
    if (inputRate !== rate) this.resampler = new Resampler(inputRate, rate, 1);
  }

  push(channels: Float32Array[]): void {
    const mono = mixToMono(channels);
    this.take(this.resampler ? this.resampler.push([mono])[0]! : mono);
  }

  /** The resampler's tail. */
  finish(): void {
    if (this.resampler) this.take(this.resampler.flush()[0]!);
  }

  private take(block: Float32Array): void {
    const out = new Int16Array(block.length);
    for (let i = 0; i < block.length; i++) out[i] = Math.round(Math.max(-1, Math.min(1, block[i]!)) * 32767);
    this.onBlock(out);
  }
}
