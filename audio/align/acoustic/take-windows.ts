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

/**
 * A take left partway is searched for its unheard words in the speech after it only once this
 * many of its words, and this share of its line, were heard. Measured at full scale
 * (bench-assemble-full): of 77 takes the tail search completed, 57 were false starts completed on
 * the speech after them (a slate, a pause then chatter): 2 of 3 words heard, 2 of 9, 4 of 13; the
 * 20 real ones were heard to 3 of 4, 4 of 5, 6 of 13 ("uh and here's a long pause | and I think
 * this is probably good") or more.
 */
const TAIL_FROM_WORDS = 3;
const TAIL_FROM_SHARE = 0.4;

/** Whether a take heard to `heard` of its line's `of` words may be completed by a tail search. */
export function mayHaveTail(heard: number, of: number): boolean {
  return heard >= TAIL_FROM_WORDS && heard >= TAIL_FROM_SHARE * of;
}
