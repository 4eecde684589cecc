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
import { rng, sine, tempDir, writeWav } from '../support/signals.ts';

const script = readFileSync(SAMPLE_SEED, 'utf8');
const sheet = parseScript(script, { fileName: SAMPLE_SEED });
const project = (title: string): ProjectFile => ({
  app: 'cuewright',
  version: PROJECT_VERSION,
  script: { path: SAMPLE_SEED, text: script },
  audio: { path: 'narration.wav', size: 10, duration: 1 },
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
        good.replace('"version":1', '"version":7'),
        /future\.cwproj: project version 7 is newer than this Cuewright understands \(1\)/,
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
    await saveProject(path, { ...project('relink'), audio: { path: 'narration.wav', size: 1, duration: 2 } });
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

describe('killed mid-save (SIGKILL at random moments)', () => {
  const runLoop = (mode: 'save' | 'autosave', target: string): Promise<ChildProcess> =>
    new Promise((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', join(REPO, 'tests/support/save-loop.ts'), mode, target, SAMPLE_SEED],
        {
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      child.stdout!.once('data', () => resolve(child));
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`save loop exited early (${code})`)));
    });
  const kill = (child: ChildProcess) =>
    new Promise<void>((resolve) => {
      child.removeAllListeners('exit');
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });

  it('always leaves the last good project loadable, for saves and for autosaves', async () => {
    const random = rng(7);
    for (const mode of ['save', 'autosave'] as const) {
      const dir = tempDir(`kill-${mode}`);
      const target = mode === 'save' ? join(dir, 'story.cwproj') : join(dir, 'recovery');
      let lastSeen = -1;
      for (let round = 0; round < 6; round++) {
        const child = await runLoop(mode, target);
        await new Promise((r) => setTimeout(r, 20 + random() * 400));
        await kill(child);
        const loaded =
          mode === 'save'
            ? await loadProject(target)
            : (await listRecoveries(target)).find(() => true)?.project;
        expect(loaded, `${mode} round ${round}`).toBeDefined();
        const n = Number(loaded!.sheet.title.replace('save ', ''));
        expect(n).toBeGreaterThanOrEqual(0);
        lastSeen = n;
      }
      expect(lastSeen).toBeGreaterThanOrEqual(0);
      // Killed writes leave hidden part files at worst, never another file under a real name.
      const names = readdirSync(mode === 'save' ? dir : target).filter((name) => !name.endsWith('.part'));
      expect(names.sort()).toEqual(
        mode === 'save' ? ['story.cwproj', 'story.cwproj.bak'] : [expect.stringMatching(/\.autosave\.json$/)],
      );
    }
  }, 120_000);
});
