import { foldChannels } from '../dsp/channel-fold.ts';
import { Resampler } from '../resample.ts';

// The recording brought to the delivered file's channel count and rate, block by block: channels
// folded (audio/dsp/channel-fold.ts: to mono by their mean, so a centred voice keeps its level and
// BS.1770 reads a stereo recording's dual-mono content 3 LU quieter, which the loudness gain makes
// up; surround to stereo by ITU-R BS.775) or mono spread to two, then resampled without delay
// (audio/resample.ts), so cue and chapter times survive.

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
    const mapped = foldChannels(channels, this.channels);
    return this.resampler ? this.resampler.push(mapped) : mapped;
  }

  /** The resampler's last output once the recording has ended. */
  flush(): Float32Array[] {
    return this.resampler ? this.resampler.flush() : [];
  }
}
