import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type {} from '../../renderer/src/main.ts';
import type { ProjectFile } from '../../src/project/project-schema.ts';
import { type AppSession, openProjectInApp, openReadyApp } from './app-session.ts';
import { runCli } from './run-cli.ts';
import { ffmpeg, tempDir } from './signals.ts';

// A small audio drama assembled by the real `cuewright assemble` (issue 17) for the app's e2e
// tests: two actors' session files read by festival voices (Anna's second line read twice, the
// second take in another voice; Ben's last line never recorded), a sound effect and a music cue.

export const DOOR_SCRIPT = `TITLE: The Door

ANNA: Did you hear that noise in the hall?

BEN: It was only the wind against the window.

[SFX: a door slams]

ANNA: That was not the wind, and you know it.

MUSIC: a low theme

BEN: Then we should go and look together.

BEN: Bring the lamp from the kitchen.
`;

/** Speech by festival's `text2wave` in `voice`, as 16 kHz mono WAV at `dir/name.wav`. */
export function speak(dir: string, name: string, text: string, voice: string): string {
  const raw = join(dir, `${name}-raw.wav`);
  const run = spawnSync('text2wave', ['-eval', `(voice_${voice})`, '-o', raw], { input: text });
  if (run.status !== 0) throw new Error(`text2wave failed: ${run.stderr}`);
  const out = join(dir, `${name}.wav`);
  ffmpeg(['-v', 'error', '-i', raw, '-ar', '16000', '-ac', '1', out]);
  return out;
}

/** `inputs` (WAV files of one rate and layout) one after another in `out`, by ffmpeg's concat filter. */
function concatAudio(inputs: string[], out: string): void {
  ffmpeg([
    '-v',
    'error',
    ...inputs.flatMap((p) => ['-i', p]),
    '-filter_complex',
    `concat=n=${inputs.length}:v=0:a=1`,
    out,
  ]);
}

/** The parts one after another with a second of silence before, between and after. */
export function session(dir: string, out: string, parts: string[]): void {
  const silence = join(dir, 'silence.wav');
  ffmpeg(['-v', 'error', '-f', 'lavfi', '-t', '1', '-i', 'anullsrc=r=16000:cl=mono', silence]);
  const inputs = [silence, ...parts.flatMap((p) => [p, silence])];
  concatAudio(inputs, out);
}

/**
 * The parts one after another in `out`, `gaps[k]` seconds of silence before part k (the entry
 * after the last part's: silence after it); where each part starts and ends (seconds).
 */
export function pausedSession(
  dir: string,
  out: string,
  parts: string[],
  gaps: number[],
): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  const inputs: string[] = [];
  let at = 0;
  for (const [k, gap] of gaps.entries()) {
    const quiet = join(dir, `quiet${k}.wav`);
    ffmpeg(['-v', 'error', '-f', 'lavfi', '-t', `${gap}`, '-i', 'anullsrc=r=16000:cl=mono', quiet]);
    inputs.push(quiet);
    at += gap;
    const part = parts[k];
    if (!part) break;
    inputs.push(part);
    const probe = spawnSync(
      'ffprobe',
      ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', part],
      {
        encoding: 'utf8',
      },
    );
    const length = Number(probe.stdout);
    spans.push({ start: at, end: at + length });
    at += length;
  }
  concatAudio(inputs, out);
  return spans;
}

/**
 * One actor's session in a fresh temp folder (`prefix`): `texts` read by festival's `voice`, one
 * after another with `gaps` seconds of silence as pausedSession has them. The session's path
 * (`name`.wav) and where each text starts and ends in it (seconds).
 */
export function spokenSession(
  prefix: string,
  name: string,
  texts: string[],
  gaps: number[],
  voice = 'kal_diphone',
): { session: string; parts: Array<{ start: number; end: number }> } {
  const dir = tempDir(prefix);
  const work = join(dir, 'parts');
  mkdirSync(work);
  const said = texts.map((text, k) => speak(work, String.fromCharCode(97 + k), text, voice));
  const session = join(dir, `${name}.wav`);
  return { session, parts: pausedSession(work, session, said, gaps) };
}

/**
 * Assembles "The Door" in `work` (takes in `work/takes`, script `work/door.txt`) to
 * `work/door.cwproj` with `cuewright assemble` (extra arguments appended: `--sfx DIR` ...).
 * Needs festival (with the kal, ked and cmu_us_slt_arctic_hts voices) and ffmpeg.
 *
 * @returns the project's path, the file as assemble wrote it, and what assemble printed on stdout
 */
