import { parseAudacityLabels } from '../audacity-labels.ts';
import { type ChapterImport, finishImport } from './imported-chapters.ts';

/** Audacity labels as chapters: each label's start and text; a region label's end too. */
export function readAudacityChapters(text: string): ChapterImport {
  const { labels, warnings } = parseAudacityLabels(text);
  return finishImport(
    labels.map((l) => ({ start: l.start, ...(l.end > l.start ? { end: l.end } : {}), title: l.text })),
    warnings,
    'Audacity label file',
  );
}
