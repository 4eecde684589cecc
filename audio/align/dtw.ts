import { COEFFICIENTS, FEATURE_SCALE, type Features } from './mfcc.ts';
import { SUNG_STEPS } from './sung-sections.ts';

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

/**
 * Where the path may start and end on the recording, in recording frames: from frame 0 up to
 * `beginUntil` (non-speech before the reading: intro music, a slate), and from `endFrom` to the
 * last frame. Closed (0 and the last frame) when absent. Fully open ends let a path stand on a few
 * recording frames while the whole reference passes (the collapse seen on real narration).
 */
export interface OpenEnds {
  beginUntil?: number;
  endFrom?: number;
}

/** Banded DTW: a band of ±bandFrames around the diagonal scaled to the length ratio. */
export function dtw(
  reference: Features,
  recording: Features,
  bandFrames: number,
  open: OpenEnds = {},
): WarpPath {
  const n = reference.frames;
  const m = recording.frames;
  const ratio = m / Math.max(1, n);
  const lo = new Int32Array(n);
  const hi = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    lo[i] = Math.max(0, Math.round(i * ratio) - bandFrames);
    hi[i] = Math.min(m - 1, Math.round(i * ratio) + bandFrames);
  }
  return windowedDtw(reference, recording, { lo, hi }, open);
}

/** One level of the coarse-to-fine search: features averaged over `factor` frames. */
export interface DtwLevel {
  factor: number;
  /** Frames either side of the previous level's path (ignored on the first, banded level). */
  radius: number;
}

/**
 * Three levels by default: half-second frames in a wide band (the recording may run ahead or
 * behind by up to `bandFrames`, e.g. intro music or a slower read), then 50 ms frames near that
 * path, then full resolution near that. Each level's memory is its rows times its corridor, so an
 * hour costs about 15 MB of DTW state instead of the 4 GB a plain band of the same reach needs.
 */
export const DEFAULT_LEVELS: DtwLevel[] = [
  { factor: 50, radius: 0 },
  { factor: 5, radius: 8 },
  { factor: 1, radius: 12 },
];

const SEGMENT_ROWS = 20_000;

/**
 * `segmentRows`: the reference frames of one piece of a level's corridor DTW (see segmentedDtw);
 * 20 000 (200 s of 10 ms frames) unless a test wants pieces it can run in a moment.
 */
export function coarseToFineDtw(
  reference: Features,
  recording: Features,
  bandFrames: number,
  levels: DtwLevel[] = DEFAULT_LEVELS,
  open: OpenEnds = {},
  segmentRows = SEGMENT_ROWS,
): WarpPath {
  let path: WarpPath | undefined;
  let previousFactor = 1;
  for (const { factor, radius } of levels) {
    const ref = factor === 1 ? reference : downsample(reference, factor);
    const rec = factor === 1 ? recording : downsample(recording, factor);
    path = path
      ? segmentedDtw(
          ref,
          rec,
          corridor(path, previousFactor / factor, ref.frames, rec.frames, radius),
          segmentRows,
        )
      : dtw(ref, rec, Math.max(2, Math.ceil(bandFrames / factor)), {
          ...(open.beginUntil !== undefined ? { beginUntil: Math.ceil(open.beginUntil / factor) } : {}),
          ...(open.endFrom !== undefined ? { endFrom: Math.floor(open.endFrom / factor) } : {}),
        });
    previousFactor = factor;
  }
  return path!;
}

/**
 * A corridor DTW run 200 s of reference at a time, each piece starting where the last one
 * ended: the step table of a ten-hour book would otherwise be hundreds of megabytes; a piece's is
 * a few. The corridor already fixes the route, so joining pieces changes nothing measurable.
 * A reference of up to 1.5 pieces is one piece: the corridor DTW itself.
 */
