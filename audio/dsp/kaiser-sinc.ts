// The windowed-sinc kernel behind the true-peak oversampler and the resampler.

function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  for (let k = 1; k < 40; k++) {
    term *= (x / (2 * k)) ** 2;
    sum += term;
  }
  return sum;
}

/**
 * A low-pass interpolation tap at `distance` input samples from the output instant: sinc with
 * the given cutoff (fraction of Nyquist) under a Kaiser window spanning ±`halfWidth` samples.
 */
export function kaiserSinc(distance: number, cutoff: number, halfWidth: number, beta: number): number {
  const r = distance / halfWidth;
  if (Math.abs(r) >= 1) return 0;
  const x = cutoff * distance;
  const sinc = x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
  return (sinc * besselI0(beta * Math.sqrt(1 - r * r))) / besselI0(beta);
}

/** Scales taps so they sum to one (unity gain at DC). */
export function normalized(taps: Float64Array | Float32Array): void {
  let sum = 0;
  for (const t of taps) sum += t;
  for (let i = 0; i < taps.length; i++) taps[i]! /= sum;
}
