import type { CueSheet } from './cue-sheet.ts';

/** The sheet with each chapter starting where its first timed cue starts (after a new timing). */
export function withChapterStarts(sheet: CueSheet): CueSheet {
  const starts = new Map(
    sheet.cues.flatMap((c) => (c.start !== undefined ? [[c.id, c.start] as const] : [])),
  );
  const chapters = sheet.chapters.map((chapter) => {
    const start = chapter.cueIds.map((id) => starts.get(id)).find((t) => t !== undefined);
    return start !== undefined ? { ...chapter, start } : chapter;
  });
  return { ...sheet, chapters };
}
