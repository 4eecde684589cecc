import { withChapterStarts } from '../chapter-starts.ts';
import type { Cue, CueSheet } from '../cue-sheet.ts';
import { clockTime } from '../sidecars/timecode.ts';
import { EditError } from './edit-error.ts';

// Timing edits keep the timeline a timeline: a cue never crosses its timed neighbours and never
// shrinks below MIN_CUE_SECONDS, so a drag past a neighbour stops at it instead of overlapping.

export const MIN_CUE_SECONDS = 0.05;

export type CueEdge = 'start' | 'end';

export interface CueTimes {
  id: string;
  start: number;
  end: number;
  confidence?: number;
  /** Why alignment wants this cue listened to (see CueSheet's `review`). */
  review?: string;
}

export function cueIndex(sheet: CueSheet, id: string): number {
  const index = sheet.cues.findIndex((c) => c.id === id);
  if (index < 0) throw new EditError(`no cue "${id}" in this sheet`);
  return index;
}

/** Where a cue may lie: after the previous timed cue's end, before the next timed cue's start. */
export function cueBounds(sheet: CueSheet, index: number, duration = Number.POSITIVE_INFINITY) {
  let lo = 0;
  for (let i = index - 1; i >= 0; i--) {
    const end = sheet.cues[i]!.end;
    if (end !== undefined) {
      lo = end;
      break;
    }
  }
  let hi = duration;
  for (let i = index + 1; i < sheet.cues.length; i++) {
    const start = sheet.cues[i]!.start;
    if (start !== undefined) {
      hi = start;
      break;
    }
  }
  return { lo, hi };
}

function replaceCue(sheet: CueSheet, index: number, cue: Cue): CueSheet {
  const cues = sheet.cues.slice();
  cues[index] = cue;
  return withChapterStarts({ ...sheet, cues });
}

/** Places a cue at [start, end], clamped between its neighbours; hand-placed times are trusted. */
export function setCueTimes(
  sheet: CueSheet,
  id: string,
  start: number,
  end: number,
  duration?: number,
): CueSheet {
  const index = cueIndex(sheet, id);
  const { lo, hi } = cueBounds(sheet, index, duration);
  if (hi - lo < MIN_CUE_SECONDS) throw new EditError('no room for this cue between its neighbours');
  const s = clamp(Math.min(start, end), lo, hi - MIN_CUE_SECONDS);
  const e = clamp(Math.max(end, s + MIN_CUE_SECONDS), s + MIN_CUE_SECONDS, hi);
  const cue = sheet.cues[index]!;
  // An edge moved by less than half a millisecond did not move (a drag of the other edge).
  const newStart = cue.start !== undefined && Math.abs(s - cue.start) < 5e-4 ? cue.start : round(s);
  const newEnd = cue.end !== undefined && Math.abs(e - cue.end) < 5e-4 ? cue.end : round(e);
  if (cue.start === newStart && cue.end === newEnd) return sheet;
  return replaceCue(sheet, index, { ...cue, start: newStart, end: newEnd, confidence: 1 });
}

/** Half a millisecond: times are kept to the millisecond, so closer than this is the same time. */
const SAME_TIME = 5e-4;

/**
 * Why a cue cannot lie at [start, end] as asked (undefined when it can): the limit setCueTimes
 * would clamp it to, in words. A typed time is refused with it; a drag or a nudge stops at the
 * limit and says which one.
 */
export function timingProblem(
  sheet: CueSheet,
  id: string,
  start: number,
  end: number,
  duration?: number,
): string | undefined {
  const index = cueIndex(sheet, id);
  const { lo, hi } = cueBounds(sheet, index, duration);
  // A clock time cannot show a negative one ("-3" for End read "the end (00:00:00.000)").
  if (end < 0) return `a cue cannot end before 0 (${end} s was asked)`;
  if (start >= end) return `the start (${clockTime(start)}) must come before the end (${clockTime(end)})`;
  if (end - start < MIN_CUE_SECONDS - SAME_TIME) return `a cue lasts at least ${MIN_CUE_SECONDS * 1000} ms`;
  if (start < lo - SAME_TIME)
    return lo === 0 ? 'a cue cannot start before 0' : `the previous cue ends at ${clockTime(lo)}`;
  if (end > hi + SAME_TIME)
    return hi === duration
      ? `the recording ends at ${clockTime(hi)}`
      : `the next cue starts at ${clockTime(hi)}`;
  return undefined;
}

/** Places a cue exactly as typed, or refuses (EditError) with the reason: a typed time is never bent. */
export function setCueTimesExactly(
  sheet: CueSheet,
  id: string,
  start: number,
  end: number,
  duration?: number,
): CueSheet {
  const problem = timingProblem(sheet, id, start, end, duration);
  if (problem) throw new EditError(`not changed: ${problem}`);
  return setCueTimes(sheet, id, start, end, duration);
}

/** The cue with its times, or an EditError when it has none yet. */
function placedCue(sheet: CueSheet, id: string): Cue & { start: number; end: number } {
  const cue = sheet.cues[cueIndex(sheet, id)]!;
  if (cue.start === undefined || cue.end === undefined) throw new EditError('this cue is not placed yet');
  return cue as Cue & { start: number; end: number };
}

