import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assembleDoor, doorSounds } from '../support/drama-fixture.ts';
import { requireTools } from '../support/required-tools.ts';
import { runCli } from '../support/run-cli.ts';
import { ffmpeg, tempDir } from '../support/signals.ts';

// A drama's export never writes over what it reads, and never mixes from a take file that is not
// the one it was assembled from (the tester's data loss: `-o takes/edith.wav` replaced the
// actor's take with the mix, `--stems takes` a take with its stem; a take trimmed since assembly
// muted its character with only "-Infinity LUFS" to say so). Real takes: The Door assembled from
// festival voices by `cuewright assemble`, its sound and music made by ffmpeg.

const md5 = (path: string) => createHash('md5').update(readFileSync(path)).digest('hex');

describe('a drama export and the files it reads', () => {
  let work: string;
  let project: string;
  let before: Map<string, string>;
  const inputs = () => [
    ...readdirSync(join(work, 'takes')).map((f) => join(work, 'takes', f)),
    join(work, 'sfx', 'door-slams.wav'),
    join(work, 'music', 'low-theme.wav'),
    join(work, 'door.cwproj'),
  ];

  beforeAll(() => {
    requireTools('the actors are festival voices, the sounds ffmpeg sources', 'ffmpeg', 'festival');
    work = tempDir('drama-export-inputs');
    ({ projectPath: project } = assembleDoor(work, doorSounds(work)));
    before = new Map(inputs().map((f) => [f, md5(f)]));
  }, 600_000);

  it('refuses a mix or stem over a take, sound, music file, the project or each other, before any work, naming it', () => {
    const cases: Array<[string[], string]> = [
      [['-o', 'takes/anna-session1.wav'], 'takes/anna-session1.wav: is the take file'],
      [['-o', 'sfx/door-slams.wav'], 'sfx/door-slams.wav: is the sound file'],
      [['-o', 'music/low-theme.wav'], 'music/low-theme.wav: is the music file'],
      [['-o', 'takes/ben-session1.wav', '--stems', 'stems'], 'takes/ben-session1.wav: is the take file'],
      [['-o', 'mix.wav', '--stems', 'takes'], 'takes: holds the take file'],
      [['-o', 'mix.wav', '--stems', './sfx/'], './sfx/: holds the sound file'],
      // The mix named like a stem: one would overwrite the other.
      [['-o', 'stems/Anna.wav', '--stems', 'stems'], 'stems/Anna.wav: is where the Anna stem goes'],
    ];
    for (const [args, says] of cases) {
      const run = runCli(['export', project, ...args], work, 300_000);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr.split('\n').filter((l) => l !== '')).toHaveLength(1);
      expect(run.stderr).toContain(`cuewright: ${says}`);
    }
    for (const [file, hash] of before) expect(md5(file), file).toBe(hash);
    expect(existsSync(join(work, 'mix.wav'))).toBe(false);
    expect(existsSync(join(work, 'stems'))).toBe(false);
  });

  it('writes the stems and delivers the mix in another format in one command', () => {
    const run = runCli(['export', project, '-o', 'drama.m4b', '--stems', 'stems-m4b'], work, 600_000);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/wrote \d+ stems in stems-m4b: /);
    const stems = readdirSync(join(work, 'stems-m4b'));
    expect(stems.length).toBeGreaterThanOrEqual(3);
    const length = (f: string) =>
      Number(
        execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', f], {
          encoding: 'utf8',
        }),
      );
    const stemLength = length(join(work, 'stems-m4b', stems[0]!));
    for (const f of stems) expect(length(join(work, 'stems-m4b', f)), f).toBeCloseTo(stemLength, 6);
    // The M4B as the plain drama export writes it: the production's length, read back by ffprobe.
    expect(Math.abs(length(join(work, 'drama.m4b')) - stemLength)).toBeLessThan(0.05);
    expect(readdirSync(work).filter((f) => f.startsWith('drama.'))).toEqual(['drama.m4b']);
  });

  it('refuses to mix from a take file trimmed since assembly, naming it and by how much', () => {
    // The export works on the files as assembled.
    const ok = runCli(['export', project, '-o', join(work, 'ok.wav')], work, 300_000);
    expect(ok.stderr).toBe('');
    expect(ok.status).toBe(0);
    // Ben's session cut to its first 3 s: his second line would play as silence.
    const ben = join(work, 'takes', 'ben-session1.wav');
    const cut = join(work, 'ben-cut.wav');
    ffmpeg(['-v', 'error', '-i', ben, '-t', '3', cut]);
    renameSync(cut, ben);
    for (const args of [
      ['-o', 'mix.wav'],
      ['-o', 'mix.wav', '--stems', 'stems'],
    ]) {
      const run = runCli(['export', project, ...args], work, 300_000);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(
        /^cuewright: \S+\/takes\/ben-session1\.wav: is 3\.00 s long, but was \d+\.\d\d s when the drama was assembled \(shortened by \d+\.\d\d s\)/,
      );
      expect(existsSync(join(work, 'mix.wav'))).toBe(false);
    }
  });

  it('counts the problems after the first in the singular when there is one more', () => {
    // Anna's session trimmed too (Ben's stays trimmed from the test before): two problems.
    const anna = join(work, 'takes', 'anna-session1.wav');
    const cut = join(work, 'anna-cut.wav');
    ffmpeg(['-v', 'error', '-i', anna, '-t', '3', cut]);
    renameSync(cut, anna);
    const run = runCli(['export', project, '-o', 'mix.wav'], work, 300_000);
    expect(run.status).toBe(2);
    const lines = run.stderr.split('\n').filter((l) => l !== '');
    // Each named on its line, then the refusal naming the first and counting one more (it said
    // "1 more problems").
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatch(
      /takes\/anna-session1\.wav: is 3\.00 s long.* \(and 1 more problem, listed above\)$/,
    );
    expect(existsSync(join(work, 'mix.wav'))).toBe(false);
  });
});
