import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coarseToFineDtw, DEFAULT_LEVELS, dtw, type OpenEnds, type WarpPath } from '../../audio/align/dtw.ts';
import { COEFFICIENTS, FEATURE_SCALE, type Features } from '../../audio/align/mfcc.ts';
import { SUNG_STEPS } from '../../audio/align/sung-sections.ts';

// Dynamic time warping on hand-built features. Frames hold small whole numbers of standard
// deviations (x FEATURE_SCALE), so local distances are exact. The recurrence (dtw.ts): a path from
// the first reference frame to the last, each step diagonal (both advance), "left" (the recording
// advances: free) or "up" (the reference advances alone: 0.3 x the median local distance on the
// windows' diagonal, on top). Small cases are worked by hand; random ones are checked against a
// plain full-table DTW of that recurrence: the path found must be a path, and cost no more.

/** Features from rows of coefficient values (in σ; missing coefficients are 0). */
function feats(rows: number[][], sung?: number[]): Features {
  const data = new Int16Array(rows.length * COEFFICIENTS);
  rows.forEach((row, f) => {
    row.forEach((v, k) => {
      data[f * COEFFICIENTS + k] = Math.round(v * FEATURE_SCALE);
    });
  });
  const out: Features = { data, frames: rows.length };
  if (sung) out.sung = Uint16Array.from(sung);
  return out;
}
const scalar = (values: number[], sung?: number[]) =>
  feats(
    values.map((v) => [v]),
    sung,
  );

/** The local distance by the spec: Euclidean in σ; sung frames by their place in the song. */
function localDistance(a: Features, i: number, b: Features, j: number): number {
  if (a.sung && b.sung) {
    const sa = a.sung[i]!;
    const sb = b.sung[j]!;
    if ((sa === 0) !== (sb === 0)) return 12;
    if (sa !== 0) return 1 + (8 / (SUNG_STEPS - 1)) * Math.abs(sa - sb);
  }
  let sum = 0;
  for (let k = 0; k < COEFFICIENTS; k++) {
    const d = (a.data[i * COEFFICIENTS + k]! - b.data[j * COEFFICIENTS + k]!) / FEATURE_SCALE;
    sum += d * d;
  }
  return Math.sqrt(sum);
}

interface Windows {
  lo: number[];
  hi: number[];
}

/** The band of ±band frames around the diagonal scaled to the length ratio. */
function band(n: number, m: number, width: number): Windows {
  const ratio = m / Math.max(1, n);
  const lo: number[] = [];
  const hi: number[] = [];
  for (let i = 0; i < n; i++) {
    lo.push(Math.max(0, Math.round(i * ratio) - width));
    hi.push(Math.min(m - 1, Math.round(i * ratio) + width));
  }
  return { lo, hi };
}

/** The up step's price: 0.3 x the median local distance at the middle of each row's window. */
function upPenalty(ref: Features, rec: Features, { lo, hi }: Windows): number {
  const n = ref.frames;
  const step = Math.max(1, Math.floor(n / 400));
  const sample: number[] = [];
  for (let i = 0; i < n; i += step) sample.push(localDistance(ref, i, rec, (lo[i]! + hi[i]!) >> 1));
  sample.sort((a, b) => a - b);
  return 0.3 * (sample[sample.length >> 1] ?? 0);
}

/** Least cost of a path by the full table: D(i,j) = d + min(D(i-1,j-1), D(i-1,j) + p, D(i,j-1)). */
function leastCost(ref: Features, rec: Features, w: Windows, ends: OpenEnds = {}): number {
  const n = ref.frames;
  const m = rec.frames;
  const p = upPenalty(ref, rec, w);
  const inside = (i: number, j: number) => i >= 0 && j >= 0 && j >= w.lo[i]! && j <= w.hi[i]!;
  const D = Array.from({ length: n }, () => new Array<number>(m).fill(Number.POSITIVE_INFINITY));
  const at = (i: number, j: number) => (inside(i, j) ? D[i]![j]! : Number.POSITIVE_INFINITY);
  const beginUntil = ends.beginUntil ?? 0;
  for (let i = 0; i < n; i++) {
    for (let j = w.lo[i]!; j <= w.hi[i]!; j++) {
      const d = localDistance(ref, i, rec, j);
      if (i === 0) D[i]![j] = j <= beginUntil ? d : at(0, j - 1) + d;
      else D[i]![j] = d + Math.min(at(i - 1, j - 1), at(i - 1, j) + p, at(i, j - 1));
    }
  }
  const last = Math.min(m - 1, w.hi[n - 1]!);
  if (ends.endFrom === undefined) return at(n - 1, last);
  let best = Number.POSITIVE_INFINITY;
  for (let j = Math.max(ends.endFrom, w.lo[n - 1]!); j <= w.hi[n - 1]!; j++)
    best = Math.min(best, at(n - 1, j));
  return best === Number.POSITIVE_INFINITY ? at(n - 1, last) : best;
}