/** Moves one edge of a placed cue, or the whole cue (keeping its length) with `edge: 'both'`. */
export function moveCue(
  sheet: CueSheet,
  id: string,
  edge: CueEdge | 'both',
  time: number,
  duration?: number,
) {
  const cue = placedCue(sheet, id);
  if (edge === 'start') return setCueTimes(sheet, id, time, cue.end, duration);
  if (edge === 'end') return setCueTimes(sheet, id, cue.start, time, duration);
  const length = cue.end - cue.start;
  const { lo, hi } = cueBounds(sheet, cueIndex(sheet, id), duration);
  // A moved cue keeps its length: with no room for it, it does not move at all (never shortened).
  if (hi - lo < length - SAME_TIME)
    throw new EditError('no room to move this cue: it would not keep its length');
  const s = clamp(time, lo, Math.max(lo, hi - length));
  return setCueTimes(sheet, id, s, s + length, duration);
}

/**
 * Why a whole cue (moved, keeping its length) cannot start at `start` (undefined when it can): it
 * stops with its start against the previous cue or its end against the next one, and says so.
 */
export function moveProblem(
  sheet: CueSheet,
  id: string,
  start: number,
  duration?: number,
): string | undefined {
  const cue = placedCue(sheet, id);
  const length = cue.end - cue.start;
  const { lo, hi } = cueBounds(sheet, cueIndex(sheet, id), duration);
  const keeps = `keeping its length (${(Math.round(length * 1000) / 1000).toFixed(3)} s)`;
  if (start < lo - SAME_TIME)
    return lo === 0
      ? `the whole cue stops at 0, ${keeps}`
      : `the whole cue stops against the previous cue (at ${clockTime(lo)}), ${keeps}`;
  if (start + length > hi + SAME_TIME)
    return hi === duration
      ? `the whole cue stops at the end of the recording (${clockTime(hi)}), ${keeps}`
      : `the whole cue stops against the next cue (at ${clockTime(hi)}), ${keeps}`;
  return undefined;
}

export function nudgeCue(
  sheet: CueSheet,
  id: string,
  edge: CueEdge | 'both',
  delta: number,
  duration?: number,
) {
  const cue = placedCue(sheet, id);
  const from = edge === 'end' ? cue.end : cue.start;
  return moveCue(sheet, id, edge, from + delta, duration);
}

/** The times of every placed cue, shifted by `offset` (an aligned stretch back onto the whole recording). */
export function placedTimes(sheet: CueSheet, offset = 0): CueTimes[] {
  return sheet.cues.flatMap((cue) =>
    cue.start !== undefined && cue.end !== undefined
      ? [
          {
            id: cue.id,
            start: offset + cue.start,
            end: offset + cue.end,
            ...(cue.confidence !== undefined ? { confidence: cue.confidence } : {}),
            ...(cue.review !== undefined ? { review: cue.review } : {}),
          },
        ]
      : [],
  );
}

/** Takes new times for many cues at once (an alignment of a range): one edit, one undo step. */
export function applyCueTimes(sheet: CueSheet, times: CueTimes[]): CueSheet {
  const byId = new Map(times.map((t) => [t.id, t]));
  const cues = sheet.cues.map((cue) => {
    const t = byId.get(cue.id);
    // A line marked not recorded is not in the recording: nothing found for it is taken.
    if (!t || cue.notRecorded) return cue;
    // New times bring their own review (or none): an old reason no longer applies.
    const { review: _old, ...rest } = cue;
    return {
      ...rest,
      start: round(t.start),
      end: round(Math.max(t.start, t.end)),
      ...(t.confidence !== undefined ? { confidence: t.confidence } : {}),
      ...(t.review !== undefined ? { review: t.review } : {}),
    };
  });
  return withChapterStarts({ ...sheet, cues });
}

export interface Pause {
  start: number;
  end: number;
}

/**
 * Snaps a cue's start to the end of the nearest pause (where speech resumes) and its end to the
 * start of the nearest pause, each only within `within` seconds.
 */
export function snapCueToPauses(sheet: CueSheet, id: string, pauses: Pause[], within = 0.25): CueSheet {
  const cue = placedCue(sheet, id);
  const { start, end } = pauseEdges(cue, pauses, within);
  if (start === undefined && end === undefined) throw new EditError('no pause within reach of this cue');
  return setCueTimes(sheet, id, start ?? cue.start, end ?? cue.end);
}

/** Where each edge of a cue would snap to; an edge with no pause within `within` is undefined. */
export function pauseEdges(
  cue: { start: number; end: number },
  pauses: Pause[],
  within = 0.25,
): { start?: number; end?: number } {
  const start = nearest(
    pauses.map((p) => p.end),
    cue.start,
    within,
  );
  const end = nearest(
    pauses.map((p) => p.start),
    cue.end,
    within,
  );
  return { ...(start !== undefined ? { start } : {}), ...(end !== undefined ? { end } : {}) };
}

function nearest(candidates: number[], to: number, within: number): number | undefined {
  let best: number | undefined;
  for (const t of candidates) {
    if (Math.abs(t - to) <= within && (best === undefined || Math.abs(t - to) < Math.abs(best - to)))
      best = t;
  }
  return best;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

/** Milliseconds are what producers edit in; rounding keeps saved sheets free of float noise. */
function round(t: number): number {
  return Math.round(t * 1000) / 1000;
}
