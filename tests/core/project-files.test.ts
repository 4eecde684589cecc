import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScript } from '../../cues/parse-script.ts';
import { createHandlers } from '../../src/app/handlers.ts';
import { PathGrants } from '../../src/app/path-grants.ts';
import { ScriptedPicker } from '../../src/app/picker.ts';
import { listRecoveries } from '../../src/project/autosave.ts';
import { PROJECT_VERSION, type ProjectFile } from '../../src/project/project-schema.ts';
import {
  loadProject,
  resolveAudioPath,
  saveProject,
  storedAudioPath,
} from '../../src/project/project-store.ts';
import { REPO, SAMPLE_SEED } from '../support/paths.ts';
import { sine, tempDir, writeWav } from '../support/signals.ts';

const script = readFileSync(SAMPLE_SEED, 'utf8');
const sheet = parseScript(script, { fileName: SAMPLE_SEED });
const project = (title: string): ProjectFile => ({
  app: 'cuewright',
  version: PROJECT_VERSION,
  script: { path: SAMPLE_SEED, text: script },
  recordings: [{ id: 'rec-1', path: 'narration.wav', size: 10, duration: 1 }],
  sheet: { ...sheet, title },
  savedAt: new Date().toISOString(),
});

describe('project files', () => {
  it('round-trip, and keep the previous version as .bak on every save', async () => {
    const path = join(tempDir('proj'), 'story.cwproj');
    await saveProject(path, project('first'));
    expect((await loadProject(path)).sheet.title).toBe('first');
    await saveProject(path, project('second'));
    expect((await loadProject(path)).sheet.title).toBe('second');
    expect((await loadProject(`${path}.bak`)).sheet.title).toBe('first');
  });

  it('name the file and the problem for malformed, truncated, foreign and future files, and leave them as they are', async () => {
    const dir = tempDir('bad');
    const good = JSON.stringify(project('x'));
    const cases: Array<[string, string, RegExp]> = [
      ['garbage.cwproj', 'not json at all', /garbage\.cwproj: not valid JSON/],
      [
        'cut.cwproj',
        good.slice(0, good.length / 2),
        /cut\.cwproj: the project file is cut short \(truncated\)/,
      ],
      ['empty.cwproj', '', /empty\.cwproj: not valid JSON/],
      ['other.cwproj', '{"app":"audacity","version":1}', /other\.cwproj: not a Cuewright project/],
      [
        'future.cwproj',
        good.replace(`"version":${PROJECT_VERSION}`, '"version":7'),
        new RegExp(
          `future\\.cwproj: project version 7 is newer than this Cuewright understands \\(${PROJECT_VERSION}\\)`,
        ),
      ],
      [
        'kind.cwproj',
        good.replace('"kind":"heading"', '"kind":"banana"'),
        /kind\.cwproj: not a valid project: sheet\.cues\.0\.kind/,
      ],
      ['array.cwproj', '[1,2]', /array\.cwproj: not a Cuewright project/],
    ];
    for (const [name, text, message] of cases) {
      const path = join(dir, name);
      writeFileSync(path, text);
      await expect(loadProject(path)).rejects.toThrow(message);
      expect(readFileSync(path, 'utf8')).toBe(text);
    }
    await expect(loadProject(join(dir, 'missing.cwproj'))).rejects.toThrow(/missing\.cwproj: no such file/);
  });

  it('never make a broken file the backup', async () => {
    const path = join(tempDir('bak'), 'story.cwproj');
    await saveProject(path, project('good'));
    await saveProject(path, project('better'));
    writeFileSync(path, '{"app":"cuewright","vers');
    await saveProject(path, project('rescued'));
    expect((await loadProject(`${path}.bak`)).sheet.title).toBe('good');
    expect((await loadProject(path)).sheet.title).toBe('rescued');
  });

  it('store the audio relative to the project, so a moved folder keeps its link', () => {
    const stored = storedAudioPath('/a/b/story.cwproj', '/a/b/audio/narration.wav');
    expect(stored).toBe('audio/narration.wav');
    expect(resolveAudioPath('/elsewhere/story.cwproj', stored)).toBe('/elsewhere/audio/narration.wav');
    expect(storedAudioPath('/a/b/story.cwproj', '/c/narration.wav')).toBe('/c/narration.wav');
  });

  it('open with missing audio flagged, and relink it to a picked file', async () => {
    const dir = tempDir('relink');
    const audio = writeWav(join(dir, 'narration.wav'), sine(16000, 1, 2, 220, 0.3), 16000);
    const path = join(dir, 'story.cwproj');
    await saveProject(path, {
      ...project('relink'),
      recordings: [{ id: 'rec-1', path: 'narration.wav', size: 1, duration: 2 }],
    });
    renameSync(audio, join(dir, 'moved.wav'));
    const picker = new ScriptedPicker();
    const handlers = createHandlers({
      dataDir: join(dir, 'data'),
      picker,
      grants: new PathGrants(),
      mediaUrl: (t) => t,
      emit: () => {},
    });
    picker.answers.push(path, join(dir, 'moved.wav'));
    await handlers.pick({ purpose: 'project' });
    const opened = await handlers.openProject({ path });
    expect(opened.audio).toMatchObject({ missing: true, path: audio, duration: 2 });
    await expect(handlers.peaks({ samplesPerPixel: 256 })).rejects.toThrow(
      /narration\.wav: the audio is missing; relink it/,
    );
    await handlers.pick({ purpose: 'audio' });
    const relinked = await handlers.relinkAudio({ audioPath: join(dir, 'moved.wav'), sheet: opened.sheet });
    expect(relinked.audio).toMatchObject({ missing: false, duration: 2 });
    expect((await handlers.peaks({ samplesPerPixel: 256 })).data.length).toBeGreaterThan(0);
  });
});

