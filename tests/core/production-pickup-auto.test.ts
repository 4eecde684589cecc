import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseScript } from '../../cues/parse-script.ts';
import { findPickupCues } from '../../src/production/find-pickup-cues.ts';
import { loadProject } from '../../src/project/project-store.ts';
import { SPEECH_DIR } from '../support/human-speech.ts';
import { requireTools } from '../support/required-tools.ts';
import { runCli } from '../support/run-cli.ts';
import { tempDir } from '../support/signals.ts';

// A pickup given with no --from/--to: the cues it repeats are found by listening. The project is
// the three LibriVox sonnets (real human reading, three files aligned as one production); the
// pickups are two lines of sonnet II re-recorded (the same reader cut out, then another room,
// 6 dB quieter, 6 % slower, at 22.05 kHz), two lines of sonnet III spoken by Festival's voice (a
// synthesiser, against a human reading), and nine seconds of other speech, which fits nothing.

const SONNETS = join(SPEECH_DIR, 'sonnets');

function ffmpeg(...args: string[]): void {
  execFileSync('ffmpeg', ['-v', 'error', '-y', ...args]);
}

describe('a pickup found by listening', () => {
  const dir = tempDir('production-pickup-auto');
  const project = join(dir, 'book.cwproj');
  const script = join(dir, 'book.txt');
  const text = [1, 2, 3].map((n) => readFileSync(join(SONNETS, `sonnet00${n}.txt`), 'utf8')).join('\n\n');
  const sheet = parseScript(text);
  const idOf = (line: string) => sheet.cues.find((c) => c.text.startsWith(line))!.id;

  beforeAll(() => {
    requireTools(
      'the pickups are cut and changed by ffmpeg and one is spoken by Festival',
      'ffmpeg',
      'festival',
    );
    writeFileSync(script, text);
    const aligned = runCli(
      ['align', script, ...[1, 2, 3].map((n) => join(SONNETS, `sonnet00${n}.flac`)), '-o', project],
      undefined,
      300_000,
    );
    expect(aligned.status, aligned.stderr).toBe(0);
    // Sonnet II, lines 5 and 6 (16.7-22.45 s in its reading), in another room and pace.
    ffmpeg(
      '-ss',
      '16.7',
      '-to',
      '22.45',
      '-i',
      join(SONNETS, 'sonnet002.flac'),
      '-af',
      'highpass=f=120,aecho=0.8:0.7:40:0.25,atempo=0.94,volume=-6dB',
      '-ar',
      '22050',
      join(dir, 'human.wav'),
    );
    execFileSync('text2wave', ['-o', join(dir, 'festival.wav')], {
      input: "Thou art thy mother's glass and she in thee calls back the lovely April of her prime.",
    });
    ffmpeg('-ss', '2', '-t', '9', '-i', join(SPEECH_DIR, 'casual/cold_corpus.wav'), join(dir, 'other.wav'));
  }, 600_000);

  it('finds the two lines a re-recorded human pickup says and drops it in there', async () => {
    const run = runCli(['pickup', project, join(dir, 'human.wav')], undefined, 300_000);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const first = idOf('Then being asked');
    const last = idOf('Where all the treasure');
    expect(run.stdout).toContain(`says cues 21..22 (${first}..${last},`);
    const after = await loadProject(project);
    expect(after.pickups!.map((p) => [p.firstCue, p.lastCue])).toEqual([[first, last]]);
    expect(after.placements!.filter((p) => p.recording === 'pickup-1').map((p) => p.id)).toEqual([
      first,
      last,
    ]);
  }, 300_000);

  it('finds the two lines Festival’s synthetic voice says against the human reading', async () => {
    const run = runCli(['pickup', project, join(dir, 'festival.wav')], undefined, 300_000);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const first = idOf('Thou art thy mother');
    const last = idOf('Calls back the lovely April');
    expect(run.stdout).toContain(`(${first}..${last},`);
    const after = await loadProject(project);
    expect(after.pickups!.at(-1)).toMatchObject({ firstCue: first, lastCue: last });
  }, 300_000);

  it('refuses other speech in one line and leaves the project as it was', async () => {
    const before = readFileSync(project, 'utf8');
    const other = join(dir, 'other.wav');
    const run = runCli(['pickup', project, other], undefined, 300_000);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      `cuewright: ${other}: no cues of the script fit this pickup: name them with --from CUE --to CUE\n`,
    );
    expect(readFileSync(project, 'utf8')).toBe(before);
  }, 300_000);

  it('refuses a pickup of lines the script says twice, naming both places', async () => {
    // Sonnet I's couplet said again at the end of the script: the pickup of it fits both.
    const twice = parseScript(
      `${text}\n\nPity the world, or else this glutton be,\n\nTo eat the world’s due, by the grave and thee.\n`,
    );
    const at = twice.cues.findIndex((c) => c.text.startsWith('Pity the world')) + 1;
    const n = twice.cues.length;
    const couplet = join(dir, 'couplet.wav');
    ffmpeg(
      '-ss',
      '44.0',
      '-i',
      join(SONNETS, 'sonnet001.flac'),
      '-af',
      'volume=-3dB',
      '-ar',
      '24000',
      couplet,
    );
    const refused = await findPickupCues(twice, couplet).then(
      () => '',
      (error: Error) => error.message,
    );
    const places = [`cues ${at}..${at + 1}`, `cues ${n - 1}..${n}`];
    expect([
      `${couplet}: the pickup fits ${places[0]} and ${places[1]} as well: name them with --from CUE --to CUE`,
      `${couplet}: the pickup fits ${places[1]} and ${places[0]} as well: name them with --from CUE --to CUE`,
    ]).toContain(refused);
  }, 300_000);
});
