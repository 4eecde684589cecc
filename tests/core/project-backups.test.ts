import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScript } from '../../cues/parse-script.ts';
import { dispatch } from '../../src/app/dispatch.ts';
import { createHandlers } from '../../src/app/handlers.ts';
import { PathGrants } from '../../src/app/path-grants.ts';
import { ScriptedPicker } from '../../src/app/picker.ts';
import { PROJECT_VERSION, type ProjectFile } from '../../src/project/project-schema.ts';
import { loadProject, saveProject } from '../../src/project/project-store.ts';
import { canMountTmpfs, NO_TMPFS } from '../support/required-tools.ts';
import { sine, tempDir, writeWav } from '../support/signals.ts';

// The .bak of a project is the last good version: a save on a nearly full disk must not cost it,
// and a save the file system refuses (full, read-only) is named for what it is.

const project = (title: string, text: string): ProjectFile => ({
  app: 'cuewright',
  version: PROJECT_VERSION,
  script: { path: 'story.txt', text },
  recordings: [{ id: 'rec-1', path: 'narration.wav', size: 10, duration: 1 }],
  sheet: { ...parseScript(text), title },
  savedAt: new Date().toISOString(),
});

/** A tmpfs for the test's body, unmounted after (mounting needs root, which CI has). */
async function withTmpfs(size: string, body: (dir: string) => Promise<void>): Promise<void> {
  const dir = tempDir('tmpfs');
  expect(spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]).status).toBe(0);
  try {
    await body(dir);
  } finally {
    spawnSync('umount', [dir]);
  }
}

/** Fills the file system until one more byte does not fit. */
function fill(dir: string): void {
  const chunk = Buffer.alloc(4096, 1);
  for (let i = 0; ; i++) {
    try {
      writeFileSync(join(dir, `filler-${i}`), chunk);
    } catch {
      for (let size = 2048; size >= 1; size = Math.floor(size / 2)) {
        try {
          writeFileSync(join(dir, `filler-${i}-${size}`), chunk.subarray(0, size));
        } catch {}
      }
      return;
    }
  }
}

describe('project backups', () => {
  it('a save on a full disk keeps the last good backup and names the problem', async (ctx) => {
    if (!canMountTmpfs) ctx.skip(NO_TMPFS);
    await withTmpfs('256k', async (dir) => {
      const path = join(dir, 'story.cwproj');
      await saveProject(path, project('first', 'A short one.\n'));
      await saveProject(path, project('second', 'The longer story.\n'.repeat(2000)));
      expect((await loadProject(`${path}.bak`)).sheet.title).toBe('first');
      fill(dir);
      await expect(saveProject(path, project('third', 'x\n'))).rejects.toThrow(
        `${path}: not saved: the disk is full (the previous version could not be kept as story.cwproj.bak)`,
      );
      expect((await loadProject(`${path}.bak`)).sheet.title).toBe('first');
      expect((await loadProject(path)).sheet.title).toBe('second');
      expect(readdirSync(dir).filter((f) => f.endsWith('.part'))).toEqual([]);
    });
  });

  it('Ctrl+S on a read-only file system says so, naming the project', async (ctx) => {
    if (!canMountTmpfs) ctx.skip(NO_TMPFS);
    const work = tempDir('ro-save');
    const script = join(work, 'story.txt');
    writeFileSync(script, 'A short one.\n');
    const audio = writeWav(join(work, 'narration.wav'), sine(16000, 1, 1, 440, 0.5), 16000);
    await withTmpfs('256k', async (dir) => {
      const path = join(dir, 'story.cwproj');
      await saveProject(path, project('first', 'A short one.\n'));
      expect(spawnSync('mount', ['-o', 'remount,ro', dir]).status).toBe(0);
      const picker = new ScriptedPicker();
      const handlers = createHandlers({
        dataDir: join(work, 'data'),
        picker,
        grants: new PathGrants(),
        mediaUrl: (t) => `/media/${t}`,
        emit: () => {},
      });
      picker.answers.push(script, audio, path);
      await handlers.pick({ purpose: 'script' });
      await handlers.pick({ purpose: 'audio' });
      await handlers.pick({ purpose: 'save-project' });
      const { sheet } = await handlers.newProject({ scriptPath: script, audioPath: audio });
      const reply = await dispatch(handlers, 'saveProject', { path, sheet });
      expect(reply).toEqual({
        ok: false,
        error: {
          name: 'FileError',
          message: `${path}: not saved: the file system is read-only (the previous version could not be kept as story.cwproj.bak)`,
        },
      });
      expect(JSON.parse(readFileSync(path, 'utf8')).sheet.title).toBe('first');
    });
  });

  it('autosave into a read-only data folder, and a save into a new folder there, say so', async (ctx) => {
    if (!canMountTmpfs) ctx.skip(NO_TMPFS);
    const work = tempDir('ro-autosave');
    const script = join(work, 'story.txt');
    writeFileSync(script, 'A short one.\n');
    const audio = writeWav(join(work, 'narration.wav'), sine(16000, 1, 1, 440, 0.5), 16000);
    await withTmpfs('256k', async (dir) => {
      expect(spawnSync('mount', ['-o', 'remount,ro', dir]).status).toBe(0);
      const picker = new ScriptedPicker();
      const handlers = createHandlers({
        dataDir: dir,
        picker,
        grants: new PathGrants(),
        mediaUrl: (t) => `/media/${t}`,
        emit: () => {},
      });
      const path = join(dir, 'new folder', 'deeper', 'story.cwproj');
      picker.answers.push(script, audio, path);
      await handlers.pick({ purpose: 'script' });
      await handlers.pick({ purpose: 'audio' });
      await handlers.pick({ purpose: 'save-project' });
      const { sheet } = await handlers.newProject({ scriptPath: script, audioPath: audio });
      expect(await dispatch(handlers, 'autosave', { sheet })).toEqual({
        ok: false,
        error: {
          name: 'InputError',
          message: `not autosaved: the file system is read-only (${join(dir, 'recovery')})`,
        },
      });
      expect(await dispatch(handlers, 'saveProject', { path, sheet })).toEqual({
        ok: false,
        error: { name: 'FileError', message: `${path}: the file system is read-only` },
      });
    });
  });

  it('a save into a folder that cannot be made is named, not an internal error', async () => {
    const work = tempDir('no-folder');
    const blocker = join(work, 'not-a-folder');
    writeFileSync(blocker, 'x');
    mkdirSync(join(work, 'data'));
    const picker = new ScriptedPicker();
    const handlers = createHandlers({
      dataDir: join(work, 'data'),
      picker,
      grants: new PathGrants(),
      mediaUrl: (t) => `/media/${t}`,
      emit: () => {},
    });
    const script = join(work, 'story.txt');
    writeFileSync(script, 'A short one.\n');
    const audio = writeWav(join(work, 'narration.wav'), sine(16000, 1, 1, 440, 0.5), 16000);
    const path = join(blocker, 'sub', 'story.cwproj');
    picker.answers.push(script, audio, path);
    await handlers.pick({ purpose: 'script' });
    await handlers.pick({ purpose: 'audio' });
    await handlers.pick({ purpose: 'save-project' });
    const { sheet } = await handlers.newProject({ scriptPath: script, audioPath: audio });
    const reply = await dispatch(handlers, 'saveProject', { path, sheet });
    expect(reply).toEqual({
      ok: false,
      error: { name: 'FileError', message: `${path}: a part of the path is not a folder` },
    });
  });
});
