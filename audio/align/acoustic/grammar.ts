import type { ScriptPart } from './script-words.ts';

// The finite-state grammar a window of the script is aligned with (JSGF, W3C/Sun 1998): the
// window's words in order, each note optional, each song its words or a free loop of phones, and
// the stretches before and after the window free loops too. The free loop is what lets a window be wider than its words: it
// soaks up intro music and the neighbouring script's speech instead of forcing the words over
// them (the collapse the DTW engine showed on real narration). No loop between cues: on real
// casual speech it swallowed the "um" and "uh" that open lines (cue starts 150-300 ms late).

/**
 * The free loop's phones: a dozen broad ones (open, front, back and central vowels, nasals,
 * fricative, stops, liquid) are enough to soak up any speech or music. All 39 are not: with them
 * the loop explained the audio so much better than the words that the words' paths were pruned
 * and the search ended with no complete path (seen on real speech with a leading loop).
 */
export const FREE_PHONES = ['AA', 'AE', 'AH', 'IY', 'UW', 'ER', 'M', 'N', 'S', 'T', 'K', 'L'] as const;

/** Dictionary entries [word, phones] for the free loop's one-phone words. */
export function freeLoopWords(): Array<[string, string]> {
  return FREE_PHONES.map((phone) => [freeWord(phone), phone]);
}

/** A free-loop word's name ("phnaa"): no English word, so never a script token. */
export function freeWord(phone: string): string {
  return `phn${phone.toLowerCase()}`;
}

const FREE_WORDS = new Set<string>(FREE_PHONES.map(freeWord));

export function isFreeWord(word: string): boolean {
  return FREE_WORDS.has(word);
}

/** Relative weight of one more phone in a free loop against leaving it. */
const LOOP_PRIOR = 0.001;

/** JSGF text for a window: `<free> part… <free>`; the parts' words are dictionary words. */
export function windowGrammar(parts: ScriptPart[]): string {
  const body: string[] = ['<free>'];
  for (const part of parts) {
    if (part.role === 'silent') continue;
    if (part.role === 'sung') {
      // Read, its words are heard like any others; sung, the loop takes it (the recogniser's
      // model is of speech) and the song detector places it.
      body.push(`( ${part.words.join(' ')} | <free> )`);
      continue;
    }
    const words = part.words.join(' ');
    // Spoken lines are required: made skippable (even at a prior of 0.001), real lines were
    // skipped and their audio left to the free loop after the window.
    body.push(part.role === 'optional' ? `[ ${words} ]` : words);
  }
  if (body.at(-1) !== '<free>') body.push('<free>');
  const loop = FREE_PHONES.map((phone) => freeWord(phone)).join(' | ');
  // The loop costs LOOP_PRIOR a phone (right recursion, the JSGF way to weight a loop's exit):
  // a free loop explains any sound better than forced words, and unpriced it kept the words' path
  // so far behind that the search pruned it and found no complete path (two real recordings end
  // to end: a window of them failed at every width).
  const rule = body.join(' ');
  return `#JSGF V1.0;\ngrammar script;\npublic <script> = ${rule};\n<free> = /${LOOP_PRIOR}/ <phone> <free> | /1/ <NULL>;\n<phone> = ${loop};\n`;
}
