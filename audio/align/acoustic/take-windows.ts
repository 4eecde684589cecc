import type { HeardTake } from './take-grammar.ts';

// The first search over a whole session (every line of the speaker at once, narrow beams) says
// where takes begin and which line each is, but with so many lines in play it may leave a line
// early or split one take in pieces. Each take it found is then searched again alone, in a window
// from just before it to the next take, with only its own line in the grammar: that second search
// says how far through the line the take really goes (complete, or a false start).

/** A stretch of one file to search again for one line (seconds on the file's clock). */
export interface TakeWindow {
  line: number;
  start: number;
  end: number;
}

/** Pieces of one line this close (seconds, end to next start) are one take. */
const JOIN = 1.2;
/** Seconds of lead-in before a take's first word. */
const LEAD = 0.4;

/**
 * Windows for the takes heard in one file (`takes` from the first search, any order): pieces of a
 * line heard back to back joined, a lone word of a line of three or more words dropped (an "um"
 * heard as a line's first word), each window running from just before its take for as long as
 * its line could take (`secondsPerWord` a word, plus 2 s), never past `duration`.
 */
export function takeWindows(
  takes: HeardTake[],
  lineWords: number[],
  duration: number,
  secondsPerWord = 0.8,
): TakeWindow[] {
  const sorted = [...takes].sort((a, b) => a.start - b.start);
  const groups: Array<{ line: number; start: number; end: number; words: number }> = [];
  for (const t of sorted) {
    const last = groups.at(-1);
    if (last && last.line === t.line && t.start - last.end < JOIN) {
      last.end = Math.max(last.end, t.end);
      last.words += t.words;
      continue;
    }
    groups.push({ line: t.line, start: t.start, end: t.end, words: t.words });
  }
  const kept = groups.filter((g) => g.words >= 2 || (lineWords[g.line] ?? 0) <= 2);
  // A window reaches as far as its line could take, past the next take if need be: a take heard
  // inside another (a line quoting another's words) must not cut the real one short. What two
  // windows both hear is settled afterwards (overlappingTakes).
  return kept.map((g) => {
    const longest = Math.max(g.end + 0.5, g.start + (lineWords[g.line] ?? 1) * secondsPerWord + 2);
    return { line: g.line, start: Math.max(0, g.start - LEAD), end: Math.min(duration, longest) };
  });
}

/** Lines sharing a run of three words with line `line` (itself included): what a take of it may really be. */
export function similarLines(lines: string[][], line: number): number[] {
  const trigrams = (words: string[]) =>
    new Set(words.slice(2).map((w, i) => `${words[i]} ${words[i + 1]} ${w}`));
  const own = trigrams(lines[line]!);
  return lines.flatMap((words, i) => (i === line || [...trigrams(words)].some((t) => own.has(t)) ? [i] : []));
}

/**
 * Of takes heard in one file, those not overlapping a better take: where two overlap by more
 * than half the shorter (ends by `endOf`), the one heard further through its line wins (then the longer).
 */
export function overlappingTakes<T extends { start: number; end: number; words: number; of: number }>(
  takes: T[],
  endOf: (t: T) => number = (t) => t.end,
): T[] {
  const better = (a: T, b: T) => a.words / a.of - b.words / b.of || a.words - b.words;
  const ranked = [...takes].sort((a, b) => better(b, a));
  const kept: T[] = [];
  for (const t of ranked) {
    const clash = kept.some((k) => {
      const overlap = Math.min(endOf(k), endOf(t)) - Math.max(k.start, t.start);
      return overlap > 0.5 * Math.min(endOf(k) - k.start, endOf(t) - t.start);
    });
    if (!clash) kept.push(t);
  }
  return kept.sort((a, b) => a.start - b.start);
}

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
 * Per window (from `takeWindows`), the take of the first search that already heard its whole line
 * from the window's start (within LEAD + 0.1 s), if one did: that window need not be searched again
 * (the second search is there to follow a take the first one left early). Measured on the test
 * session, most complete takes of clean readings are heard whole the first time.
 */
export function settledTakes(
  windows: TakeWindow[],
  takes: HeardTake[],
  lineWords: number[],
): Array<HeardTake | undefined> {
  return windows.map((w) =>
    takes.find(
      (t) =>
        t.line === w.line &&
        t.words >= (lineWords[t.line] ?? Number.POSITIVE_INFINITY) &&
        t.start >= w.start &&
        t.start <= w.start + LEAD + 0.1,
    ),
  );
}

/** Seconds between a take's last word and the next take's first for the two to be one take. */
const CONTINUES = 0.6;
/** Words of its own line a take may skip where it runs on as another line's words ("also"). */
const SKIP = 2;

/**
 * Takes heard on one searched window (`takes`, path order) with a take split where its line runs
 * through another line's words rejoined: the search may leave line X partway and go on as line Y
 * when Y's opening words come next in X ("…acoustic corpus uh and I'm also saying…" heard as X to
 * "corpus", then Y "and I'm…"). When a take of X stops short and within CONTINUES s a take of
 * another line follows whose heard words are X's next words (after at most SKIP of X's own, and its
 * hesitations), the two are one take of X. `lines` are the words of the lines the takes index.
 */
export function rejoinTakes(lines: string[][], takes: HeardTake[]): HeardTake[] {
  const out: HeardTake[] = [];
  for (const t of takes) {
    const last = out.at(-1);
    const own = last ? lines[last.line] : undefined;
    if (last && own && t.line !== last.line && last.words < own.length && t.start - last.end < CONTINUES) {
      const heard = (lines[t.line] ?? []).slice(0, t.words);
      let at = -1;
      for (let p = last.words; p <= Math.min(own.length - heard.length, last.words + SKIP); p++) {
        if (heard.every((w, k) => own[p + k] === w)) {
          at = p;
          break;
        }
      }
      if (heard.length > 0 && at >= 0) {
        const n = last.words + t.words;
        out[out.length - 1] = {
          ...last,
          words: at + heard.length,
          end: t.end,
          fit: (last.fit * last.words + t.fit * t.words) / n,
        };
        continue;
      }
    }
    out.push(t);
  }
  return out;
}
