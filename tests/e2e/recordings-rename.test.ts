import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AppSession, openProjectInApp, openReadyApp } from '../support/app-session.ts';
import { SPEECH_DIR, speechRecordings } from '../support/human-speech.ts';
import { requireTools } from '../support/required-tools.ts';
import { ffprobe, tempDir } from '../support/signals.ts';
import { sonnetsScript, writeProduction } from '../support/sonnet-production.ts';

// Issue 16: a recording is renamed in the Recordings tab (the sonnets read by people, one file
// each): the new name shows on its clip band and in its row, Undo gives the old one back, Redo the
// new, and a save writes it into the project (read back by `cuewright project --json`).

requireTools(
  'the app is driven in Debian’s chromium; the sonnets are the recordings',
  'chromium',
  'shared data',
);

describe('renaming a recording of a production, in the app', () => {
  let app: AppSession;
  const work = tempDir('recordings-rename');
  const projectPath = join(work, 'sonnets.cwproj');
  const sonnets = speechRecordings()
    .filter((r) => r.name.startsWith('sonnet'))
    .slice(0, 2);
  const files = sonnets.map((r, i) => `${r.name}.${i === 1 ? 'mp3' : 'flac'}`);

  const bandNames = () =>
    app.page.evaluate(() =>
      [
        ...(document
          .querySelector('#waveform div')
          ?.shadowRoot?.querySelectorAll<HTMLElement>('[part="clip-band"]') ?? []),
      ].map((b) => b.textContent),
    );
  const rowNames = () =>
    app.page.$$eval('[data-testid="recording-list"] [data-testid="recording-name"]', (names) =>
      names.map((n) => n.textContent),
    );
  const rename = async (index: number, name: string, key = 'Enter') => {
    const row = app.page.locator('[data-testid="recording-list"] li').nth(index);
    await row.locator('[data-action="rename"]').click();
    const field = app.page.locator('[data-testid="recording-rename"]');
    await field.fill(name);
    await field.press(key);
  };

  beforeAll(async () => {
    app = await openReadyApp();
    const text = sonnetsScript(sonnets);
    for (const file of files) copyFileSync(join(SPEECH_DIR, 'sonnets', file), join(work, file));
    writeProduction(
      projectPath,
      text,
      files.map((file, i) => ({
        id: `rec-${i + 1}`,
        path: file,
        size: 0,
        duration: Number(ffprobe(join(work, file), 'format=duration').duration),
      })),
    );
    await openProjectInApp(app, projectPath);
    await app.page.click('#tab-recordings');
  }, 150_000);

  afterAll(async () => {
    expect(app?.errors ?? []).toEqual([]);
    await app?.close();
  });

  it('shows the new name on the clip band and in the panel', async () => {
    expect(await rowNames()).toEqual(files);
    await expect.poll(bandNames).toEqual(files);
    await rename(1, '  Sonnet II (Tuesday session)  ');
    expect(await rowNames()).toEqual([files[0], 'Sonnet II (Tuesday session)']);
    await expect.poll(bandNames).toEqual([files[0], 'Sonnet II (Tuesday session)']);
    expect(await app.page.evaluate(() => window.cuewrightApp!.store.undoLabel)).toBe(
      `rename recording ${files[1]} to Sonnet II (Tuesday session)`,
    );
    expect(await app.page.title()).toMatch(/^•/);
    await app.page.getByRole('button', { name: 'Fit' }).click();
    await app.screenshot('recordings-rename-1-renamed');
  });

  it('leaves the name as it was on Escape', async () => {
    await rename(0, 'Not this', 'Escape');
    expect(await rowNames()).toEqual([files[0], 'Sonnet II (Tuesday session)']);
    expect(await app.page.evaluate(() => window.cuewrightApp!.store.undoLabel)).toMatch(/^rename recording/);
  });

  it('undoes and redoes the rename', async () => {
    await app.page.locator('#waveform').click({ position: { x: 5, y: 5 } });
    await app.page.keyboard.press('Control+Z');
    expect(await rowNames()).toEqual(files);
    await expect.poll(bandNames).toEqual(files);
    await app.page.keyboard.press('Control+Shift+Z');
    expect(await rowNames()).toEqual([files[0], 'Sonnet II (Tuesday session)']);
    await expect.poll(bandNames).toEqual([files[0], 'Sonnet II (Tuesday session)']);
  });

  it('saves the name into the project', async () => {
    await app.page.keyboard.press('Control+S');
    await app.page.waitForFunction(() => !document.title.startsWith('•'));
    const saved = JSON.parse(readFileSync(projectPath, 'utf8')) as {
      recordings: Array<{ id: string; path: string; title?: string }>;
    };
    expect(saved.recordings.map((r) => r.title)).toEqual([undefined, 'Sonnet II (Tuesday session)']);
    expect(saved.recordings[1]!.path).toBe(files[1]);
    await app.screenshot('recordings-rename-2-saved');
  });

  it('gives a recording its file name back when its name is cleared', async () => {
    await rename(1, '');
    expect(await rowNames()).toEqual(files);
    await expect.poll(bandNames).toEqual(files);
  });
});
