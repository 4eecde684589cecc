import { parseAudacityLabels } from '../audacity-labels.ts';
import { type ChapterImport, finishImport } from './imported-chapters.ts';

/**
 * Audacity labels as chapters: each label's start and text; a region label's end too. A label
 * with no text (an empty label, a last line cut short) is titled "Chapter N", with a warning, as
 * an ffmetadata chapter without a title is.
 */
export function readAudacityChapters(text: string): ChapterImport {
  const { labels, warnings } = parseAudacityLabels(text);
  const titled = labels.map((l, i) => {
    if (l.text.trim() !== '') return l;
    warnings.push(`label ${i + 1} (at ${l.start} s) has no text: titled "Chapter ${i + 1}"`);
    return { ...l, text: `Chapter ${i + 1}` };
  });
  return finishImport(
    titled.map((l) => ({ start: l.start, ...(l.end > l.start ? { end: l.end } : {}), title: l.text })),
    warnings,
    'Audacity label file',
  );
}
