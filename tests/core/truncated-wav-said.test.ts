import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SHARED } from '../support/paths.ts';
import { requireTools } from '../support/required-tools.ts';
import { runCli } from '../support/run-cli.ts';
import { ffmpeg, ffprobe, tempDir } from '../support/signals.ts';

// A WAV cut short (its header declares more audio than the file holds) is read as far as it goes,
// as ffmpeg and sox read it; every command says so once, naming the file and how much is missing,
// so none hands back a shorter result without a word (analyze and export read it silently, once
// `assemble` had learnt to read it). Real speech: a LibriVox reading of Sonnet I, made a WAV.

const SONNET = `${SHARED}speech/sonnets/sonnet001`;
/** Seconds of audio the cut file keeps. */
const KEPT = 10;

describe('a truncated WAV is said, once, by every command that reads it', () => {
  let dir: string;
  let declared: number;
  const truncatedLines = (stderr: string) => stderr.split('\n').filter((l) => /truncated/.test(l));
  const said = (file: string) =>
    `cuewright: ${file}: truncated WAV: the header says ${declared.toFixed(1)} s, the file holds ${KEPT.toFixed(1)} s (${(declared - KEPT).toFixed(1)} s missing): read as far as it goes`;

  beforeAll(() => {
    requireTools('the recording is made WAV by ffmpeg', 'ffmpeg', 'shared data');
    dir = tempDir('truncated-wav-said');
    const whole = join(dir, 'whole.wav');
    ffmpeg(['-i', `${SONNET}.flac`, '-c:a', 'pcm_s16le', whole]);
    const rate = Number(ffprobe(whole, 'stream=sample_rate').sample_rate);
    declared = Number(ffprobe(whole, 'format=duration').duration);
    const bytes = readFileSync(whole);
    const dataAt = bytes.indexOf('data') + 8;
    writeFileSync(join(dir, 'cut.wav'), bytes.subarray(0, dataAt + KEPT * rate * 2));
    writeFileSync(join(dir, 'sonnet.txt'), readFileSync(`${SONNET}.txt`));
  });

  it('analyze: one line, and the part there measured', () => {
    const run = runCli(['analyze', 'cut.wav'], dir, 120_000);
    expect(run.status, run.stderr).toBe(0);
    expect(truncatedLines(run.stderr)).toEqual([said('cut.wav')]);
    expect(run.stdout).toContain(`WAV, ${KEPT.toFixed(1)} s`);
    const wholeRun = runCli(['analyze', 'whole.wav'], dir, 120_000);
    expect(wholeRun.status, wholeRun.stderr).toBe(0);
    expect(truncatedLines(wholeRun.stderr)).toEqual([]);
  });

  it('align then export: one line each however often the file is opened, the export as long as the file holds', () => {
    const align = runCli(['align', 'sonnet.txt', 'cut.wav', '-o', 'cues.json'], dir, 600_000);
    expect(align.status, align.stderr).toBe(0);
    expect(truncatedLines(align.stderr)).toEqual([said('cut.wav')]);
    const run = runCli(
      ['export', 'sonnet.txt', 'cut.wav', '--cues', 'cues.json', '-o', 'out.wav'],
      dir,
      600_000,
    );
    expect(run.status, run.stderr).toBe(0);
    expect(truncatedLines(run.stderr)).toEqual([said('cut.wav')]);
    expect(Number(ffprobe(join(dir, 'out.wav'), 'format=duration').duration)).toBeCloseTo(KEPT, 1);
  }, 900_000);
});
