import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProjectFile } from '../../src/project/project-schema.ts';
import { parseProject } from '../../src/project/project-store.ts';
import { assembleDoor, doorSounds } from '../support/drama-fixture.ts';
import { requireTools } from '../support/required-tools.ts';
import { runCli } from '../support/run-cli.ts';
import { tempDir } from '../support/signals.ts';

// Issue 17, a drama's sounds as the app edits them (project version 3): a sound moved from where
// its cue falls (`shift`), a music bed looped to a length and faded in and out, and the drama's
// own choice of levelling (`levelDialogue`), carried by `cuewright export`'s mix and stems. "The
// Door" assembled by the real `cuewright assemble` (festival voices), a door slam and a 5 s 220 Hz
// theme made by ffmpeg; the mix and stems read back by ffprobe and decoded by ffmpeg, levels
// measured at the fades and across the loop's seams.

requireTools('the takes are festival voices, the sounds ffmpeg sources', 'festival', 'ffmpeg', 'ffprobe');

const RATE = 44100;
/** The theme's steady RMS: ffmpeg's sine is 1/8 full scale, at volume 0.3. */
const THEME_RMS = 0.3 / 8 / Math.SQRT2;

function decode(path: string): Float32Array {
  const raw = execFileSync('ffmpeg', ['-v', 'error', '-i', path, '-f', 'f32le', '-'], { maxBuffer: 1 << 28 });
  return new Float32Array(raw.buffer, raw.byteOffset, raw.length / 4).slice();
}

function samplesOf(path: string): number {
  const probe = JSON.parse(
    execFileSync('ffprobe', ['-v', 'error', '-show_streams', '-of', 'json', path], { encoding: 'utf8' }),
  ) as { streams: Array<{ duration_ts: number; sample_rate: string }> };
  expect(probe.streams[0]!.sample_rate).toBe(String(RATE));
  return probe.streams[0]!.duration_ts;
}

/** RMS over `from`..`to` seconds, in dB against the theme's steady level. */
function levelDb(samples: Float32Array, from: number, to: number): number {
  let sum = 0;
  const a = Math.round(from * RATE);
  const b = Math.round(to * RATE);
  for (let i = a; i < b; i++) sum += (samples[i] ?? 0) ** 2;
  return 20 * Math.log10(Math.max(1e-12, Math.sqrt(sum / (b - a))) / THEME_RMS);
}

