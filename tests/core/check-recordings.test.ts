import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScript } from '../../cues/parse-script.ts';
import type { Placement } from '../../cues/production/timeline.ts';
import { recordingProblems } from '../../src/project/check-recordings.ts';
import { PROJECT_VERSION, type ProjectFile } from '../../src/project/project-schema.ts';
import { SAMPLE_SEED } from '../support/paths.ts';
import { sine, tempDir, writeWav } from '../support/signals.ts';

// recordingProblems runs before a project is exported or listed: real WAV files on disk, probed
// as the export would; a swapped, shortened or missing recording is named with its path.

const scriptText = readFileSync(SAMPLE_SEED, 'utf8');

function project(
  recordings: Array<{ id: string; path: string; duration: number }>,
  placements: Placement[] = [],
): ProjectFile {
  return {
    app: 'cuewright',
    version: PROJECT_VERSION,
    script: { path: SAMPLE_SEED, text: scriptText },
    recordings: recordings.map((r) => ({ ...r, size: 0 })),
    sheet: parseScript(scriptText),
    placements,
    savedAt: new Date().toISOString(),
  };
}

describe('recordingProblems', () => {
  const dir = tempDir('check-recordings');
  const projectPath = join(dir, 'book.cwproj');
  // 10 s of audio: a stored 10 s matches, so do 9.5 s and 10.9 s (the re-encode slack of 1 s).
  writeWav(join(dir, 'ten.wav'), sine(8000, 1, 10, 440, 0.3), 8000);
  // 200 s: 1 % (2 s) of slack, not 1 s.
  writeWav(join(dir, 'long.wav'), sine(8000, 1, 200, 440, 0.3), 8000);

  it('finds nothing wrong when every recording is there, as long as the project says', async () => {
    // 11 s stored: 1 s off, the slack exactly, is still the same file.
    for (const duration of [10, 9.5, 10.9, 11, 0]) {
      expect(
        await recordingProblems(projectPath, project([{ id: 'r1', path: 'ten.wav', duration }])),
      ).toEqual([]);
    }
    // An absolute path is taken as it is.
    const absolute = project([{ id: 'r1', path: join(dir, 'ten.wav'), duration: 10 }]);
    expect(await recordingProblems(join(tempDir('elsewhere'), 'x.cwproj'), absolute)).toEqual([]);
    // 1 % of a long book: 198.5 s and 201.9 s are the same 200 s file re-encoded.
    for (const duration of [198.5, 201.9]) {
      expect(
        await recordingProblems(projectPath, project([{ id: 'r1', path: 'long.wav', duration }])),
      ).toEqual([]);
    }
  });

  it('names a recording of another length, with both lengths and the recording id', async () => {
    const problems = await recordingProblems(
      projectPath,
      project([
        { id: 'r1', path: 'ten.wav', duration: 12 },
        { id: 'r2', path: 'ten.wav', duration: 8.5 },
        { id: 'r3', path: 'long.wav', duration: 197.5 },
      ]),
    );
    expect(problems).toEqual([
      `${join(dir, 'ten.wav')}: is 00:00:10.000 long, but the project's r1 was 00:00:12.000: another file? (relink the right one)`,
      `${join(dir, 'ten.wav')}: is 00:00:10.000 long, but the project's r2 was 00:00:08.500: another file? (relink the right one)`,
      `${join(dir, 'long.wav')}: is 00:03:20.000 long, but the project's r3 was 00:03:17.500: another file? (relink the right one)`,
    ]);
  });

  it('names a missing recording and one that is no audio, and goes on to the next', async () => {
    writeFileSync(join(dir, 'notes.wav'), 'these are notes, not audio\n');
    const problems = await recordingProblems(
      projectPath,
      project([
        { id: 'r1', path: 'gone.wav', duration: 10 },
        { id: 'r2', path: 'notes.wav', duration: 10 },
        { id: 'r3', path: 'ten.wav', duration: 10 },
      ]),
    );
    expect(problems).toHaveLength(2);
    expect(problems[0]).toBe(`${join(dir, 'gone.wav')}: the recording is missing (no such file)`);
    expect(problems[1]!.startsWith(`${join(dir, 'notes.wav')}: `)).toBe(true);
    expect(problems[1]).not.toMatch(/missing/);
  });

  it('names a placement past its recording or on none, by cue number or by kind and id', async () => {
    const sheet = parseScript(scriptText);
    const second = sheet.cues[1]!.id;
    const problems = await recordingProblems(
      projectPath,
      project(
        [{ id: 'r1', path: 'ten.wav', duration: 10 }],
        [
          { id: second, kind: 'cue', recording: 'r1', start: 2 },
          { id: second, kind: 'cue', recording: 'r1', start: 30 },
          { id: 'no-such-cue', kind: 'cue', recording: 'r1', start: 40 },
          { id: 'ch-1', kind: 'chapter', recording: 'r9', start: 1 },
          // A section sharing a cue's id is still named as a section.
          { id: second, kind: 'section', recording: 'r1', start: 50 },
        ],
      ),
    );
    expect(problems).toEqual([
      `${projectPath}: cue 2 starts at 00:00:30.000 in ten.wav, which is only 00:00:10.000 long`,
      `${projectPath}: cue "no-such-cue" starts at 00:00:40.000 in ten.wav, which is only 00:00:10.000 long`,
      `${projectPath}: chapter "ch-1" is placed on "r9", which the project does not have`,
      `${projectPath}: section "${second}" starts at 00:00:50.000 in ten.wav, which is only 00:00:10.000 long`,
    ]);
  });
});
