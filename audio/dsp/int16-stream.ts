import type { PcmSink } from '../pcm.ts';
import { Resampler } from '../resample.ts';
import { foldChannels, mixToMono } from './channel-fold.ts';

// A recording as it streams past, made 16-bit at `rate` block by block (the samples
// MonoCollector keeps, the same way: resampled, clipped, rounded), each block handed on instead
// of kept: for a cache on disk of a long recording. Mono (channels folded, as MonoCollector
// does), or, when asked, a recording of two channels or more as a stereo pair (a drama's sound,
// panned as a pair; surround folded to stereo, channel-fold.ts).

export class Int16Stream implements PcmSink {
  private readonly resampler?: Resampler;
  private readonly onBlock: (channels: Int16Array[]) => void;
  readonly rate: number;
  /** Channels handed on: 1, or 2 for a recording of two channels or more kept stereo. */
  readonly channels: 1 | 2;

  /**
   * `inputChannels` at `inputRate` in, `channels` at `rate` out; `onBlock` gets each converted
   * block, one array per channel (only valid during the call).
   */
  constructor(
    inputRate: number,
    inputChannels: number,
    rate: number,
    keepStereo: boolean,
    onBlock: (channels: Int16Array[]) => void,
  ) {
    this.rate = rate;
    this.channels = keepStereo && inputChannels >= 2 ? 2 : 1;
    this.onBlock = onBlock;
    if (inputRate !== rate) this.resampler = new Resampler(inputRate, rate, this.channels);
  }

  push(channels: Float32Array[]): void {
    // A stereo block as it is: the resampler copies it in, take() converts it at once.
    const kept =
      this.channels === 1
        ? [mixToMono(channels)]
        : channels.length === 2
          ? channels
          : foldChannels(channels, 2);
    this.take(this.resampler ? this.resampler.push(kept) : kept);
  }

  /** The resampler's tail. */
  finish(): void {
    if (this.resampler) this.take(this.resampler.flush());
  }

  private take(blocks: Float32Array[]): void {
    this.onBlock(
      blocks.map((block) => {
        const out = new Int16Array(block.length);
        for (let i = 0; i < block.length; i++)
          out[i] = Math.round(Math.max(-1, Math.min(1, block[i]!)) * 32767);
        return out;
      }),
    );
  }
}
