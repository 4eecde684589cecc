import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Cue } from '../../cues/cue-sheet.ts';
import { readCueSheet } from '../../cues/read-cue-sheet.ts';
import { SPEECH_DIR } from '../support/human-speech.ts';
import { requireTools } from '../support/required-tools.ts';
import { runCli } from '../support/run-cli.ts';
import { tempDir } from '../support/signals.ts';

// Issue #16: a slate ("Chapter two, take two", festival's voice) spliced before the real reading of
// sonnet II (../shared/speech), whose reader says "II" but never the script's "CHAPTER TWO". The
// slate shares the heading's words, so the pass put "CHAPTER TWO" (and "II") on the slate, unflagged,
// and said nothing of the speech not in the script.

const text = (path: string) => readFileSync(join(SPEECH_DIR, path), 'utf8').trim();
/** Seconds of the festival slate file and of the silence after it, before the reading. */
let slateSeconds = 0;
const SILENCE = 1;

describe('alignment across files: a slate before a heading the reader does not say', () => {
  const dir = tempDir('production-slate-heading');
  let cues: Cue[];
  let unscripted: Array<{ recording: string; start: number; end: number }>;
  let printed: string;
  let fileOneSeconds: number;

  beforeAll(() => {
    requireTools('the slate is spoken by festival, files cut by ffmpeg', 'ffmpeg', 'festival', 'shared data');
    const script = join(dir, 'book.txt');
    writeFileSync(
      script,
      `CHAPTER ONE\n\n${text('sonnets/sonnet001.txt')}\n\nCHAPTER TWO\n\n${text('sonnets/sonnet002.txt')}\n`,
    );
    const slate = join(dir, 'slate.wav');
    const say = spawnSync('text2wave', ['-eval', '(voice_kal_diphone)', '-o', slate], {
      input: 'Chapter two, take two.',
      encoding: 'utf8',
    });
    if (say.status !== 0) throw new Error(`text2wave: ${say.stderr}`);
    const seconds = (path: string) =>
      Number(
        execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', path], {
          encoding: 'utf8',
        }),
      );
    slateSeconds = seconds(slate);
    const ch2 = join(dir, 'ch2.flac');
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-i',
      slate,
      '-f',
      'lavfi',
      '-t',
      String(SILENCE),
      '-i',
      'anullsrc=r=16000:cl=mono',
      '-i',
      join(SPEECH_DIR, 'sonnets/sonnet002.flac'),
      '-filter_complex',
      '[0:a]aresample=16000,aformat=channel_layouts=mono[a];[2:a]aresample=16000,aformat=channel_layouts=mono[c];[a][1:a][c]concat=n=3:v=0:a=1',
      ch2,
    ]);
    const first = join(SPEECH_DIR, 'sonnets/sonnet001.mp3');
    fileOneSeconds = seconds(first);
    const json = runCli(['align', script, first, ch2, '--json'], undefined, 600_000);
    if (json.status !== 0) throw new Error(json.stderr);
    const out = JSON.parse(json.stdout);
    unscripted = out.unscripted;
    cues = readCueSheet(JSON.stringify(out.sheet)).cues;
    const plain = runCli(['align', script, first, ch2], undefined, 600_000);
    if (plain.status !== 0) throw new Error(plain.stderr);
    printed = plain.stdout;
  }, 900_000);

  it('leaves the heading off the slate, flagged', () => {
    const heading = cues.find((c) => c.text === 'CHAPTER TWO')!;
    expect(heading.review).toBeDefined();
    // Not on the slate: at or after the reading's start in the second file (or unplaced).
    if (heading.start !== undefined)
      expect(heading.start - fileOneSeconds).toBeGreaterThan(slateSeconds + SILENCE - 0.3);
  });

  it("puts the reader's own title near where it is said, or flags it", () => {
    // sonnet002's truth: "II" at 0.40 s of the reading.
    const title = cues.find((c) => c.text === 'II')!;
    const truth = fileOneSeconds + slateSeconds + SILENCE + 0.4;
    expect(
      title.start === undefined || Math.abs(title.start - truth) < 0.5 || title.review !== undefined,
    ).toBe(true);
    expect(title.start! - fileOneSeconds).toBeGreaterThan(slateSeconds + SILENCE - 0.3);
  });

  it('reports the slate as speech not in the script, on its file', () => {
    expect(unscripted).toHaveLength(1);
    expect(unscripted[0]!.recording).toBe('rec-2');
    expect(unscripted[0]!.start).toBeLessThan(0.6);
    expect(unscripted[0]!.end).toBeGreaterThan(1);
    expect(unscripted[0]!.end).toBeLessThanOrEqual(slateSeconds + 0.1);
    expect(printed).toMatch(/not in the script: .*ch2\.flac/);
  });

  it('still places the first line of the reading unflagged', () => {
    const line = cues.find((c) => /^When forty winters/.test(c.text))!;
    expect(line.review).toBeUndefined();
    expect(Math.abs(line.start! - (fileOneSeconds + slateSeconds + SILENCE + 3.03))).toBeLessThan(0.3);
  });
});
