import { COEFFICIENTS, type Features } from './mfcc.ts';

// Dynamic time warping between a reference (the TTS reading, cue times known) and a recording,
// within a band around the diagonal scaled to their length ratio: memory is one byte per cell
// of the band, time one distance per cell.

export interface WarpPath {
  /** For each reference frame, the first and last recording frame matched to it. */
  first: Int32Array;
  last: Int32Array;
  /** Local distance along the path at each reference frame (for confidence). */
  distance: Float32Array;
}

const DIAGONAL = 0;
const UP = 1; // reference advances, recording stays
const LEFT = 2; // recording advances, reference stays

export function dtw(reference: Features, recording: Features, bandFrames: number): WarpPath {
  const n = reference.frames;
  const m = recording.frames;
  const ratio = m / Math.max(1, n);
  const width = 2 * bandFrames + 1;
  const steps = new Uint8Array(n * width);
  let previous = new Float64Array(width).fill(Number.POSITIVE_INFINITY);
  let current = new Float64Array(width);
  const lowOf = (i: number) => Math.round(i * ratio) - bandFrames;
  for (let i = 0; i < n; i++) {
    current.fill(Number.POSITIVE_INFINITY);
    const low = lowOf(i);
    const previousLow = i > 0 ? lowOf(i - 1) : 0;
    for (let w = 0; w < width; w++) {
      const j = low + w;
      if (j < 0 || j >= m) continue;
      const d = distance(reference, i, recording, j);
      if (i === 0 && j === 0) {
        current[w] = d;
        continue;
      }
      let best = Number.POSITIVE_INFINITY;
      let step = DIAGONAL;
      if (i > 0) {
        const diag = j - 1 - previousLow;
        const up = j - previousLow;
        if (diag >= 0 && diag < width && previous[diag]! < best) best = previous[diag]!;
        if (up >= 0 && up < width && previous[up]! < best) {
          best = previous[up]!;
          step = UP;
        }
      }
      if (w > 0 && current[w - 1]! < best) {
        best = current[w - 1]!;
        step = LEFT;
      }
      current[w] = best + d;
      steps[i * width + w] = step;
    }
    [previous, current] = [current, previous];
  }
  // Trace back from the end of both.
  const first = new Int32Array(n).fill(-1);
  const last = new Int32Array(n).fill(-1);
  const localDistance = new Float32Array(n);
  let i = n - 1;
  let j = m - 1;
  if (j - lowOf(i) < 0 || j - lowOf(i) >= width) j = Math.min(m - 1, lowOf(i) + width - 1);
  while (i >= 0 && j >= 0) {
    if (last[i] === -1) last[i] = j;
    first[i] = j;
    localDistance[i] = distance(reference, i, recording, j);
    const step = steps[i * width + (j - lowOf(i))];
    if (i === 0 && j === 0) break;
    if (step === DIAGONAL) {
      i--;
      j--;
    } else if (step === UP) {
      i--;
    } else {
      j--;
    }
  }
  return { first, last, distance: localDistance };
}

function distance(a: Features, i: number, b: Features, j: number): number {
  let sum = 0;
  const ai = i * COEFFICIENTS;
  const bj = j * COEFFICIENTS;
  for (let k = 0; k < COEFFICIENTS; k++) {
    const d = a.data[ai + k]! - b.data[bj + k]!;
    sum += d * d;
  }
  return Math.sqrt(sum);
}
