import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { InputError } from '../../cues/input-error.ts';
import { parseScript } from '../../cues/parse-script.ts';
import {
  parseAudacityLabels,
  readAudacityLabels,
  writeAudacityLabels,
} from '../../cues/sidecars/audacity-labels.ts';
import { lrcLyrics, srtCaptions, webvttCaptions } from '../../cues/sidecars/captions.ts';
import {
  cueSheetFile,
  ffmetadata,
  podcastChapters,
  webvttChapters,
} from '../../cues/sidecars/chapter-files.ts';
import { type ChapterMark, chapterMarks } from '../../cues/sidecars/chapter-marks.ts';
import { HangGuard, isRefusal } from '../support/hang-guard.ts';

const MARKS: ChapterMark[] = [
  { title: 'Chapter 1', start: 0, end: 61.5 },
  { title: 'Der "Kuss"; Teil=2 #', start: 61.5, end: 3725.04 },
];

describe('chapter sidecars', () => {
  it('write WebVTT, Podcasting 2.0 JSON, CUE and ffmetadata from the same marks', () => {
    expect(webvttChapters(MARKS)).toBe(
      'WEBVTT\n\n1\n00:00:00.000 --> 00:01:01.500\nChapter 1\n\n2\n00:01:01.500 --> 01:02:05.040\nDer "Kuss"; Teil=2 #\n',
    );
    expect(JSON.parse(podcastChapters(MARKS, 'Book'))).toEqual({
      version: '1.2.0',
      title: 'Book',
      chapters: [
        { startTime: 0, endTime: 61.5, title: 'Chapter 1' },
        { startTime: 61.5, endTime: 3725.04, title: 'Der "Kuss"; Teil=2 #' },
      ],
    });
    expect(cueSheetFile(MARKS, '/out/book.mp3', 'Book', 'Narrator')).toBe(
      'PERFORMER "Narrator"\nTITLE "Book"\nFILE "book.mp3" MP3\n  TRACK 01 AUDIO\n    TITLE "Chapter 1"\n    INDEX 01 00:00:00\n' +
        '  TRACK 02 AUDIO\n    TITLE "Der "Kuss"; Teil=2 #"\n    INDEX 01 01:01:38\n',
    );
    expect(ffmetadata(MARKS, { title: 'Book' })).toBe(
      ';FFMETADATA1\ntitle=Book\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=61500\ntitle=Chapter 1\n' +
        '[CHAPTER]\nTIMEBASE=1/1000\nSTART=61500\nEND=3725040\ntitle=Der "Kuss"\\; Teil\\=2 \\#\n',
    );
  });

  it('round-trip Audacity labels and name the bad line on import', () => {
    const labels = MARKS.map((m) => ({ start: m.start, end: m.end, text: m.title }));
    expect(readAudacityLabels(writeAudacityLabels(labels))).toEqual(labels);
    expect(readAudacityLabels('1.5\t1.5\tpoint\r\n\\ 100.0\t2000.0\n2\t3\ttab\tinside\n')).toEqual([
      { start: 1.5, end: 1.5, text: 'point' },
      { start: 2, end: 3, text: 'tab\tinside' },
    ]);
    expect(() => readAudacityLabels('0\t1\tok\nten\t11\tbad\n')).toThrow(/line 2 is not an Audacity label/);
    // An end before its start is clear enough to import: a point label, with a warning.
    expect(parseAudacityLabels('5\t1\tbackwards\n')).toEqual({
      labels: [{ start: 5, end: 5, text: 'backwards' }],
      warnings: ['line 1: end 1 s is before start 5 s: read as a point label'],
    });
  });

  it('import any text as labels or a clear error', async () => {
    const guard = new HangGuard(new URL('../../cues/sidecars/audacity-labels.ts', import.meta.url));
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 300 }), async (text) => {
        const label = `labels of ${text.length} characters`;
        const outcome = await guard.call<unknown[]>(label, 'readAudacityLabels', text);
        if (outcome.error) expect(isRefusal(outcome), `${label}: ${outcome.error.message}`).toBe(true);
        try {
          for (const label of readAudacityLabels(text)) expect(label.end).toBeGreaterThanOrEqual(label.start);
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('chapters, captions and lyrics from a timed sheet', () => {
  const script =
    'Chapter 1\n\nShe began to sing,\n\n"La la la,\nla la.\n\nLa di da."\n\nChapter 2\n\n"It is late," Spike said, "and this line is long enough that it has to be cut into two captions for reading, since nobody reads a wall of text."';
  const parsed = parseScript(script);
  let t = 1;
  const sheet: CueSheet = {
    ...parsed,
    cues: parsed.cues.map((c) => {
      const start = t;
      t += 2;
      return { ...c, start, end: start + 1.5 };
    }),
  };

  it('put the first chapter at 0 and can make the songs chapters of their own', () => {
    expect(chapterMarks(sheet, { duration: 30 }).map((c) => [c.title, c.start, c.end])).toEqual([
      ['Chapter 1', 0, 9],
      ['Chapter 2', 9, 30],
    ]);
    expect(
      chapterMarks(sheet, { duration: 30, lyricsAsChapters: true }).map((c) => [c.title, c.start]),
    ).toEqual([
      ['Chapter 1', 0],
      ['♪ La la la,', 5],
      // The chapter resumed after the song has a title of its own (no two alike in a player).
      ['Chapter 1 (continued)', 8.5],
      ['Chapter 2', 9],
    ]);
    expect(() => chapterMarks(parsed, { duration: 30 })).toThrow(/no times yet/);
  });

  it('caption every spoken cue with its speaker, cutting long cues at clause breaks', () => {
    const srt = srtCaptions(sheet);
    expect(srt.startsWith('1\n00:00:01,000 --> 00:00:02,500\nChapter 1\n')).toBe(true);
    expect(srt).toContain('Spike: It is late,');
    const vtt = webvttCaptions(sheet);
    expect(vtt.startsWith('WEBVTT\n\n')).toBe(true);
    const spike = vtt.split('\n\n').filter((b) => b.includes('<v Spike>'));
    expect(spike.length).toBe(3);
    for (const block of spike)
      expect(block.split('\n')[1]!.replace('<v Spike>', '').length).toBeLessThanOrEqual(84);
  });

  it('time every sung line in LRC', () => {
    expect(lrcLyrics(sheet, 'Buffy')).toBe(
      '[ti:Chapter 1]\n[ar:Buffy]\n[00:05.00]La la la,\n[00:05.90]la la.\n[00:06.50]\n[00:07.00]La di da.\n[00:08.50]\n',
    );
  });
});