describe('a drama’s sounds moved, looped and faded, in the mix and the stems', () => {
  const work = tempDir('drama-sound-shapes');
  let projectPath: string;
  let file: ProjectFile;
  /** Where the theme's cue and the door slam's fall as assembled, and the last line's end (seconds). */
  let lastLineEnd: number;
  let slamAt: number;

  /** Where the theme's cue falls as assembled (seconds): the end of the line before it. */
  let themeAt: number;

  beforeAll(() => {
    ({ projectPath, file } = assembleDoor(work, doorSounds(work)));
    const json = JSON.parse(runCli(['project', projectPath, '--json'], work).stdout) as {
      cues: Array<{ id: string; kind: string; start?: number; end?: number }>;
    };
    const lines = json.cues.filter((c) => c.kind !== 'sfx' && c.kind !== 'music' && c.end !== undefined);
    lastLineEnd = Math.max(...lines.map((c) => c.end!));
    // A sound's cue falls at the end of the line before it in the script (drama-sounds.ts soundTimes).
    const fallsAt = (cue: string) => {
      const index = json.cues.findIndex((c) => c.id === cue);
      return Math.max(0, ...json.cues.slice(0, index).flatMap((c) => (c.end !== undefined ? [c.end] : [])));
    };
    slamAt = fallsAt(file.sounds!.find((s) => s.lane === 'SFX')!.cue);
    themeAt = fallsAt(file.sounds!.find((s) => s.lane === 'Music')!.cue);
  }, 600_000);

  /** The project with its sounds changed by `shape` (by lane) and `extra` fields, saved as `name`. */
  const variant = (name: string, shape: Record<string, object>, extra: object = {}) => {
    const path = join(work, name);
    const edited = {
      ...file,
      sounds: file.sounds!.map((s) => ({ ...s, ...shape[s.lane] })),
      ...extra,
    };
    writeFileSync(path, JSON.stringify(edited));
    return path;
  };

  it('lists its sound and music cues in `cuewright project --json` with their cue text, as lines carry theirs', () => {
    const json = JSON.parse(runCli(['project', projectPath, '--json'], work).stdout) as {
      cues: Array<{ kind: string; text: string; lane?: string }>;
    };
    // They were listed with empty text ("" is what they say aloud).
    expect(
      json.cues.filter((c) => c.kind === 'sfx' || c.kind === 'music').map((c) => [c.lane, c.text]),
    ).toEqual([
      ['SFX', '[SFX: a door slams]'],
      ['Music', 'MUSIC: a low theme'],
    ]);
    expect(json.cues.find((c) => c.kind === 'dialogue')!.text).toBe('Did you hear that noise in the hall?');
  });

  it('opens a version-2 drama unchanged and keeps the new fields through version 3', () => {
    const v2 = { ...file, version: 2 };
    const opened = parseProject('door.cwproj', JSON.stringify(v2));
    expect(opened.version).toBe(4);
    expect(opened.sounds).toEqual(file.sounds);
    const shaped = variant('shaped.cwproj', {
      Music: { loop: true, length: 12, fadeIn: 2, fadeOut: 3, shift: 1.5 },
    });
    expect(
      parseProject(shaped, readFileSync(shaped, 'utf8')).sounds!.find((s) => s.lane === 'Music'),
    ).toMatchObject({
      loop: true,
      length: 12,
      fadeIn: 2,
      fadeOut: 3,
      shift: 1.5,
    });
    // Refused in one line naming the field: a negative fade, a loop of no length.
    expect(() =>
      parseProject('bad.cwproj', JSON.stringify({ ...file, sounds: [{ ...file.sounds![0]!, fadeIn: -1 }] })),
    ).toThrow(/bad\.cwproj: not a valid project: sounds\.0\.fadeIn/);
    expect(() =>
      parseProject('bad.cwproj', JSON.stringify({ ...file, sounds: [{ ...file.sounds![0]!, length: 0 }] })),
    ).toThrow(/sounds\.0\.length/);
  });

  it('plays the theme looped to 12 s past the last line, faded in over 2 s and out over 3 s; the slam 0.5 s later', () => {
    const cueAt = themeAt;
    // Past the last line by 1 s: no ducking under a line touches the levels measured.
    const at = Math.round((lastLineEnd + 1) * 1000) / 1000;
    const path = variant('looped.cwproj', {
      Music: { shift: Math.round((at - cueAt) * 1000) / 1000, loop: true, length: 12, fadeIn: 2, fadeOut: 3 },
      SFX: { shift: 0.5 },
    });
    const stems = join(work, 'stems');
    const mixPath = join(work, 'mix.wav');
    const run = runCli(['export', path, '-o', mixPath, '--stems', stems], work, 300_000);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    // The production runs to the loop's end: 12 s from its start, every stem as long as the mix.
    const frames = samplesOf(mixPath);
    const start = Math.round(at * RATE) / RATE;
    expect(Math.abs(frames / RATE - (start + 12))).toBeLessThan(2 / RATE);
    for (const stem of ['Anna.wav', 'Ben.wav', 'SFX.wav', 'Music.wav'])
      expect(samplesOf(join(stems, stem))).toBe(frames);
    const theme = decode(join(stems, 'Music.wav'));
    const mix = decode(mixPath);
    const t = (s: number) => start + s;
    const figures = {
      before: levelDb(theme, t(-0.5), t(0)),
      fadeInStart: levelDb(theme, t(0), t(0.1)),
      fadeInMiddle: levelDb(theme, t(0.95), t(1.05)),
      steady: levelDb(theme, t(3), t(4)),
      seam1: levelDb(theme, t(4.9), t(5.1)),
      pastFile: levelDb(theme, t(5.5), t(6.5)),
      seam2: levelDb(theme, t(9.9), t(10.1)),
      fadeOutMiddle: levelDb(theme, t(10.45), t(10.55)),
      lastTenth: levelDb(theme, t(11.9), t(12)),
      mixPastFile: levelDb(mix, t(5.5), t(6.5)),
      mixFadeOutMiddle: levelDb(mix, t(10.45), t(10.55)),
    };
    console.log(
      `theme looped and faded (dB against its steady level): ${Object.entries(figures)
        .map(([k, v]) => `${k} ${v.toFixed(2)}`)
        .join(', ')}`,
    );
    expect(figures.before).toBeLessThan(-100);
    expect(figures.fadeInStart).toBeLessThan(-25);
    // Halfway through a linear fade: half the amplitude, -6 dB.
    expect(Math.abs(figures.fadeInMiddle - -6.02)).toBeLessThan(0.3);
    expect(Math.abs(figures.steady)).toBeLessThan(0.1);
    // The loop goes on past the file's 5 s at full level, with no dip or click at the seams.
    expect(Math.abs(figures.pastFile)).toBeLessThan(0.1);
    expect(Math.abs(figures.seam1)).toBeLessThan(0.1);
    // The second seam is inside the fade-out (from 9 s): 2/3 of full level there.
    expect(Math.abs(figures.seam2 - 20 * Math.log10(2 / 3))).toBeLessThan(0.1);
    let jump = 0;
    for (const seam of [5, 10]) {
      const i = Math.round(t(seam) * RATE);
      for (let k = i - 3; k < i + 3; k++) jump = Math.max(jump, Math.abs(theme[k + 1]! - theme[k]!));
    }
    // A 220 Hz sine of amplitude 0.0375 moves 0.0012 at most from one sample to the next.
    expect(jump).toBeLessThan(0.0013);
    expect(Math.abs(figures.fadeOutMiddle - -6.02)).toBeLessThan(0.3);
    expect(figures.lastTenth).toBeLessThan(-25);
    // The mix carries the same (no dialogue there).
    expect(Math.abs(figures.mixPastFile - figures.pastFile)).toBeLessThan(0.01);
    expect(Math.abs(figures.mixFadeOutMiddle - figures.fadeOutMiddle)).toBeLessThan(0.01);
    // The slam starts 0.5 s after its cue's place.
    const sfx = decode(join(stems, 'SFX.wav'));
    const firstSound = sfx.findIndex((s) => Math.abs(s) > 0.01) / RATE;
    console.log(`door slam: cue at ${slamAt.toFixed(3)} s, heard from ${firstSound.toFixed(3)} s`);
    expect(firstSound).toBeGreaterThanOrEqual(slamAt + 0.5);
    expect(firstSound).toBeLessThan(slamAt + 0.55);
  });

  /** The Music stem's samples and the last one heard (seconds), and the mix's length, for `shape`. */
  const exportTheme = (name: string, shape: object) => {
    const path = variant(`${name}.cwproj`, { Music: shape });
    const mixPath = join(work, `${name}.wav`);
    const stems = join(work, `${name}-stems`);
    expect(runCli(['export', path, '-o', mixPath, '--stems', stems], work, 300_000).status).toBe(0);
    const theme = decode(join(stems, 'Music.wav'));
    let last = theme.length - 1;
    while (last > 0 && Math.abs(theme[last]!) < 1e-6) last--;
    return { theme, heardTo: last / RATE, seconds: samplesOf(mixPath) / RATE };
  };

  it('loops a bed with no length until the last line’s end when no music follows it', () => {
    // Moved to 8 s before the last line's end: more than its 5 s file, so it loops.
    expect(lastLineEnd).toBeGreaterThan(8);
    const shift = Math.round((lastLineEnd - 8 - themeAt) * 1000) / 1000;
    const { theme, heardTo, seconds } = exportTheme('until', { loop: true, shift });
    console.log(
      `looped until the last line: the mix is ${seconds.toFixed(3)} s, sound heard to ${heardTo.toFixed(3)} s (the last line ends ${lastLineEnd.toFixed(3)} s; the theme from ${(themeAt + shift).toFixed(3)} s)`,
    );
    expect(seconds).toBeLessThan(lastLineEnd + 0.25);
    expect(levelDb(theme, lastLineEnd - 0.3, lastLineEnd - 0.1)).toBeGreaterThan(-30);
    expect(Math.abs(heardTo - lastLineEnd)).toBeLessThan(0.002);
  });

  it('plays a loop with no length at least once through: turning a loop on never shortens it', () => {
    // As assembled its 5 s file runs on past the last line's end; a loop "until the last line" cut
    // it to what was left (a tester's block got shorter when looped).
    expect(lastLineEnd - themeAt).toBeLessThan(5);
    const looped = exportTheme('loop-once', { loop: true });
    const once = exportTheme('no-loop', {});
    console.log(
      `looped with no length: heard to ${looped.heardTo.toFixed(3)} s, unlooped to ${once.heardTo.toFixed(3)} s (the theme from ${themeAt.toFixed(3)} s, the last line ends ${lastLineEnd.toFixed(3)} s)`,
    );
    expect(Math.abs(looped.heardTo - (themeAt + 5))).toBeLessThan(0.002);
    expect(Math.abs(looped.heardTo - once.heardTo)).toBeLessThan(0.002);
    expect(looped.seconds).toBeGreaterThanOrEqual(themeAt + 5 - 0.002);
  });

  it('levels the dialogue as the project says unless told otherwise', () => {
    const off = variant('unlevelled.cwproj', {}, { levelDialogue: false });
    const on = variant('levelled.cwproj', {});
    const stemsOf = (project: string, name: string, extra: string[] = []) => {
      const dir = join(work, name);
      const run = runCli(
        ['export', project, '-o', join(work, `${name}.wav`), '--stems', dir, ...extra],
        work,
        300_000,
      );
      expect(run.status, run.stderr).toBe(0);
      return { anna: readFileSync(join(dir, 'Anna.wav')), stdout: run.stdout };
    };
    const projectOff = stemsOf(off, 'off');
    const flagOff = stemsOf(on, 'flag-off', ['--no-level']);
    const levelled = stemsOf(on, 'on');
    // Off in the project: the same samples as --no-level; on: levelled (Anna's lane moved).
    expect(projectOff.anna.equals(flagOff.anna)).toBe(true);
    expect(levelled.anna.equals(flagOff.anna)).toBe(false);
    expect(projectOff.stdout).not.toMatch(/levelled/);
    expect(levelled.stdout).toMatch(/Anna: -\d+\.\d LUFS, levelled/);
  });
});
