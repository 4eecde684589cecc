import type { CueSheet } from '../cue-sheet.ts';

/** One place the searched text occurs: UTF-16 offsets in the script, and the cue holding it. */
export interface ScriptMatch {
  start: number;
  end: number;
  /** The cue whose source range holds the match's start; undefined between cues (a blank line). */
  cueId?: string;
}

/**
 * Every place `query` occurs in the script, case-insensitive, in reading order (matches do not
 * overlap). An empty or all-blank query finds nothing.
 */
export function searchScript(script: string, sheet: CueSheet, query: string): ScriptMatch[] {
  if (query.trim() === '') return [];
  const haystack = script.toLocaleLowerCase();
  const needle = query.toLocaleLowerCase();
  const matches: ScriptMatch[] = [];
  let cue = 0;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length)) {
    while (cue < sheet.cues.length && sheet.cues[cue]!.source.end <= at) cue++;
    const holder = sheet.cues[cue];
    const inside = holder && holder.source.start <= at && at < holder.source.end;
    matches.push({ start: at, end: at + needle.length, ...(inside ? { cueId: holder.id } : {}) });
  }
  return matches;
}

/**
 * The match after (step 1) or before (step -1) `current`, wrapping round; -1 when there is none.
 * From no current match (-1) the first step forward is the first match, back the last.
 */
export function stepMatch(current: number, count: number, step: 1 | -1): number {
  if (count === 0) return -1;
  if (current < 0) return step === 1 ? 0 : count - 1;
  return (current + step + count) % count;
}
