import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sheetOnTimeline } from '../../cues/production/place-on-recordings.ts';
import { dramaEnd } from '../../src/production/drama-end.ts';
import type { ProjectFile } from '../../src/project/project-schema.ts';
import { projectDuration, timelineOf } from '../../src/project/project-timeline.ts';
import { assembleDoor, doorSounds } from '../support/drama-fixture.ts';
import { requireTools } from '../support/required-tools.ts';
import { runCli } from '../support/run-cli.ts';
import { ffprobe, tempDir } from '../support/signals.ts';

// Issue 17: `cuewright assemble` closed with "about … long" counting the lines only, so a drama
// whose closing music plays on past its last line was said to be shorter than its export. "The
// Door" (festival voices, drama-fixture.ts): its 5 s theme starts before Ben's last recorded line
// and plays on past it; the length said must be the exported file's, as ffprobe reads it.

requireTools(
  'the takes are festival voices cut together by ffmpeg, the sounds ffmpeg sources',
  'festival',
  'ffmpeg',
  'ffprobe',
);

/** Seconds of "about HH:MM:SS.mmm long" in assemble's output. */
function saidLength(stdout: string): number {
  const m = /about (\d+):(\d\d):(\d\d\.\d+) long/.exec(stdout);
  if (!m) throw new Error(`no length in: ${stdout}`);
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
}

/** The exported mix's length in seconds, as ffprobe reads it. */
function exportedLength(work: string, projectPath: string, name: string): number {
  const out = join(work, name);
  const run = runCli(['export', projectPath, '-o', out], work, 300_000);
  expect(run.status, run.stderr).toBe(0);
  return Number(ffprobe(out, 'format=duration').duration);
}

/** Where the last spoken line ends on the production (seconds). */
function lastLineEnd(project: ProjectFile): number {
  const sheet = sheetOnTimeline(project.sheet, project.placements ?? [], timelineOf(project));
  return Math.max(
    ...sheet.cues.flatMap((c) =>
      c.kind !== 'sfx' && c.kind !== 'music' && c.end !== undefined ? [c.end] : [],
    ),
  );
}

describe('the length assemble says of a drama', () => {
  const work = tempDir('drama-length');
  let assembled: ReturnType<typeof assembleDoor>;

  beforeAll(() => {
    assembled = assembleDoor(work, doorSounds(work));
  }, 600_000);

  it('is the exported length when the closing music plays past the last line', () => {
    const { projectPath, file, stdout } = assembled;
    const said = saidLength(stdout);
    const exported = exportedLength(work, projectPath, 'door.wav');
    console.log(
      `last line ends ${lastLineEnd(file).toFixed(3)} s, clips end ${projectDuration(file).toFixed(3)} s; said ${said.toFixed(3)} s, exported ${exported.toFixed(3)} s`,
    );
    // The theme outlasts the lines: what was said before (the clips' end) is short of the file.
    expect(exported).toBeGreaterThan(projectDuration(file) + 0.5);
    expect(said).toBeCloseTo(exported, 2);
  });

  it('ends a looped block at its set length (the theme moved past the last line, looped to 9 s)', async () => {
    const { file } = assembled;
    const theme = file.sounds!.find((s) => s.lane === 'Music')!.cue;
    const sheet = sheetOnTimeline(file.sheet, file.placements ?? [], timelineOf(file));
    const index = sheet.cues.findIndex((c) => c.id === theme);
    const fallsAt = Math.max(
      0,
      ...sheet.cues.slice(0, index).flatMap((c) => (c.end !== undefined ? [c.end] : [])),
    );
    const themeAt = lastLineEnd(file) + 1.5;
    const edited: ProjectFile = {
      ...file,
      sounds: file.sounds!.map((s) =>
        s.cue === theme ? { ...s, shift: Number((themeAt - fallsAt).toFixed(3)), loop: true, length: 9 } : s,
      ),
    };
    const editedPath = join(work, 'looped.cwproj');
    writeFileSync(editedPath, JSON.stringify(edited));
    const end = await dramaEnd(editedPath, edited);
    const exported = exportedLength(work, editedPath, 'looped.wav');
    console.log(
      `looped theme at ${themeAt.toFixed(3)} s: end ${end.toFixed(3)} s, exported ${exported.toFixed(3)} s`,
    );
    expect(end).toBeCloseTo(themeAt + 9, 2);
    expect(end).toBeCloseTo(exported, 2);
  });
});
