import { withChapterStarts } from '../chapter-starts.ts';
import type { Chapter, CueSheet } from '../cue-sheet.ts';
import type { ImportedChapter } from '../sidecars/imports/imported-chapters.ts';
import { fnv1a } from '../text/hash.ts';
import { EditError } from './edit-error.ts';

// Chapters brought in from another tool (sidecars/imports) replace the sheet's chapters. A sheet's
// chapter is a run of cues, so each imported chapter opens at the placed cue that starts nearest
// its time; cues before the first imported chapter stay an opening chapter of their own.

/** Where each imported chapter lands: the index of the cue it opens at, or none when no cue is left. */
export function chapterAnchors(sheet: CueSheet, chapters: ImportedChapter[]): Array<number | undefined> {
  const placed = sheet.cues.flatMap((c, i) => (c.start !== undefined ? [{ i, start: c.start }] : []));
  let after = -1;
  return chapters.map((chapter) => {
    let best: { i: number; start: number } | undefined;
    for (const cue of placed) {
      if (cue.i <= after) continue;
      if (!best || Math.abs(cue.start - chapter.start) < Math.abs(best.start - chapter.start)) best = cue;
      else if (cue.start > chapter.start) break; // placed cues run in time order: it only gets further
    }
    if (best) after = best.i;
    return best?.i;
  });
}

/**
 * The sheet with `chapters` (sorted by start, as importers give them) as its chapters, each
 * titled as imported and opening at the placed cue nearest its start. Refuses a sheet whose cues
 * are not placed yet, and a list none of whose chapters finds a cue.
 */
export function importChapters(sheet: CueSheet, chapters: ImportedChapter[]): CueSheet {
  if (!sheet.cues.some((c) => c.start !== undefined))
    throw new EditError('place the cues first (align): imported chapters open at the cue nearest their time');
  const anchors = chapterAnchors(sheet, chapters);
  const opens: Array<{ at: number; title: string }> = [];
  chapters.forEach((chapter, i) => {
    const at = anchors[i];
    if (at !== undefined)
      opens.push({ at, title: chapter.title.replace(/\s+/g, ' ').trim() || `Chapter ${i + 1}` });
  });
  if (opens.length === 0) throw new EditError('none of these chapters falls on a placed cue');
  if (opens[0]!.at > 0) opens.unshift({ at: 0, title: sheet.title });
  const taken = new Set<string>();
  const next: Chapter[] = opens.map((open, i) => {
    let id = `ch-${fnv1a(open.title)}`;
    for (let n = 2; taken.has(id); n++) id = `ch-${fnv1a(open.title)}-${n}`;
    taken.add(id);
    const to = opens[i + 1]?.at ?? sheet.cues.length;
    return { id, title: open.title, cueIds: sheet.cues.slice(open.at, to).map((c) => c.id) };
  });
  return withChapterStarts({ ...sheet, chapters: next });
}
