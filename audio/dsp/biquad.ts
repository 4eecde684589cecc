// Second-order IIR sections: coefficients (normalised, a0 = 1) and a filter that keeps its state
// across blocks.

export interface Biquad {
  b0: number;
  b1: number;
  b2: number;
  a1: number;
  a2: number;
}

/** Butterworth low-pass (RBJ cookbook, Q = 1/√2) at `cutoff`, a fraction of the sample rate. */
export function lowpass(cutoff: number): Biquad {
  const w = 2 * Math.PI * cutoff;
  const alpha = Math.sin(w) / Math.SQRT2;
  const a0 = 1 + alpha;
  const b1 = (1 - Math.cos(w)) / a0;
  return { b0: b1 / 2, b1, b2: b1 / 2, a1: (-2 * Math.cos(w)) / a0, a2: (1 - alpha) / a0 };
}

export class BiquadFilter {
  private readonly c: Biquad;
  private x1 = 0;
  private x2 = 0;
  private y1 = 0;
  private y2 = 0;

  constructor(coefficients: Biquad) {
    this.c = coefficients;
  }

  /** Filters `x` in place and returns it. */
  apply(x: Float32Array): Float32Array {
    const { b0, b1, b2, a1, a2 } = this.c;
    for (let i = 0; i < x.length; i++) {
      const input = x[i]!;
      const y = b0 * input + b1 * this.x1 + b2 * this.x2 - a1 * this.y1 - a2 * this.y2;
      this.x2 = this.x1;
      this.x1 = input;
      this.y2 = this.y1;
      this.y1 = y;
      x[i] = y;
    }
    return x;
  }
}
