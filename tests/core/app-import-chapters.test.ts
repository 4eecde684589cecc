import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importChapters } from '../../cues/edit/import-chapters.ts';
import { parseScript } from '../../cues/parse-script.ts';
import { COMMANDS } from '../../src/shared/commands.ts';
import { appHandlers } from '../support/app-handlers.ts';
import { sine, tempDir, writeWav } from '../support/signals.ts';

// The app's "Import chapters…": a picked chapter file is read (only once picked), and its
// chapters go onto the timeline as one undoable edit.

function app(referencesWithin?: string) {
  const dir = tempDir('app-chapters');
  const { handlers, picker } = appHandlers(dir, referencesWithin ? { referencesWithin } : {});
  return { dir, picker, handlers };
}

describe('Import chapters… in the app', () => {
  it('is a File menu command', () => {
    expect(COMMANDS.find((c) => c.id === 'import-chapters')).toMatchObject({
      label: 'Import chapters…',
      menu: 'File',
    });
  });

  it('reads a picked file and puts its chapters on the timeline', async () => {
    const { dir, picker, handlers } = app();
    const labels = join(dir, 'labels.txt');
    writeFileSync(labels, '0\t0\tOne\n10,5\t10,5\tTwo\n');
    picker.answers.push(labels);
    const path = await handlers.pick({ purpose: 'chapters' });
    expect(path).toBe(labels);
    const read = await handlers.readChapters({ path: path! });
    expect(read).toEqual({
      chapters: [
        { start: 0, title: 'One' },
        { start: 10.5, title: 'Two' },
      ],
      warnings: [],
    });
    const parsed = parseScript('One.\n\nTwo.\n\nThree.', { format: 'prose' });
    const sheet = { ...parsed, cues: parsed.cues.map((c, i) => ({ ...c, start: i * 10, end: i * 10 + 9 })) };
    expect(importChapters(sheet, read.chapters).chapters.map((c) => [c.title, c.cueIds.length])).toEqual([
      ['One', 1],
      ['Two', 2],
    ]);
  });

  it('refuses a file that was never picked', async () => {
    const { dir, handlers } = app();
    const labels = join(dir, 'labels.txt');
    writeFileSync(labels, '0\t0\tOne\n');
    await expect(handlers.readChapters({ path: labels })).rejects.toThrow();
  });

  it('measures the files a CUE sheet names only inside the served folder', async () => {
    const root = tempDir('app-chapters-root');
    const inside = join(root, 'sheet');
    mkdirSync(inside);
    const outside = tempDir('app-chapters-outside');
    writeWav(join(outside, 'far.wav'), sine(8000, 1, 3, 440, 0.1), 8000);
    writeWav(join(inside, 'b.wav'), sine(8000, 1, 3, 440, 0.1), 8000);
    const sheet = join(inside, 'two.cue');
    writeFileSync(
      sheet,
      `FILE "${join(outside, 'far.wav')}" WAVE\n  TRACK 01 AUDIO\n    INDEX 01 00:00:00\nFILE "b.wav" WAVE\n  TRACK 02 AUDIO\n    INDEX 01 00:00:00\n`,
    );
    const { picker, handlers } = app(root);
    picker.answers.push(sheet);
    await handlers.pick({ purpose: 'chapters' });
    await expect(handlers.readChapters({ path: sheet })).rejects.toThrow(/names 2 files/);
  });
});

describe('the same sheet from the command line', () => {
  it('measures a file named by its absolute path', async () => {
    const { readChaptersFrom } = await import('../../src/chapters/read-chapters.ts');
    const dir = tempDir('app-chapters-cli');
    const elsewhere = tempDir('app-chapters-elsewhere');
    writeWav(join(elsewhere, 'first.wav'), sine(8000, 1, 3, 440, 0.1), 8000);
    writeWav(join(dir, 'second.wav'), sine(8000, 1, 2, 440, 0.1), 8000);
    const sheet = join(dir, 'two.cue');
    writeFileSync(
      sheet,
      `FILE "${join(elsewhere, 'first.wav')}" WAVE\n  TRACK 01 AUDIO\n    INDEX 01 00:00:00\nFILE "second.wav" WAVE\n  TRACK 02 AUDIO\n    INDEX 01 00:01:00\n`,
    );
    expect((await readChaptersFrom(sheet)).chapters.map((c) => c.start)).toEqual([0, 4]);
    // With the file outside what may be read, it is not measured, and the sheet is refused.
    await expect(readChaptersFrom(sheet, { mayRead: (f) => f.startsWith(dir) })).rejects.toThrow(
      /names 2 files/,
    );
  });
});

describe('the open project\u2019s recording', () => {
  it('warns about imported chapters past its end, and is never taken for a CUE sheet\u2019s files', async () => {
    const { readChaptersFrom } = await import('../../src/chapters/read-chapters.ts');
    const dir = tempDir('app-chapters-recording');
    const recording = writeWav(join(dir, 'book.wav'), sine(8000, 1, 5, 440, 0.1), 8000);
    const labels = join(dir, 'labels.txt');
    writeFileSync(labels, '0\t0\tOne\n9\t9\tLate\n');
    expect((await readChaptersFrom(labels, { recording })).warnings).toEqual([
      `chapter "Late" starts at 9.000 s, after the end of ${recording} (5.000 s)`,
    ]);
    const sheet = join(dir, 'two.cue');
    writeFileSync(
      sheet,
      'FILE "a.wav" WAVE\n  TRACK 01 AUDIO\n    INDEX 01 00:00:00\nFILE "b.wav" WAVE\n  TRACK 02 AUDIO\n    INDEX 01 00:00:00\n',
    );
    await expect(readChaptersFrom(sheet, { recording })).rejects.toThrow(/names 2 files/);
  });
});