/** Checks that `path` is a path through the windows and returns its cost (penalty p per up step). */
function costOf(path: WarpPath, ref: Features, rec: Features, w: Windows, ends: OpenEnds = {}): number {
  const n = ref.frames;
  const p = upPenalty(ref, rec, w);
  let cost = 0;
  expect(path.first[0]).toBeLessThanOrEqual(ends.beginUntil ?? 0);
  for (let i = 0; i < n; i++) {
    const [a, b] = [path.first[i]!, path.last[i]!];
    expect(a).toBeGreaterThanOrEqual(w.lo[i]!);
    expect(b).toBeGreaterThanOrEqual(a);
    expect(b).toBeLessThanOrEqual(w.hi[i]!);
    for (let j = a; j <= b; j++) cost += localDistance(ref, i, rec, j);
    expect(path.distance[i]).toBeCloseTo(localDistance(ref, i, rec, a), 4);
    if (i > 0) {
      expect([path.last[i - 1]!, path.last[i - 1]! + 1]).toContain(a);
      if (a === path.last[i - 1]) cost += p;
    }
  }
  if (ends.endFrom === undefined) expect(path.last[n - 1]).toBe(Math.min(rec.frames - 1, w.hi[n - 1]!));
  return cost;
}

const path = (p: WarpPath) => ({ first: [...p.first], last: [...p.last] });

/** Frames averaged `factor` at a time (the last group may be short), rounded to the stored precision. */
function coarse(x: Features, factor: number): Features {
  const frames = Math.ceil(x.frames / factor);
  const data = new Int16Array(frames * COEFFICIENTS);
  for (let f = 0; f < frames; f++) {
    const end = Math.min(x.frames, (f + 1) * factor);
    for (let k = 0; k < COEFFICIENTS; k++) {
      let sum = 0;
      for (let s = f * factor; s < end; s++) sum += x.data[s * COEFFICIENTS + k]!;
      data[f * COEFFICIENTS + k] = Math.round(sum / (end - f * factor));
    }
  }
  return { data, frames };
}

/**
 * A finer level's windows (dtw.ts): for each row, the recording frames the coarser path gave its
 * coarse row and the rows either side, scaled by `scale`, widened by `radius`; the first row open
 * from frame 0, each row meeting the last, the last row open to the recording's end.
 */
function corridorOf(p: WarpPath, scale: number, n: number, m: number, radius: number): Windows {
  const rows = p.first.length;
  const lo: number[] = [];
  const hi: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = Math.min(rows - 1, Math.floor(i / scale));
    lo.push(Math.max(0, Math.floor(p.first[Math.max(0, c - 1)]! * scale) - radius));
    hi.push(Math.min(m - 1, Math.ceil((p.last[Math.min(rows - 1, c + 1)]! + 1) * scale) + radius));
  }
  lo[0] = 0;
  for (let i = 1; i < n; i++) lo[i] = Math.max(lo[i - 1]!, Math.min(lo[i]!, hi[i - 1]! + 1));
  hi[n - 1] = m - 1;
  return { lo, hi };
}

