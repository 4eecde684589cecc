import { describe, expect, it } from 'vitest';
import { kaiserSinc, normalized } from '../../audio/dsp/kaiser-sinc.ts';
import { TruePeakChannel } from '../../audio/loudness/true-peak.ts';

// The true-peak meter skips the 4x interpolation where a bound says it cannot pass the peak so far
// (a segment's largest sample times the filter's gain; a point's centre taps plus the most its
// other taps can add), and calls both skips exact. Each signal here is built to sit at a bound:
// samples far under the peak so far whose points between them rise past it, the worst case of the
// half-sample phase (every tap's sample of its coefficient's sign, as a clipped square wave gives),
// at and above full scale (float audio), within a billionth of the peak, and at a push's edge. The
// reading must be what the whole interpolation finds, to the last bit.

/** BS.1770-4 Annex 2 as true-peak.ts designs it: 4x, 32 taps a phase, Kaiser beta 9, cutoff 0.97. */
const PHASES = [1, 2, 3].map((p) => {
  const c = new Float64Array(32);
  for (let t = 0; t < 32; t++) c[t] = kaiserSinc(t - 16 + p / 4, 0.97, 17, 9);
  normalized(c);
  return c;
});
const HALF = PHASES[1]!;

/** Every sample and every point between samples, no skip: the largest magnitude. */
function exactTruePeak(x: Float32Array): number {
  let peak = 0;
  for (const v of x) peak = Math.max(peak, Math.abs(v));
  for (let i = 0; i < x.length; i++)
    for (const c of PHASES) {
      let y = 0;
      for (let t = 0; t < 32; t++) if (i - t >= 0) y += c[t]! * x[i - t]!;
      peak = Math.max(peak, Math.abs(y));
    }
  return peak;
}

function meter(x: Float32Array, block = x.length): number {
  const channel = new TruePeakChannel();
  for (let at = 0; at < x.length; at += block) channel.push(x.subarray(at, at + block));
  return channel.peak;
}

/** A click of `click` at sample 100, then at `at` the half-sample worst case of amplitude `a`. */
function worstCase(click: number, a: number, at = 3000): Float32Array {
  const x = new Float32Array(4096);
  x[100] = click;
  for (let t = 0; t < 32; t++) x[at - t] = a * Math.sign(HALF[t]!);
  return x;
}

const halfGain = HALF.reduce((s, c) => s + Math.abs(c), 0);

describe('true peak where the skips are decided', () => {
  it('finds the worst case of the half-sample phase past a click its samples are far under', () => {
    // Its samples at 0.438 of the click, its point between them 2.31 times that: 1.011.
    for (const [click, a] of [
      [1, 0.438],
      [2.5, 1.095],
    ] as const) {
      const x = worstCase(click, a);
      const exact = exactTruePeak(x);
      expect(exact).toBeCloseTo(Math.fround(a) * halfGain, 9);
      expect(exact).toBeGreaterThan(click * 1.01);
      expect(meter(x)).toBe(exact);
    }
  });

  it('finds a point between samples a fraction of a billionth above the peak so far', () => {
    // The worst case whose point between samples is within 1e-9 of a click (the skips leave that
    // much room for rounding, on the safe side): found, not skipped.
    let a = Math.fround(0.4331);
    let x: Float32Array | undefined;
    for (let k = 0; k < 50_000 && !x; k++) {
      a = Math.fround(a + 3e-8);
      const y = Math.fround(a) * halfGain;
      let click = Math.fround(y);
      if (click >= y) click = Math.fround(click - 6e-8);
      if (y - click > 0 && y - click < 0.8e-9 * click) x = worstCase(click, a);
    }
    expect(x).toBeDefined();
    const exact = exactTruePeak(x!);
    expect(exact).toBeGreaterThan(x![100]!);
    expect(meter(x!)).toBe(exact);
  });

  it('reads the same to the last bit when a push ends just before the sample a peak needs', () => {
    // The half-sample point after sample 2000 needs sample 2000 itself: pushed in blocks of 2000,
    // it is found only once that sample arrives (its sign set against the first tap's).
    const x = worstCase(0, 0.4, 2000);
    x[2000] = -0.4 * Math.sign(HALF[0]!);
    const exact = exactTruePeak(x);
    expect(meter(x)).toBe(exact);
    expect(meter(x, 2000)).toBe(exact);
    expect(meter(x, 1000)).toBe(exact);
  });
});
