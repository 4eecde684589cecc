// How long an actor goes on speaking after the last word the recogniser heard of a take: a take
// whose words the search lost near its end still sounds on; after a false start there is quiet.

/** A pause this long ends a take (seconds): shorter ones are commas and breaths inside it. */
const TAKE_PAUSE = 0.5;

/**
 * Seconds of speech after `from` (a take's last heard word) before the next pause of
 * TAKE_PAUSE or more, looking no further than `limit` seconds: the words the recogniser did not
 * follow to the end of a complete take are still sound; after a false start there is none.
 * `pauses` are the file's quiet runs (sorted, seconds).
 */
export function speechAfter(
  pauses: Array<{ start: number; end: number }>,
  from: number,
  limit: number,
): number {
  let t = from;
  let speech = 0;
  for (const p of pauses) {
    if (p.end <= t) continue;
    if (p.start >= from + limit) break;
    speech += Math.max(0, p.start - t);
    if (p.end - Math.max(p.start, t) >= TAKE_PAUSE) return speech;
    t = p.end;
  }
  return speech + Math.max(0, from + limit - t);
}
