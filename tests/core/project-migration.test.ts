import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_VERSION } from '../../src/project/project-schema.ts';
import { loadProject, parseProject, saveProject } from '../../src/project/project-store.ts';
import { REPO } from '../support/paths.ts';

// Files saved by the release before version 2 (tests/fixtures/projects-v1, kept byte for byte)
// open as one-recording productions with every cue where it was, and save as the current version.

const FIXTURES = join(REPO, 'tests/fixtures/projects-v1');
const v1 = (name: string) => JSON.parse(readFileSync(join(FIXTURES, name), 'utf8'));

describe('project version 1 → 2', () => {
  it('opens a version-1 file as one recording with the same cue times, sections and chapters', async () => {
    const old = v1('sick-corpus.cwproj');
    expect(old.version).toBe(1);
    const project = await loadProject(join(FIXTURES, 'sick-corpus.cwproj'));
    expect(project.version).toBe(PROJECT_VERSION);
    expect(project.recordings).toEqual([
      { id: 'rec-1', path: 'take1.wav', size: old.audio.size, duration: 6, title: 'take1' },
    ]);
    expect(project.sheet.cues.map((c) => [c.id, c.start, c.end, c.review])).toEqual(
      old.sheet.cues.map((c: { id: string; start?: number; end?: number; review?: string }) => [
        c.id,
        c.start,
        c.end,
        c.review,
      ]),
    );
    expect(project.sheet.sections).toEqual(old.sheet.sections);
    expect(project.sheet.beds).toEqual(old.sheet.beds);
    expect(project.sheet.chapters).toEqual(old.sheet.chapters);
    expect(project.exportSettings).toEqual(old.exportSettings);
    // The timed cues are placed on the recording's own clock.
    expect(project.placements?.filter((p) => p.kind === 'cue')).toEqual([
      { id: old.sheet.cues[0].id, kind: 'cue', recording: 'rec-1', start: 0.88, end: 5.92 },
      { id: old.sheet.cues[1].id, kind: 'cue', recording: 'rec-1', start: 5.95, end: 6 },
    ]);
  });

  it('opens a never-aligned version-1 file with no export settings', async () => {
    const project = await loadProject(join(FIXTURES, 'untouched.cwproj'));
    expect(project.recordings).toHaveLength(1);
    expect(project.sheet.cues.every((c) => c.start === undefined)).toBe(true);
    expect(project.placements).toEqual([]);
    expect(project.exportSettings).toBeUndefined();
  });

  it('saves a migrated file as the current version that loads back to the same project', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-migrate-'));
    copyFileSync(join(FIXTURES, 'take1.wav'), join(dir, 'take1.wav'));
    const path = join(dir, 'sick-corpus.cwproj');
    copyFileSync(join(FIXTURES, 'sick-corpus.cwproj'), path);
    const first = await loadProject(path);
    await saveProject(path, first);
    const saved = JSON.parse(readFileSync(path, 'utf8'));
    expect(saved.version).toBe(PROJECT_VERSION);
    expect(saved.audio).toBeUndefined();
    expect(saved.recordings[0].path).toBe('take1.wav');
    // The previous version (version 1) is the backup, untouched.
    expect(readFileSync(`${path}.bak`, 'utf8')).toBe(
      readFileSync(join(FIXTURES, 'sick-corpus.cwproj'), 'utf8'),
    );
    expect(await loadProject(path)).toEqual(first);
  });

  it('refuses a version-1 file without its recording in one line naming the file', () => {
    const { audio: _audio, ...broken } = v1('untouched.cwproj');
    expect(() => parseProject('/p/broken.cwproj', JSON.stringify(broken))).toThrow(
      /^\/p\/broken\.cwproj: not a valid project: audio: expected an object with the recording$/,
    );
  });

  it('refuses a clip or placement naming no recording of the project', () => {
    const project = { ...v1('untouched.cwproj'), version: 2 };
    const { audio, ...rest } = project;
    const bad = {
      ...rest,
      recordings: [{ id: 'a', ...audio }],
      timeline: [{ recording: 'b', from: 0, to: 1 }],
    };
    expect(() => parseProject('/p/x.cwproj', JSON.stringify(bad))).toThrow(
      'not a valid project: timeline.0.recording: names no recording of the project ("b")',
    );
  });
});
