import { readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {} from '../../renderer/src/main.ts';
import type { ProjectFile } from '../../src/project/project-schema.ts';
import { noticeTexts, startExport } from '../support/app-dialog.ts';
import { type AppSession, openProjectInApp } from '../support/app-session.ts';
import { doorSounds, openDoorInApp } from '../support/drama-fixture.ts';
import { musicPitchBalance } from '../support/music-pitch.ts';
import { requireTools } from '../support/required-tools.ts';
import { floatWavSamples, tempDir, toneAmplitude } from '../support/signals.ts';

// Issue 17, a drama sound's start trimmed in the app (real Chromium, the real renderer and back
// end): "The Door" assembled by `cuewright assemble` with a theme of two pitches (2.5 s at 220 Hz,
// then 2.5 s at 660 Hz, made by ffmpeg), so the Music route's spectrum says which part of the file
// the preview plays. Trimmed 2.5 s in the inspector: one undo step, the block drawn 2.5 s long, and
// 660 Hz heard from the theme's first moment; looped, its seams fall every 2.5 s.

requireTools(
  'the takes are festival voices cut together by ffmpeg, the sounds ffmpeg sources; the app runs in Debian’s chromium',
  'festival',
  'ffmpeg',
  'chromium',
);

/** RMS of the `hz` component over `from`..`to` seconds (signals.ts's Goertzel amplitude over √2). */
const toneRms = (x: Float32Array, hz: number, from: number, to: number) =>
  toneAmplitude(x, 44_100, hz, from, to) / Math.SQRT2;

describe('a drama sound’s start trimmed in the inspector', () => {
  let app: AppSession;
  const work = tempDir('drama-sound-trim-e2e');
  let theme: string;
  let projectPath: string;

  const placedTheme = () =>
    app.page.evaluate((cue) => {
      const p = window.cuewrightApp!.playback.sounds.placed.find((s) => s.cue === cue)!;
      return { at: p.at, length: p.span.length, offset: p.span.offset, loop: p.span.loop };
    }, theme);
  const docOffset = () =>
    app.page.evaluate(
      (cue) => window.cuewrightApp!.store.doc.sounds!.find((s) => s.cue === cue)!.offset,
      theme,
    );
  const undoLabel = () => app.page.evaluate(() => window.cuewrightApp!.store.undoLabel);
  const block = () =>
    app.page.evaluate(() => {
      const root = document.querySelector('#waveform div')!.shadowRoot!;
      const { wavesurfer } = window.cuewrightApp!.waveform;
      const el = root.querySelector<HTMLElement>('[part="drama-sound"][data-lane="Music"]')!;
      const box = el.getBoundingClientRect();
      const pxPerSec = wavesurfer.getWrapper().scrollWidth / wavesurfer.getDuration();
      return {
        x: box.x + box.width / 2,
        y: box.y + box.height / 2,
        seconds: box.width / pxPerSec,
        seams: el.querySelectorAll('.sound-seam').length,
      };
    });
  const pitchBalance = (from: number) => musicPitchBalance(app.page, from);

  beforeAll(async () => {
    const sounds = doorSounds(work, { twoPitches: true });
    let file: Awaited<ReturnType<typeof openDoorInApp>>['file'];
    ({ app, file, projectPath } = await openDoorInApp(work, sounds));
    theme = file.sounds!.find((s) => s.lane === 'Music')!.cue;
    await app.page.waitForFunction(() => window.cuewrightApp!.playback.sounds.placed.length === 2, null, {
      timeout: 30_000,
    });
  }, 400_000);

  afterAll(async () => {
    expect(app?.errors ?? []).toEqual([]);
    await app?.close();
  });

  it('plays the file from the trimmed start, drawn as long as what is left; one undo step', async () => {
    const { at } = await placedTheme();
    // As assembled: the 220 Hz half first.
    const before = await pitchBalance(at + 0.2);
    expect(before).toBeGreaterThan(20);
    const grip = await block();
    await app.page.mouse.click(grip.x, grip.y);
    await expect(app.page.locator('[data-testid="sound-file"]').textContent()).resolves.toBe('low-theme.wav');
    const trim = app.page.locator('[data-testid="sound-trim-start"]');
    // The trim shortens the production (the theme ends it): the playhead stays (it went to 0:00).
    await app.page.evaluate(() => window.cuewrightApp!.playback.seek(2));
    await expect.poll(() => app.page.evaluate(() => window.cuewrightApp!.playback.time)).toBeCloseTo(2, 3);
    await trim.fill('2.5');
    await trim.press('Enter');
    await expect.poll(docOffset).toBe(2.5);
    expect(await undoLabel()).toBe('trim the start of low-theme.wav');
    // It stays where it was and lasts the 2.5 s left of its file, drawn so.
    await expect.poll(placedTheme).toEqual({ at, length: 2.5, offset: 2.5, loop: false });
    await expect.poll(async () => (await block()).seconds).toBeCloseTo(2.5, 1);
    expect(await app.page.evaluate(() => window.cuewrightApp!.playback.time)).toBeCloseTo(2, 3);
    // It plays what is left of its file: not 'cut short' (said so when the length was that rest).
    await expect
      .poll(() => app.page.locator('[data-testid="sound-length-rule"]').textContent())
      .toBe('the rest of its file after the trim');
    const after = await pitchBalance(at + 0.2);
    console.log(
      `the theme's 220 Hz against 660 Hz: ${before.toFixed(1)} dB as assembled, ${after.toFixed(1)} dB trimmed`,
    );
    expect(after).toBeLessThan(-20);
    await app.screenshot('drama-sound-trimmed');
    // More than the file holds is refused, nothing changed.
    await trim.fill('6');
    await trim.press('Enter');
    await expect
      .poll(() => app.page.locator('[data-testid="inspector-refusal"]').textContent())
      .toContain('trim less of its start');
    expect(await docOffset()).toBe(2.5);
    // A negative one too (it was clamped to 0 as an undo step).
    await trim.fill('-1');
    await trim.press('Enter');
    await expect
      .poll(() => app.page.locator('[data-testid="inspector-refusal"]').textContent())
      .toContain('a trim is 0 s or more');
    expect(await docOffset()).toBe(2.5);
    // Undone: the whole file again; redone.
    await app.page.locator('#timeline').focus();
    await app.page.keyboard.press('Control+Z');
    await expect.poll(docOffset).toBeUndefined();
    await expect.poll(async () => (await placedTheme()).length).toBeCloseTo(5, 3);
    await app.page.keyboard.press('Control+Shift+Z');
    await expect.poll(docOffset).toBe(2.5);
  });

  it('loops what is left after the trim: a seam every 2.5 s, the first half never heard', async () => {
    const { at } = await placedTheme();
    await app.page.locator('[data-testid="sound-loop"]').click();
    const length = app.page.locator('[data-testid="sound-length"]');
    await length.fill('8');
    await length.press('Enter');
    await expect.poll(placedTheme).toEqual({ at, length: 8, offset: 2.5, loop: true });
    // Seams at 2.5, 5 and 7.5 s.
    await expect.poll(async () => (await block()).seams).toBe(3);
    await app.page.evaluate(() => window.cuewrightApp!.waveform.zoomToFit());
    await app.screenshot('drama-sound-trimmed-looped');
    // Past the file's end the loop comes round to the trimmed start, not the file's.
    expect(await pitchBalance(at + 2.8)).toBeLessThan(-20);
    expect(await pitchBalance(at + 5.3)).toBeLessThan(-20);
  });

  it('saves the trim and the app’s export plays it: the Music stem holds the 660 Hz half only', async () => {
    const { at } = await placedTheme();
    await app.page.locator('#timeline').focus();
    await app.page.keyboard.press('Control+S');
    // Saving sent every shape field but the trim: the file kept no offset, nor did the export.
    await expect
      .poll(() =>
        (JSON.parse(readFileSync(projectPath, 'utf8')) as ProjectFile).sounds!.find((s) => s.cue === theme),
      )
      .toMatchObject({ offset: 2.5, loop: true, length: 8 });
    await app.page.keyboard.press('Control+E');
    await expect.poll(() => app.page.locator('[data-testid="export-drama"]').isVisible()).toBe(true);
    await app.page.selectOption('select[name="format"]', 'wav');
    await app.page.selectOption('select[name="loudness"]', 'none');
    const stems = join(work, 'app-stems');
    app.picker.answers.push(stems);
    await app.page.click('[data-testid="export-stems-folder"]');
    await expect.poll(() => app.page.locator('[data-testid="export-stems-name"]').textContent()).toBe(stems);
    // A drama's export writes no sidecars (as the CLI refuses them): the box is off and says why.
    const sidecars = app.page.locator('input[name="sidecars"]');
    expect([await sidecars.isChecked(), await sidecars.isDisabled()]).toEqual([false, true]);
    // Nor one file per chapter (refused after the file was picked) or sung passages as chapters.
    for (const name of ['perChapter', 'lyricChapters']) {
      const box = app.page.locator(`input[name="${name}"]`);
      expect([name, await box.isChecked(), await box.isDisabled()]).toEqual([name, false, true]);
    }
    app.picker.answers.push(join(work, 'app-mix.wav'));
    await startExport(app.page);
    expect(await app.page.locator('.export-result').textContent()).toMatch(/^Exported/);
    await app.page.click('[data-testid="export-cancel"]');
    const music = floatWavSamples(readFileSync(join(stems, 'Music.wav')));
    const low = toneRms(music, 220, at, at + 8);
    const high = toneRms(music, 660, at, at + 8);
    console.log(
      `app export, Music stem over the loop: 220 Hz ${low.toExponential(2)}, 660 Hz ${high.toExponential(2)}`,
    );
    // Ducked under the lines it overlaps, never silent.
    expect(high).toBeGreaterThan(0.005);
    expect(low).toBeLessThan(high / 100);
  });

  it('says a sound file that cannot be read stops the export (it said the export still mixes it)', async () => {
    // Saved above; the theme's file goes, and the project is opened again.
    renameSync(join(work, 'music', 'low-theme.wav'), join(work, 'music', 'gone.wav'));
    await openProjectInApp(app, projectPath);
    await expect
      .poll(async () => (await noticeTexts(app.page)).join('\n'), { timeout: 30_000 })
      .toContain(
        'music/low-theme.wav cannot be read (missing, or not audio): the export stops until it is there.',
      );
    expect((await noticeTexts(app.page)).join('\n')).not.toContain('the export still mixes');
    // The inspector's list of missing sounds names it too (it said "Missing sounds (0)").
    await app.page.evaluate(() => window.cuewrightApp!.store.select([]));
    const missing = app.page.locator('[data-testid="missing-sounds"]');
    await expect.poll(() => missing.locator('span').first().textContent()).toBe('Missing sounds (1)');
    expect(await missing.locator('[data-cue]').allTextContents()).toEqual([
      'low-theme.wav — cannot be read (missing, or not audio)',
    ]);
    await app.screenshot('drama-sound-missing');
    renameSync(join(work, 'music', 'gone.wav'), join(work, 'music', 'low-theme.wav'));
    // The page's request for the missing file is the only error: it is said above.
    expect(app.errors).toEqual([
      'Failed to load resource: the server responded with a status of 404 (Not Found)',
    ]);
    app.errors.length = 0;
  });
});
