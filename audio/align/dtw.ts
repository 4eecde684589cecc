import { COEFFICIENTS, type Features } from './mfcc.ts';

// Dynamic time warping between a reference (the TTS reading, cue times known) and a recording.
// Each reference row i may only match recording frames in its window [lo[i], hi[i]]: a band
// around the diagonal, or (coarse to fine) a corridor around the path found at 1/10 resolution.
// Memory is one byte per window cell, so an hour costs megabytes, not the full n x m grid.

export interface WarpPath {
  /** For each reference frame, the first and last recording frame matched to it. */
  first: Int32Array;
  last: Int32Array;
  /** Local distance along the path at each reference frame (for confidence). */
  distance: Float32Array;
}

interface Windows {
  lo: Int32Array;
  hi: Int32Array;
}

const DIAGONAL = 0;
const UP = 1; // reference advances, recording stays
const LEFT = 2; // recording advances, reference stays

/** Banded DTW: a band of ±bandFrames around the diagonal scaled to the length ratio. */
export function dtw(reference: Features, recording: Features, bandFrames: number): WarpPath {
  const n = reference.frames;
  const m = recording.frames;
  const ratio = m / Math.max(1, n);
  const lo = new Int32Array(n);
  const hi = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    lo[i] = Math.max(0, Math.round(i * ratio) - bandFrames);
    hi[i] = Math.min(m - 1, Math.round(i * ratio) + bandFrames);
  }
  return windowedDtw(reference, recording, { lo, hi });
}

/**
 * Coarse to fine: DTW on features averaged over `factor` frames with a wide band, then the full
 * resolution only within `radius` frames of that path.
 */
export function coarseToFineDtw(
  reference: Features,
  recording: Features,
  bandFrames: number,
  factor = 10,
  radius = 40,
): WarpPath {
  const coarse = dtw(
    downsample(reference, factor),
    downsample(recording, factor),
    Math.ceil(bandFrames / factor),
  );
  const n = reference.frames;
  const m = recording.frames;
  const lo = new Int32Array(n);
  const hi = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = Math.min(coarse.first.length - 1, Math.floor(i / factor));
    const from = coarse.first[Math.max(0, c - 1)]! * factor;
    const to = (coarse.last[Math.min(coarse.first.length - 1, c + 1)]! + 1) * factor;
    lo[i] = Math.max(0, from - radius);
    hi[i] = Math.min(m - 1, to + radius);
  }
  // Windows must overlap row to row for a path to exist.
  for (let i = 1; i < n; i++) if (lo[i]! > hi[i - 1]! + 1) lo[i] = hi[i - 1]! + 1;
  for (let i = 1; i < n; i++) if (lo[i]! < lo[i - 1]!) lo[i] = lo[i - 1]!;
  hi[n - 1] = m - 1;
  return windowedDtw(reference, recording, { lo, hi });
}

function windowedDtw(reference: Features, recording: Features, { lo, hi }: Windows): WarpPath {
  const n = reference.frames;
  const offsets = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i]! + Math.max(0, hi[i]! - lo[i]! + 1);
  const steps = new Uint8Array(offsets[n]!);
  let previous = new Float64Array(0);
  for (let i = 0; i < n; i++) {
    const width = Math.max(0, hi[i]! - lo[i]! + 1);
    const current = new Float64Array(width).fill(Number.POSITIVE_INFINITY);
    const base = offsets[i]!;
    for (let w = 0; w < width; w++) {
      const j = lo[i]! + w;
      const d = distance(reference, i, recording, j);
      if (i === 0 && j === 0) {
        current[w] = d;
        continue;
      }
      let best = Number.POSITIVE_INFINITY;
      let step = DIAGONAL;
      if (i > 0) {
        const diag = j - 1 - lo[i - 1]!;
        const up = j - lo[i - 1]!;
        if (diag >= 0 && diag < previous.length && previous[diag]! < best) best = previous[diag]!;
        if (up >= 0 && up < previous.length && previous[up]! < best) {
          best = previous[up]!;
          step = UP;
        }
      }
      if (w > 0 && current[w - 1]! < best) {
        best = current[w - 1]!;
        step = LEFT;
      }
      current[w] = best + d;
      steps[base + w] = step;
    }
    previous = current;
  }
  const first = new Int32Array(n).fill(-1);
  const last = new Int32Array(n).fill(-1);
  const localDistance = new Float32Array(n);
  let i = n - 1;
  let j = Math.min(recording.frames - 1, hi[n - 1]!);
  while (i >= 0 && j >= 0) {
    if (last[i] === -1) last[i] = j;
    first[i] = j;
    localDistance[i] = distance(reference, i, recording, j);
    if (i === 0 && j === 0) break;
    const step = j >= lo[i]! && j <= hi[i]! ? steps[offsets[i]! + (j - lo[i]!)] : UP;
    if (step === DIAGONAL) {
      i--;
      j--;
    } else if (step === UP) {
      i--;
    } else {
      j--;
    }
  }
  for (let k = 0; k < n; k++) {
    if (first[k] === -1) first[k] = last[k] = Math.max(0, j);
  }
  return { first, last, distance: localDistance };
}

function downsample(features: Features, factor: number): Features {
  const frames = Math.ceil(features.frames / factor);
  const data = new Float32Array(frames * COEFFICIENTS);
  for (let f = 0; f < frames; f++) {
    const end = Math.min(features.frames, (f + 1) * factor);
    for (let k = 0; k < COEFFICIENTS; k++) {
      let sum = 0;
      for (let s = f * factor; s < end; s++) sum += features.data[s * COEFFICIENTS + k]!;
      data[f * COEFFICIENTS + k] = sum / (end - f * factor);
    }
  }
  return { data, frames };
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
