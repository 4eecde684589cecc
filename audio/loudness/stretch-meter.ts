import type { PcmSink } from '../pcm.ts';
import { LoudnessMeter, type LoudnessResult, subBlockOf } from './loudness-meter.ts';

// One stretch of a stream measured on its own, so that parallel passes over a long production
// (an encoder per stretch, export-audio.ts) can measure it between them instead of a pass of its
// own: joined in order, the stretches give what one meter over the whole stream gives. Each stretch
// runs on 100 ms sub-block boundaries of the whole stream, and the audio before it (a pass starts
// a little early) only warms the filters; the K-weighting forgets its start within milliseconds.

export class StretchMeter implements PcmSink {
  private readonly meter: LoudnessMeter;
  readonly from: number;
  readonly to: number;
  /** The frame (on the whole stream) the next push starts at. */
  private position = 0;

  /**
   * Measures frames [from, to) of the stream: both multiples of the sub-block (a tenth of a second,
   * `subBlockOf`), `to` Infinity for the last stretch. Throws RangeError for stretches off the grid.
   */
  constructor(sampleRate: number, channels: number, from: number, to: number) {
    this.from = from;
    this.to = to;
    this.meter = new LoudnessMeter(sampleRate, channels);
    const sub = subBlockOf(sampleRate);
    if (from % sub !== 0 || (to !== Number.POSITIVE_INFINITY && to % sub !== 0) || to <= from)
      throw new RangeError(`a loudness stretch runs on ${sub}-frame sub-blocks, not ${from} to ${to}`);
  }

  /** Where the pass feeding this meter starts on the whole stream (frames; default 0). */
  startsAt(frame: number): void {
    this.position = frame;
  }

  /** Frames of the stream seen so far, from its start (where the pass has reached). */
  get reached(): number {
    return this.position;
  }

  /** Whether every frame of the stretch has been pushed (the last: the stream has ended, said by the caller). */
  get complete(): boolean {
    return this.position >= this.to;
  }

  push(channels: Float32Array[]): void {
    const start = this.position;
    const length = channels[0]?.length ?? 0;
    this.position += length;
    const piece = (from: number, to: number) =>
      channels.map((c) => (from === 0 && to === length ? c : c.subarray(from, to)));
    const measureFrom = Math.min(length, Math.max(0, this.from - start));
    const measureTo = Math.min(length, Math.max(0, this.to - start));
    if (measureFrom > 0) this.meter.warm(piece(0, measureFrom));
    if (measureTo > measureFrom) this.meter.push(piece(measureFrom, measureTo));
  }

  /** The loudness of the stretches joined, in order: consecutive, from 0 to the stream's end. */
  static joined(stretches: StretchMeter[]): LoudnessResult {
    for (const [i, s] of stretches.entries()) {
      const expected = i === 0 ? 0 : stretches[i - 1]!.to;
      if (s.from !== expected)
        throw new RangeError(`loudness stretch ${i} starts at ${s.from}, not ${expected}`);
    }
    return LoudnessMeter.joined(stretches.map((s) => s.meter));
  }
}
