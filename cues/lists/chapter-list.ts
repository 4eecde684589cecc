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
 * The sheet's chapters in the order they play: by start (its own or its first placed cue's);
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
  return entries.map((e) => e.entry);
}
