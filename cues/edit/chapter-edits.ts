import { withChapterStarts } from '../chapter-starts.ts';
import type { Chapter, CueSheet } from '../cue-sheet.ts';
import { fnv1a } from '../text/hash.ts';
import { cueIndex } from './cue-timing.ts';
import { EditError } from './edit-error.ts';

// A chapter is the run of cues from its first cue to the next chapter's first cue, so every
// chapter edit is a change to the list of first-cue indexes; rebuilding from that list keeps
// every cue in exactly one chapter, in order. The first chapter always opens the production.

function firstCueIndexes(sheet: CueSheet): number[] {
  const indexOf = new Map(sheet.cues.map((c, i) => [c.id, i]));
  return sheet.chapters.map((c) => indexOf.get(c.cueIds[0] ?? '') ?? sheet.cues.length);
}

function rebuild(sheet: CueSheet, metas: Omit<Chapter, 'cueIds'>[], firsts: number[]): CueSheet {
  const chapters = metas.map((meta, i) => {
    const { start: _stale, ...rest } = meta;
    const to = firsts[i + 1] ?? sheet.cues.length;
    return { ...rest, cueIds: sheet.cues.slice(firsts[i], to).map((c) => c.id) };
  });
  return withChapterStarts({ ...sheet, chapters });
}

function chapterIndex(sheet: CueSheet, chapterId: string): number {
  const index = sheet.chapters.findIndex((c) => c.id === chapterId);
  if (index < 0) throw new EditError(`no chapter "${chapterId}"`);
  return index;
}

/** Why no chapter can open at `cueId` (asked before the title is: the user is not asked for nothing). */
export function addChapterBlocker(sheet: CueSheet, cueId: string): string | undefined {
  const at = cueIndex(sheet, cueId);
  if (firstCueIndexes(sheet).includes(at)) return 'a chapter already starts at this cue';
  return undefined;
}

/** Opens a new chapter at `cueId`; the chapter that held it ends just before. */
export function addChapterAt(sheet: CueSheet, cueId: string, title: string): CueSheet {
  const blocker = addChapterBlocker(sheet, cueId);
  if (blocker) throw new EditError(blocker);
  const at = cueIndex(sheet, cueId);
  const firsts = firstCueIndexes(sheet);
  const insertAt = firsts.filter((f) => f < at).length;
  const taken = new Set(sheet.chapters.map((c) => c.id));
  let id = `ch-${fnv1a(title)}`;
  for (let n = 2; taken.has(id); n++) id = `ch-${fnv1a(title)}-${n}`;
  const metas: Omit<Chapter, 'cueIds'>[] = sheet.chapters.map(({ cueIds: _, ...meta }) => meta);
  metas.splice(insertAt, 0, { id, title: title.trim() || 'Untitled chapter' });
  firsts.splice(insertAt, 0, at);
  return rebuild(sheet, metas, firsts);
}

export function renameChapter(sheet: CueSheet, chapterId: string, title: string): CueSheet {
  const index = chapterIndex(sheet, chapterId);
  const trimmed = title.trim();
  if (!trimmed) throw new EditError('a chapter needs a title');
  const chapters = sheet.chapters.slice();
  chapters[index] = { ...chapters[index]!, title: trimmed };
  return { ...sheet, chapters };
}

/** Moves a chapter's start to another cue between the previous and the next chapter's starts. */
export function moveChapterStart(sheet: CueSheet, chapterId: string, cueId: string): CueSheet {
  const index = chapterIndex(sheet, chapterId);
  if (index === 0) throw new EditError('the first chapter always starts the production');
  const to = cueIndex(sheet, cueId);
  const firsts = firstCueIndexes(sheet);
  const lo = firsts[index - 1]!;
  const hi = firsts[index + 1] ?? sheet.cues.length;
  if (to <= lo || to >= hi) throw new EditError('a chapter cannot move past its neighbours');
  firsts[index] = to;
  return rebuild(
    sheet,
    sheet.chapters.map(({ cueIds: _, ...meta }) => meta),
    firsts,
  );
}

/** Removes a chapter marker; its cues join the chapter before. */
export function removeChapter(sheet: CueSheet, chapterId: string): CueSheet {
  const index = chapterIndex(sheet, chapterId);
  if (index === 0) throw new EditError('the first chapter cannot be removed');
  const firsts = firstCueIndexes(sheet);
  firsts.splice(index, 1);
  const metas = sheet.chapters.map(({ cueIds: _, ...meta }) => meta);
  metas.splice(index, 1);
  return rebuild(sheet, metas, firsts);
}
