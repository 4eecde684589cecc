import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collapseSpace } from '../../cues/build-cue-sheet.ts';
import { writeAudacityLabels } from '../../cues/sidecars/audacity-labels.ts';
import {
  cueSheetFile,
  ffmetadata,
  podcastChapters,
  webvttChapters,
} from '../../cues/sidecars/chapter-files.ts';
import type { ChapterMark } from '../../cues/sidecars/chapter-marks.ts';
import { readChapterFile } from '../../cues/sidecars/imports/read-chapter-file.ts';

// Every chapter format Cuewright exports imports back to the same chapters: titles in any
// script, with "-->", quotes, = ; # \, tags and line breaks. Formats whose grammar has a line per
// title (WebVTT chapter cues as written, CUE, Audacity) give titles as one line; ffmetadata and
// JSON keep line breaks. Times come back within the format's resolution. (The formats inside
// audio files are read back in cli-chapters.test.ts.)

interface Format {
  name: string;
  write: (marks: ChapterMark[]) => string;
  /** Half the format's time step, seconds. */
  tolerance: number;
  /** Whether the format gives back ends. */
  ends: boolean;
  /** The title as the format can hold it (the chapter's index: a title the format cannot hold empty). */
  title: (title: string, index: number) => string;
}

const oneLine = (title: string) => collapseSpace(title);
const lineBreaks = (title: string) => title.replace(/\r\n?/g, '\n');

const FORMATS: Format[] = [
  { name: 'WebVTT chapters', write: webvttChapters, tolerance: 0.0005, ends: true, title: oneLine },
  {
    name: 'Podcasting 2.0 JSON',
    write: (m) => podcastChapters(m, 'Book'),
    tolerance: 0.0005,
    ends: true,
    title: (t) => t,
  },
  {
    name: 'CUE sheet',
    write: (m) => cueSheetFile(m, 'book.mp3', 'Book', 'Reader'),
    tolerance: 1 / 150,
    ends: false,
    title: oneLine,
  },
  {
    name: 'ffmetadata',
    write: (m) => ffmetadata(m, { title: 'Book' }),
    tolerance: 0.0005,
    ends: true,
    title: lineBreaks,
  },
  {
    name: 'Audacity labels',
    write: (m) => writeAudacityLabels(m.map((c) => ({ start: c.start, end: c.end, text: c.title }))),
    tolerance: 0.0000005,
    ends: true,
    // A label without text comes back as "Chapter N", with a warning (as ffmetadata's untitled chapter).
    title: (t, i) => oneLine(t) || `Chapter ${i + 1}`,
  },
];

const NASTY = [
  '-->',
  '"quoted"',
  "it's",
  '=;#\\',
  '\\n',
  '<b>x</b>',
  '&amp;',
  '\n',
  '\r\n',
  ' ',
  '\t',
  'TRACK 01 AUDIO',
  'NOTE',
  '[CHAPTER]',
  '第二章',
  'Ünïcödé',
  '🎧',
  '\u200f',
];
const title = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.array(fc.constantFrom(...NASTY), { maxLength: 8 }).map((parts) => parts.join('')),
);
// Starts at whole CUE frames (1/75 s), at least a second apart, so no format merges two chapters.
const marks = fc
  .array(fc.record({ gap: fc.integer({ min: 75, max: 75 * 3600 }), title }), { minLength: 1, maxLength: 12 })
  .map((parts) => {
    let frames = 0;
    const out: ChapterMark[] = parts.map((p, i) => {
      if (i > 0) frames += p.gap;
      return { title: p.title, start: frames / 75, end: 0 };
    });
    out.forEach((m, i) => {
      m.end = out[i + 1]?.start ?? m.start + 10;
    });
    return out;
  });

describe('every chapter format we export imports back to the same chapters', () => {
  for (const format of FORMATS) {
    it(format.name, () => {
      fc.assert(
        fc.property(marks, (written) => {
          const read = readChapterFile(format.write(written), { name: 'chapters' });
          const untitled = written.filter((m, i) => format.title(m.title, i) !== format.title(m.title, -1));
          expect(read.warnings).toHaveLength(untitled.length);
          expect(read.chapters.map((c) => c.title)).toEqual(written.map((m, i) => format.title(m.title, i)));
          read.chapters.forEach((c, i) => {
            expect(Math.abs(c.start - written[i]!.start)).toBeLessThanOrEqual(format.tolerance + 1e-9);
            if (format.ends)
              expect(Math.abs(c.end! - written[i]!.end)).toBeLessThanOrEqual(format.tolerance + 1e-9);
          });
        }),
        { numRuns: 500 },
      );
    });
  }

  it('the titles that broke readers before, one by one', () => {
    const tricky = ['A --> B', 'He said "no"', '=;#\\', 'Line one\nLine two', 'Третья глава', '第二章', ''];
    const written = tricky.map((t, i) => ({ title: t, start: i * 10, end: i * 10 + 10 }));
    for (const format of FORMATS) {
      const read = readChapterFile(format.write(written), { name: 'chapters' });
      expect(
        read.chapters.map((c) => c.title),
        format.name,
      ).toEqual(tricky.map((t, i) => format.title(t, i)));
    }
  });
});
