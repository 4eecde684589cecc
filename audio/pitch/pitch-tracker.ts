import { BiquadFilter, lowpass } from '../dsp/biquad.ts';
import { concatBlocks, FrameStream } from '../dsp/frame-stream.ts';
import type { PcmSink } from '../pcm.ts';

// The voice's fundamental frequency every 10 ms, while the audio streams past, by YIN (de
// Cheveigné & Kawahara 2002) on a 4 kHz copy: F0 of speech and song lies in 70-800 Hz, so 4 kHz
// keeps what YIN needs at a sixteenth of the work of 16 kHz. A low-pass at 1 kHz first: at 4 kHz
// the upper harmonics make the difference function's dip too sharp for whole-sample lags to
// find (high voices then slip an octave). Parabolic interpolation of the dip keeps the estimate
// within a few cents. Holds 4 bytes per frame.

export const PITCH_RATE = 4000;
export const PITCH_HOP_SECONDS = 0.01;
const HOP = PITCH_RATE * PITCH_HOP_SECONDS;
/** Integration window: 20 ms, as in the YIN paper. */
const WINDOW = 80;
const MIN_F0 = 70;
const MAX_F0 = 800;
const MAX_LAG = Math.ceil(PITCH_RATE / MIN_F0);
const MIN_LAG = Math.floor(PITCH_RATE / MAX_F0);
const FRAME = WINDOW + MAX_LAG;
/** YIN's absolute threshold on the normalised difference: below it a dip counts as the period. */
const THRESHOLD = 0.15;
/** Above this aperiodicity at the best dip, the frame is unvoiced. */
const MAX_APERIODICITY = 0.3;
/** Frames quieter than this (mean square at 4 kHz, about -70 dBFS) are not examined. */
const SILENCE = 1e-7;
const BLOCK_FRAMES = 1 << 16;

export interface PitchTrack {
  /** F0 in Hz per frame; 0 where the frame is unvoiced or silent. */
  f0: Float32Array;
  frameSeconds: number;
}

export class PitchTracker implements PcmSink {
  private readonly stream: FrameStream;
  private readonly blocks: Float32Array[] = [];
  private frames = 0;
  private readonly difference = new Float64Array(MAX_LAG + 2);

  constructor(sampleRate: number) {
    const filter = new BiquadFilter(lowpass(1000 / PITCH_RATE));
    this.stream = new FrameStream(
      sampleRate,
      { rate: PITCH_RATE, length: FRAME, hop: HOP, filter: (x) => filter.apply(x) },
      (samples, at) => this.store(this.estimate(samples, at)),
    );
  }

  push(channels: Float32Array[]): void {
    this.stream.push(channels);
  }

  finish(): PitchTrack {
    this.stream.flush();
    return { f0: concatBlocks(this.blocks, new Float32Array(this.frames)), frameSeconds: PITCH_HOP_SECONDS };
  }

  private store(f0: number): void {
    const b = Math.floor(this.frames / BLOCK_FRAMES);
    if (b === this.blocks.length) this.blocks.push(new Float32Array(BLOCK_FRAMES));
    this.blocks[b]![this.frames % BLOCK_FRAMES] = f0;
    this.frames++;
  }

  /** F0 of the frame starting at `at`, or 0. */
  private estimate(x: Float32Array, at: number): number {
    let energy = 0;
    for (let j = at; j < at + WINDOW; j++) energy += x[j]! * x[j]!;
    if (energy / WINDOW < SILENCE) return 0;
    // The cumulative-mean-normalised difference d'(τ) (YIN steps 2-3), computed lag by lag so
    // the search stops at the first dip that passes (step 4): high voices cost a fraction of low.
    // Each dip is judged by the bottom of the parabola through it and its neighbours (step 5): at
    // 4 kHz the true bottom falls between lags, and a dip two periods out can sample lower than
    // the one at the period. With no dip under the threshold, the deepest one is taken.
    const d = this.difference;
    d[0] = 1;
    let running = 0;
    let best = -1;
    let bestShift = 0;
    let bestDepth = Number.POSITIVE_INFINITY;
    for (let lag = 1; lag <= MAX_LAG + 1; lag++) {
      let sum = 0;
      for (let j = at; j < at + WINDOW; j++) {
        const delta = x[j]! - x[j + lag]!;
        sum += delta * delta;
      }
      running += sum;
      d[lag] = running > 0 ? (sum * lag) / running : 1;
      const dip = lag - 1;
      if (dip < MIN_LAG || d[dip]! > d[dip - 1]! || d[dip]! > d[lag]!) continue;
      const a = d[dip - 1]!;
      const b = d[dip]!;
      const c = d[lag]!;
      const curve = a - 2 * b + c;
      const shift = curve > 0 ? Math.max(-0.5, Math.min(0.5, (0.5 * (a - c)) / curve)) : 0;
      const depth = curve > 0 ? b - 0.25 * (a - c) * shift : b;
      if (depth < bestDepth) {
        best = dip;
        bestShift = shift;
        bestDepth = depth;
      }
      if (depth < THRESHOLD) break;
    }
    if (best < 0 || bestDepth > MAX_APERIODICITY) return 0;
    return PITCH_RATE / (best + bestShift);
  }
}

/** Pitch track of a whole signal in memory (short stretches, tests). */
export function trackPitch(channels: Float32Array[], sampleRate: number): PitchTrack {
  const tracker = new PitchTracker(sampleRate);
  tracker.push(channels);
  return tracker.finish();
}
