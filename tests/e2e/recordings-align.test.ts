import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticeTexts, sheetOf, startExport } from '../support/app-dialog.ts';
import { type AppSession, openReadyApp } from '../support/app-session.ts';
import { SPEECH_DIR, speechRecordings } from '../support/human-speech.ts';
import { requireTools } from '../support/required-tools.ts';
import { ffmpeg, ffprobe, tempDir } from '../support/signals.ts';
import { sonnetsScript, writeProduction } from '../support/sonnet-production.ts';

// Issue 16 in the app: three sonnets read by people, one file each (FLAC, MP3, FLAC), a script of
// all three with nothing placed. One file has moved: the project opens with that recording named
// missing and its own Relink; relinked, "Align across recordings" runs the production aligner
// with a progress bar and every line lands where the hand-checked truth says it is spoken,
// through the recording it is in.

requireTools(
  'the app is driven in Debian’s chromium; the sonnets are the recordings',
  'chromium',
  'ffprobe',
  'shared data',
);

describe('aligning a script across the recordings of a production, in the app', () => {
  let app: AppSession;
  const work = tempDir('recordings-align');
  const projectPath = join(work, 'sonnets.cwproj');
  const sonnets = speechRecordings().filter((r) => r.name.startsWith('sonnet'));
  const files = sonnets.map((r, i) => `${r.name}.${i === 1 ? 'mp3' : 'flac'}`);
  const moved = join(work, 'moved', files[1]!);

  beforeAll(async () => {
    app = await openReadyApp();
    const text = sonnetsScript(sonnets);
    for (const file of files) copyFileSync(join(SPEECH_DIR, 'sonnets', file), join(work, file));
    // Lengths as a previous save knew them (the app measures the files it finds).
    writeProduction(
      projectPath,
      text,
      files.map((file, i) => ({
        id: `rec-${i + 1}`,
        path: file,
        size: 0,
        duration: Number(ffprobe(join(SPEECH_DIR, 'sonnets', file), 'format=duration').duration),
      })),
    );
    mkdirSync(join(work, 'moved'));
    renameSync(join(work, files[1]!), moved);
    await app.page.evaluate(() => {
      const seen: Array<{ task: string; phase: string; fraction: number }> = [];
      (window as unknown as { progressSeen: typeof seen }).progressSeen = seen;
      window.cuewrightApp!.api.onEvent((event) => {
        if (event.type === 'progress')
          seen.push({ task: event.task, phase: event.phase, fraction: event.fraction });
      });
    });
    app.picker.answers.push(projectPath);
    await app.page.keyboard.press('Control+O');
    await app.page.waitForFunction(() => document.title.includes('sonnets.cwproj'));
  }, 150_000);

  afterAll(async () => {
    await app?.close();
  });

  it('names the one recording that moved, and relinks it from its row', async () => {
    await app.page.waitForSelector('[data-notice="missing-audio"]');
    const banner = await app.page.locator('[data-notice="missing-audio"]').textContent();
    expect(banner).toContain(join(work, files[1]!));
    await app.page.click('#tab-recordings');
    expect(
      await app.page.locator('[data-recording="rec-2"] [data-testid="recording-details"]').textContent(),
    ).toContain('missing');
    // Align says why it cannot run yet.
    await app.page.click('.recordings-panel [data-action="align"]');
    await expect
      .poll(() => noticeTexts(app.page))
      .toContainEqual(expect.stringContaining('relink it to go on'));
    app.picker.answers.push(moved);
    await app.page.click('[data-recording="rec-2"] [data-action="relink"]');
    await app.page.waitForSelector('[data-notice="missing-audio"]', { state: 'detached' });
    // The refusal for want of it goes with it.
    expect(await noticeTexts(app.page)).not.toContainEqual(expect.stringContaining('relink it to go on'));
    expect(await app.page.evaluate(() => window.cuewrightApp!.store.recordings.get('rec-2')?.missing)).toBe(
      false,
    );
  });

  it('Align across recordings places every line where it is spoken, with one bar that only moves forward', async () => {
    await app.page.click('.recordings-panel [data-action="align"]');
    await app.page.waitForFunction(
      () => /^Alignment: /.test(document.querySelector('#task-label')?.textContent ?? ''),
      null,
      { timeout: 120_000 },
    );
    await app.screenshot('recordings-4-aligning');
    // A hang limit, not a speed figure.
    await app.page.waitForFunction(
      () => window.cuewrightApp!.store.undoLabel === 'align across recordings',
      null,
      {
        timeout: 600_000,
      },
    );
    const durations = await app.page.evaluate(() =>
      window.cuewrightApp!.store.production.recordings.map((r) => r.duration),
    );
    const sheet = await sheetOf(app.page);
    const lines = sheet.cues.filter((c) => c.kind !== 'heading');
    const truth = sonnets.flatMap((r, i) => {
      const offset = durations.slice(0, i).reduce((a, b) => a + b, 0);
      return r.truth.slice(1).map((u) => offset + u.start);
    });
    expect(lines.length).toBe(truth.length);
    const errors = lines.map((c, k) => Math.abs((c.start ?? Number.POSITIVE_INFINITY) - truth[k]!));
    const within = errors.filter((e) => e <= 0.3).length;
    console.log(
      `align across recordings: ${within}/${errors.length} lines within 0.3 s, median error ${[...errors]
        .sort((a, b) => a - b)
        [Math.floor(errors.length / 2)]!.toFixed(3)} s`,
    );
    expect(within / errors.length).toBeGreaterThanOrEqual(0.9);
    const aligning = (
      await app.page.evaluate(
        () =>
          (window as unknown as { progressSeen: Array<{ task: string; phase: string; fraction: number }> })
            .progressSeen,
      )
    ).filter((e) => e.task === 'align');
    expect(new Set(aligning.map((e) => e.phase)).size).toBeGreaterThan(1);
    for (const [k, e] of aligning.entries())
      if (k > 0) expect(e.fraction).toBeGreaterThanOrEqual(aligning[k - 1]!.fraction);
    await app.screenshot('recordings-5-aligned');
    // One undo step takes the whole alignment back.
    await app.page.keyboard.press('Control+Z');
    expect((await sheetOf(app.page)).cues.every((c) => c.start === undefined)).toBe(true);
  }, 700_000);

  it('Replace with pickup… drops a re-recording of two lines in on their recording, and undo takes it out', async () => {
    await app.page.keyboard.press('Control+Shift+Z');
    expect(await app.page.evaluate(() => window.cuewrightApp!.store.undoLabel)).toBe(
      'align across recordings',
    );
    // Lines 3 and 4 of the second sonnet read again: cut from its file, from half a second before
    // line 3 to just before line 5.
    const lineStarts = sonnets[1]!.truth.slice(1).map((u) => u.start);
    const pickupPath = join(work, 'pickup.wav');
    ffmpeg([
      '-i',
      moved,
      '-ss',
      String(lineStarts[2]! - 0.5),
      '-to',
      String(lineStarts[4]! - 0.15),
      pickupPath,
    ]);
    const before = await sheetOf(app.page);
    const lines = before.cues.filter((c) => c.kind !== 'heading');
    const firstOfSecond = sonnets[0]!.truth.length - 1;
    const ids = [lines[firstOfSecond + 2]!.id, lines[firstOfSecond + 3]!.id];
    await app.page.evaluate((picked) => window.cuewrightApp!.store.select(picked), ids);
    app.picker.answers.push(pickupPath);
    await app.page.click('.recordings-panel [data-action="pickup"]');
    // A hang limit, not a speed figure.
    await app.page.waitForFunction(
      () => /^replace 2 cues with pickup/.test(window.cuewrightApp!.store.undoLabel ?? ''),
      null,
      { timeout: 300_000 },
    );
    const state = await app.page.evaluate(
      (picked) => ({
        clips: window.cuewrightApp!.store.production.timeline?.map((c) => c.recording),
        on: window
          .cuewrightApp!.store.doc.placements.filter((p) => picked.includes(p.id))
          .map((p) => p.recording),
      }),
      ids,
    );
    expect(state.clips).toEqual(['rec-1', 'rec-2', 'pickup-1', 'rec-2', 'rec-3']);
    expect(state.on).toEqual(['pickup-1', 'pickup-1']);
    // The same reading dropped in where it was: the two lines play within a few frames of before.
    const after = await sheetOf(app.page);
    for (const id of ids) {
      const was = before.cues.find((c) => c.id === id)!.start!;
      expect(Math.abs(after.cues.find((c) => c.id === id)!.start! - was)).toBeLessThan(0.3);
    }
    await app.page.evaluate(
      (t) => {
        window.cuewrightApp!.playback.seek(t);
        window.cuewrightApp!.waveform.zoom(60);
        window.cuewrightApp!.waveform.reveal(t);
      },
      after.cues.find((c) => c.id === ids[0])!.start!,
    );
    await app.page.waitForTimeout(300);
    await app.screenshot('recordings-6-pickup');
    // Exported from the app: the three files and the pickup as the timeline plays them, each
    // sonnet's chapter where the app shows it (read back by ffprobe).
    const output = join(work, 'sonnets.mp3');
    app.picker.answers.push(output);
    await app.page.keyboard.press('Control+E');
    await app.page.selectOption('select[name="format"]', 'mp3');
    await startExport(app.page);
    expect(await app.page.locator('.export-result').textContent()).toMatch(/^Exported/);
    await app.page.click('[data-testid="export-cancel"]');
    const probe = spawnSync('ffprobe', ['-v', 'error', '-show_chapters', '-of', 'json', output], {
      encoding: 'utf8',
    });
    const exported = (
      JSON.parse(probe.stdout) as { chapters: Array<{ start_time: string; tags?: { title?: string } }> }
    ).chapters;
    expect(exported.map((c) => c.tags?.title)).toEqual(after.chapters.map((c) => c.title));
    for (const [i, chapter] of after.chapters.entries())
      expect(Math.abs(Number(exported[i]!.start_time) - (i === 0 ? 0 : chapter.start!))).toBeLessThan(0.05);
    await app.page.keyboard.press('Control+Z');
    expect(await sheetOf(app.page)).toEqual(before);
    expect(await app.page.evaluate(() => window.cuewrightApp!.store.production.timeline)).toBeUndefined();
  }, 700_000);
});
