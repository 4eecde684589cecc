import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScript } from '../../cues/parse-script.ts';
import { dispatch } from '../../src/app/dispatch.ts';
import { PROJECT_VERSION, type ProjectFile } from '../../src/project/project-schema.ts';
import { saveProject } from '../../src/project/project-store.ts';
import type { ApiReply, ProjectView } from '../../src/shared/ipc.ts';
import { appHandlers } from '../support/app-handlers.ts';
import { SAMPLE_SEED } from '../support/paths.ts';
import { sine, tempDir, writeWav } from '../support/signals.ts';

// Found by a fresh probe of the browser host: a project the user opens may make readable only the
// files it names, only once it has opened, and (under `serve --root`) only inside the served
// folder; a save never replaces a file that is not a project.

const refusal = (reply: ApiReply) => (reply.ok ? 'accepted' : `${reply.error.name}: ${reply.error.message}`);
const scriptText = readFileSync(SAMPLE_SEED, 'utf8');

function project(audioPath: string, bedPath: string): ProjectFile {
  return {
    app: 'cuewright',
    version: PROJECT_VERSION,
    script: { path: SAMPLE_SEED, text: scriptText },
    recordings: [{ id: 'rec-1', path: audioPath, size: 0, duration: 1 }],
    sheet: { ...parseScript(scriptText), beds: [{ id: 'b', path: bedPath, start: 0, gainDb: 0, duckDb: 0 }] },
    savedAt: new Date().toISOString(),
  };
}

function setUp(root?: string) {
  const dir = tempDir('references');
  const { handlers, picker } = appHandlers(dir, root ? { referencesWithin: root } : {});
  return {
    dir,
    picker,
    call: (method: string, payload: unknown) => dispatch(handlers, method, payload),
    handlers,
  };
}

describe("a project's references", () => {
  it('grant nothing when the project fails to open (its "recording" is no audio)', async () => {
    const { dir, picker, call, handlers } = setUp();
    const secret = join(dir, 'shadow');
    writeFileSync(secret, 'root:*:20228:0:99999:7:::\n');
    const bedSecret = writeWav(join(dir, 'private.wav'), sine(16000, 1, 1, 220, 0.5), 16000);
    const path = join(dir, 'evil.cwproj');
    writeFileSync(path, JSON.stringify(project(secret, bedSecret)));
    picker.answers.push(path);
    await handlers.pick({ purpose: 'project' });
    expect(refusal(await call('openProject', { path }))).toMatch(/unknown audio format/);
    expect(refusal(await call('mediaFor', { path: secret }))).toMatch(/^AccessError/);
    expect(refusal(await call('mediaFor', { path: bedSecret }))).toMatch(/^AccessError/);
  });

  it('under serve --root, may not lie outside the served folder', async () => {
    const outside = tempDir('references-outside');
    const secret = writeWav(join(outside, 'private.wav'), sine(16000, 1, 1, 220, 0.5), 16000);
    const root = tempDir('references-root');
    const { picker, call, handlers } = setUp(root);
    writeWav(join(root, 'narration.wav'), sine(16000, 1, 1, 440, 0.5), 16000);
    mkdirSync(join(root, 'beds'));
    writeWav(join(root, 'beds', 'bed.wav'), sine(16000, 1, 1, 330, 0.3), 16000);
    const path = join(root, 'show.cwproj');
    writeFileSync(path, JSON.stringify(project('narration.wav', secret)));
    picker.answers.push(path);
    await handlers.pick({ purpose: 'project' });
    expect(refusal(await call('openProject', { path }))).toMatch(/outside the folder this app serves/);
    expect(refusal(await call('mediaFor', { path: secret }))).toMatch(/^AccessError/);

    // Its audio outside: the project opens with the audio unread, and Relink is offered (issue 14).
    const audioOutside = join(root, 'audio-outside.cwproj');
    writeFileSync(audioOutside, JSON.stringify(project(secret, 'beds/bed.wav')));
    picker.answers.push(audioOutside);
    await handlers.pick({ purpose: 'project' });
    const reply = await call('openProject', { path: audioOutside });
    expect(reply.ok && (reply.value as ProjectView).audio).toMatchObject({
      missing: true,
      unreachable: expect.stringMatching(/outside the folder this app serves/),
    });
    expect(refusal(await call('mediaFor', { path: secret }))).toMatch(/^AccessError/);

    const inside = join(root, 'inside.cwproj');
    writeFileSync(inside, JSON.stringify(project('narration.wav', 'beds/bed.wav')));
    picker.answers.push(inside);
    await handlers.pick({ purpose: 'project' });
    expect(refusal(await call('openProject', { path: inside }))).toBe('accepted');
    expect(refusal(await call('mediaFor', { path: join(root, 'beds', 'bed.wav') }))).toBe('accepted');
  });
});

describe("the app's own sample under serve --root", () => {
  it('a saved copy of the sample opens with its audio (it lives in the data folder, outside the root)', async () => {
    const root = tempDir('sample-root');
    const { dir, picker, call, handlers } = setUp(root);
    const sample = await call('openSample', {});
    expect(sample.ok).toBe(true);
    const view = (sample as { value: ProjectView }).value;
    expect(view.audio.path.startsWith(join(dir, 'data', 'sample'))).toBe(true);
    const saved = join(root, 'sample copy.cwproj');
    picker.answers.push(saved);
    await handlers.pick({ purpose: 'save-project' });
    expect(
      refusal(
        await call('saveProject', { path: saved, sheet: view.sheet, exportSettings: view.exportSettings }),
      ),
    ).toBe('accepted');
    picker.answers.push(saved);
    await handlers.pick({ purpose: 'project' });
    const reopened = await call('openProject', { path: saved });
    expect(refusal(reopened)).toBe('accepted');
    expect((reopened as { value: ProjectView }).value.audio.missing).toBe(false);
  }, 120_000);
});

describe('a project save', () => {
  it('never replaces a file that is not a project (the recording), and keeps it whole', async () => {
    const dir = tempDir('save-over');
    const recording = writeWav(join(dir, 'a.wav'), sine(16000, 1, 1, 440, 0.5), 16000);
    const before = readFileSync(recording);
    await expect(saveProject(recording, project(recording, recording))).rejects.toThrow(
      /a\.wav: not saved: there is a file here that is not a Cuewright project/,
    );
    expect(readFileSync(recording).equals(before)).toBe(true);
    // A damaged project is still a project: it may be saved over.
    const damaged = join(dir, 'b.cwproj');
    writeFileSync(damaged, '{"app":"cuewright","vers');
    await saveProject(damaged, project(recording, recording));
    expect(JSON.parse(readFileSync(damaged, 'utf8')).app).toBe('cuewright');
  });
});
