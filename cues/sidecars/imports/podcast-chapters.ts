import { InputError } from '../../input-error.ts';
import { type ChapterImport, finishImport, type ImportedChapter } from './imported-chapters.ts';

// Podcasting 2.0 JSON chapters (podcastindex.org "podcast:chapters", version 1.2.0):
// { "version", "chapters": [{ "startTime", "endTime"?, "title"?, "toc"? … }] }. A chapter with
// "toc": false is a silent marker (artwork, links), not a chapter to list, so it is left out.

export function readPodcastChapters(text: string): ChapterImport {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new InputError(`not valid JSON (${(error as Error).message})`);
  }
  const list = (value as { chapters?: unknown } | null)?.chapters;
  if (!Array.isArray(list)) throw new InputError('not Podcasting 2.0 chapters: no "chapters" list');
  const warnings: string[] = [];
  const chapters: ImportedChapter[] = [];
  list.forEach((entry: unknown, i) => {
    const c = entry as { startTime?: unknown; endTime?: unknown; title?: unknown; toc?: unknown } | null;
    const start = typeof c?.startTime === 'string' ? Number(c.startTime) : c?.startTime;
    if (typeof start !== 'number' || !Number.isFinite(start))
      throw new InputError(`chapters[${i}]: "startTime" must be a number of seconds`);
    if (c!.toc === false) {
      warnings.push(`chapters[${i}] is marked "toc": false (not a listed chapter): left out`);
      return;
    }
    const end = typeof c!.endTime === 'number' && Number.isFinite(c!.endTime) ? c!.endTime : undefined;
    const title = typeof c!.title === 'string' ? c!.title : `Chapter ${chapters.length + 1}`;
    if (typeof c!.title !== 'string') warnings.push(`chapters[${i}] has no title: named "${title}"`);
    chapters.push({ start, ...(end !== undefined ? { end } : {}), title });
  });
  return finishImport(chapters, warnings, 'chapters JSON');
}
