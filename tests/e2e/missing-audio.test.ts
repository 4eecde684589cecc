import { copyFileSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/project/project-store.ts';
import { noticeTexts, sheetOf } from '../support/app-dialog.ts';
import { type AppSession, openReadyApp } from '../support/app-session.ts';
import { requireTools } from '../support/required-tools.ts';
import { tempDir, toneOf, writeWav } from '../support/signals.ts';

// Issue 14, "moved or missing audio": opening a project resets every view first (nothing of the
// previous project stays: no waveform, no regions, no media), missing audio is a banner with a
// Relink button, the relinked file is checked to be as long, and cue times are kept. And an
// error (a WAV opened as a project) is a visible, dismissable one-line notice naming the file.

requireTools('the app is driven in Debian’s chromium', 'chromium');

describe('a project whose audio has moved', () => {
  let app: AppSession;
  const work = tempDir('moved');
  const projectPath = join(work, 'moved.cwproj');
  const movedAudio = join(work, 'elsewhere', 'recording.wav');
  const regions = () =>
    app.page.evaluate(
      () =>
        document.querySelector('#waveform div')?.shadowRoot?.querySelectorAll('[part~="region"]').length ?? 0,
    );
  const paintedColumns = () =>
    app.page.evaluate(() => {
      const canvas = document
        .querySelector('#waveform div')!
        .shadowRoot!.querySelector<HTMLCanvasElement>('[part="viewport-waveform"]')!;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      const columns = new Set<number>();
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) columns.add(((i - 3) / 4) % canvas.width);
      return columns.size;
    });

  beforeAll(async () => {
    app = await openReadyApp();
    await app.page.waitForFunction(() => performance.getEntriesByName('cuewright:waveform-drawn').length > 0);
    // A project of the sample's cues on a copy of its recording, saved beside it; then the
    // recording is moved away.
    const sampleDir = join(app.dataDir, 'sample');
    const wav = readdirSync(sampleDir).find((f) => f.endsWith('.wav'))!;
    copyFileSync(join(sampleDir, wav), join(work, 'recording.wav'));
    const sheet = await sheetOf(app.page);
    const view = await app.page.evaluate(() => window.cuewrightApp!.store.project!);
    writeFileSync(
      projectPath,
      JSON.stringify({
        app: 'cuewright',
        version: 1,
        script: { path: 'script.txt', text: view.scriptText },
        audio: {
          path: 'recording.wav',
          size: statSync(join(work, 'recording.wav')).size,
          duration: view.audio.duration,
        },
        sheet: { ...sheet, title: 'Moved production' },
        savedAt: new Date().toISOString(),
      }),
    );
    mkdirSync(join(work, 'elsewhere'));
    renameSync(join(work, 'recording.wav'), movedAudio);
  }, 150_000);

  afterAll(async () => {
    await app?.close();
  });

  it('opens with nothing of the previous project: no waveform, no media, a banner with Relink', async () => {
    expect(await regions()).toBeGreaterThan(0);
    expect(await paintedColumns()).toBeGreaterThan(100);
    app.picker.answers.push(projectPath);
    await app.page.keyboard.press('Control+O');
    await app.page.waitForSelector('[data-notice="missing-audio"]');
    expect(await app.page.title()).toBe('moved.cwproj — Cuewright');
    const banner = await app.page.locator('[data-notice="missing-audio"]').textContent();
    expect(banner).toContain('The audio is missing');
    expect(banner).toContain(join(work, 'recording.wav'));
    await expect.poll(paintedColumns).toBe(0);
    expect(await app.page.evaluate(() => window.cuewrightApp!.playback.media.getAttribute('src'))).toBeNull();
    expect(await app.page.locator('#status-text').textContent()).toBe('opened moved.cwproj');
    // Play says why nothing plays (it played nothing without a word).
    await app.page.keyboard.press('Space');
    await expect
      .poll(() => noticeTexts(app.page))
      .toContain('the audio is missing: relink it to play (the Relink audio… button above)');
    await app.screenshot('30-audio-missing');
    expect(app.errors.filter((e) => /could not load|media/i.test(e))).toEqual([]);
  });

  it('Relink refuses a recording of another length, then takes the moved one and keeps every cue time', async () => {
    const before = await sheetOf(app.page);
    const other = writeWav(join(work, 'other.wav'), [toneOf(5, 440, 0.3, 22_050)], 22_050);
    app.picker.answers.push(other);
    await app.page.click('[data-testid="relink-audio"]');
    await expect
      .poll(async () => (await noticeTexts(app.page)).find((t) => t.includes('other.wav')) ?? '')
      // The sample's recording is the scratch reading of the seed: minutes long, whatever its exact length.
      .toMatch(/other\.wav: is 00:00:05\.000 long, but the project's recording was 00:0[3-9]:\d\d\.\d{3}/);
    expect(await app.page.locator('[data-notice="missing-audio"]').count()).toBe(1);

    app.picker.answers.push(movedAudio);
    await app.page.click('[data-testid="relink-audio"]');
    await app.page.waitForSelector('[data-notice="missing-audio"]', { state: 'detached' });
    await app.page.waitForFunction(
      () => performance.getEntriesByName('cuewright:waveform-drawn').length > 1,
      null,
      { timeout: 60_000 },
    );
    await expect.poll(paintedColumns).toBeGreaterThan(100);
    expect(await regions()).toBeGreaterThan(0);
    expect(await sheetOf(app.page)).toEqual(before);
    // The refusal to play no longer holds: it is gone with the banner.
    expect((await noticeTexts(app.page)).some((t) => t.includes('missing'))).toBe(false);
    // A change to save: the project now names the new place.
    expect(await app.page.title()).toBe('• moved.cwproj — Cuewright');
    await app.screenshot('31-audio-relinked');
    await app.page.keyboard.press('Control+S');
    await expect.poll(() => app.page.title()).toBe('moved.cwproj — Cuewright');
    expect((await loadProject(projectPath)).recordings[0]!.path).toBe(join('elsewhere', 'recording.wav'));
    expect(app.picker.answers).toEqual([]);
  });

  it('a WAV opened as a project is a one-line notice naming the file, without its bytes, until dismissed', async () => {
    app.picker.answers.push(movedAudio);
    await app.page.keyboard.press('Control+O');
    const notice = app.page.locator('.notice-error').filter({ hasText: 'recording.wav' });
    await notice.waitFor();
    const text = (await notice.locator('.notice-text').textContent())!;
    expect(text).toBe(`${movedAudio}: not valid JSON: a binary file (audio?), not a Cuewright project`);
    // One line: the notice is as tall as a line of text.
    const box = (await notice.boundingBox())!;
    expect(box.height).toBeLessThan(40);
    await app.screenshot('32-error-notice');
    await notice.locator('.notice-dismiss').click();
    expect(await notice.count()).toBe(0);
    // The project that was open is still open, unchanged.
    expect(await app.page.title()).toBe('moved.cwproj — Cuewright');
  });
});
