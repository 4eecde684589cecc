// True peak per ITU-R BS.1770-4 Annex 2: oversample 4x and take the largest magnitude. The
// Recommendation's example 48-tap filter under-reads full-band material by up to 0.7 dB against
// ffmpeg (which resamples to 192 kHz); an under-read peak is the unsafe direction for a limiter
// ceiling, so we interpolate with a longer Kaiser-windowed sinc: 32 taps per phase, beta 9,
// cutoff 0.97 of Nyquist (swresample's defaults). The end of a stream is measured too, the filter
// flushed with silence (peakAtEnd): ffmpeg's ebur128 filter does not flush its resampler and
// misses a peak in a file's last samples (measured: a burst 12 samples from the end read -48.6
// dBFS there, -5.9 dBTP mid-file).

import { kaiserSinc, normalized } from '../dsp/kaiser-sinc.ts';

const FACTOR = 4;
const TAPS = 32;
const BETA = 9;
const CUTOFF = 0.97;

/** PHASES[p][t]: output at fractional delay p/4 is sum over t of PHASES[p][t] * x[i - t]. */
function designPhases(): Float64Array[] {
  const delay = TAPS / 2;
  return Array.from({ length: FACTOR }, (_, p) => {
    const c = new Float64Array(TAPS);
    for (let t = 0; t < TAPS; t++) c[t] = kaiserSinc(t - delay + p / FACTOR, CUTOFF, delay + 1, BETA);
    normalized(c);
    return c;
  });
}

const PHASES = designPhases();
/** The most any phase can amplify: an output never exceeds GAIN x the largest input in its taps. */
const GAIN = Math.max(...PHASES.map((p) => p.reduce((s, c) => s + Math.abs(c), 0)));
/** The taps around the interpolated point [CENTRE, CENTRE + 8): most of each phase's weight. */
const CENTRE = TAPS / 2 - 4;
/** Per phase, the most the taps outside the centre can add: an output is within this x the window's largest input of its centre's sum. */
const OUTER = PHASES.map((p) =>
  p.reduce((s, c, t) => (t >= CENTRE && t < CENTRE + 8 ? s : s + Math.abs(c)), 0),
);
/** Rounding allowance, so a skip is never decided on the last bit. */
const SAFE = 1 - 1e-9;
const SEGMENT = 1024;

/** Silent samples run through the filter at the end: then every point up to the last sample's next is reached. */
const TAIL = TAPS / 2;

/**
 * Streaming true-peak detector for one channel. An interpolated point needs the TAPS / 2 samples
 * after it, so `peak` lags the stream: the points among its last 16 samples are measured by
 * `peakAtEnd`, which takes the stream as silent after its end (as before its start).
 */
export class TruePeakChannel {
  /** Largest magnitude (linear) up to 16 samples before the last pushed: more samples may change the rest. */
  peak = 0;
  private readonly history = new Float32Array(TAPS - 1);
  private readonly window = new Float32Array(TAPS - 1 + SEGMENT);

  /**
   * The true peak (linear) of the stream if it ends here: `peak` and the points `peak` has not
   * reached yet, the polyphase filter flushed with silence (BS.1770-4 Annex 2 interpolates the
   * whole signal, its end included). Changes nothing: more may be pushed after.
   */
  get peakAtEnd(): number {
    const h = TAPS - 1;
    const w = new Float32Array(h + TAIL);
    w.set(this.history, 0);
    let peak = this.peak;
    for (let i = h; i < h + TAIL; i++) {
      for (let p = 1; p < FACTOR; p++) {
        const c = PHASES[p]!;
        let y = 0;
        for (let t = 0; t < TAPS; t++) y += c[t]! * w[i - t]!;
        const a = y < 0 ? -y : y;
        if (a > peak) peak = a;
      }
    }
    return peak;
  }

  push(samples: Float32Array): void {
    for (let from = 0; from < samples.length; from += SEGMENT) {
      this.segment(samples.subarray(from, Math.min(samples.length, from + SEGMENT)));
    }
  }

  private segment(samples: Float32Array): void {
    const h = TAPS - 1;
    const w = this.window;
    w.set(this.history, 0);
    w.set(samples, h);
    const n = h + samples.length;
    let max = 0;
    for (let i = 0; i < n; i++) {
      const a = Math.abs(w[i]!);
      if (a > max) max = a;
    }
    if (max > this.peak) this.peak = max; // the original samples lie on the oversampled grid too
    // If even the worst case of this segment cannot pass the current peak, skip the filtering:
    // exact, not an estimate.
    if (max * GAIN > this.peak) {
      let peak = this.peak;
      for (let i = h; i < n; i++) {
        for (let p = 1; p < FACTOR; p++) {
          const c = PHASES[p]!;
          // The centre taps first: where they and the outer taps' bound cannot pass the peak, the
          // whole sum cannot either (exact; a third of the work on speech, whose loud stretches
          // rarely come near its one loudest point).
          let centre = 0;
          for (let t = CENTRE; t < CENTRE + 8; t++) centre += c[t]! * w[i - t]!;
          if ((centre < 0 ? -centre : centre) + OUTER[p]! * max <= peak * SAFE) continue;
          let y = 0;
          for (let t = 0; t < TAPS; t++) y += c[t]! * w[i - t]!;
          const a = y < 0 ? -y : y;
          if (a > peak) peak = a;
        }
      }
      this.peak = peak;
    }
    this.history.set(w.subarray(n - h, n));
  }
}
