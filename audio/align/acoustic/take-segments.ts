import type { Pause } from '../../silence/find-pauses.ts';
import { sessionChunks } from './session-chunks.ts';

// An actor's session cut into speech segments at its pauses, each searched for one take
// (take-grammar.ts, `single`): actors pause between takes, before and after slates, so a
// segment holds one take, a slate, or chat, and its whole audio says which line it is.

/** A stretch of speech to search, seconds on the file's clock. */
export interface Segment {
  start: number;
  end: number;
}

/** Seconds of quiet searched on either side of a segment's speech (at most half the pause). */
export const SEGMENT_MARGIN = 0.15;
/** Speech shorter than this is a click or a breath, not a word (seconds). */
const SHORTEST = 0.12;

/**
 * Segments covering the speech of 0..`duration` seconds: runs between pauses of `gap` seconds or
 * more (`pauses` sorted, any length: shorter ones are inside a segment), each widened by up to
 * SEGMENT_MARGIN into its pauses; a run longer than `maxSeconds` is cut at its longest inner pause
 * (sessionChunks). Runs under SHORTEST seconds are left out.
 */
export function takeSegments(duration: number, pauses: Pause[], gap = 0.5, maxSeconds = 30): Segment[] {
  const cuts = pauses.filter((p) => p.end - p.start >= gap);
  const out: Segment[] = [];
  let from = 0;
  let quietBefore = Number.POSITIVE_INFINITY;
  const add = (start: number, end: number, quietAfter: number) => {
    if (end - start < SHORTEST) return;
    const s = Math.max(0, start - Math.min(SEGMENT_MARGIN, quietBefore / 2));
    const e = Math.min(duration, end + Math.min(SEGMENT_MARGIN, quietAfter / 2));
    // On the segment's clock; sessionChunks only cuts at pauses well inside 0..e - s, so those
    // outside the segment (negative, or past its end) are never chosen.
    const inner = pauses.map((p) => ({ start: p.start - s, end: p.end - s }));
    for (const c of sessionChunks(e - s, inner, maxSeconds / 2, maxSeconds))
      out.push({ start: s + c.start, end: s + c.end });
  };
  // A run that ends where it starts (pauses back to back) is shorter than SHORTEST: add drops it.
  for (const p of cuts) {
    add(from, p.start, p.end - p.start);
    quietBefore = p.end - p.start;
    from = Math.max(from, p.end);
  }
  add(from, duration, Number.POSITIVE_INFINITY);
  return out;
}

/**
 * The longest stretch of 0..`duration` between pauses of `gap` seconds or more, as one run before
 * takeSegments cuts it at `maxSeconds` (seconds).
 */
export function longestRun(duration: number, pauses: Pause[], gap: number): number {
  let longest = 0;
  let from = 0;
  for (const p of pauses.filter((p) => p.end - p.start >= gap)) {
    longest = Math.max(longest, p.start - from);
    from = p.end;
  }
  return Math.max(longest, duration - from);
}
