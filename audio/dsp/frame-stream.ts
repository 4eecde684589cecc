import { Resampler } from '../resample.ts';
import { mixToMono } from './channel-fold.ts';

// Audio cut into overlapping analysis frames as it streams past, for the feature extractors
// (MFCC, pitch): channels mixed to mono, resampled to the analysis rate, optionally filtered,
// then a frame of `length` samples every `hop`. Only a few frames of samples are ever held.

export interface FrameStreamOptions {
  /** The analysis sample rate. */
  rate: number;
  length: number;
  hop: number;
  /** Applied in place to each resampled block (a pre-filter with state across blocks). */
  filter?: (samples: Float32Array) => Float32Array;
}

export class FrameStream {
  private readonly options: FrameStreamOptions;
  private readonly onFrame: (samples: Float32Array, at: number) => void;
  private readonly resampler?: Resampler;
  private pending: Float32Array;
  private pendingLength = 0;

  /** `onFrame(samples, at)`: the frame is `samples[at .. at + length)`, valid during the call. */
  constructor(
    inputRate: number,
    options: FrameStreamOptions,
    onFrame: (samples: Float32Array, at: number) => void,
  ) {
    this.options = options;
    this.onFrame = onFrame;
    this.pending = new Float32Array(options.length * 8);
    if (inputRate !== options.rate) this.resampler = new Resampler(inputRate, options.rate, 1);
  }

  push(channels: Float32Array[]): void {
    const mono = mixToMono(channels);
    this.take(this.resampler ? this.resampler.push([mono])[0]! : mono);
  }

  /** The resampler's tail: call once, after the last push. */
  flush(): void {
    if (this.resampler) this.take(this.resampler.flush()[0]!);
  }

  private take(block: Float32Array): void {
    const samples = this.options.filter ? this.options.filter(block) : block;
    if (this.pendingLength + samples.length > this.pending.length) {
      const grown = new Float32Array(Math.max(this.pending.length * 2, this.pendingLength + samples.length));
      grown.set(this.pending.subarray(0, this.pendingLength));
      this.pending = grown;
    }
    this.pending.set(samples, this.pendingLength);
    this.pendingLength += samples.length;
    const { length, hop } = this.options;
    let at = 0;
    while (at + length <= this.pendingLength) {
      this.onFrame(this.pending, at);
      at += hop;
    }
    this.pending.copyWithin(0, at, this.pendingLength);
    this.pendingLength -= at;
  }
}

/**
 * Fixed-size blocks joined into `into` (as many values as it holds; the blocks are released).
 * Extractors store their output in blocks because growing one array would copy it (and briefly
 * double it) again and again.
 */
export function concatBlocks<A extends Int16Array | Float32Array>(blocks: A[], into: A): A {
  let at = 0;
  for (const block of blocks) {
    if (at >= into.length) break;
    into.set(block.subarray(0, Math.min(block.length, into.length - at)), at);
    at += block.length;
  }
  blocks.length = 0;
  return into;
}
