import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOUDNESS_PRESETS } from '../../audio/export/loudness-target.ts';
import { fileTitle, migrateProject } from '../../src/project/migrate-project.ts';
import {
  DEFAULT_EXPORT_SETTINGS,
  exportSettingsSchema,
  PROJECT_EXTENSION,
  PROJECT_VERSION,
} from '../../src/project/project-schema.ts';
import { parseProject } from '../../src/project/project-store.ts';
import { REPO } from '../support/paths.ts';

// What a project file must hold, each refusal one line naming the file, the field and the
// problem; and what a version-1 file becomes. Built from the version-1 fixture a real release saved.

const v1 = JSON.parse(readFileSync(join(REPO, 'tests/fixtures/projects-v1/untouched.cwproj'), 'utf8'));
const { audio, ...rest } = v1;
const v2 = { ...rest, version: 2, recordings: [{ id: 'a', ...audio }] };
const parse = (value: unknown) => () => parseProject('/p/x.cwproj', JSON.stringify(value));

describe('a version-1 project', () => {
  it('becomes one recording titled after its file, whichever slash its path uses', () => {
    const lifted = migrateProject({ ...v1, audio: { ...audio, path: 'C:\\books\\night.tales.wav' } }) as {
      recordings: Array<{ id: string; title?: string; path: string }>;
      version: number;
      audio?: unknown;
    };
    expect(lifted.version).toBe(PROJECT_VERSION);
    expect(lifted.audio).toBeUndefined();
    expect(lifted.recordings).toEqual([
      { id: 'rec-1', ...audio, path: 'C:\\books\\night.tales.wav', title: 'night.tales' },
    ]);
    const untitled = migrateProject({ ...v1, audio: { ...audio, path: 7 } }) as {
      recordings: Array<{ title?: string }>;
    };
    expect(untitled.recordings[0]).not.toHaveProperty('title');
    const dotOnly = migrateProject({ ...v1, audio: { ...audio, path: '/x/.wav' } }) as {
      recordings: Array<{ title?: string }>;
    };
    expect(dotOnly.recordings[0]).not.toHaveProperty('title');
  });

  it('names a file by its last path part without its extension', () => {
    expect(fileTitle('/home/me/ch01.mp3')).toBe('ch01');
    expect(fileTitle('a\\b/c\\ch 02.take3.flac')).toBe('ch 02.take3');
    expect(fileTitle('noext')).toBe('noext');
    expect(fileTitle('dir.v2/ch03')).toBe('ch03');
    expect(fileTitle('x.a')).toBe('x');
  });

  it('refuses an audio entry that is not an object', () => {
    for (const bad of [null, 'a.wav', [audio]])
      expect(() => migrateProject({ ...v1, audio: bad })).toThrow(
        'not a valid project: audio: expected an object with the recording',
      );
  });

  it('refuses a version that is no version number, in one line', () => {
    for (const version of ['2', 1.5, 0, null])
      expect(() => migrateProject({ ...v1, version })).toThrow(
        `project version ${JSON.stringify(version)} is not a version number`,
      );
    expect(() => migrateProject({ ...v1, version: 99 })).toThrow(
      `project version 99 is newer than this Cuewright understands (${PROJECT_VERSION}); update Cuewright to open it`,
    );
  });
});

describe('a project the schema refuses', () => {
  it('names a duplicate recording id by its place', () => {
    expect(parse({ ...v2, recordings: [v2.recordings[0], { ...v2.recordings[0] }] })).toThrow(
      '/p/x.cwproj: not a valid project: recordings.1.id: duplicate recording id "a"',
    );
  });

  it('names a placement on no recording of the project', () => {
    expect(parse({ ...v2, placements: [{ id: 'x', kind: 'cue', recording: 'zz', start: 1 }] })).toThrow(
      '/p/x.cwproj: not a valid project: placements.0.recording: names no recording of the project ("zz")',
    );
  });

  it('names a cue that points past the end of its text', () => {
    const cues = v2.sheet.cues as Array<{ source: { start: number; end: number } }>;
    const past = v2.script.text.length + 5;
    const bad = {
      ...v2,
      sheet: { ...v2.sheet, cues: [{ ...cues[0], source: { start: 0, end: past } }, ...cues.slice(1)] },
    };
    expect(parse(bad)).toThrow(/^\/p\/x\.cwproj: not a valid project: sheet\.cues\.0\.source/);
  });

  it('takes a valid version-2 project as it is', () => {
    expect(parse(v2)().recordings).toEqual(v2.recordings);
  });

  it('tells a cut-short file from one that is not JSON at all', () => {
    const text = JSON.stringify(v2);
    expect(() => parseProject('/p/x.cwproj', text.slice(0, 200))).toThrow(
      '/p/x.cwproj: the project file is cut short (truncated)',
    );
    expect(() => parseProject('/p/x.cwproj', `  ${text.slice(0, 200)}`)).toThrow(/cut short/);
    expect(() => parseProject('/p/x.cwproj', `x${text}`)).toThrow(/^\/p\/x\.cwproj: not valid JSON \(/);
  });

  it('refuses a project with no recording, saying it needs one', () => {
    expect(parse({ ...v2, recordings: [] })).toThrow(
      '/p/x.cwproj: not a valid project: recordings: a project needs at least one recording',
    );
  });

  it('names a take on no recording of the project by its line and take', () => {
    const take = { start: 1, end: 2, complete: true, words: 3, of: 3, fit: 0.9 };
    const cue = (v2.sheet.cues as Array<{ id: string }>)[0]!.id;
    const takes = [
      {
        cue,
        takes: [
          { recording: 'a', ...take },
          { recording: 'gone', ...take },
        ],
        pick: 0,
      },
    ];
    expect(parse({ ...v2, takes })).toThrow(
      '/p/x.cwproj: not a valid project: takes.0.takes.1.recording: names no recording of the project ("gone")',
    );
  });
});

describe('export settings', () => {
  const base = { format: 'mp3', loudness: 'acx', sidecars: true, lyricChapters: false };
  const ok = (extra: object) => exportSettingsSchema.safeParse({ ...base, ...extra }).success;

  it('take tags of up to 500 characters, a bitrate of 32 to 320 kbit/s and 1 to 5 s of room tone', () => {
    for (const tags of ['Night Tales', 'x'.repeat(500)])
      expect(ok({ title: tags, artist: tags, album: tags })).toBe(true);
    for (const tag of ['title', 'artist', 'album']) expect(ok({ [tag]: 'x'.repeat(501) })).toBe(false);
    for (const bitrate of [32, 64, 320]) expect(ok({ bitrate })).toBe(true);
    for (const bitrate of [31, 321, 128.5]) expect(ok({ bitrate })).toBe(false);
    for (const roomTone of [1, 2.5, 5]) expect(ok({ roomTone })).toBe(true);
    for (const roomTone of [0.5, 5.5]) expect(ok({ roomTone })).toBe(false);
  });

  it('default to an MP3 at the mono podcast preset, with sidecars and lyric chapters', () => {
    expect(DEFAULT_EXPORT_SETTINGS).toEqual({
      format: 'mp3',
      loudness: 'podcast-mono',
      sidecars: true,
      lyricChapters: true,
    });
    expect(Object.keys(LOUDNESS_PRESETS)).toContain(DEFAULT_EXPORT_SETTINGS.loudness);
    expect(exportSettingsSchema.parse(DEFAULT_EXPORT_SETTINGS)).toEqual(DEFAULT_EXPORT_SETTINGS);
  });

  it('belong to a project file named *.cwproj', () => {
    expect(PROJECT_EXTENSION).toBe('.cwproj');
  });
});
