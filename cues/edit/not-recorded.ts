import { withChapterStarts } from '../chapter-starts.ts';
import type { CueSheet } from '../cue-sheet.ts';
import { cueIndex } from './cue-timing.ts';
import { EditError } from './edit-error.ts';

// A line of the script that was never recorded (cut in the booth) leaves the production: it loses
// its times, its review flag and its place in its chapter, so captions, chapter lists and every
// export skip it, and alignment does not look for it. The text stays in the script, marked; undo
// (or markRecorded) brings it back.

/**
 * Marks the cues `ids` not recorded. A chapter that held them keeps its other cues and starts at
 * the first of them still placed; a chapter left with no cue loses its time (no export lists it).
 * Throws EditError for an unknown id or when every cue is already marked.
 */
export function markNotRecorded(sheet: CueSheet, ids: readonly string[]): CueSheet {
  if (ids.length === 0) throw new EditError('select the cues that were not recorded first');
  const wanted = new Set(ids);
  for (const id of ids) cueIndex(sheet, id);
  if (sheet.cues.every((c) => !wanted.has(c.id) || c.notRecorded))
    throw new EditError(
      ids.length === 1
        ? 'this cue is already marked not recorded'
        : 'these cues are already marked not recorded',
    );
  const cues = sheet.cues.map((cue) => {
    if (!wanted.has(cue.id) || cue.notRecorded) return cue;
    const { start: _s, end: _e, confidence: _c, review: _r, ...rest } = cue;
    return { ...rest, notRecorded: true as const };
  });
  const chapters = sheet.chapters.map((chapter) => {
    if (!chapter.cueIds.some((id) => wanted.has(id))) return chapter;
    // Its start is found again from the cues it keeps (withChapterStarts), or it has none.
    const { start: _old, ...rest } = chapter;
    return { ...rest, cueIds: chapter.cueIds.filter((id) => !wanted.has(id)) };
  });
  return withChapterStarts({ ...sheet, cues, chapters });
}

/**
 * The cues `ids` count as recorded again: the mark goes, the cue is unplaced until aligned or
 * timed by hand, and it rejoins the chapter of the cue before it in the script (or the first).
 */
export function markRecorded(sheet: CueSheet, ids: readonly string[]): CueSheet {
  const wanted = new Set(ids.filter((id) => sheet.cues[cueIndex(sheet, id)]!.notRecorded));
  if (wanted.size === 0) throw new EditError('none of the selected cues is marked not recorded');
  const cues = sheet.cues.map((cue) => {
    if (!wanted.has(cue.id)) return cue;
    const { notRecorded: _n, ...rest } = cue;
    return rest;
  });
  const order = new Map(sheet.cues.map((c, i) => [c.id, i]));
  let chapters = sheet.chapters.map((c) => ({ ...c, cueIds: c.cueIds.slice() }));
  for (const [index, cue] of sheet.cues.entries()) {
    if (!wanted.has(cue.id) || chapters.length === 0) continue;
    const before = new Set(sheet.cues.slice(0, index).map((c) => c.id));
    const home = [...chapters].reverse().find((c) => c.cueIds.some((id) => before.has(id))) ?? chapters[0]!;
    home.cueIds = [...home.cueIds, cue.id].sort((a, b) => order.get(a)! - order.get(b)!);
  }
  chapters = chapters.map((c, i) =>
    c.cueIds.join() === sheet.chapters[i]!.cueIds.join() ? sheet.chapters[i]! : c,
  );
  return withChapterStarts({ ...sheet, cues, chapters });
}
