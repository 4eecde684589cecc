import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SPEECH_DIR } from '../support/human-speech.ts';
import { requireTools } from '../support/required-tools.ts';
import { runCli } from '../support/run-cli.ts';
import { tempDir } from '../support/signals.ts';

// Issue #16, found by a fresh tester on a real reading (../shared/speech): files that start at the
// script's second chapter (sonnet II, cut mid-line at 24.2 s into two files) were both reported as
// covering nothing of the script: a file shorter than the stretch of script tried against its
// opening failed the trial at its own start, and a file ending mid-line, aligned alone, lost the
// walk from its end.

const text = (path: string) => readFileSync(join(SPEECH_DIR, path), 'utf8').trim();

describe('alignment across files that start at the second chapter', () => {
  const dir = tempDir('production-start');
  let coverage: Array<{ path: string; problem?: string; first?: { text: string }; cues: number }>;

  beforeAll(() => {
    requireTools('the reading is cut by ffmpeg', 'ffmpeg', 'shared data');
    const script = join(dir, 'book.txt');
    const sonnet = (n: number) => text(`sonnets/sonnet00${n}.txt`);
    writeFileSync(
      script,
      `CHAPTER ONE\n\n${sonnet(1)}\n\nCHAPTER TWO\n\n${sonnet(2)}\n\nCHAPTER THREE\n\n${sonnet(3)}\n`,
    );
    const source = join(SPEECH_DIR, 'sonnets/sonnet002.flac');
    const first = join(dir, 'ch2a.m4a');
    const second = join(dir, 'ch2b.ogg');
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', source, '-t', '24.2', first]);
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-ss', '24.2', '-i', source, second]);
    const run = runCli(['align', script, first, second, '--json'], undefined, 600_000);
    if (run.status !== 0) throw new Error(run.stderr);
    coverage = JSON.parse(run.stdout).coverage;
  }, 900_000);

  it('finds the first file at the start of chapter two', () => {
    const [a] = coverage;
    expect(a!.problem).toBeUndefined();
    expect(a!.first!.text).toMatch(/^(CHAPTER TWO|II|When forty winters)/);
  });

  it('finds the second file going on from the line the first is cut in', () => {
    const [, b] = coverage;
    expect(b!.problem).toBeUndefined();
    expect(b!.first!.text).toMatch(/^(Were an all-eating shame|How much more praise)/);
  });
});
