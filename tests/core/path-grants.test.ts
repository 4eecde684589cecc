import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { parseScript } from '../../cues/parse-script.ts';
import { dispatch } from '../../src/app/dispatch.ts';
import type { Handlers } from '../../src/app/handlers.ts';
import type { ScriptedPicker } from '../../src/app/picker.ts';
import { pathInsideRoot } from '../../src/app/terminal-picker.ts';
import { PROJECT_VERSION, type ProjectFile } from '../../src/project/project-schema.ts';
import type { ApiReply } from '../../src/shared/ipc.ts';
import { appHandlers } from '../support/app-handlers.ts';
import { SAMPLE_SEED } from '../support/paths.ts';
import { sine, tempDir, writeWav } from '../support/signals.ts';

// Grants come only from the user's own picks (and the projects the user opened), never from data
// the page sends: every path a payload carries, including the music beds inside a cue sheet, is
// checked against them, by real path, so a symlink reaches nothing the user did not choose.

const refusal = (reply: ApiReply) => (reply.ok ? 'accepted' : `${reply.error.name}: ${reply.error.message}`);
const settings = { format: 'wav', loudness: 'podcast', sidecars: false, lyricChapters: false };
const scriptText = readFileSync(SAMPLE_SEED, 'utf8');

describe('path grants: a payload never grants a path', () => {
  let dir: string;
  let picker: ScriptedPicker;
  let handlers: Handlers;
  let audio: string;
  let secret: string;
  let sheet: CueSheet;
  const withBed = (path: string): CueSheet => ({
    ...sheet,
    beds: [{ id: 'bed-1', path, start: 0, gainDb: -12, duckDb: -6 }],
  });
  const call = (method: string, payload: unknown) => dispatch(handlers, method, payload);

  beforeEach(async () => {
    dir = tempDir('grants');
    ({ handlers, picker } = appHandlers(dir));
    audio = writeWav(join(dir, 'narration.wav'), sine(16000, 1, 1, 440, 0.5), 16000);
    // Stands for /etc/shadow: a readable file the user never chose (a WAV, so only the grant stops it).
    secret = writeWav(join(dir, 'secret.wav'), sine(16000, 1, 1, 220, 0.5), 16000);
    picker.answers.push(SAMPLE_SEED, audio);
    await handlers.pick({ purpose: 'script' });
    await handlers.pick({ purpose: 'audio' });
    sheet = (await handlers.newProject({ scriptPath: SAMPLE_SEED, audioPath: audio })).sheet;
  });

  it('refuses a sheet naming an ungranted bed in every handler that takes a sheet, and grants nothing', async () => {
    const saveTarget = join(dir, 'saved.cwproj');
    const output = join(dir, 'out.wav');
    picker.answers.push(saveTarget, output);
    await handlers.pick({ purpose: 'save-project' });
    await handlers.pick({ purpose: 'export' });
    const bad = withBed(secret);
    const calls: Array<[string, unknown]> = [
      ['relinkAudio', { audioPath: audio, sheet: bad }],
      ['saveProject', { path: saveTarget, sheet: bad }],
      ['autosave', { sheet: bad }],
      ['align', { sheet: bad, cueIds: [sheet.cues[0]!.id] }],
      ['exportProduction', { sheet: bad, output, settings }],
    ];
    for (const [method, payload] of calls) {
      expect(refusal(await call(method, payload)), method).toMatch(
        /^AccessError: .*secret\.wav: not readable here; pick it/,
      );
      expect(refusal(await call('mediaFor', { path: secret })), `after ${method}`).toMatch(/^AccessError/);
    }
    // Nothing was written: no project, no recovery to bring the sheet back through, no export.
    expect(refusal(await call('listRecoveries', {}))).toBe('accepted');
    expect(((await call('listRecoveries', {})) as { value: unknown[] }).value).toEqual([]);
    expect(refusal(await call('openProject', { path: saveTarget }))).toMatch(/no such file/);
  });

  it('refuses a relative bed that climbs out of the project folder, and one reached through a symlink', async () => {
    const link = join(dir, 'innocent.wav');
    symlinkSync(secret, link);
    for (const path of [link, '../../secret.wav', `${dir}/data/../secret.wav`]) {
      expect(refusal(await call('autosave', { sheet: withBed(path) })), path).toMatch(/^AccessError/);
      expect(refusal(await call('mediaFor', { path })), path).toMatch(/^AccessError/);
      expect(refusal(await call('bedPeaks', { path })), path).toMatch(/^AccessError/);
    }
  });

  it('a bed the user picked is allowed everywhere a sheet goes', async () => {
    const bed = writeWav(join(dir, 'bed.wav'), sine(16000, 1, 1, 330, 0.3), 16000);
    picker.answers.push(bed);
    await handlers.pick({ purpose: 'audio' });
    expect(refusal(await call('autosave', { sheet: withBed(bed) }))).toBe('accepted');
    expect(refusal(await call('mediaFor', { path: bed }))).toBe('accepted');
    // Its waveform for the beds row, from the peaks cache.
    expect(refusal(await call('bedPeaks', { path: bed }))).toBe('accepted');
  });

  it("gives the page no grant on the app's own data folder (saves, projects, exports there)", async () => {
    const inData = join(dir, 'data', 'x.cwproj');
    mkdirSync(join(dir, 'data'), { recursive: true });
    expect(refusal(await call('saveProject', { path: inData, sheet }))).toMatch(
      /^AccessError: .*not writable/,
    );
    expect(
      refusal(await call('exportProduction', { sheet, output: join(dir, 'data', 'x.wav'), settings })),
    ).toMatch(/^AccessError/);
    expect(refusal(await call('openProject', { path: join(dir, 'data', 'recovery', 'a.cwproj') }))).toMatch(
      /^AccessError/,
    );
  });

  it('opens only a project the user picked as a project, and grants exactly the files it names', async () => {
    const projectDir = join(dir, 'show');
    mkdirSync(projectDir);
    writeWav(join(projectDir, 'narration.wav'), sine(16000, 1, 1, 440, 0.5), 16000);
    const bed = writeWav(join(projectDir, 'bed.wav'), sine(16000, 1, 1, 330, 0.3), 16000);
    const file: ProjectFile = {
      app: 'cuewright',
      version: PROJECT_VERSION,
      script: { path: SAMPLE_SEED, text: scriptText },
      recordings: [{ id: 'rec-1', path: 'narration.wav', size: 0, duration: 1 }],
      sheet: {
        ...parseScript(scriptText),
        beds: [{ id: 'b', path: 'bed.wav', start: 0, gainDb: 0, duckDb: 0 }],
      },
      savedAt: new Date().toISOString(),
    };
    const projectPath = join(projectDir, 'show.cwproj');
    writeFileSync(projectPath, JSON.stringify(file));

    // Read access from another kind of pick is not enough: "any valid .cwproj" stays closed.
    picker.answers.push(projectPath);
    await handlers.pick({ purpose: 'audio' });
    expect(refusal(await call('openProject', { path: projectPath }))).toMatch(
      /^AccessError: .*show\.cwproj: not a project you opened/,
    );

    picker.answers.push(projectPath);
    await handlers.pick({ purpose: 'project' });
    expect(refusal(await call('openProject', { path: projectPath }))).toBe('accepted');
    expect(refusal(await call('mediaFor', { path: 'bed.wav' }))).toBe('accepted');
    expect(refusal(await call('mediaFor', { path: bed }))).toBe('accepted');
    expect(refusal(await call('mediaFor', { path: secret }))).toMatch(/^AccessError/);
    expect(refusal(await call('mediaFor', { path: '../secret.wav' }))).toMatch(/^AccessError/);
  });

  it('checks a grant against the real file: a path whose folder now links elsewhere is refused', async () => {
    const real = join(dir, 'real');
    const elsewhere = join(dir, 'elsewhere');
    mkdirSync(real);
    mkdirSync(elsewhere);
    const link = join(dir, 'exports');
    symlinkSync(real, link);
    const output = join(link, 'book.wav');
    picker.answers.push(output);
    await handlers.pick({ purpose: 'export' });
    // The folder is swapped for a link to another place after the pick.
    rmSync(link);
    symlinkSync(elsewhere, link);
    expect(refusal(await call('exportProduction', { sheet, output, settings }))).toMatch(
      /^AccessError: .*book\.wav: not writable here/,
    );
  });

  it('a recovered untitled project grants no bed the autosave did not check (relative names, two bases)', async () => {
    // An untitled project's relative bed is checked from the working folder when autosaved, but
    // its recovery takes relative names from the data folder: the same name, another file.
    const work = join(dir, 'work', 'here');
    mkdirSync(work, { recursive: true });
    const picked = writeWav(join(dir, 'work', 'bed.wav'), sine(16000, 1, 1, 330, 0.3), 16000);
    mkdirSync(join(dir, 'data'), { recursive: true });
    const unpicked = writeWav(join(dir, 'bed.wav'), sine(16000, 1, 1, 550, 0.3), 16000); // data/../bed.wav
    picker.answers.push(picked);
    await handlers.pick({ purpose: 'audio' });
    const cwd = process.cwd();
    process.chdir(work);
    try {
      const saved = refusal(await call('autosave', { sheet: withBed('../bed.wav') }));
      if (saved === 'accepted') {
        const [recovery] = ((await call('listRecoveries', {})) as { value: Array<{ recoveryPath: string }> })
          .value;
        await call('recoverProject', { recoveryPath: recovery!.recoveryPath });
      } else {
        expect(saved).toMatch(/^AccessError: .*bed\.wav: not readable here/);
      }
      expect(refusal(await call('mediaFor', { path: unpicked }))).toMatch(/^AccessError/);
    } finally {
      process.chdir(cwd);
    }
  });

  it('refuses every path field of every handler when nothing was picked for it', async () => {
    const cases: Array<[string, unknown]> = [
      ['newProject', { scriptPath: secret, audioPath: audio }],
      ['newProject', { scriptPath: SAMPLE_SEED, audioPath: secret }],
      ['openProject', { path: secret }],
      ['saveProject', { path: join(dir, 'new.cwproj'), sheet }],
      ['relinkAudio', { audioPath: secret, sheet }],
      ['exportProduction', { sheet, output: join(dir, 'new.wav'), settings }],
      ['revealInFolder', { path: secret }],
      ['mediaFor', { path: secret }],
      ['recoverProject', { recoveryPath: secret }],
    ];
    for (const [method, payload] of cases) {
      expect(refusal(await call(method, payload)), method).toMatch(/^(AccessError|InputError)/);
    }
  });
});

describe('the dev server picker', () => {
  it('takes paths inside its root only, symlinks resolved', () => {
    const root = tempDir('serve-root');
    writeFileSync(join(root, 'script.txt'), 'x');
    symlinkSync('/etc', join(root, 'etc-link'));
    symlinkSync(join(root, 'script.txt'), join(root, 'alias.txt'));
    expect(pathInsideRoot(root, 'script.txt')).toBe(join(root, 'script.txt'));
    expect(pathInsideRoot(root, 'alias.txt')).toBe(join(root, 'alias.txt'));
    expect(pathInsideRoot(root, 'new/export.mp3')).toBe(join(root, 'new/export.mp3'));
    expect(pathInsideRoot(root, 'etc-link/passwd')).toEqual({
      refused: `refused ${join(root, 'etc-link/passwd')}: outside ${root}`,
    });
    expect(pathInsideRoot(root, '../outside.txt')).toMatchObject({ refused: expect.any(String) });
    expect(pathInsideRoot(root, '')).toBeUndefined();
  });
});
