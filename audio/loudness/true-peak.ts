// True peak per ITU-R BS.1770-4 Annex 2: 4x oversampling with the 48-tap polyphase FIR the
// Recommendation gives (12 taps per phase).

const PHASES: readonly (readonly number[])[] = [
  [
    0.001708984375, 0.010986328125, -0.0196533203125, 0.033203125, -0.0594482421875, 0.1373291015625,
    0.97216796875, -0.102294921875, 0.047607421875, -0.026611328125, 0.014892578125, -0.00830078125,
  ],
  [
    -0.0291748046875, 0.029296875, -0.0517578125, 0.089111328125, -0.16650390625, 0.465087890625,
    0.77978515625, -0.2003173828125, 0.1015625, -0.0582275390625, 0.0330810546875, -0.0189208984375,
  ],
  [
    -0.0189208984375, 0.0330810546875, -0.0582275390625, 0.1015625, -0.2003173828125, 0.77978515625,
    0.465087890625, -0.16650390625, 0.089111328125, -0.0517578125, 0.029296875, -0.0291748046875,
  ],
  [
    -0.00830078125, 0.014892578125, -0.026611328125, 0.047607421875, -0.102294921875, 0.97216796875,
    0.1373291015625, -0.0594482421875, 0.033203125, -0.0196533203125, 0.010986328125, 0.001708984375,
  ],
];
const TAPS = 12;
/** The most any phase can amplify: an output never exceeds GAIN x the largest input in its taps. */
const GAIN = Math.max(...PHASES.map((p) => p.reduce((s, c) => s + Math.abs(c), 0)));
const SEGMENT = 1024;

/** Streaming true-peak detector for one channel. */
export class TruePeakChannel {
  peak = 0;
  private readonly history = new Float32Array(TAPS - 1);
  private window = new Float32Array(TAPS - 1 + SEGMENT);

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
    if (max > this.peak) this.peak = max; // the original samples are on the oversampled grid too
    // Filtering cannot reach the current peak from this segment: skip it (exact, not a guess).
    if (max * GAIN > this.peak) {
      let peak = this.peak;
      for (let i = h; i < n; i++) {
        for (let p = 0; p < 4; p++) {
          const c = PHASES[p]!;
          let y = 0;
          for (let t = 0; t < TAPS; t++) y += c[t]! * w[i - t]!;
          const a = y < 0 ? -y : y;
          if (a > peak) peak = a;
        }
      }
      this.peak = peak;
    }
    this.history.set(w.subarray(n - h, n));
    if (samples.length < SEGMENT) this.window = new Float32Array(TAPS - 1 + SEGMENT);
  }
}
