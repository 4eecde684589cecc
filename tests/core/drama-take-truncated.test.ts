import { copyFileSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SHARED } from '../support/paths.ts';
import { requireTools } from '../support/required-tools.ts';
import { runCli } from '../support/run-cli.ts';
import { ffmpeg, ffprobe, tempDir } from '../support/signals.ts';

// A take recording cut short (a copy stopped early: the WAV header declares more samples than the
// file holds) is read as far as it goes, as ffmpeg and sox read it: `cuewright assemble` names the
// file and how much is missing in one line, and finds the takes in the part that is there where
// the whole recording has them. It refused the file whole ("truncated WAV"), and with it every
// line of the actor. Real speech: a LibriVox reading of Sonnet I, made a 16-bit WAV.

const SONNET = `${SHARED}speech/sonnets/sonnet001`;
/** Where the file is cut (s): after line 9 of the sonnet (25.7 s), before line 10 (31.2 s). */
const CUT = 30;

interface Assembled {
  takes: Array<{
    cue: string;
    pick?: number;
    review?: string;
    takes: Array<{ start: number; end: number; complete: boolean }>;
  }>;
}

describe('a truncated WAV take', () => {
  let dir: string;
  let whole: { status: number | null; stdout: string; stderr: string };
  let cut: { status: number | null; stdout: string; stderr: string };
  /** Cut in the middle of line 10's reading instead: the line the file's end cuts off, and its cue. */
  let midLine: { status: number | null; stdout: string; stderr: string };
  let cutOffCue: string;

  beforeAll(() => {
    requireTools('the take is a real recording made WAV by ffmpeg', 'ffmpeg');
    dir = tempDir('drama-take-truncated');
    const script = readFileSync(`${SONNET}.txt`, 'utf8')
      .split(/\n\s*\n/)
      .filter((p) => p.trim())
      .map((p) => `NARRATOR: ${p.trim()}\n`)
      .join('\n');
    writeFileSync(join(dir, 'sonnet.txt'), script);
    for (const folder of ['whole', 'cut']) mkdirSync(join(dir, folder, 'Narrator'), { recursive: true });
    const full = join(dir, 'whole', 'Narrator', 'day1.wav');
    ffmpeg(['-i', `${SONNET}.flac`, '-c:a', 'pcm_s16le', full]);
    // `head -c`: the header (up to the data chunk's samples) and CUT seconds of 16-bit mono.
    const bytes = readFileSync(full);
    const dataAt = bytes.indexOf('data') + 8;
    const rate = Number(ffprobe(full, 'stream=sample_rate').sample_rate);
    writeFileSync(join(dir, 'cut', 'Narrator', 'day1.wav'), bytes.subarray(0, dataAt + CUT * rate * 2));
    copyFileSync(join(dir, 'sonnet.txt'), join(dir, 'cut.txt'));
    whole = runCli(
      ['assemble', 'sonnet.txt', '--takes', 'whole', '-o', 'whole.cwproj', '--json'],
      dir,
      600_000,
    );
    cut = runCli(['assemble', 'cut.txt', '--takes', 'cut', '-o', 'cut.cwproj', '--json'], dir, 600_000);
    // The same file cut 85 % of the way through the first line the whole recording has after CUT
    // (its last words unsaid, as a tester cut one: it was picked as complete, "the take goes on").
    const after = (JSON.parse(whole.stdout) as Assembled).takes.find((t) => {
      const take = t.pick !== undefined ? t.takes[t.pick] : undefined;
      return take !== undefined && take.start > CUT;
    })!;
    cutOffCue = after.cue;
    const line = after.takes[after.pick!]!;
    const at = line.start + 0.85 * (line.end - line.start);
    mkdirSync(join(dir, 'mid', 'Narrator'), { recursive: true });
    writeFileSync(
      join(dir, 'mid', 'Narrator', 'day1.wav'),
      bytes.subarray(0, dataAt + Math.round(at * rate) * 2),
    );
    copyFileSync(join(dir, 'sonnet.txt'), join(dir, 'mid.txt'));
    midLine = runCli(['assemble', 'mid.txt', '--takes', 'mid', '-o', 'mid.cwproj', '--json'], dir, 600_000);
  }, 1_200_000);

  it('is read as far as it goes, named in one line with what is missing', () => {
    expect(whole.status, whole.stderr).toBe(0);
    expect(cut.status, cut.stderr).toBe(0);
    const declared = Number(ffprobe(join(dir, 'whole', 'Narrator', 'day1.wav'), 'format=duration').duration);
    const warnings = cut.stderr.split('\n').filter((l) => /truncated/.test(l));
    expect(warnings).toEqual([
      `cuewright: cut/Narrator/day1.wav: truncated WAV: the header says ${declared.toFixed(1)} s, the file holds ${CUT.toFixed(1)} s (${(declared - CUT).toFixed(1)} s missing): the part there is searched`,
    ]);
    expect(whole.stderr).not.toMatch(/truncated/);
    expect(statSync(join(dir, 'cut.cwproj')).size).toBeGreaterThan(0);
  });

  it('has the takes the whole recording has in the part that is there, and none past the cut', () => {
    const [a, b] = [whole, cut].map((r) => JSON.parse(r.stdout) as Assembled);
    const picked = (run: Assembled, before: number) =>
      run.takes.flatMap((t) => {
        const take = t.pick !== undefined ? t.takes[t.pick] : undefined;
        return take && take.end <= before ? [{ cue: t.cue, start: take.start, end: take.end }] : [];
      });
    const expected = picked(a!, CUT);
    // The whole recording has takes on both sides of the cut (else this proves nothing).
    expect(expected.length).toBeGreaterThanOrEqual(2);
    expect(picked(a!, Infinity).length).toBeGreaterThan(expected.length);
    const found = picked(b!, Infinity);
    expect(found.map((t) => t.cue)).toEqual(expected.map((t) => t.cue));
    for (const [i, take] of found.entries()) {
      expect(take.start).toBeCloseTo(expected[i]!.start, 1);
      expect(take.end).toBeCloseTo(expected[i]!.end, 1);
    }
  });

  it('does not take a line the file’s end cuts off for complete (it “went on”)', () => {
    expect(midLine.status, midLine.stderr).toBe(0);
    const cutOff = (JSON.parse(midLine.stdout) as Assembled).takes.find((t) => t.cue === cutOffCue)!;
    // Heard as far as the file goes: a false start, no pick, and the line said to be without a take.
    expect(cutOff.takes.length).toBeGreaterThan(0);
    expect(cutOff.takes.every((t) => !t.complete)).toBe(true);
    expect(cutOff.pick).toBeUndefined();
    // (and where speech that matched no line is, when there is any: the take may be there)
    expect(cutOff.review).toMatch(/^only false starts: no complete take($|; \d+ stretch)/);
  });

  it('exports the assembled drama, the take played as far as it goes', () => {
    const mix = runCli(['export', 'cut.cwproj', '-o', 'mix.wav'], dir, 600_000);
    expect(mix.status, mix.stderr).toBe(0);
    expect(Number(ffprobe(join(dir, 'mix.wav'), 'format=duration').duration)).toBeGreaterThan(1);
  }, 600_000);
});
