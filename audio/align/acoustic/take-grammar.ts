import { FREE_PHONES, freeWord } from './grammar.ts';
import type { HeardWord } from './spotting-grammar.ts';

// Finding an actor's takes in a session recording: the recogniser searches a grammar that loops
// over "any of this speaker's lines, or any prefix of one" with a free loop of phones between
// (slates, false-start debris, coughs, chat). A take may stop after any word, so a false start is
// heard as a prefix of its line and a complete take as the whole line. Each line's first word is
// a marker word of its own (same phones, a name per line), so the path says which line every take
// began, even when two lines start alike. Hesitations written into a line ("uh", "um") after its
// first word are optional: an actor says them or not, and a take must not end where one was left
// out (measured: lines of the casual reader's missed in the test session were heard up to their
// "uh" and no further).

/** Relative weight of one more phone in a free loop against leaving it (as grammar.ts). */
const LOOP_PRIOR = 0.001;

/** The marker word that opens line `line` (index into the lines) when its first word is `word`. */
export function markerWord(line: number, word: string): string {
  return `take${line}x${word}`;
}

const MARKER = /^take(\d+)x/;

/** Hesitations a script may write into a line, which an actor says or leaves out. */
const HESITATIONS = new Set(['uh', 'um', 'er', 'erm', 'ah', 'hmm', 'mm', 'uhm', 'eh']);

/** Whether `word` (a dictionary word) is a hesitation: optional anywhere in a take. */
export function isHesitation(word: string): boolean {
  return HESITATIONS.has(word);
}

/**
 * JSGF text for `lines` (each a line's words as dictionary words, none empty):
 * `<takes> = <free> [ <line> <takes> ]`, each line its marker word then nested optional words,
 * so a path may leave a line after any word. Hesitations after the first word are optional words
 * that never end the line (`[ uh ]` before the rest); a line opening with one still opens with it
 * (left out, the next word would become the marker, and a marker as common as "and" or "the" was
 * heard everywhere: measured, the test session's searches grew fivefold and lost takes). Returns the grammar and the marker words to add to the dictionary as
 * [marker, the dictionary word whose phones it takes].
 */
export function takeGrammar(lines: string[][]): { grammar: string; markers: Array<[string, string]> } {
  const markers: Array<[string, string]> = [];
  const alternatives = lines.map((words, i) => {
    const first = markerWord(i, words[0]!);
    markers.push([first, words[0]!]);
    let tail = '';
    for (let k = words.length - 1; k > 0; k--)
      tail = isHesitation(words[k]!) ? ` [ ${words[k]} ]${tail}` : ` [ ${words[k]}${tail} ]`;
    return `( ${first}${tail} )`;
  });
  const loop = FREE_PHONES.map((phone) => freeWord(phone)).join(' | ');
  const grammar = `#JSGF V1.0;\ngrammar takes;\npublic <takes> = <free> [ <line> <takes> ];\n<line> = ${alternatives.join(' | ')};\n<free> = /${LOOP_PRIOR}/ <phone> <free> | /1/ <NULL>;\n<phone> = ${loop};\n`;
  return { grammar, markers };
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
}

/**
 * The takes on a path the recogniser found with `takeGrammar(lines)`: the heard script words
 * split at marker words. Words off the grammar (never expected) end the current take. A line's
 * hesitations the path passed over count as heard, and so do a line's trailing ones once the
 * word before them was heard.
 */
export function takesHeard(lines: string[][], heard: HeardWord[]): HeardTake[] {
  const out: HeardTake[] = [];
  let current: { line: number; at: number; words: HeardWord[] } | undefined;
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
    });
    current = undefined;
  };
  for (const w of heard) {
    const marker = MARKER.exec(w.word);
    if (marker) {
      close();
      const line = Number(marker[1]);
      current = { line, at: 1, words: [w] };
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