describe('banded DTW (dtw)', () => {
  it('matches a recording to itself frame for frame', () => {
    const x = scalar([0, 1, 2, 3, 4]);
    const p = dtw(x, x, 10);
    expect(path(p)).toEqual({ first: [0, 1, 2, 3, 4], last: [0, 1, 2, 3, 4] });
    expect([...p.distance]).toEqual([0, 0, 0, 0, 0]);
  });

  it('lets a reference frame stand on the recording while it holds a sound (free)', () => {
    // Reference 0 1 2 3, recording 0 1 1 1 2 3: reference frame 1 meets recording frames 1-3.
    const p = dtw(scalar([0, 1, 2, 3]), scalar([0, 1, 1, 1, 2, 3]), 10);
    expect(path(p)).toEqual({ first: [0, 1, 4, 5], last: [0, 3, 4, 5] });
  });

  it('lets the reference run on over one recording frame, at a price', () => {
    // Reference 0 1 1 1 2 3, recording 0 1 2 3: reference frames 1-3 all meet recording frame 1.
    const p = dtw(scalar([0, 1, 1, 1, 2, 3]), scalar([0, 1, 2, 3]), 10);
    expect(path(p)).toEqual({ first: [0, 1, 1, 1, 2, 3], last: [0, 1, 1, 1, 2, 3] });
    expect([...p.distance]).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('prices the reference running on at 0.3 x the typical distance, so a close diagonal beats it', () => {
    // Reference 0 0 1 4 4 against recording 0 x 1 4 4. The middle column of the windows is
    // recording frame 2 (value 1): distances 1 1 0 3 3, median 1, so an up step costs 0.3.
    // Diagonal: |x| at frame 1. Up then across: reference frame 1 on recording frame 0 (0.3),
    // reference frame 2 on recording frames 1 and 2 (|1 - x| + 0).
    const ref = scalar([0, 0, 1, 4, 4]);
    // x = 0.9: up and across (0.4) beats the diagonal (0.9).
    const up = dtw(ref, scalar([0, 0.9, 1, 4, 4]), 10);
    expect(path(up)).toEqual({ first: [0, 0, 1, 3, 4], last: [0, 0, 2, 3, 4] });
    // x = 0.6: the diagonal (0.6) beats up and across (0.3 + 0.4), which a free up step would not.
    const diagonal = dtw(ref, scalar([0, 0.6, 1, 4, 4]), 10);
    expect(path(diagonal)).toEqual({ first: [0, 1, 2, 3, 4], last: [0, 1, 2, 3, 4] });
    expect(diagonal.distance[1]).toBeCloseTo(0.6, 3);
  });

  it('keeps the path inside the band around the scaled diagonal', () => {
    // A recording twice as long: reference frame i is near recording frame 2i. With a band of
    // one frame, reference frame 1 may only meet recording frames 1-3, though its match is 5.
    const ref = scalar([0, 9, 0, 0]);
    const rec = scalar([0, 0, 0, 0, 0, 9, 0, 0]);
    const narrow = dtw(ref, rec, 1);
    expect(narrow.first[1]).toBeGreaterThanOrEqual(1);
    expect(narrow.last[1]).toBeLessThanOrEqual(3);
    expect(narrow.last[3]).toBe(7);
    const wide = dtw(ref, rec, 8);
    expect(wide.first[1]).toBe(5);
    expect(wide.last[1]).toBe(5);
  });

  it('ends on the last frame of the band when the band stops short of the recording end', () => {
    // A recording three times as long, a band of one frame: the rows meet recording frames 0-1,
    // 2-4, 5-7 and 8-10, each row's window just after the last, so the path runs through all of
    // each; frame 11 is past the band and stays unmatched.
    const p = dtw(scalar([0, 3, 6, 9]), scalar([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]), 1);
    expect(path(p)).toEqual({ first: [0, 2, 5, 8], last: [1, 4, 7, 10] });
  });

  it('still returns a path in order on the recording when the band is too narrow to join its rows', () => {
    // A recording five times as long, a band of one frame: the rows meet frames 0-1, 4-6, 9-11 and
    // 14-16, and no step joins them (no path of finite cost). What comes back matches nothing, but
    // it comes back, its frames on the recording and in order.
    const p = dtw(scalar([0, 1, 2, 3]), scalar(Array.from({ length: 20 }, (_, j) => j % 4)), 1);
    for (let i = 0; i < 4; i++) {
      expect(p.first[i]).toBeGreaterThanOrEqual(i === 0 ? 0 : p.last[i - 1]!);
      expect(p.last[i]).toBeGreaterThanOrEqual(p.first[i]!);
      expect(p.last[i]).toBeLessThan(20);
    }
  });

  it('puts every reference frame on frame 0 of an empty recording, at no distance', () => {
    const empty = scalar([]);
    const p = dtw(scalar([0, 1, 2]), empty, 5);
    expect(path(p)).toEqual({ first: [0, 0, 0], last: [0, 0, 0] });
    expect([...p.distance]).toEqual([0, 0, 0]);
    const c = coarseToFineDtw(feats(pattern(120)), empty, 40);
    expect(new Set([...c.first, ...c.last, ...c.distance])).toEqual(new Set([0]));
  });

  it('prefers the diagonal to an up step of the same cost', () => {
    // Reference 0 -7 against recording 3 0, either recording frame open to start on. The windows'
    // middle column is frame 0: distances 3 and 10, median 10, an up step costs 3. Reference
    // frame 1 on recording frame 1 comes diagonally from frame 0 (3) or up from frame 1 (0 + 3):
    // the diagonal, so the reference starts on frame 0.
    const p = dtw(scalar([0, -7]), scalar([3, 0]), 5, { beginUntil: 1 });
    expect(path(p)).toEqual({ first: [0, 1], last: [0, 1] });
  });

  it('opens its start on the recording: a reading after an intro starts where it does', () => {
    // Five frames of intro (value 7) before the reading 0 1 2 3.
    const ref = scalar([0, 1, 2, 3]);
    const rec = scalar([7, 7, 7, 7, 7, 0, 1, 2, 3]);
    const open = dtw(ref, rec, 20, { beginUntil: 6 });
    expect(path(open)).toEqual({ first: [5, 6, 7, 8], last: [5, 6, 7, 8] });
    // Closed (the default), the path starts on the recording's first frame.
    expect(dtw(ref, rec, 20).first[0]).toBe(0);
    // Open only up to frame 3: the path starts at 3 and stands there through the intro.
    expect(path(dtw(ref, rec, 20, { beginUntil: 3 }))).toEqual({ first: [3, 6, 7, 8], last: [5, 6, 7, 8] });
  });

  it('opens its end on the recording: a reading before an outro ends where it does', () => {
    const ref = scalar([0, 1, 2, 3]);
    const rec = scalar([0, 1, 2, 3, 7, 7, 7, 7]);
    expect(path(dtw(ref, rec, 20, { endFrom: 2 }))).toEqual({ first: [0, 1, 2, 3], last: [0, 1, 2, 3] });
    // Closed, the last reference frame stands on the outro.
    expect(path(dtw(ref, rec, 20))).toEqual({ first: [0, 1, 2, 3], last: [0, 1, 2, 7] });
    // Open only from frame 5 on: the best end from 5 on is 5 itself (each outro frame costs 4).
    expect(path(dtw(ref, rec, 20, { endFrom: 5 }))).toEqual({ first: [0, 1, 2, 3], last: [0, 1, 2, 5] });
    // Ending on frame 3 or on frame 4 (the last sound held on) costs the same: the first is taken.
    expect(path(dtw(ref, scalar([0, 1, 2, 3, 3]), 20, { endFrom: 2 }))).toEqual({
      first: [0, 1, 2, 3],
      last: [0, 1, 2, 3],
    });
    // Open from past the last frame: no frame qualifies, the end stays closed.
    expect(path(dtw(ref, rec, 20, { endFrom: 9 })).last[3]).toBe(7);
  });

  it('takes the least-cost path through any band, with either end open', () => {
    const frame = fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 2, maxLength: 2 });
    fc.assert(
      fc.property(
        fc.array(frame, { minLength: 1, maxLength: 9 }),
        fc.array(frame, { minLength: 1, maxLength: 12 }),
        fc.integer({ min: 0, max: 6 }),
        fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }),
        fc.option(fc.integer({ min: 0, max: 12 }), { nil: undefined }),
        (a, b, extra, beginUntil, endFrom) => {
          const ref = feats(a);
          const rec = feats(b);
          // Wide enough for the windows of consecutive rows to meet.
          const width = Math.ceil(b.length / a.length) + extra;
          const w = band(a.length, b.length, width);
          const ends: OpenEnds = {
            ...(beginUntil !== undefined ? { beginUntil } : {}),
            ...(endFrom !== undefined ? { endFrom } : {}),
          };
          const p = dtw(ref, rec, width, ends);
          expect(costOf(p, ref, rec, w, ends)).toBeCloseTo(leastCost(ref, rec, w, ends), 6);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('samples the typical distance over every n/400th reference frame on a long reference', () => {
    // 800 reference frames: the median is taken over frames 0, 2, 4...; the odd frames (far from
    // the recording) would raise it. A path cost equal to the full table's shows the same price.
    const a = Array.from({ length: 800 }, (_, i) => [i % 2 === 1 ? 3 : 0, (i >> 3) % 3]);
    const b = Array.from({ length: 820 }, (_, j) => [0, (j >> 3) % 3]);
    const ref = feats(a);
    const rec = feats(b);
    const w = band(800, 820, 4);
    const p = dtw(ref, rec, 4);
    expect(costOf(p, ref, rec, w)).toBeCloseTo(leastCost(ref, rec, w), 4);
  });

  it('aligns sung frames by their place in the song, whatever their spectra', () => {
    // Same spectra; the reference's frames are spoken, sung at the start of a song, and sung at
    // its end; the recording's are spoken, and sung at the start twice. Local distances: 0, 1,
    // and 1 + 8 (a whole song apart).
    const ref = scalar([0, 0, 0], [0, 1, SUNG_STEPS]);
    const rec = scalar([0, 0, 0], [0, 1, 1]);
    const p = dtw(ref, rec, 5);
    expect(path(p)).toEqual({ first: [0, 1, 2], last: [0, 1, 2] });
    expect(p.distance[0]).toBe(0);
    expect(p.distance[1]).toBe(1);
    expect(p.distance[2]).toBeCloseTo(9, 5);
  });

  it('makes a sung frame against a spoken one cost 12, whatever their spectra', () => {
    // Reference spoken, spoken, sung (5); recording spoken, sung (7), sung (5). The diagonal
    // costs 12 at frame 1; going up (3.6: 0.3 x the median 12) then across costs 4.6 and 1.
    const ref = scalar([0, 0, 0], [0, 0, 5]);
    const rec = scalar([0, 0, 0], [0, 7, 5]);
    const p = dtw(ref, rec, 5);
    expect(path(p)).toEqual({ first: [0, 0, 1], last: [0, 0, 2] });
    expect(p.distance[2]).toBeCloseTo(1 + (8 / (SUNG_STEPS - 1)) * 2, 6);
    // Spectra count for spoken frames against spoken frames.
    const spoken = dtw(scalar([0, 2], [0, 0]), scalar([1, 2], [0, 0]), 5);
    expect(spoken.distance[0]).toBe(1);
  });

  it('compares spectra when only one side knows what is sung', () => {
    const ref = scalar([0, 3], [0, 9]);
    const rec = scalar([0, 1]);
    const p = dtw(ref, rec, 5);
    expect([...p.distance]).toEqual([0, 2]);
    const p2 = dtw(rec, ref, 5);
    expect([...p2.distance]).toEqual([0, 2]);
  });

  it('measures distance over all thirteen coefficients', () => {
    const a = feats([[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3]]);
    const b = feats([[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -1]]);
    expect(dtw(a, b, 1).distance[0]).toBe(4);
    const c = feats([[3, 4]]);
    expect(dtw(c, feats([[0, 0]]), 1).distance[0]).toBe(5);
  });
});

/** A pseudo-random sequence of distinct-looking frames (no two neighbours alike). */
function pattern(n: number, seed = 1): number[][] {
  return Array.from({ length: n }, (_, i) => [((i * 7 + seed) % 13) - 6, ((i * 5 + 3 * seed) % 11) - 5]);
}

describe('coarse-to-fine DTW (coarseToFineDtw)', () => {
  it('averages frames for the coarse levels (half-second frames, then 50 ms by default)', () => {
    expect(DEFAULT_LEVELS).toEqual([
      { factor: 50, radius: 0 },
      { factor: 5, radius: 8 },
      { factor: 1, radius: 12 },
    ]);
    // One level, frames averaged in twos: reference 0 2 4 6 9 → 1 5 9; recording 1 1 5 5 9 → 1 5 9.
    const p = coarseToFineDtw(scalar([0, 2, 4, 6, 9]), scalar([1, 1, 5, 5, 9]), 10, [
      { factor: 2, radius: 0 },
    ]);
    expect(path(p)).toEqual({ first: [0, 1, 2], last: [0, 1, 2] });
    expect([...p.distance]).toEqual([0, 0, 0]);
    // Against a recording of 0s, the coarse frames' distances are their values.
    const zero = coarseToFineDtw(scalar([0, 2, 4, 6, 9]), scalar([0, 0, 0, 0, 0]), 10, [
      { factor: 2, radius: 0 },
    ]);
    expect([...zero.distance]).toEqual([1, 5, 9]);
    // Rounded to the stored precision: 1/2048 and 2/2048 average to 2/2048 (1.5 rounds up).
    const tiny = feats([[1 / FEATURE_SCALE], [2 / FEATURE_SCALE]]);
    const t = coarseToFineDtw(tiny, feats([[0], [0]]), 4, [{ factor: 2, radius: 0 }]);
    expect(t.distance[0]).toBeCloseTo(2 / FEATURE_SCALE, 9);
  });

  it('places a coarse frame in its song by the mean of its sung frames, when most are sung', () => {
    // Sung places per frame, in twos: (0, 10) → 10; (20, 30) → 25; (0, 40) → 40; (0, 0) → 0.
    // Against a recording sung at place 1 throughout, the distances are 1 + 8/65534 x (place - 1),
    // or 12 for the spoken one.
    const ref = scalar([0, 0, 0, 0, 0, 0, 0, 0], [0, 10, 20, 30, 0, 40, 0, 0]);
    const rec = scalar([0, 0, 0, 0, 0, 0, 0, 0], [1, 1, 1, 1, 1, 1, 1, 1]);
    const p = coarseToFineDtw(ref, rec, 10, [{ factor: 2, radius: 0 }]);
    const place = (d: number) => Math.round(((d - 1) * (SUNG_STEPS - 1)) / 8) + 1;
    expect(path(p).first.slice(0, 3)).toEqual([0, 1, 2]);
    expect(place(p.distance[0]!)).toBe(10);
    expect(place(p.distance[1]!)).toBe(25);
    expect(place(p.distance[2]!)).toBe(40);
    expect(p.distance[3]).toBe(12);
    // In threes, one sung frame of three is not most: (0, 0, 40) is spoken; (0, 30, 40) sung at 35.
    const three = coarseToFineDtw(
      scalar([0, 0, 0, 0, 0, 0], [0, 0, 40, 0, 30, 40]),
      scalar([0, 0, 0, 0, 0, 0], [0, 0, 0, 1, 1, 1]),
      10,
      [{ factor: 3, radius: 0 }],
    );
    expect(three.distance[0]).toBe(0);
    expect(place(three.distance[1]!)).toBe(35);
    // A last coarse frame short of the factor is judged on the frames it has: (7) alone is sung.
    const tail = coarseToFineDtw(scalar([0, 0, 0], [0, 0, 7]), scalar([0, 0, 0], [0, 0, 1]), 10, [
      { factor: 2, radius: 0 },
    ]);
    expect(place(tail.distance[1]!)).toBe(7);
    // A mean place halfway between two rounds up: (1, 2) is at 2, as (2, 2) is, so they cost the
    // least a sung pair can (1, the same place).
    const half = coarseToFineDtw(scalar([0, 0], [1, 2]), scalar([0, 0], [2, 2]), 10, [
      { factor: 2, radius: 0 },
    ]);
    expect(half.distance[0]).toBe(1);
  });

  it('refines to the frame: a recording matched to itself is the diagonal', () => {
    const x = feats(pattern(300));
    const p = coarseToFineDtw(x, x, 100);
    const diagonal = Array.from({ length: 300 }, (_, i) => i);
    expect(path(p)).toEqual({ first: diagonal, last: diagonal });
  });

  it('follows a held sound and a pause in the recording through every level', () => {
    // The recording holds reference frame 99 for 40 more frames, and begins reference frame 200
    // 25 frames early.
    const ref = pattern(300);
    const rec = [...ref.slice(0, 100), ...Array(40).fill(ref[99]), ...ref.slice(100, 200)];
    rec.push(...Array(25).fill(ref[200]), ...ref.slice(200));
    const p = coarseToFineDtw(feats(ref), feats(rec), 100);
    for (let i = 0; i < 300; i++) {
      if (i === 99 || i === 199 || i === 200) continue;
      const shift = i < 100 ? 0 : i < 200 ? 40 : 65;
      expect([p.first[i], p.last[i]], `frame ${i}`).toEqual([i + shift, i + shift]);
    }
    expect([p.first[99], p.last[99]]).toEqual([99, 139]);
    expect([p.first[199], p.last[199]]).toEqual([239, 239]);
    expect([p.first[200], p.last[200]]).toEqual([240, 265]);
  });

  it('scales each level to the next by the ratio of their factors', () => {
    const ref = pattern(120, 2);
    const rec = [...ref.slice(0, 60), ...Array(30).fill(ref[59]), ...ref.slice(60)];
    const p = coarseToFineDtw(feats(ref), feats(rec), 60, [
      { factor: 10, radius: 0 },
      { factor: 3, radius: 2 },
      { factor: 1, radius: 3 },
    ]);
    for (let i = 0; i < 120; i++) expect(p.first[i], `frame ${i}`).toBe(i < 60 ? i : i + 30);
    expect(p.last[59]).toBe(89);
  });

  it('opens the coarse level on an intro and an outro, in coarse frames', () => {
    // 30 frames of intro and 20 of outro (value 6, 6) around the reading.
    const ref = pattern(60, 3);
    const rec = [...Array(30).fill([6, 6]), ...ref, ...Array(20).fill([6, 6])];
    const levels = [
      { factor: 5, radius: 0 },
      { factor: 1, radius: 2 },
    ];
    // The finer levels keep to the coarse path's corridor, closed at both ends: the reading's
    // middle is placed frame for frame.
    const p = coarseToFineDtw(feats(ref), feats(rec), 40, levels, { beginUntil: 32, endFrom: 88 });
    for (let i = 1; i < 50; i++) expect(p.first[i], `frame ${i}`).toBe(i + 30);
    expect(p.last[0]).toBe(30);
    expect(p.first[0]).toBe(0);
    expect(p.last[59]).toBe(109);
    // At full resolution alone the ends are the frames given.
    const fine = coarseToFineDtw(feats(ref), feats(rec), 40, [{ factor: 1, radius: 0 }], {
      beginUntil: 30,
      endFrom: 89,
    });
    expect(fine.first[0]).toBe(30);
    expect(fine.last[59]).toBe(89);
    // Closed, at full resolution alone, the path runs from the recording's first frame to its last.
    const closed = coarseToFineDtw(feats(ref), feats(rec), 40, [{ factor: 1, radius: 0 }]);
    expect(closed.first[0]).toBe(0);
    expect(closed.last[59]).toBe(109);
  });

  it('rounds the open begin up and the open end down to coarse frames', () => {
    // Intro of 12 frames: with beginUntil 11 the coarse level (factor 4) may start by coarse
    // frame 3 (11/4 rounded up), which holds the reading's first frame.
    const ref = pattern(40, 4);
    const rec = [...Array(12).fill([6, 6]), ...ref, ...Array(12).fill([6, 6])];
    const p = coarseToFineDtw(feats(ref), feats(rec), 30, [{ factor: 4, radius: 0 }], {
      beginUntil: 11,
      endFrom: 53,
    });
    // Coarse: reference 10 frames, recording 16; reading at coarse 3..12; endFrom 53/4 → 13.
    expect(p.first[0]).toBe(3);
    expect(p.last[9]).toBe(13);
  });

  it('keeps every level inside the corridor around the coarser path, on the least-cost path there', () => {
    // Random frames: a coarse path is only roughly right, and the finer level's least-cost path
    // through all the recording would often leave its corridor. Level one is the band (either
    // end open), each finer level the corridor, closed; one run unsegmented, one in pieces of 5
    // rows, which must stay inside the corridor, start at frame 0 and end on the last frame.
    const frame = fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 2, maxLength: 2 });
    const levels = [
      { factor: 4, radius: 0 },
      { factor: 2, radius: 1 },
      { factor: 1, radius: 1 },
    ];
    fc.assert(
      fc.property(
        fc.array(frame, { minLength: 8, maxLength: 36 }),
        fc.array(frame, { minLength: 8, maxLength: 44 }),
        fc.integer({ min: 0, max: 3 }),
        fc.option(fc.integer({ min: 0, max: 16 }), { nil: undefined }),
        fc.option(fc.integer({ min: 0, max: 44 }), { nil: undefined }),
        (a, b, extra, beginUntil, endFrom) => {
          const [ref, rec] = [feats(a), feats(b)];
          const f0 = levels[0]!.factor;
          const width = Math.ceil(Math.ceil(b.length / f0) / Math.ceil(a.length / f0)) + extra;
          const open: OpenEnds = {
            ...(beginUntil !== undefined ? { beginUntil } : {}),
            ...(endFrom !== undefined ? { endFrom } : {}),
          };
          for (const pieceRows of [1000, 5]) {
            let coarser: WarpPath | undefined;
            for (let k = 0; k < levels.length; k++) {
              const { factor, radius } = levels[k]!;
              const [r, c] = factor === 1 ? [ref, rec] : [coarse(ref, factor), coarse(rec, factor)];
              const p = coarseToFineDtw(ref, rec, width * f0, levels.slice(0, k + 1), open, pieceRows);
              const ends: OpenEnds = coarser
                ? {}
                : {
                    ...(beginUntil !== undefined ? { beginUntil: Math.ceil(beginUntil / factor) } : {}),
                    ...(endFrom !== undefined ? { endFrom: Math.floor(endFrom / factor) } : {}),
                  };
              const w = coarser
                ? corridorOf(coarser, levels[k - 1]!.factor / factor, r.frames, c.frames, radius)
                : band(r.frames, c.frames, Math.max(2, width));
              // Where pieces are cut: every pieceRows rows while over 1.5 pieces remain.
              const cuts: number[] = [];
              for (let i0 = 0; coarser && r.frames - i0 > pieceRows * 1.5; i0 += pieceRows)
                cuts.push(i0 + pieceRows);
              if (cuts.length === 0)
                expect(costOf(p, r, c, w, ends)).toBeCloseTo(leastCost(r, c, w, ends), 6);
              else {
                // A piece opens its first row at the last piece's end frame (below the corridor there)
                // and prices its up steps by its own frames: a path in the corridor but for the
                // first row of each piece after the first, which may start where the last one ended.
                const lo = w.lo.map((l, i) => (cuts.includes(i) ? Math.min(l, p.last[i - 1]!) : l));
                costOf(p, r, c, { lo, hi: w.hi }, ends);
              }
              coarser = p;
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('runs a long reference in pieces (20 000 frames by default), joined without a seam', () => {
    // Pieces of 200 frames here (the default's 31 000 frames take seconds, minutes under Stryker).
    // 310 frames (over 1.5 pieces): two pieces, the first ending at frame 200. The recording holds
    // frame 198 for 8 more frames, so the first piece ends 8 frames on, and the second must go on
    // from there with a diagonal step.
    const n = 310;
    const rows = 200;
    const ref = pattern(n, 5);
    const rec = [...ref.slice(0, 199), ...Array(8).fill(ref[198]), ...ref.slice(199)];
    const levels = [
      { factor: 10, radius: 0 },
      { factor: 1, radius: 12 },
    ];
    const p = coarseToFineDtw(feats(ref), feats(rec), 40, levels, {}, rows);
    let wrong = 0;
    for (let i = 0; i < n; i++) {
      const want = i <= 198 ? i : i + 8;
      if (p.first[i] !== want || (i !== 198 && p.last[i] !== want)) wrong++;
    }
    expect(wrong).toBe(0);
    expect(p.last[198]).toBe(206);
    expect(Math.max(...p.distance)).toBe(0);
    // Matched to itself: the diagonal, piece joins included; three pieces when over 2.5 pieces long.
    for (const length of [n, 520]) {
      const x = feats(pattern(length, 5));
      const self = coarseToFineDtw(x, x, 40, levels, {}, rows);
      let off = 0;
      for (let i = 0; i < length; i++) if (self.first[i] !== i || self.last[i] !== i) off++;
      expect(off).toBe(0);
    }
  });

  it('cuts pieces of segmentRows rows, the last up to 1.5 pieces long, each ending where its rows match best', () => {
    // Where the cuts fall shows in one case: the reader says word r, a stray sound close to it,
    // then word r again. Over the whole reference the least-cost path holds row r through the
    // stray sound and the repeat (r to r + 2: the stray sound costs 1, any later row more). A piece
    // ending on row r cannot know what follows: it ends where its own rows match best, on the
    // first saying (r), and row r + 1 then takes the stray sound and the repeat.
    // Level one is the full band, level two a corridor wide enough to hold both paths, in pieces
    // of 4 rows: 6 rows are one piece; 7 and 10 are cut after row 3 (4 + 3, 4 + 6); 11 after rows
    // 3 and 7 (4 + 4 + 3).
    const levels = [
      { factor: 1, radius: 0 },
      { factor: 1, radius: 40 },
    ];
    const cases: [number, number[]][] = [
      [6, []],
      [7, [3]],
      [10, [3]],
      [11, [3, 7]],
    ];
    for (const [n, cutAfter] of cases) {
      for (let r = 0; r < n; r++) {
        const ref = pattern(n, 6);
        const x = ref[r]!;
        const rec = [...ref.slice(0, r + 1), [x[0]! + 1, x[1]!], x, ...ref.slice(r + 1)];
        const whole = coarseToFineDtw(feats(ref), feats(rec), 40, levels, {}, 1000);
        expect(whole.last[r], `${n} rows, repeat at ${r}, whole`).toBe(r + 2);
        const p = coarseToFineDtw(feats(ref), feats(rec), 40, levels, {}, 4);
        const cut = cutAfter.includes(r);
        expect([p.first[0], p.last[r], p.last[n - 1]], `${n} rows, repeat at ${r}`).toEqual([
          0,
          cut ? r : r + 2,
          n + 1,
        ]);
        if (cut) expect([p.first[r + 1], p.last[r + 1]]).toEqual([r + 1, r + 3]);
      }
    }
  });

  it('keeps the corridor joined row to row when a level is coarser than the one before', () => {
    // Full resolution, then frames in fours: coarse row i's corridor runs from where full-resolution
    // row 4i - 1 starts to where row 4i + 1 ends, so row 4i - 2 falls between row i - 1's end and
    // row i's start. The recording holds reference frame 22 (4 x 6 - 2) for 24 more frames: row 5's
    // corridor ends at coarse frame 6 (where row 21 ends), row 6's would start at 11 (where row 23
    // starts), and must be opened down to 7 for a path to exist.
    const ref = pattern(40);
    const rec = [...ref.slice(0, 23), ...Array(24).fill(ref[22]), ...ref.slice(23)];
    const fine = coarseToFineDtw(feats(ref), feats(rec), 40, [{ factor: 1, radius: 0 }]);
    const p = coarseToFineDtw(feats(ref), feats(rec), 40, [
      { factor: 1, radius: 0 },
      { factor: 4, radius: 0 },
    ]);
    const [r, c] = [coarse(feats(ref), 4), coarse(feats(rec), 4)];
    const w = corridorOf(fine, 1 / 4, r.frames, c.frames, 0);
    expect([w.lo[6], w.hi[5]]).toEqual([7, 6]);
    expect(costOf(p, r, c, w)).toBeCloseTo(leastCost(r, c, w), 6);
    expect([...p.first.slice(0, 6)]).toEqual([0, 1, 2, 3, 4, 5]);
  });
});