export function assembleDoor(
  work: string,
  extra: string[] = [],
): { projectPath: string; file: ProjectFile; stdout: string } {
  const projectPath = join(work, 'door.cwproj');
  const takes = join(work, 'takes');
  mkdirSync(takes);
  const parts = join(work, 'parts');
  mkdirSync(parts);
  session(parts, join(takes, 'anna-session1.wav'), [
    speak(parts, 'a1', 'Did you hear that noise in the hall?', 'kal_diphone'),
    speak(parts, 'a2', 'That was not the wind, and you know it.', 'kal_diphone'),
    speak(parts, 'a2b', 'That was not the wind, and you know it.', 'cmu_us_slt_arctic_hts'),
  ]);
  session(parts, join(takes, 'ben-session1.wav'), [
    speak(parts, 'b1', 'It was only the wind against the window.', 'ked_diphone'),
    speak(parts, 'b2', 'Then we should go and look together.', 'ked_diphone'),
  ]);
  writeFileSync(join(work, 'door.txt'), DOOR_SCRIPT);
  const run = runCli(
    ['assemble', join(work, 'door.txt'), '--takes', takes, '-o', projectPath, ...extra],
    work,
    300_000,
  );
  expect(run.status, run.stderr).toBe(0);
  return {
    projectPath,
    file: JSON.parse(readFileSync(projectPath, 'utf8')) as ProjectFile,
    stdout: run.stdout,
  };
}

/**
 * Cuts Ben's take file of The Door assembled in `work` (`file`: the project assemble wrote) 1.5 s
 * before his second line ("Then we should go and look together."), its WAV header still saying the
 * whole length, as a copy that stopped early leaves it: that line lies past what the file holds.
 * The file is 16 kHz 16-bit mono (speak, session).
 */
export function cutBenBeforeSecondLine(work: string, file: ProjectFile): void {
  const ben = file.recordings.find((r) => r.path.includes('ben-session1'))!;
  const cue = file.sheet.cues.find((c) => c.text.startsWith('Then we should'))!;
  const start = file.placements!.find((p) => p.id === cue.id)!.start;
  const take = join(work, 'takes', 'ben-session1.wav');
  const bytes = readFileSync(take);
  const header = bytes.length - Math.round(ben.duration * 16_000) * 2;
  writeFileSync(take, bytes.subarray(0, header + Math.floor((start - 1.5) * 16_000) * 2));
}

/**
 * The Door's sound and music files, made by ffmpeg in `work/sfx` and `work/music` (named like
 * their cues, as assemble matches them): a door slam (0.6 s of brown noise, 44.1 kHz) and a low
 * theme (5 s of a 220 Hz sine at 0.3 of ffmpeg's 1/8 full scale, 44.1 kHz: it plays on past the
 * last line). `twoPitches`: the theme's second half is at 660 Hz (2.5 s each), so a spectrum says
 * which part of the file plays (a trimmed start).
 *
 * @returns the arguments that hand them to assemble (`--sfx DIR --music DIR`)
 */
export function doorSounds(work: string, options: { twoPitches?: boolean } = {}): string[] {
  const sfx = join(work, 'sfx');
  const music = join(work, 'music');
  mkdirSync(sfx);
  mkdirSync(music);
  const lavfi = (source: string) => ['-f', 'lavfi', '-i', source];
  ffmpeg([
    '-v',
    'error',
    ...lavfi('anoisesrc=d=0.6:c=brown:a=0.8:r=44100'),
    '-af',
    'afade=t=out:st=0.1:d=0.5',
    join(sfx, 'door-slams.wav'),
  ]);
  const theme = options.twoPitches
    ? [
        ...lavfi('sine=f=220:d=2.5:r=44100'),
        ...lavfi('sine=f=660:d=2.5:r=44100'),
        '-filter_complex',
        '[0][1]concat=n=2:v=0:a=1,volume=0.3',
      ]
    : [...lavfi('sine=f=220:d=5:r=44100'), '-af', 'volume=0.3'];
  ffmpeg(['-v', 'error', ...theme, join(music, 'low-theme.wav')]);
  return ['--sfx', sfx, '--music', music];
}

/** The Door assembled in `work` (`extra`: assemble's further arguments) and opened in the app, zoomed to fit. */
export async function openDoorInApp(
  work: string,
  extra: string[] = [],
): Promise<{ app: AppSession; projectPath: string; file: ProjectFile }> {
  const assembled = assembleDoor(work, extra);
  const app = await openReadyApp();
  await openProjectInApp(app, assembled.projectPath);
  await app.page.evaluate(() => window.cuewrightApp!.waveform.zoomToFit());
  return { app, ...assembled };
}
