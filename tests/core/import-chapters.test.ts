import { describe, expect, it } from 'vitest';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { cueSheetSchema } from '../../cues/cue-sheet.ts';
import { EditHistory } from '../../cues/edit/edit-history.ts';
import { chapterAnchors, importChapters } from '../../cues/edit/import-chapters.ts';
import { parseScript } from '../../cues/parse-script.ts';
import { chapterMarks } from '../../cues/sidecars/chapter-marks.ts';
import { readChapterFile } from '../../cues/sidecars/imports/read-chapter-file.ts';

// "Import chapters…": another tool's chapters become the sheet's chapters, each opening at the
// placed cue nearest its time, as one undoable edit.

const script = Array.from({ length: 6 }, (_, i) => `Paragraph ${i + 1} of the story.`).join('\n\n');
const parsed = parseScript(script, { format: 'prose' });
/** Six cues, each 10 s long, starting at 0, 10, … 50 s. */
const sheet: CueSheet = {
  ...parsed,
  cues: parsed.cues.map((c, i) => ({ ...c, start: i * 10, end: i * 10 + 9 })),
};

describe('importing chapters onto the timeline', () => {
  it('opens each chapter at the cue nearest its time and keeps every cue in one chapter', () => {
    const labels = readChapterFile('0,2\t0,2\tOne\n19,6\t19,6\tTwo\n41\t41\tThree\n', { name: 'labels.txt' });
    const after = importChapters(sheet, labels.chapters);
    expect(cueSheetSchema.safeParse(after).success).toBe(true);
    expect(after.chapters.map((c) => [c.title, c.cueIds.length, c.start])).toEqual([
      ['One', 2, 0],
      ['Two', 2, 20],
      ['Three', 2, 40],
    ]);
    expect(after.chapters.flatMap((c) => c.cueIds)).toEqual(sheet.cues.map((c) => c.id));
    expect(chapterMarks(after, { duration: 60 }).map((m) => [m.title, m.start, m.end])).toEqual([
      ['One', 0, 20],
      ['Two', 20, 40],
      ['Three', 40, 60],
    ]);
  });

  it('keeps the cues before the first imported chapter as an opening chapter', () => {
    const after = importChapters(sheet, [{ start: 30, title: 'Late' }]);
    expect(after.chapters.map((c) => [c.title, c.cueIds.length])).toEqual([
      [sheet.title, 3],
      ['Late', 3],
    ]);
  });

  it('never opens two chapters at one cue: the later takes the next cue', () => {
    expect(
      chapterAnchors(sheet, [
        { start: 0, title: 'a' },
        { start: 1, title: 'b' },
        { start: 2, title: 'c' },
      ]),
    ).toEqual([0, 1, 2]);
    const after = importChapters(sheet, [
      { start: 0, title: 'a' },
      { start: 1, title: 'b' },
    ]);
    expect(after.chapters.map((c) => c.cueIds.length)).toEqual([1, 5]);
  });

  it('names chapters with line breaks on one line, and untitled ones by number', () => {
    const after = importChapters(sheet, [
      { start: 0, title: 'Middle\nTest' },
      { start: 10, title: '  ' },
    ]);
    expect(after.chapters.map((c) => c.title)).toEqual(['Middle Test', 'Chapter 2']);
  });

  it('is one undoable step', () => {
    const history = new EditHistory(sheet);
    history.apply(
      'import chapters',
      importChapters(history.state, [
        { start: 0, title: 'a' },
        { start: 30, title: 'b' },
      ]),
    );
    expect(history.state.chapters.map((c) => c.title)).toEqual(['a', 'b']);
    history.undo();
    expect(history.state.chapters).toEqual(sheet.chapters);
  });

  it('refuses a sheet with no placed cue', () => {
    expect(() => importChapters(parsed, [{ start: 0, title: 'a' }])).toThrow(/place the cues first/);
  });
});
