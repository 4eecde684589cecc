import type { HeardWord } from './spotting-grammar.ts';
import { type Fsg, FsgBuilder } from './take-fsg.ts';

// Finding an actor's takes in a session recording: the recogniser searches a grammar that loops
// over "any of this speaker's lines, or any prefix of one" with a free loop of phones between
// (slates, false-start debris, coughs, chat). A take may stop after any word, so a false start is
// heard as a prefix of its line and a complete take as the whole line. Each line's first word is
// a marker word of its own (same phones, a name per line), so the path says which line every take
// began, even when two lines start alike. Hesitations written into a line ("uh", "um") after its
// first word are optional: an actor says them or not, and a take must not end where one was left
// out (measured: lines of the casual reader's missed in the test session were heard up to their
// "uh" and no further).

/** The marker word that opens line `line` (index into the lines) when its first word is `word`. */
export function markerWord(line: number, word: string): string {
  return `take${line}x${word}`;
}

/**
 * The marker word that opens line `line` at its second word `word` (its first unheard): a casual
 * opener ("alright", "um") is often swallowed or clipped, and a take entered only at its first
 * word was then heard as another line sharing the rest ("alright so this is the sick corpus uh
 * hopefully…" taken for "uh so this is the sick corpus uh I have a cold…", measured on the test
 * session).
 */
export function secondMarkerWord(line: number, word: string): string {
  return `take${line}y${word}`;
}

/** Relative weight of one more phone in a free loop against leaving it (as grammar.ts). */
const LOOP_PRIOR = 0.001;

/**
 * Probability of a line opening again within one segment, after two or more of its words: a
 * false start run into its retake. Dear, so that the search takes it only where the audio says
 * so (measured: at 1 and 1e-5 the test session lost a pick and a complete take; at 1e-15 none,
 * and the tester's "Father, the radio… [0.3 s] Father, the radio is making that noise again."
 * gives its false start and its retake).
 */
const RESTART_PRIOR = 1e-15;

const MARKER = /^take(\d+)([xy])/;

/** Hesitations a script may write into a line, which an actor says or leaves out. */
const HESITATIONS = new Set(['uh', 'um', 'er', 'erm', 'ah', 'hmm', 'mm', 'uhm', 'eh']);

/** Whether `word` (a dictionary word) is a hesitation: optional anywhere in a take. */
export function isHesitation(word: string): boolean {
  return HESITATIONS.has(word);
}

/** How the takes of a grammar follow each other. */
export interface TakeGrammarOptions {
  /**
   * One take at most in the searched audio (a speech segment cut at pauses), free phones before
   * and after it, and a line may be entered at its second word too: every take then competes with
   * every other line over the whole segment, and the best whole path says which line it is.
   * Default (false): a loop of takes over a long stretch, each entered at its first word.
   */
  single?: boolean;
}

/**
 * The take grammar for `lines` (each a line's words as dictionary words, none empty), as a
 * finite-state grammar (take-fsg.ts): free phones, then a line, then (without `single`) the
 * grammar again, or (with `single`) free phones to the end; or free phones alone. A line is its
 * marker word then its words in order, and may be left after any word; lines of three words or
 * more, with `single`, may also open at their second word, on a marker of their own that leads
 * into the same chain. Hesitations after the first word are optional words that never end the
 * line; a line opening with one still opens with it (left out, the next word would become the
 * marker, and a marker as common as "and" or "the" was heard everywhere in a loop of takes:
 * measured, the test session's searches grew fivefold and lost takes). Returns the grammar and
 * the marker words to add to the dictionary as [marker, the dictionary word whose phones it takes].
 */
export function takeGrammar(
  lines: string[][],
  options: TakeGrammarOptions = {},
): { grammar: Fsg; markers: Array<[string, string]> } {
  const fsg = new FsgBuilder();
  const start = fsg.state();
  fsg.freeLoop(start, LOOP_PRIOR);
  const entry = fsg.state();
  fsg.skip(start, entry);
  const final = fsg.state();
  fsg.skip(entry, final);
  const lineEnd = fsg.state();
  if (options.single) {
    fsg.freeLoop(lineEnd, LOOP_PRIOR);
    fsg.skip(lineEnd, final);
  } else fsg.skip(lineEnd, start);
  const markers: Array<[string, string]> = [];
  const seconds: Array<[string, string, number]> = [];
  for (const [i, words] of lines.entries()) {
    const first = markerWord(i, words[0]!);
    markers.push([first, words[0]!]);
    let at = fsg.state();
    fsg.word(entry, at, first);
    // With `single`, a false start may run straight into its retake (a pause too short to cut
    // the segment at): the line opens again after two words or more.
    const again = options.single ? fsg.state() : -1;
    if (again >= 0) fsg.word(again, at, first);
    for (let k = 1; k < words.length; k++) {
      const next = fsg.state();
      const word = words[k]!;
      fsg.word(at, next, word);
      // A hesitation may be left out; any other word may be where the take stops.
      if (isHesitation(word)) fsg.skip(at, next);
      else fsg.skip(at, lineEnd);
      if (again >= 0 && k < words.length - 1) fsg.skip(next, again, RESTART_PRIOR);
      at = next;
      if (k === 1 && options.single && words.length >= 3)
        seconds.push([secondMarkerWord(i, words[1]!), words[1]!, next]);
    }
    fsg.skip(at, lineEnd);
  }
  for (const [second, word, into] of seconds) {
    markers.push([second, word]);
    fsg.word(entry, into, second);
  }
  return { grammar: fsg.finish(start, final), markers };
}

