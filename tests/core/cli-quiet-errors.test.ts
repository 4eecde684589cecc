import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SPEECH_DIR } from '../support/human-speech.ts';
import { CLI, REPO } from '../support/paths.ts';
import { requireTools } from '../support/required-tools.ts';
import { runCli } from '../support/run-cli.ts';
import { ffmpeg, rng, tempDir } from '../support/signals.ts';

// What a fresh tester met at the command line: a pipe closed early (`| head -1`) ended in an
// EPIPE stack trace; `COMMAND --help` printed every command; a corrupt MP3 printed 26 lines of the
// decoder's own noise before the one-line error; a text file named .wav first was read as a script.

describe('the command line, quietly', () => {
  it('ends quietly when the reader closes the pipe early', () => {
    // `true` reads nothing and exits: every write of the help meets a closed pipe.
    const run = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" --help | true`], {
      cwd: REPO,
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('prints a command’s own usage for COMMAND --help', () => {
    for (const command of ['align', 'export', 'pickup', 'project']) {
      const run = runCli([command, '--help']);
      expect(run.status).toBe(0);
      expect(run.stdout).toContain(`  ${command} `);
      const others = run.stdout
        .split('\n')
        .filter((l) => /^ {2}[a-z]/.test(l) && !l.startsWith(`  ${command}`));
      expect(others, command).toEqual([]);
    }
    expect(runCli(['export', '--help']).stdout).toContain('--gap auto|SECONDS');
  });

  it('names a corrupt MP3 in one line, without the decoder’s own noise', () => {
    requireTools('the MP3 is encoded by ffmpeg', 'ffmpeg', 'shared data');
    const dir = tempDir('cli-corrupt-mp3');
    const good = join(dir, 'good.mp3');
    ffmpeg(['-i', join(SPEECH_DIR, 'sonnets/sonnet001.flac'), '-c:a', 'libmp3lame', '-q:a', '4', good]);
    // Its first 5 kB kept (the header says the whole length), then 55 kB of noise.
    const bytes = readFileSync(good).subarray(0, 60_000);
    const random = rng(17);
    for (let i = 5000; i < bytes.length; i++) bytes[i] = Math.floor(random() * 256);
    const bad = join(dir, 'corrupt.mp3');
    writeFileSync(bad, bytes);
    const run = runCli(['analyze', bad]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^cuewright: .*corrupt\.mp3: [^\n]+\n$/);
  });

  it('names a text file given as the first recording, and what it is', () => {
    const dir = tempDir('cli-not-audio');
    const text = join(dir, 'notaudio.wav');
    writeFileSync(text, 'This is not audio');
    const run = runCli(['export', text, join(SPEECH_DIR, 'sonnets/sonnet001.mp3'), '-o', join(dir, 'x.m4b')]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^cuewright: .*notaudio\.wav: unknown audio format[^\n]*\n$/);
  });
});
