import { Resampler } from '../resample.ts';

// The recording brought to the delivered file's channel count and rate, block by block: channels
// folded to mono by their mean (a centred voice keeps its level; BS.1770 then reads a stereo
// recording's dual-mono content 3 LU quieter, which the loudness gain makes up) or mono spread
// to two, then resampled without delay (audio/resample.ts), so cue and chapter times survive.

export class DeliveryConverter {
  private readonly channels: number;
  private readonly resampler: Resampler | undefined;

  constructor(from: { sampleRate: number; channels: number }, to: { sampleRate: number; channels: number }) {
    this.channels = to.channels;
    this.resampler =
      from.sampleRate === to.sampleRate
        ? undefined
        : new Resampler(from.sampleRate, to.sampleRate, to.channels);
  }

  /** The converted block (new arrays: callers may change them in place). */
  push(channels: Float32Array[]): Float32Array[] {
    const mapped = mapChannels(channels, this.channels);
    return this.resampler ? this.resampler.push(mapped) : mapped;
  }

  /** The resampler's last output once the recording has ended. */
  flush(): Float32Array[] {
    return this.resampler ? this.resampler.flush() : [];
  }
}

/** `channels` as `count` channels: the same (copied), folded to mono, or mono spread to each. */
export function mapChannels(channels: Float32Array[], count: number): Float32Array[] {
  if (channels.length === count) return channels.map((c) => c.slice());
  if (count === 1) {
    const n = channels[0]?.length ?? 0;
    const mono = new Float32Array(n);
    for (const channel of channels) for (let i = 0; i < n; i++) mono[i]! += channel[i]!;
    for (let i = 0; i < n; i++) mono[i]! /= channels.length;
    return [mono];
  }
  if (channels.length !== 1) throw new Error(`no fold from ${channels.length} to ${count} channels`);
  return Array.from({ length: count }, () => channels[0]!.slice());
}