/**
 * Price of a free phone in a take's tail grammar. A take's last words said fast and slurred lose
 * to the free loop at LOOP_PRIOR (measured: "…a long pause | and I think this is probably good",
 * the seven words in 1.1 s after the pause, were heard by no search at 0.001 to 1e-15); the same
 * tails at 1e-25 are heard whole, while the tails of slates heard as a line's first words and of
 * false starts in the test session still are not (at 1e-50 two of them were: the loop had become
 * too dear to explain anything).
 */
export const TAIL_PRIOR = 1e-25;

/**
 * The tail grammar of a take left partway: free phones at TAIL_PRIOR, then `words` (the line's
 * unheard words, dictionary words, none empty) all in order up to the end of the searched audio,
 * or free phones alone. Searched on the speech running on after the take's last heard word up to
 * the next pause: a complete take ends with its line's last word where its speech ends, so the
 * path either holds every word, the last at the end, or none. Hesitations may be left out.
 */
export function tailGrammar(words: string[]): Fsg {
  const fsg = new FsgBuilder();
  const start = fsg.state();
  fsg.freeLoop(start, TAIL_PRIOR);
  const first = fsg.state();
  fsg.skip(start, first);
  let at = first;
  for (const word of words) {
    const next = fsg.state();
    fsg.word(at, next, word);
    if (isHesitation(word)) fsg.skip(at, next);
    at = next;
  }
  fsg.skip(first, at);
  const final = fsg.state();
  fsg.skip(at, final);
  return fsg.finish(start, final);
}

/** One take heard on a recording: which line, how many of its words, where (seconds). */
export interface HeardTake {
  /** Index into the lines the grammar was built from. */
  line: number;
  /**
   * Words of the line heard, from its first (the whole line when equal to its length); a
   * hesitation of the line passed over counts as heard.
   */
  words: number;
  /** First word's start and last word's end, seconds on the searched audio. */
  start: number;
  end: number;
  /** Mean posterior of its words (0-1): how sure the recogniser is of them. */
  fit: number;
  /** Entered at its second word (a `single` grammar): the line's first word was not heard. */
  secondEntry?: true;
}

/**
 * The takes on a path the recogniser found with `takeGrammar(lines)`: the heard script words
 * split at marker words. Words off the grammar (never expected) end the current take. A line's
 * hesitations the path passed over count as heard, and so do a line's trailing ones once the
 * word before them was heard. A take entered at its second word counts its first as heard (it
 * was said, swallowed: the take says so with `secondEntry`).
 */
export function takesHeard(lines: string[][], heard: HeardWord[]): HeardTake[] {
  const out: HeardTake[] = [];
  let current: { line: number; at: number; words: HeardWord[]; second: boolean } | undefined;
  const close = () => {
    if (!current) return;
    const ws = current.words;
    const line = lines[current.line] ?? [];
    const rest = line.slice(current.at);
    out.push({
      line: current.line,
      words: rest.every(isHesitation) ? line.length : current.at,
      start: ws[0]!.start,
      end: ws.at(-1)!.end,
      fit: ws.reduce((n, w) => n + w.score, 0) / ws.length,
      ...(current.second ? { secondEntry: true as const } : {}),
    });
    current = undefined;
  };
  for (const w of heard) {
    const marker = MARKER.exec(w.word);
    if (marker) {
      close();
      const line = Number(marker[1]);
      const second = marker[2] === 'y';
      current = { line, at: second ? 2 : 1, words: [w], second };
      continue;
    }
    if (!current) continue;
    const line = lines[current.line] ?? [];
    let at = current.at;
    while (at < line.length && line[at] !== w.word && isHesitation(line[at]!)) at++;
    if (line[at] === w.word) {
      current.words.push(w);
      current.at = at + 1;
    } else close();
  }
  close();
  return out;
}