function segmentedDtw(
  reference: Features,
  recording: Features,
  windows: Windows,
  segmentRows: number,
): WarpPath {
  const n = reference.frames;
  const m = recording.frames;
  const first = new Int32Array(n);
  const last = new Int32Array(n);
  const distanceAlong = new Float32Array(n);
  let i0 = 0;
  let j0 = 0;
  while (i0 < n) {
    const i1 = n - i0 <= segmentRows * 1.5 ? n : i0 + segmentRows;
    const final = i1 === n;
    const rows = i1 - i0;
    // The corridor's rows, from the last piece's end frame on. They still meet row to row, the last
    // row still reaches the recording's last frame (see corridor), and no row ends before j0 (the
    // last piece's path kept under the corridor's top, which never falls).
    const lo = new Int32Array(rows);
    const hi = new Int32Array(rows);
    for (let k = 0; k < rows; k++) {
      lo[k] = Math.max(0, windows.lo[i0 + k]! - j0);
      hi[k] = Math.max(lo[k]!, windows.hi[i0 + k]! - j0);
    }
    // A piece goes on from the last one's end: its first row meets that frame (a step up) or the
    // next one (a diagonal step), so either may start it.
    lo[0] = 0;
    const piece = windowedDtw(
      slice(reference, i0, i1),
      slice(recording, j0, m),
      { lo, hi },
      { ...(i0 > 0 ? { beginUntil: 1 } : {}), ...(final ? {} : { endFrom: 0 }) },
    );
    for (let k = 0; k < rows; k++) {
      first[i0 + k] = piece.first[k]! + j0;
      last[i0 + k] = piece.last[k]! + j0;
      distanceAlong[i0 + k] = piece.distance[k]!;
    }
    j0 = last[i1 - 1]!;
    i0 = i1;
  }
  return { first, last, distance: distanceAlong };
}

/** Frames [from, to) of features, as views (no copy). */
function slice(features: Features, from: number, to: number): Features {
  const view: Features = {
    data: features.data.subarray(from * COEFFICIENTS, to * COEFFICIENTS),
    frames: to - from,
  };
  if (features.sung) view.sung = features.sung.subarray(from, to);
  return view;
}

/** Windows for a finer level: the coarser path scaled up by `scale`, widened by `radius`. */
function corridor(path: WarpPath, scale: number, n: number, m: number, radius: number): Windows {
  const lo = new Int32Array(n);
  const hi = new Int32Array(n);
  const rows = path.first.length;
  for (let i = 0; i < n; i++) {
    const c = Math.min(rows - 1, Math.floor(i / scale));
    const from = Math.floor(path.first[Math.max(0, c - 1)]! * scale);
    const to = Math.ceil((path.last[Math.min(rows - 1, c + 1)]! + 1) * scale);
    lo[i] = Math.max(0, from - radius);
    hi[i] = Math.min(m - 1, to + radius);
  }
  // Windows must overlap row to row for a path to exist. Both edges already rise row by row (the
  // path's frames do), and the coarser path's rows either side keep them overlapping when each
  // level is finer than the last; a coarser level after a finer one skips rows of the path.
  lo[0] = 0;
  for (let i = 1; i < n; i++) if (lo[i]! > hi[i - 1]! + 1) lo[i] = hi[i - 1]! + 1;
  hi[n - 1] = m - 1;
  return { lo, hi };
}

/**
 * The reference advancing while the recording stands still costs this share of the typical frame
 * distance on top: with equal weights a path that stood on a few recording frames while the whole
 * reference ran on cost no more than the true one (the collapse seen on real narration). The other
 * way (the recording running on: a retake, an ad-lib, a long pause) stays free.
 */
const OFF_DIAGONAL = 0.3;

