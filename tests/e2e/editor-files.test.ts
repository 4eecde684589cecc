import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer, noticeTexts, question, sheetOf } from '../support/app-dialog.ts';
import { type AppSession, openReadyApp } from '../support/app-session.ts';
import { SAMPLE_SEED } from '../support/paths.ts';
import { requireTools } from '../support/required-tools.ts';
import { tempDir, toneOf, writeWav } from '../support/signals.ts';

// Issue 15 part B, files: recent projects kept by the back end in the app's data folder, the last
// one reopened on start (as the desktop app does), and files dropped onto the window. A dropped
// File carries no path in the browser host, so the page names it through the picker with the
// file's name suggested (the test's picker answers as the user would; in the desktop app the
// preload reads the real path and the system dialog opens on it): the test checks what is asked
// and what each drop does with the real files.

requireTools('the app is driven in Debian’s chromium', 'chromium');

/** Drops files with these names (and contents) onto the window, as a drag from the desktop does. */
async function drop(app: AppSession, files: Array<{ name: string; text?: string }>, hold = false) {
  await app.page.evaluate(
    ({ files, hold }) => {
      const data = new DataTransfer();
      for (const f of files) data.items.add(new File([f.text ?? ''], f.name));
      const fire = (type: string) =>
        document.body.dispatchEvent(
          new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }),
        );
      fire('dragover');
      if (!hold) fire('drop');
    },
    { files, hold },
  );
}

describe('recent projects and dropped files', () => {
  let app: AppSession;
  const work = tempDir('files');
  const first = join(work, 'first.cwproj');
  const second = join(work, 'second.cwproj');
  const ready = () => app.page.waitForSelector('body[data-ready="true"]', { timeout: 120_000 });

  beforeAll(async () => {
    app = await openReadyApp(undefined, undefined, undefined, true);
  }, 150_000);

  afterAll(async () => {
    expect(app?.errors ?? []).toEqual([]);
    await app?.close();
  });

  it('a saved project is reopened on start; the recent list is the back end’s, in the data folder', async () => {
    app.picker.answers.push(first);
    await app.page.keyboard.press('Control+S');
    await expect.poll(() => app.page.title()).toBe('first.cwproj — Cuewright');
    expect(readdirSync(app.dataDir)).toContain('recent.json');
    await app.page.reload();
    await ready();
    await app.page.evaluate(() => window.cuewrightApp!.ready);
    expect(await app.page.evaluate(() => window.cuewrightApp!.store.project!.projectPath)).toBe(first);
    expect(await app.page.title()).toBe('first.cwproj — Cuewright');
    // A path that is not on the list is not opened through it.
    const refused = await app.page.evaluate(() =>
      window.cuewrightApp!.api.call('openRecent', { path: '/etc/passwd' }).then(
        () => 'opened',
        (error: Error) => error.message,
      ),
    );
    expect(refused).toBe('/etc/passwd is not among the recent projects: open it with Open…');
  });

  it('Open recent lists them newest first and opens the one chosen', async () => {
    app.picker.answers.push(second);
    await app.page.keyboard.press('Control+Shift+S');
    await expect.poll(() => app.page.title()).toBe('second.cwproj — Cuewright');
    await app.page.keyboard.press('Control+Shift+O');
    const asked = await question(app.page);
    expect(asked.title).toBe('Open a recent project');
    expect(asked.choices).toEqual(['cancel', '0', '1']);
    expect(await app.page.locator('#app-dialog .recent-projects li').allTextContents()).toEqual([
      second,
      first,
    ]);
    await app.screenshot('67-open-recent');
    await answer(app.page, '1');
    await expect.poll(() => app.page.title()).toBe('first.cwproj — Cuewright');
  });

  it('dropped chapters are imported and a dropped recording becomes a bed (one undo step each); the picker is asked with the file’s name', async () => {
    const sheet = await sheetOf(app.page);
    const marks = join(work, 'marks.vtt');
    const vtt =
      'WEBVTT\n\n00:00:00.000 --> 00:01:00.000\nOpening\n\n00:01:00.000 --> 00:06:00.000\nThe locket\n';
    writeFileSync(marks, vtt);
    await drop(app, [{ name: 'marks.vtt', text: vtt }], true);
    expect(await app.page.evaluate(() => document.body.classList.contains('drop-target'))).toBe(true);
    await app.screenshot('68-drop-target');
    app.picker.answers.push(marks);
    await drop(app, [{ name: 'marks.vtt', text: vtt }]);
    await expect
      .poll(async () => (await sheetOf(app.page)).chapters.map((c) => c.title))
      .toEqual(['Opening', 'The locket']);
    expect(app.picker.asked.at(-1)).toEqual({ purpose: 'chapters', suggestedName: 'marks.vtt' });
    expect(await app.page.evaluate(() => document.body.classList.contains('drop-target'))).toBe(false);
    await app.page.locator('#timeline').focus();
    await app.page.keyboard.press('Control+Z');
    expect(await sheetOf(app.page)).toEqual(sheet);

    // A recording dropped alone goes under the narration as a bed, at the playhead.
    const bedPath = writeWav(join(work, 'bed.wav'), [toneOf(3, 330, 0.2, 22_050)], 22_050, {
      bitsPerSample: 16,
    });
    await app.page.evaluate(() => window.cuewrightApp!.playback.seek(12.5));
    app.picker.answers.push(bedPath);
    await drop(app, [{ name: 'bed.wav' }]);
    await expect
      .poll(async () => (await sheetOf(app.page)).beds?.map((b) => [b.path, b.start]))
      .toEqual([[bedPath, 12.5]]);
    expect(app.picker.asked.at(-1)).toEqual({ purpose: 'audio', suggestedName: 'bed.wav' });
    await app.page.keyboard.press('Control+Z');
    expect(await sheetOf(app.page)).toEqual(sheet);
  });

  it('a dropped project opens; a dropped script and recording start a new project; other files are refused', async () => {
    app.picker.answers.push(second);
    await drop(app, [{ name: 'second.cwproj', text: '{}' }]);
    await expect.poll(() => app.page.title()).toBe('second.cwproj — Cuewright');
    expect(app.picker.asked.at(-1)).toEqual({ purpose: 'project', suggestedName: 'second.cwproj' });

    const sampleDir = join(app.dataDir, 'sample');
    const wav = join(sampleDir, readdirSync(sampleDir).find((f) => f.endsWith('.wav'))!);
    app.picker.answers.push(SAMPLE_SEED, wav);
    await drop(app, [{ name: 'narration.wav' }, { name: 'seed-chapter.txt', text: 'x' }]);
    expect((await question(app.page)).title).toBe('Align the recording now?');
    expect(app.picker.asked.slice(-2)).toEqual([
      { purpose: 'script', suggestedName: 'seed-chapter.txt' },
      { purpose: 'audio', suggestedName: 'narration.wav' },
    ]);
    await answer(app.page, 'later');
    const fresh = await sheetOf(app.page);
    expect(fresh.cues.every((c) => c.start === undefined)).toBe(true);
    expect(await app.page.evaluate(() => window.cuewrightApp!.store.project!.projectPath)).toBeUndefined();

    const picks = app.picker.asked.length;
    await drop(app, [{ name: 'cover.png' }]);
    await expect
      .poll(async () => (await noticeTexts(app.page)).join('\n'))
      .toContain('not opened: cover.png: not a file Cuewright opens');
    expect(app.picker.asked.length).toBe(picks);
  });
});
