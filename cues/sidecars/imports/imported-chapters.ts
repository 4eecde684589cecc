import { InputError } from '../../input-error.ts';

// What every chapter importer gives back: chapters in time order and warnings for values that
// were out of range but whose intent was clear (imported, not refused).

/** A chapter read from another tool's file: seconds on the audio's timeline. */
export interface ImportedChapter {
  start: number;
  /** Where the file says the chapter ends, when it says so. */
  end?: number;
  title: string;
}

export interface ChapterImport {
  chapters: ImportedChapter[];
  /** One line each: what was odd, where, and what was done about it. */
  warnings: string[];
}

/**
 * Puts chapters in time order and settles what a timeline cannot hold, each with a warning:
 * a negative start becomes 0, an end before its start is dropped, a second chapter at the same
 * start as another is left out. Fails on a file with no chapters at all.
 */
export function finishImport(chapters: ImportedChapter[], warnings: string[], what: string): ChapterImport {
  if (chapters.length === 0) throw new InputError(`no chapters in this ${what}`);
  const out: ImportedChapter[] = [];
  const sorted = chapters
    .map((c, i) => ({ c, i }))
    .sort((a, b) => a.c.start - b.c.start || a.i - b.i)
    .map(({ c }) => c);
  if (sorted.some((c, i) => c !== chapters[i]))
    warnings.push('chapters were out of time order: sorted by start');
  for (const chapter of sorted) {
    let { start, end } = chapter;
    if (start < 0) {
      warnings.push(`chapter "${chapter.title}" started at ${start} s: moved to 0`);
      start = 0;
    }
    if (end !== undefined && end < start) {
      warnings.push(`chapter "${chapter.title}" ends (${end} s) before it starts (${start} s): end dropped`);
      end = undefined;
    }
    const same = out.find((c) => Math.abs(c.start - start) < 0.0005);
    if (same) {
      warnings.push(
        `chapter "${chapter.title}" starts where "${same.title}" does (${start.toFixed(3)} s): left out`,
      );
      continue;
    }
    out.push({ start, ...(end !== undefined ? { end } : {}), title: chapter.title });
  }
  return { chapters: out, warnings };
}
