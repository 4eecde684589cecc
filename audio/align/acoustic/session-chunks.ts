import type { Pause } from '../../silence/find-pauses.ts';

// A session recording is searched a chunk at a time (the search's memory and cost grow with the
// audio it holds), each chunk cut in the middle of the longest pause near its end, so a take
// is never split between two chunks unless the reader never paused for `maxSeconds`.

/** A stretch of the recording to search, seconds. */
export interface Chunk {
  start: number;
  end: number;
}

/**
 * Chunks covering 0..`duration` seconds, each at most `maxSeconds` long and at least `minSeconds`
 * (but the last), cut in the middle of the longest pause between those lengths; with no pause
 * there, cut at `maxSeconds`.
 */
export function sessionChunks(duration: number, pauses: Pause[], minSeconds = 12, maxSeconds = 30): Chunk[] {
  const chunks: Chunk[] = [];
  let start = 0;
  while (duration - start > maxSeconds) {
    let best: Pause | undefined;
    for (const p of pauses) {
      const mid = (p.start + p.end) / 2;
      if (mid <= start + minSeconds || mid >= start + maxSeconds) continue;
      if (!best || p.end - p.start > best.end - best.start) best = p;
    }
    const cut = best ? (best.start + best.end) / 2 : start + maxSeconds;
    chunks.push({ start, end: cut });
    start = cut;
  }
  if (duration > start) chunks.push({ start, end: duration });
  return chunks;
}
