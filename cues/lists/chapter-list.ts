import type { CueSheet } from '../cue-sheet.ts';

/** A chapter as the chapters panel lists it. */
export interface ChapterEntry {
  id: string;
  title: string;
  /** Seconds on the timeline; undefined while none of its cues is placed. */
  start?: number;
  /** How many cues it holds. */
  cues: number;
}

/**
 * The sheet's chapters in the order they play: by start (its own or its first placed cue's; the
 * first at 0, as chapterMarks exports it);
 * chapters without a time keep their sheet order after the timed ones.
 */
export function chaptersByTime(sheet: CueSheet): ChapterEntry[] {
  const cueStart = new Map(sheet.cues.map((c) => [c.id, c.start]));
  const entries = sheet.chapters.map((chapter, order) => {
    const start = chapter.start ?? chapter.cueIds.map((id) => cueStart.get(id)).find((t) => t !== undefined);
    return {
      order,
      entry: {
        id: chapter.id,
        title: chapter.title,
        ...(start !== undefined ? { start } : {}),
        cues: chapter.cueIds.length,
      },
    };
  });
  entries.sort((a, b) => {
    const [x, y] = [a.entry.start, b.entry.start];
    if (x === undefined || y === undefined) return x === y ? a.order - b.order : x === undefined ? 1 : -1;
    return x - y || a.order - b.order;
  });
  // The first chapter starts the book: at 0, as the export, the cue panel and the flag have it
  // (the list said 00:00:00.300, where its first cue starts).
  const first = entries[0]?.entry;
  if (first?.start !== undefined) first.start = 0;
  return entries.map((e) => e.entry);
}
