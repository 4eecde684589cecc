import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { parseScript } from '../../cues/parse-script.ts';
import { ScriptedPicker } from '../../src/app/picker.ts';
import { type AppHost, startAppHost } from '../../src/host/app-host.ts';
import { PROJECT_LIMIT } from '../../src/io/read-regular-file.ts';
import { autosave, listRecoveries } from '../../src/project/autosave.ts';
import { PROJECT_VERSION, type ProjectFile } from '../../src/project/project-schema.ts';
import { loadProject, saveProject } from '../../src/project/project-store.ts';
import { SAMPLE_SEED } from '../support/paths.ts';
import { sine, tempDir, writeWav } from '../support/signals.ts';

// One size limit for projects, both ways: a project that opens can be saved again, a save never
// writes a project too large to open (nor an autosave too large to recover), and the HTTP host
// takes any request a savable project makes, answering a larger one with a message, not a bare 413.

const MB = 1024 * 1024;
const script = readFileSync(SAMPLE_SEED, 'utf8');
const sheet = parseScript(script);
const project = (s: CueSheet): ProjectFile => ({
  app: 'cuewright',
  version: PROJECT_VERSION,
  script: { path: SAMPLE_SEED, text: script },
  recordings: [{ id: 'rec-1', path: 'narration.wav', size: 10, duration: 1 }],
  sheet: s,
  savedAt: new Date().toISOString(),
});
/** The sheet with a title of `mb` megabytes: the cheapest way to a project of a given size. */
const titled = (mb: number): CueSheet => ({ ...sheet, title: 't'.repeat(Math.round(mb * MB)) });
/** A chapter listing a cue "a" `n` times: 4 bytes an entry written compact, 10 indented. */
const listy = (n: number): CueSheet => ({
  ...sheet,
  cues: [...sheet.cues, { id: 'a', kind: 'note', text: script.slice(0, 1), source: { start: 0, end: 1 } }],
  chapters: [...sheet.chapters, { id: 'list', title: 'list', cueIds: new Array<string>(n).fill('a') }],
});

describe('project size, both ways', () => {
  it('a project that opens saves again, even when its indented form would be over the limit', async () => {
    const dir = tempDir('size');
    const path = join(dir, 'listy.cwproj');
    const big = project(listy(10_000_000)); // about 40 MB compact, 100 MB indented
    writeFileSync(path, JSON.stringify(big));
    const loaded = await loadProject(path);
    await saveProject(path, loaded);
    expect(statSync(path).size).toBeLessThanOrEqual(PROJECT_LIMIT.maxBytes);
    expect((await loadProject(path)).sheet.chapters.at(-1)!.cueIds.length).toBe(10_000_000);
  });

  it('a save that would not open again is refused, named, and the previous file is kept', async () => {
    const dir = tempDir('size');
    const path = join(dir, 'story.cwproj');
    await saveProject(path, project(sheet));
    const before = readFileSync(path, 'utf8');
    await expect(saveProject(path, project(titled(65)))).rejects.toThrow(
      new RegExp(
        `^${path}: not saved: the project would be 65\\.\\d MB, more than a project may be \\(64\\.0 MB\\); it could not be opened again$`,
      ),
    );
    expect(readFileSync(path, 'utf8')).toBe(before);
    expect(existsSync(`${path}.bak`)).toBe(false);
  });

  it('an autosave too large to recover is refused, not written to be skipped later', async () => {
    const dir = join(tempDir('size'), 'recovery');
    await expect(autosave(dir, undefined, project(titled(65)))).rejects.toThrow(
      /^not autosaved: the project would be 65\.\d MB, more than a project may be \(64\.0 MB\)/,
    );
    expect(await listRecoveries(dir)).toEqual([]);
  });
});

describe('project size over HTTP (cuewright serve)', () => {
  let host: AppHost;
  let token = '';
  let dir = '';
  const picker = new ScriptedPicker();
  beforeAll(async () => {
    dir = tempDir('size-host');
    writeFileSync(join(dir, 'index.html'), '<meta name="cuewright-token" content="%CUEWRIGHT_TOKEN%">');
    host = await startAppHost({ dataDir: join(dir, 'data'), picker, distDir: dir });
    token = /content="([0-9a-f]+)"/.exec(await (await fetch(host.url)).text())![1]!;
  });
  afterAll(() => host.close());
  const call = async (method: string, payload: unknown) => {
    const response = await fetch(`${host.url}/api/${method}`, {
      method: 'POST',
      headers: { 'X-Cuewright-Token': token, 'Content-Type': 'application/json' },
      body: JSON.stringify(payload),
    });
    return {
      status: response.status,
      reply: (await response.json()) as { ok: boolean; error?: { message: string } },
    };
  };

  it('saves any sheet a project may hold, and answers a larger request with a message', async () => {
    const path = join(dir, 'show.cwproj');
    writeWav(join(dir, 'narration.wav'), sine(16000, 1, 1, 440, 0.3), 16000);
    await saveProject(path, project(sheet));
    picker.answers.push(path);
    expect((await call('pick', { purpose: 'project' })).reply.ok).toBe(true);
    expect((await call('openProject', { path })).reply.ok).toBe(true);

    // 63.5 MB of sheet: about the most a project holds, so the request must pass.
    const near = titled(63.5);
    const saved = await call('saveProject', { path, sheet: near, exportSettings: undefined });
    expect(saved.status).toBe(200);
    expect(saved.reply).toMatchObject({ ok: true });
    expect((await loadProject(path)).sheet.title.length).toBe(near.title.length);

    const tooBig = await call('saveProject', { path, sheet: titled(66) });
    expect(tooBig.status).toBe(413);
    expect(tooBig.reply.ok).toBe(false);
    expect(tooBig.reply.error!.message).toMatch(
      /^saveProject: the request is 66\.0 MB, more than a project may be \(64\.0 MB\); nothing was done$/,
    );
    expect((await loadProject(path)).sheet.title.length).toBe(near.title.length);
  });
});
