import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_VERSION, type ProjectFile } from '../../src/project/project-schema.ts';
import { parseProject } from '../../src/project/project-store.ts';
import { assembleDoor, doorSounds } from '../support/drama-fixture.ts';
import { requireTools } from '../support/required-tools.ts';
import { runCli } from '../support/run-cli.ts';
import { tempDir, toneAmplitude } from '../support/signals.ts';

// Issue 17, a drama sound's head trimmed (project version 4, `offset`): the mix and the stems play
// the file from the offset on, a loop repeats from the offset to the file's end, and a version-3
// project opens unchanged. "The Door" assembled by the real `cuewright assemble` (festival voices)
// with a theme whose two halves are told apart by pitch (2.5 s at 220 Hz, then 2.5 s at 660 Hz,
// made by ffmpeg), so the Music stem says which part of the file plays where.

requireTools('the takes are festival voices, the sounds ffmpeg sources', 'festival', 'ffmpeg', 'ffprobe');

const RATE = 44100;

function decode(path: string): Float32Array {
  const raw = execFileSync('ffmpeg', ['-v', 'error', '-i', path, '-f', 'f32le', '-'], { maxBuffer: 1 << 28 });
  return new Float32Array(raw.buffer, raw.byteOffset, raw.length / 4).slice();
}

/** RMS of the `hz` component over `from`..`to` seconds (signals.ts's Goertzel amplitude over √2). */
const toneRms = (x: Float32Array, hz: number, from: number, to: number) =>
  toneAmplitude(x, RATE, hz, from, to) / Math.SQRT2;

describe('a drama sound with its head trimmed, in the mix and the stems', () => {
  const work = tempDir('drama-sound-trim');
  let file: ProjectFile;
  /** Where the theme plays: moved to 1 s after the last line, so no dialogue ducks it. */
  let themeAt: number;
  let shift: number;
  /** The theme's RMS at one pitch: ffmpeg's sine is 1/8 full scale, at volume 0.3. */
  const STEADY = 0.3 / 8 / Math.SQRT2;

  beforeAll(() => {
    const sounds = doorSounds(work, { twoPitches: true });
    const projectPath = assembleDoor(work, sounds).projectPath;
    file = JSON.parse(readFileSync(projectPath, 'utf8')) as ProjectFile;
    const json = JSON.parse(runCli(['project', projectPath, '--json'], work).stdout) as {
      cues: Array<{ id: string; end?: number }>;
    };
    // A sound's cue falls at the end of the line before it (drama-sounds.ts soundTimes).
    const music1 = file.sounds!.find((s) => s.lane === 'Music')!.cue;
    const index = json.cues.findIndex((c) => c.id === music1);
    const fallsAt = Math.max(
      0,
      ...json.cues.slice(0, index).flatMap((c) => (c.end !== undefined ? [c.end] : [])),
    );
    themeAt = Math.max(...json.cues.flatMap((c) => (c.end !== undefined ? [c.end] : []))) + 1;
    shift = themeAt - fallsAt;
  }, 600_000);

  /** The Music stem of the project with the theme shaped by `shape`. */
  const musicStem = (name: string, shape: object): Float32Array => {
    const path = join(work, `${name}.cwproj`);
    const sounds = file.sounds!.map((s) => (s.lane === 'Music' ? { ...s, shift, ...shape } : s));
    writeFileSync(path, JSON.stringify({ ...file, sounds }));
    const stems = join(work, `${name}-stems`);
    const run = runCli(['export', path, '-o', join(work, `${name}.wav`), '--stems', stems], work, 300_000);
    expect(run.status, run.stderr).toBe(0);
    return decode(join(stems, 'Music.wav'));
  };

  it('plays the file from its offset: the second half at once, for the rest of the file only', () => {
    const whole = musicStem('whole', {});
    // As assembled: 220 Hz first, 660 Hz from 2.5 s into the theme.
    expect(toneRms(whole, 220, themeAt + 0.5, themeAt + 2)).toBeGreaterThan(STEADY * 0.8);
    expect(toneRms(whole, 660, themeAt + 0.5, themeAt + 2)).toBeLessThan(STEADY * 0.05);
    const trimmed = musicStem('trimmed', { offset: 2.5 });
    expect(toneRms(trimmed, 660, themeAt + 0.2, themeAt + 2.3)).toBeGreaterThan(STEADY * 0.8);
    expect(toneRms(trimmed, 220, themeAt + 0.2, themeAt + 2.3)).toBeLessThan(STEADY * 0.05);
    // Only the 2.5 s after the offset play: silence from there on.
    expect(toneRms(trimmed, 660, themeAt + 2.6, themeAt + 4.9)).toBeLessThan(STEADY * 0.01);
  });

  it('loops from the offset to the file’s end: the trimmed head is never heard', () => {
    const looped = musicStem('looped', { offset: 2.5, loop: true, length: 7 });
    for (const at of [0.2, 2.7, 5.2])
      expect(toneRms(looped, 660, themeAt + at, themeAt + at + 2), `${at} s in`).toBeGreaterThan(
        STEADY * 0.8,
      );
    expect(toneRms(looped, 220, themeAt, themeAt + 7)).toBeLessThan(STEADY * 0.05);
    expect(toneRms(looped, 660, themeAt + 7.1, themeAt + 9)).toBeLessThan(STEADY * 0.01);
  });

  it('refuses to export a sound trimmed past its file’s end, in one line naming it', () => {
    const path = join(work, 'past.cwproj');
    const sounds = file.sounds!.map((s) => (s.lane === 'Music' ? { ...s, offset: 7 } : s));
    writeFileSync(path, JSON.stringify({ ...file, sounds }));
    const run = runCli(['export', path, '-o', join(work, 'past.wav')], work, 300_000);
    // It exported the file's last 10 ms looped: a 100 Hz buzz.
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(
      'music/low-theme.wav: its start is trimmed 7 s into a 5.00 s file, leaving nothing to play',
    );
  });

  it('opens a version-3 drama unchanged, keeps the offset, and refuses a negative one in one line', () => {
    const v3 = parseProject('door.cwproj', JSON.stringify({ ...file, version: 3 }));
    expect(v3.version).toBe(PROJECT_VERSION);
    expect(v3.sounds).toEqual(file.sounds);
    const sounds = file.sounds!.map((s) => ({ ...s, offset: 1.25 }));
    expect(
      parseProject('t.cwproj', JSON.stringify({ ...file, sounds })).sounds!.map((s) => s.offset),
    ).toEqual(sounds.map(() => 1.25));
    expect(() =>
      parseProject('bad.cwproj', JSON.stringify({ ...file, sounds: [{ ...file.sounds![0]!, offset: -1 }] })),
    ).toThrow(/bad\.cwproj: not a valid project: sounds\.0\.offset/);
  });
});
