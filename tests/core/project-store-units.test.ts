import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScript } from '../../cues/parse-script.ts';
import { PROJECT_LIMIT } from '../../src/io/read-regular-file.ts';
import { autosave, clearRecovery, listRecoveries, recoveryFor } from '../../src/project/autosave.ts';
import { projectTooLarge } from '../../src/project/project-size.ts';
import { loadProject, parseProject, saveProject } from '../../src/project/project-store.ts';
import { tempDir } from '../support/signals.ts';

// The project file's edges: what a damaged or foreign file is called, how a save keeps the last
// good version, which autosave belongs to which project, and the size limit at its boundary.

const TEXT = 'Chapter 1\n\nA line of narration.\n';
/** A version-1 project as the first release saved it: loading lifts it to the current version. */
const FIRST_RELEASE = JSON.stringify({
  app: 'cuewright',
  version: 1,
  script: { path: 'story.txt', text: TEXT },
  audio: { path: 'narration.wav', size: 10, duration: 1 },
  sheet: parseScript(TEXT),
  savedAt: '2026-11-01T10:00:00.000Z',
});
const project = (savedAt = '2026-11-01T10:00:00.000Z', title = 'Story') => {
  const p = parseProject('seed.cwproj', FIRST_RELEASE);
  return { ...p, savedAt, sheet: { ...p.sheet, title } };
};

describe('naming what is wrong with a project file', () => {
  const message = (text: string) => {
    try {
      parseProject('book.cwproj', text);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error('parsed');
  };

  it('calls a file cut short truncated, leading space and all', () => {
    expect(message(FIRST_RELEASE.slice(0, 80))).toBe(
      'book.cwproj: the project file is cut short (truncated)',
    );
    expect(message(`  \n${FIRST_RELEASE.slice(0, 80)}`)).toMatch(/truncated/);
    expect(message(`[1, 2`)).toMatch(/truncated/);
  });

  it('calls a whole but broken file not valid JSON, with trailing space and all', () => {
    expect(message('{"app": nope}\n\n')).toMatch(/^book\.cwproj: not valid JSON \(/);
    expect(message('{"app": nope]  ')).toMatch(/not valid JSON/);
    expect(message('hello')).toMatch(/not valid JSON/);
  });

  it('calls control bytes near the start a binary file, and ignores them further in', () => {
    expect(message('RIFF\u0000\u0001\u0002WAVE')).toBe(
      'book.cwproj: not valid JSON: a binary file (audio?), not a Cuewright project',
    );
    expect(message(`"${'x'.repeat(600)}\u0001`)).not.toMatch(/binary/);
  });

  it('names the first schema problem by its path', () => {
    const broken = JSON.parse(FIRST_RELEASE);
    broken.sheet.title = 7;
    expect(message(JSON.stringify(broken))).toMatch(/^book\.cwproj: not a valid project: sheet\.title: /);
  });
});

describe('saving', () => {
  it('writes an indented file a person can read, and keeps the version it replaces as .bak', async () => {
    const dir = tempDir('store-units');
    const path = join(dir, 'book.cwproj');
    await saveProject(path, project('2026-11-01T10:00:00.000Z', 'first'));
    expect(existsSync(`${path}.bak`)).toBe(false);
    expect(readFileSync(path, 'utf8')).toMatch(/^\{\n "app": "cuewright",\n/);
    await saveProject(path, project('2026-11-01T11:00:00.000Z', 'second'));
    expect((await loadProject(`${path}.bak`)).sheet.title).toBe('first');
    expect((await loadProject(path)).sheet.title).toBe('second');
  });

  it('replaces a project written with space before its brace (by hand), backing it up', async () => {
    const dir = tempDir('store-units');
    const path = join(dir, 'book.cwproj');
    writeFileSync(path, `\n  ${JSON.stringify(project('2026-11-01T10:00:00.000Z', 'by hand'))}`);
    await saveProject(path, project('2026-11-01T11:00:00.000Z', 'saved'));
    expect((await loadProject(`${path}.bak`)).sheet.title).toBe('by hand');
  });

  it('never replaces a file that is not a project, and keeps no junk as a backup', async () => {
    const dir = tempDir('store-units');
    const path = join(dir, 'book.cwproj');
    writeFileSync(path, 'RIFF....WAVE');
    await expect(saveProject(path, project())).rejects.toThrow(
      `${path}: not saved: there is a file here that is not a Cuewright project`,
    );
    expect(readFileSync(path, 'utf8')).toBe('RIFF....WAVE');
    writeFileSync(path, '{"damaged": tru');
    await saveProject(path, project());
    expect(existsSync(`${path}.bak`)).toBe(false);
  });
});

describe('autosave recovery', () => {
  it('offers a project the recovery newer than its last save, never another project’s or an older one', async () => {
    const dir = tempDir('recovery-units');
    const saved = project('2026-11-01T10:00:00.000Z');
    await autosave(dir, '/books/a.cwproj', project('2026-11-01T09:00:00.000Z', 'older'));
    expect(await recoveryFor(dir, '/books/a.cwproj', saved)).toBeUndefined();
    await autosave(dir, '/books/b.cwproj', project('2026-11-01T12:00:00.000Z', 'other book'));
    expect(await recoveryFor(dir, '/books/a.cwproj', saved)).toBeUndefined();
    await autosave(dir, '/books/a.cwproj', project('2026-11-01T12:00:00.000Z', 'newer'));
    const found = await recoveryFor(dir, '/books/a.cwproj', saved);
    expect(found?.project.sheet.title).toBe('newer');
    expect(found?.projectPath).toBe('/books/a.cwproj');
    // Same time as the save: nothing newer to offer.
    expect(await recoveryFor(dir, '/books/a.cwproj', project('2026-11-01T12:00:00.000Z'))).toBeUndefined();
  });

  it('lists an untitled project’s recovery without a project path, and clears one by its project', async () => {
    const dir = tempDir('recovery-units');
    await autosave(dir, undefined, project('2026-11-01T12:00:00.000Z', 'untitled'));
    await autosave(dir, '/books/a.cwproj', project('2026-11-01T12:00:00.000Z', 'a'));
    const all = await listRecoveries(dir);
    expect(all.map((r) => [r.project.sheet.title, 'projectPath' in r]).sort()).toEqual([
      ['a', true],
      ['untitled', false],
    ]);
    writeFileSync(join(dir, 'junk.autosave.json'), '{"project": 1}');
    expect(await listRecoveries(dir)).toHaveLength(2);
    await clearRecovery(dir, '/books/a.cwproj');
    expect((await listRecoveries(dir)).map((r) => r.project.sheet.title)).toEqual(['untitled']);
  });
});

describe('the project size limit', () => {
  it('lets a project of exactly the limit through and refuses one byte more, in bytes not characters', () => {
    expect(projectTooLarge('x'.repeat(PROJECT_LIMIT.maxBytes))).toBeUndefined();
    expect(projectTooLarge('x'.repeat(PROJECT_LIMIT.maxBytes + 1))).toMatch(
      /^the project would be .* more than a project may be/,
    );
    // "é" is two bytes in UTF-8.
    expect(projectTooLarge('é'.repeat(PROJECT_LIMIT.maxBytes / 2 + 1))).toBeDefined();
  });
});