function windowedDtw(
  reference: Features,
  recording: Features,
  { lo, hi }: Windows,
  ends: OpenEnds = {},
): WarpPath {
  const n = reference.frames;
  const offsets = new Uint32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i]! + Math.max(0, hi[i]! - lo[i]! + 1);
  const steps = new Uint8Array(offsets[n]!);
  // Two row buffers, swapped: a fresh array per row was gigabytes of garbage on a ten-hour book.
  let maxWidth = 1;
  for (let i = 0; i < n; i++) maxWidth = Math.max(maxWidth, hi[i]! - lo[i]! + 1);
  let previous = new Float64Array(maxWidth);
  let current = new Float64Array(maxWidth);
  let previousWidth = 0;
  const beginUntil = ends.beginUntil ?? 0;
  const penalty = OFF_DIAGONAL * typicalDistance(reference, recording, lo, hi);
  for (let i = 0; i < n; i++) {
    const width = Math.max(0, hi[i]! - lo[i]! + 1);
    current.fill(Number.POSITIVE_INFINITY, 0, width);
    const base = offsets[i]!;
    for (let w = 0; w < width; w++) {
      const j = lo[i]! + w;
      const d = distance(reference, i, recording, j);
      // Open begin: the reference may start after non-speech (intro music, a slate).
      if (i === 0 && j <= beginUntil) {
        current[w] = d;
        continue;
      }
      let best = Number.POSITIVE_INFINITY;
      let step = DIAGONAL;
      if (i > 0) {
        const diag = j - 1 - lo[i - 1]!;
        const up = j - lo[i - 1]!;
        if (diag >= 0 && diag < previousWidth && previous[diag]! < best) best = previous[diag]!;
        if (up >= 0 && up < previousWidth && previous[up]! + penalty < best) {
          best = previous[up]! + penalty;
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
    [previous, current] = [current, previous];
    previousWidth = width;
  }
  const first = new Int32Array(n).fill(-1);
  const last = new Int32Array(n).fill(-1);
  const localDistance = new Float32Array(n);
  let i = n - 1;
  let j = Math.min(recording.frames - 1, hi[n - 1]!);
  // Open end: finish where the last reference frame matched best after `endFrom` (an outro).
  if (ends.endFrom !== undefined) {
    let best = Number.POSITIVE_INFINITY;
    for (let w = 0; w < previousWidth; w++) {
      if (lo[n - 1]! + w >= ends.endFrom && previous[w]! < best) {
        best = previous[w]!;
        j = lo[n - 1]! + w;
      }
    }
  }
  while (i >= 0 && j >= 0) {
    if (last[i] === -1) last[i] = j;
    first[i] = j;
    localDistance[i] = distance(reference, i, recording, j);
    if (i === 0 && j <= beginUntil) break;
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

/** Median local distance on a sample of the diagonal of the windows: the scale of a step's cost. */
function typicalDistance(reference: Features, recording: Features, lo: Int32Array, hi: Int32Array): number {
  const n = reference.frames;
  const step = Math.max(1, Math.floor(n / 400));
  const sample: number[] = [];
  for (let i = 0; i < n; i += step) sample.push(distance(reference, i, recording, (lo[i]! + hi[i]!) >> 1));
  sample.sort((a, b) => a - b);
  return sample[sample.length >> 1] ?? 0;
}

function downsample(features: Features, factor: number): Features {
  const frames = Math.ceil(features.frames / factor);
  const data = new Int16Array(frames * COEFFICIENTS);
  // A coarse frame is sung when most of its frames are, at their mean place in the song.
  const sung = features.sung ? new Uint16Array(frames) : undefined;
  if (sung && features.sung) {
    for (let f = 0; f < frames; f++) {
      const end = Math.min(features.frames, (f + 1) * factor);
      let n = 0;
      let sum = 0;
      for (let s = f * factor; s < end; s++) {
        const p = features.sung[s]!;
        if (p > 0) {
          n++;
          sum += p;
        }
      }
      sung[f] = 2 * n >= end - f * factor ? Math.round(sum / n) : 0;
    }
  }
  for (let f = 0; f < frames; f++) {
    const end = Math.min(features.frames, (f + 1) * factor);
    for (let k = 0; k < COEFFICIENTS; k++) {
      let sum = 0;
      for (let s = f * factor; s < end; s++) sum += features.data[s * COEFFICIENTS + k]!;
      data[f * COEFFICIENTS + k] = Math.round(sum / (end - f * factor));
    }
  }
  return sung ? { data, frames, sung } : { data, frames };
}

// Sung against sung costs little whatever the spectra (a singer over a band, or holding notes,
// looks nothing like a TTS reading), plus how far apart the two frames are in their songs: so the
// lyric cues spread over the sung stretch in proportion (equal costs would leave the path free to
// run along the block's edge and bunch the stanzas at one end). Sung against spoken costs much,
// so lyrics cannot pull the speech around them off its own match.
const SUNG_MATCH = 1;
const SUNG_MISMATCH = 12;
/** Cost of being a whole song apart in place (a tenth of a song: 0.8). */
const SUNG_PLACE_WEIGHT = 8 / (SUNG_STEPS - 1);

function distance(a: Features, i: number, b: Features, j: number): number {
  if (a.sung && b.sung) {
    const sa = a.sung[i]!;
    const sb = b.sung[j]!;
    if ((sa === 0) !== (sb === 0)) return SUNG_MISMATCH;
    if (sa) return SUNG_MATCH + SUNG_PLACE_WEIGHT * Math.abs(sa - sb);
  }
  let sum = 0;
  const ai = i * COEFFICIENTS;
  const bj = j * COEFFICIENTS;
  for (let k = 0; k < COEFFICIENTS; k++) {
    const d = a.data[ai + k]! - b.data[bj + k]!;
    sum += d * d;
  }
  return Math.sqrt(sum) / FEATURE_SCALE;
}
