import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { parseScript } from '../../cues/parse-script.ts';
import { exportAudio } from '../../src/export/export-audio.ts';
import { exportChapterFiles } from '../../src/export/export-chapters.ts';
import { tempDir, toneOf, writeWav } from '../support/signals.ts';

// A missing export folder was only reported after the measuring pass (minutes on a long book):
// the folder is checked (there, a folder, writable) before any work, for one file and per chapter.

const RATE = 16_000;

function placed(): CueSheet {
  const parsed = parseScript('# One\n\nA line.\n\n# Two\n\nAnother line.', { format: 'fountain' });
  return { ...parsed, cues: parsed.cues.map((c, i) => ({ ...c, start: i * 1.5, end: i * 1.5 + 1 })) };
}

describe('the export folder is checked before any work', () => {
  const dir = tempDir('out-folder');
  const audio = writeWav(join(dir, 'reading.wav'), [toneOf(8, 220, 0.2, RATE)], RATE);
  const phases: string[] = [];
  const request = (output: string) => ({
    audio,
    output,
    sheet: placed(),
    tags: {},
    onProgress: (phase: string) => void phases.push(phase),
  });

  it('a missing folder, a file where the folder should be: refused, nothing measured', async () => {
    await expect(exportAudio(request(join(dir, 'missing', 'book.mp3')))).rejects.toThrow(
      /book\.mp3: the folder .*missing does not exist/,
    );
    await expect(exportChapterFiles(request(join(dir, 'missing', 'book.mp3')))).rejects.toThrow(
      /the folder .*missing does not exist/,
    );
    writeFileSync(join(dir, 'a-file'), 'not a folder');
    await expect(exportAudio(request(join(dir, 'a-file', 'book.mp3')))).rejects.toThrow(
      /a-file\/book\.mp3: .*a-file is not a folder$/,
    );
    expect(phases).toEqual([]);
  });

  // Root ignores file modes: there the refusal is made real with a read-only file system.
  it('a folder that cannot be written to: refused with the system reason, nothing measured', async () => {
    const locked = join(dir, 'locked');
    mkdirSync(locked);
    const asRoot = process.getuid?.() === 0;
    if (asRoot)
      expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=64k', 'tmpfs', locked]).status).toBe(0);
    else chmodSync(locked, 0o555);
    try {
      await expect(exportAudio(request(join(locked, 'book.mp3')))).rejects.toThrow(
        /locked\/book\.mp3: (the file system is read-only|permission denied)$/,
      );
      expect(phases).toEqual([]);
    } finally {
      if (asRoot) spawnSync('umount', [locked]);
    }
  });

  it('a folder that is there: the export measures and writes', async () => {
    const result = await exportAudio(request(join(dir, 'book.mp3')));
    expect(result.output).toBe(join(dir, 'book.mp3'));
    expect(existsSync(result.output)).toBe(true);
    expect(phases).toContain('measuring');
  });
});
