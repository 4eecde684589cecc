import { existsSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScript } from '../../cues/parse-script.ts';
import { runCli } from '../support/run-cli.ts';
import { sine, tempDir, writeWav } from '../support/signals.ts';

// Names the file system refuses are named errors, never "internal error" with a stack: a link
// loop, and an output name too long once the hidden part file's 15 characters are added (checked
// before the export starts, sidecars' names included).

describe('names the file system refuses', () => {
  it('a symlink loop as a script or a recording is one line naming the file', () => {
    const dir = tempDir('names');
    const loop = join(dir, 'loop.txt');
    symlinkSync(loop, loop);
    for (const args of [
      ['parse', loop],
      ['analyze', loop],
    ]) {
      const result = runCli(args);
      expect(result.status, args[0]).toBe(2);
      expect(result.stderr.trim()).toBe(
        `cuewright: ${loop}: too many levels of symbolic links (a link loop)`,
      );
    }
  });

  it('an output name with no room for its part file (or a sidecar name) is refused before the export', () => {
    const dir = tempDir('names');
    const audio = writeWav(join(dir, 'a.wav'), sine(16000, 1, 2, 440, 0.3), 16000);
    const script = join(dir, 'book.txt');
    writeFileSync(script, 'Chapter 1\n\nThe rain had stopped.\n');
    const parsed = parseScript('Chapter 1\n\nThe rain had stopped.\n');
    const cues = join(dir, 'book.cues.json');
    writeFileSync(
      cues,
      JSON.stringify({
        ...parsed,
        cues: parsed.cues.map((c, i) => ({ ...c, start: i * 0.5, end: i * 0.5 + 0.4 })),
      }),
    );
    const long = join(dir, `${'n'.repeat(246)}.wav`); // 250 bytes: fits, its part file does not
    const result = runCli(['export', script, audio, '-o', long, '--cues', cues]);
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toBe(
      `cuewright: ${long}: the file name is too long (250 bytes; at most 240 here)`,
    );
    expect(existsSync(long)).toBe(false);

    const fits = join(dir, `${'s'.repeat(226)}.wav`); // 230 bytes, but "….ffmetadata.txt" is 241
    const sidecars = runCli(['export', script, audio, '-o', fits, '--cues', cues, '--sidecars']);
    expect(sidecars.status).toBe(2);
    expect(sidecars.stderr).toMatch(
      /\.ffmetadata\.txt: the file name is too long \(241 bytes; at most 240 here\)/,
    );
  });

  it('one file per chapter: a chapter name with no room for its part file is refused before any file is written', () => {
    const dir = tempDir('names');
    const audio = writeWav(join(dir, 'a.wav'), sine(16000, 1, 3, 440, 0.3), 16000);
    const text = `Chapter 1\n\nThe rain had stopped.\n\nChapter 2: ${'Long '.repeat(12)}\n\nShe opened the door.\n`;
    const script = join(dir, 'book.txt');
    writeFileSync(script, text);
    const parsed = parseScript(text);
    const cues = join(dir, 'book.cues.json');
    writeFileSync(
      cues,
      JSON.stringify({
        ...parsed,
        cues: parsed.cues.map((c, i) => ({ ...c, start: i * 0.6, end: i * 0.6 + 0.5 })),
      }),
    );
    // "<175 n> 01 - Chapter 1.wav" fits; "<175 n> 02 - <a 60-character title>.wav" (245 bytes) does not.
    const output = join(dir, `${'n'.repeat(175)}.wav`);
    const result = runCli(['export', script, audio, '-o', output, '--cues', cues, '--per-chapter']);
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toMatch(
      / 02 - Chapter 2 Long .*\.wav: the file name is too long \(245 bytes; at most 240 here\)$/,
    );
    expect(readdirSync(dir).sort()).toEqual(['a.wav', 'book.cues.json', 'book.txt']);
  });
});