describe('killed inside a write (SIGKILL while the save loop is stopped in it)', () => {
  /** Runs the save loop until it stops itself inside save 2; resolves with what it printed. */
  const stoppedInSave = (mode: 'save' | 'autosave', target: string, point: string) =>
    new Promise<{ child: ChildProcess; printed: string }>((resolve, reject) => {
      const args = [
        '--import',
        'tsx',
        join(REPO, 'tests/support/save-loop.ts'),
        mode,
        target,
        SAMPLE_SEED,
        '2',
        point,
      ];
      const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
      let printed = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        printed += chunk.toString();
        if (printed.includes('stopped\n')) resolve({ child, printed });
      });
      child.once('error', reject);
      child.once('exit', (code) =>
        reject(new Error(`save loop exited (${code}) before stopping: ${printed}`)),
      );
    });
  const kill = (child: ChildProcess) =>
    new Promise<void>((resolve) => {
      child.removeAllListeners('exit');
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });

  for (const mode of ['save', 'autosave'] as const) {
    for (const point of ['before-bytes', 'half-written', 'before-sync'] as const) {
      it(`${mode}: killed ${point.replace('-', ' ')} in save 2, the last good project (save 1) loads`, async () => {
        const dir = tempDir(`kill-${mode}-${point}`);
        const target = mode === 'save' ? join(dir, 'story.cwproj') : join(dir, 'recovery');
        const { child, printed } = await stoppedInSave(mode, target, point);
        expect(printed).toBe('saved 0\nsaved 1\nstopped\n');
        await kill(child);
        const folder = mode === 'save' ? dir : target;
        // The kill landed inside the write: save 2's part file is on disk, never renamed.
        const parts = readdirSync(folder).filter((name) => name.endsWith('.part'));
        expect(parts, 'a part file left by the killed write').toHaveLength(1);
        const partText = readFileSync(join(folder, parts[0]!), 'utf8');
        if (point === 'before-sync') expect(partText).toContain('save 2');
        else expect(() => JSON.parse(partText)).toThrow();
        const loaded =
          mode === 'save'
            ? await loadProject(target)
            : (await listRecoveries(target)).find(() => true)?.project;
        expect(loaded?.sheet.title).toBe('save 1');
        if (mode === 'save') expect((await loadProject(`${target}.bak`)).sheet.title).toBe('save 1');
        // Nothing else is left under a real name.
        const names = readdirSync(folder).filter((name) => !name.endsWith('.part'));
        expect(names.sort()).toEqual(
          mode === 'save'
            ? ['story.cwproj', 'story.cwproj.bak']
            : [expect.stringMatching(/\.autosave\.json$/)],
        );
      }, 60_000);
    }
  }
});
