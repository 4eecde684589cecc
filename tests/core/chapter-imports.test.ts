import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../cues/input-error.ts';
import { cueSheetFile, ffmetadata } from '../../cues/sidecars/chapter-files.ts';
import { readCueSheetChapters, readFfmetadataChapters } from '../../cues/sidecars/chapter-imports.ts';
import { HangGuard, isRefusal } from '../support/hang-guard.ts';

const MARKS = [
  { title: 'Opening', start: 0, end: 61.5 },
  { title: 'Chapitre "deux"; l=été #1', start: 61.5, end: 200.04 },
  { title: 'Третья', start: 200.04, end: 3725.6 },
];

describe('chapter imports', () => {
  it('read back what our CUE and ffmetadata writers wrote', () => {
    const cue = readCueSheetChapters(cueSheetFile(MARKS, 'book.mp3', 'Book'));
    expect(cue.map((c) => c.title)).toEqual(['Opening', "Chapitre 'deux'; l=été #1", 'Третья']);
    for (const [i, c] of cue.entries())
      expect(Math.abs(c.start - MARKS[i]!.start)).toBeLessThanOrEqual(1 / 75);
    expect(readFfmetadataChapters(ffmetadata(MARKS, { title: 'Book' }))).toEqual(
      MARKS.map(({ title, start }) => ({ title, start })),
    );
  });

  it('read files from other tools and name the bad line', () => {
    const m4bTool =
      'FILE "a.m4b" MP4\r\n  TRACK 01 AUDIO\r\n    INDEX 00 00:00:00\r\n    INDEX 01 00:00:10\r\n  TRACK 02 AUDIO\r\n    TITLE "Two"\r\n    INDEX 01 01:02:37\r\n';
    expect(readCueSheetChapters(m4bTool)).toEqual([
      { title: 'Track 1', start: 10 / 75 },
      { title: 'Two', start: 62 + 37 / 75 },
    ]);
    expect(() => readCueSheetChapters('TRACK 01 AUDIO\nINDEX 01 1:99:00\n')).toThrow(
      /line 2: not a CUE INDEX/,
    );
    expect(
      readFfmetadataChapters(';FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/44100\nSTART=88200\nEND=90000\ntitle=x\n'),
    ).toEqual([{ title: 'x', start: 2 }]);
    expect(() => readFfmetadataChapters('title=x\n')).toThrow(/line 1: not an ffmetadata file/);
    expect(() => readFfmetadataChapters(';FFMETADATA1\n[CHAPTER]\nTIMEBASE=0/0\n')).toThrow(
      /line 3: TIMEBASE/,
    );
    expect(() => readFfmetadataChapters(';FFMETADATA1\n[CHAPTER]\ntitle=no start\n')).toThrow(
      /line 2: \[CHAPTER\] without START/,
    );
  });

  it('turn any text into chapters or a clear error, never anything else', async () => {
    const pieces = [
      'TRACK 01 AUDIO',
      'INDEX 01 00:01:02',
      'TITLE "x"',
      ';FFMETADATA1',
      '[CHAPTER]',
      'START=5',
      'TIMEBASE=1/1000',
      'title=a\\=b',
      '\n',
      '\r\n',
      '"',
      '=',
      '\\',
    ];
    const soup = fc.array(fc.constantFrom(...pieces), { maxLength: 40 }).map((p) => p.join(''));
    const guard = new HangGuard(new URL('../../cues/sidecars/chapter-imports.ts', import.meta.url));
    await fc.assert(
      fc.asyncProperty(fc.oneof(soup, fc.string({ unit: 'binary', maxLength: 300 })), async (text) => {
        for (const read of [readCueSheetChapters, readFfmetadataChapters]) {
          const label = `${read.name} on ${text.length} characters`;
          const outcome = await guard.call<Array<{ start: number }>>(label, read.name, text);
          if (outcome.error) expect(isRefusal(outcome), `${label}: ${outcome.error.message}`).toBe(true);
          try {
            for (const c of read(text)) expect(Number.isFinite(c.start) && c.start >= 0).toBe(true);
          } catch (error) {
            expect(error).toBeInstanceOf(InputError);
          }
        }
      }),
      { numRuns: 3000 },
    );
  });
});
