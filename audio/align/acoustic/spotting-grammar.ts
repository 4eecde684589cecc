import { FREE_PHONES, freeWord } from './grammar.ts';
import type { ScriptPart } from './script-words.ts';

// Finding which lines of a script a short recording (a pickup) says, with no transcript: the
// recogniser searches a grammar that may enter the script at the start of any spoken cue of a
// batch, go on through the cues after it as far as the recording could hold, and leave after any
// whole cue; the free loop before and after soaks up a slate, a breath or a partial line. The path
// it finds names the cues, and its words' posteriors say how well they fit.

/** Relative weight of one more phone in a free loop against leaving it (as grammar.ts). */
const LOOP_PRIOR = 0.001;

/** One place to enter the script: part `entry`, continuing at most through part `last`. */
export interface SpotEntry {
  entry: number;
  last: number;
}

/**
 * The entries for a recording of about `maxWords` words: every spoken part, each continuing
 * through the parts after it until they hold `maxWords` words. Parts are the script's (words
 * spelled as dictionary words).
 */
export function spotEntries(parts: ScriptPart[], maxWords: number): SpotEntry[] {
  const out: SpotEntry[] = [];
  for (const [i, part] of parts.entries()) {
    if (part.role !== 'spoken') continue;
    let words = 0;
    let last = i;
    for (let k = i; k < parts.length && words < maxWords; k++) {
      words += parts[k]!.words.length;
      last = k;
    }
    out.push({ entry: i, last });
  }
  return out;
}

/** Entries in batches of about `wordBudget` grammar words each (the search's cost grows with it). */
export function batchEntries(parts: ScriptPart[], entries: SpotEntry[], wordBudget: number): SpotEntry[][] {
  const batches: SpotEntry[][] = [];
  let batch: SpotEntry[] = [];
  let words = 0;
  for (const e of entries) {
    const size = parts.slice(e.entry, e.last + 1).reduce((n, p) => n + p.words.length, 0);
    if (batch.length > 0 && words + size > wordBudget) {
      batches.push(batch);
      batch = [];
      words = 0;
    }
    batch.push(e);
    words += size;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}

/** A part as the grammar hears it: a spoken line required, a note or a song's words optional. */
function partRule(part: ScriptPart): string | undefined {
  if (part.role === 'silent' || part.words.length === 0) return undefined;
  const words = part.words.join(' ');
  return part.role === 'spoken' ? words : `[ ${words} ]`;
}

/** JSGF text: `<free> ( entry… ) <free>`, each entry its first cue then `[ next [ next … ] ]`. */
export function spottingGrammar(parts: ScriptPart[], batch: SpotEntry[]): string {
  const alternatives = batch.map((e) => {
    const rules = parts
      .slice(e.entry, e.last + 1)
      .map(partRule)
      .filter((r): r is string => r !== undefined);
    // Nested optional tails: the path may leave after any whole cue.
    let tail = '';
    for (let k = rules.length - 1; k >= 1; k--) tail = ` [ ${rules[k]}${tail} ]`;
    return `( ${rules[0]}${tail} )`;
  });
  const loop = FREE_PHONES.map((phone) => freeWord(phone)).join(' | ');
  return `#JSGF V1.0;\ngrammar spot;\npublic <spot> = <free> ( ${alternatives.join(' | ')} ) <free>;\n<free> = /${LOOP_PRIOR}/ <phone> <free> | /1/ <NULL>;\n<phone> = ${loop};\n`;
}

/** A word the recogniser heard on the path: its dictionary spelling, seconds and posterior (0-1). */
export interface HeardWord {
  word: string;
  start: number;
  end: number;
  score: number;
}

/** The run of parts a path says, with how well its words fit. */
export interface SpottedRun {
  /** First and last part (cue index) of the run. */
  first: number;
  last: number;
  /** Sum of the words' posteriors: about how many of the script's words were heard. */
  score: number;
  /** Seconds the run's words cover on the recording, first word's start to last word's end. */
  start: number;
  end: number;
}

/**
 * Every run of parts from one of `batch`'s entries whose words are exactly `heard` (more than one
 * when the script repeats itself there); empty when none is (the path left the grammar).
 */
export function runsHeard(parts: ScriptPart[], batch: SpotEntry[], heard: HeardWord[]): SpottedRun[] {
  if (heard.length === 0) return [];
  const score = heard.reduce((n, w) => n + w.score, 0);
  const start = heard[0]!.start;
  const end = heard.at(-1)!.end;
  const out: SpottedRun[] = [];
  for (const e of batch) {
    // Walk the parts from the entry, a note or song either heard whole or skipped.
    const ends = new Set<number>();
    const walk = (k: number, at: number, lastSaid: number) => {
      if (at === heard.length) {
        ends.add(lastSaid);
        return;
      }
      if (k > e.last) return;
      const part = parts[k]!;
      if (part.role === 'silent' || part.words.length === 0) return walk(k + 1, at, lastSaid);
      const says = part.words.every((w, i) => heard[at + i]?.word === w);
      if (says) walk(k + 1, at + part.words.length, k);
      if (part.role !== 'spoken' && k !== e.entry) walk(k + 1, at, lastSaid);
    };
    walk(e.entry, 0, e.entry);
    for (const last of ends) out.push({ first: e.entry, last, score, start, end });
  }
  return out;
}
