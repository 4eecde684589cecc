import { cueIdBase } from '../build-cue-sheet.ts';
import { withChapterStarts } from '../chapter-starts.ts';
import type { Cue, CueSheet } from '../cue-sheet.ts';
import { spokenFor } from '../spoken-text.ts';
import { cueIndex, MIN_CUE_SECONDS } from './cue-timing.ts';
import { EditError } from './edit-error.ts';

// Split and merge keep the contract's promise that a cue's text is exactly its slice of the script,
// so both need the script; a merge never crosses a blank line (cues never span paragraphs).

function freshId(cue: Pick<Cue, 'kind' | 'text'>, taken: Set<string>): string {
  const base = cueIdBase(cue.kind, cue.text);
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

/** A part of a cue keeps saying nothing if the cue said nothing; otherwise its spoken text is read afresh. */
function withSpoken(sheet: CueSheet, part: Cue, silent: boolean): Cue {
  const { spoken: _old, ...rest } = part;
  const spoken = silent ? '' : spokenFor(sheet.format, part.kind, part.text);
  return spoken === part.text ? rest : { ...rest, spoken };
}

function replaceInChapters(sheet: CueSheet, oldIds: string[], newIds: string[]) {
  const first = oldIds[0]!;
  const drop = new Set(oldIds);
  return sheet.chapters.map((chapter) => {
    if (!chapter.cueIds.some((id) => drop.has(id))) return chapter;
    const cueIds = chapter.cueIds.flatMap((id) => (id === first ? newIds : drop.has(id) ? [] : [id]));
    return { ...chapter, cueIds };
  });
}

/**
 * Splits a placed cue at `time`. The text is cut at the word start nearest to the same fraction of
 * the text as `time` is of the cue's duration (speech runs at a roughly even rate within a cue).
 */
export function splitCue(sheet: CueSheet, id: string, time: number): CueSheet {
  const index = cueIndex(sheet, id);
  const cue = sheet.cues[index]!;
  if (cue.start === undefined || cue.end === undefined)
    throw new EditError('place this cue before splitting it');
  if (time <= cue.start + MIN_CUE_SECONDS || time >= cue.end - MIN_CUE_SECONDS) {
    throw new EditError('split inside the cue, away from its edges');
  }
  const target = ((time - cue.start) / (cue.end - cue.start)) * cue.text.length;
  let cut = -1;
  for (const match of cue.text.matchAll(/\s+(?=\S)/g)) {
    const at = match.index + match[0].length;
    if (cut < 0 || Math.abs(at - target) < Math.abs(cut - target)) cut = at;
  }
  if (cut < 0) throw new EditError('a one-word cue cannot be split');
  const firstText = cue.text.slice(0, cut).trimEnd();
  const secondText = cue.text.slice(cut);
  const taken = new Set(sheet.cues.map((c) => c.id));
  taken.delete(cue.id);
  const silent = cue.spoken === '';
  const first: Cue = withSpoken(
    sheet,
    {
      ...cue,
      id: freshId({ kind: cue.kind, text: firstText }, taken),
      text: firstText,
      source: { start: cue.source.start, end: cue.source.start + firstText.length },
      end: time,
    },
    silent,
  );
  const second: Cue = withSpoken(
    sheet,
    {
      ...cue,
      id: freshId({ kind: cue.kind, text: secondText }, taken),
      text: secondText,
      source: { start: cue.source.start + cut, end: cue.source.end },
      start: time,
    },
    silent,
  );
  const cues = sheet.cues.slice();
  cues.splice(index, 1, first, second);
  return withChapterStarts({
    ...sheet,
    cues,
    chapters: replaceInChapters(sheet, [cue.id], [first.id, second.id]),
  });
}

/** Why `id` cannot merge with the cue after it, or undefined when it can. */
export function mergeBlocker(sheet: CueSheet, script: string, id: string): string | undefined {
  const index = cueIndex(sheet, id);
  const a = sheet.cues[index]!;
  const b = sheet.cues[index + 1];
  if (!b) return 'this is the last cue';
  if (a.kind !== b.kind) return `a ${a.kind} cue cannot merge with a ${b.kind} cue`;
  if (a.speaker !== b.speaker) return 'the next cue has another speaker';
  const chapterOf = (cueId: string) => sheet.chapters.findIndex((c) => c.cueIds.includes(cueId));
  if (chapterOf(a.id) !== chapterOf(b.id)) return 'the next cue is in another chapter';
  if (/\n[^\S\n]*\n/.test(script.slice(a.source.end, b.source.start)))
    return 'the next cue is in another paragraph';
  if (script.slice(a.source.start, a.source.end) !== a.text)
    return 'this sheet does not belong to this script';
  return undefined;
}

export function mergeWithNext(sheet: CueSheet, script: string, id: string): CueSheet {
  const blocker = mergeBlocker(sheet, script, id);
  if (blocker) throw new EditError(`cannot merge: ${blocker}`);
  const index = cueIndex(sheet, id);
  const a = sheet.cues[index]!;
  const b = sheet.cues[index + 1]!;
  const text = script.slice(a.source.start, b.source.end);
  const taken = new Set(sheet.cues.map((c) => c.id));
  taken.delete(a.id);
  taken.delete(b.id);
  const merged: Cue = withSpoken(
    sheet,
    {
      ...a,
      id: freshId({ kind: a.kind, text }, taken),
      text,
      source: { start: a.source.start, end: b.source.end },
    },
    a.spoken === '' && b.spoken === '',
  );
  const start = a.start ?? b.start;
  const end = b.end ?? a.end;
  if (start !== undefined) merged.start = start;
  if (end !== undefined) merged.end = end;
  const confidence = Math.min(a.confidence ?? 1, b.confidence ?? 1);
  if (a.confidence !== undefined || b.confidence !== undefined) merged.confidence = confidence;
  const cues = sheet.cues.slice();
  cues.splice(index, 2, merged);
  return withChapterStarts({ ...sheet, cues, chapters: replaceInChapters(sheet, [a.id, b.id], [merged.id]) });
}
