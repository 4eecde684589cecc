import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseFile } from 'music-metadata';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import type {} from '../../renderer/src/main.ts';
import { decodeAudioFile } from '../../src/audio-io/decode-audio-file.ts';
import { loadProject } from '../../src/project/project-store.ts';
import { answer } from '../support/app-dialog.ts';
import { type AppSession, openReadyApp } from '../support/app-session.ts';
import { requireTools } from '../support/required-tools.ts';
import { tempDir, toneAmplitude, toneOf, writeWav } from '../support/signals.ts';

// The whole app as a producer uses it: the real renderer (wavesurfer, Tone.js) in Debian Chromium,
// the real handlers behind it, real files written. State is read from the page to check what the
// UI did; every change is made through the mouse and keyboard.

const sheetIn = (app: AppSession) =>
  app.page.evaluate(() => structuredClone(window.cuewrightApp!.store.sheet)) as Promise<CueSheet>;
const timeIn = (app: AppSession) => app.page.evaluate(() => window.cuewrightApp!.playback.time);

requireTools('the app is driven in Debian’s chromium, its export read by ffprobe', 'chromium', 'ffprobe');

describe('the app in Chromium', () => {
  let app: AppSession;
  const work = tempDir('e2e-out');
  let bedPath = '';

  beforeAll(async () => {
    app = await openReadyApp();
  }, 150_000);

  afterAll(async () => {
    await app?.close();
  });

  it('opens on the sample production: script, waveform regions, chapter lane, duration', async () => {
    const sheet = await sheetIn(app);
    // Every cue that is read aloud is placed (a separator line is silent).
    const placed = sheet.cues.filter((c) => c.start !== undefined);
    expect(placed.length).toBe(sheet.cues.filter((c) => c.kind !== 'separator').length);
    expect(await app.page.locator('#script .cue').count()).toBe(sheet.cues.length);
    expect(await app.page.locator('#script .speaker').count()).toBe(
      sheet.cues.filter((c) => c.speaker).length,
    );
    expect(await app.page.locator('#script .kind-lyric').count()).toBe(4);
    await app.page.waitForFunction(() =>
      document.querySelector('#waveform div')?.shadowRoot?.querySelector('[part~="region"]'),
    );
    // Regions outside the visible stretch are detached (wavesurfer virtualises them); those shown are cues.
    const shown = await app.page
      .locator('[part~="region"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('part')!.split(' ')[1]));
    expect(shown.length).toBeGreaterThan(3);
    for (const id of shown) expect(placed.map((c) => c.id)).toContain(id);
    expect(await app.page.locator('.chapter-flag').first().textContent()).toBe('Chapter 1');
    // The waveform itself is drawn (not only the regions over a flat line).
    await app.page.waitForFunction(() => performance.getEntriesByName('cuewright:waveform-drawn').length > 0);
    // The view's canvas has a waveform across its width (not just the centre line): each quarter
    // of it, since a window drawn from misread peaks once came out flat in places.
    const painted = await app.page.evaluate(() => {
      const root = document.querySelector('#waveform div')!.shadowRoot!;
      const canvas = root.querySelector<HTMLCanvasElement>('[part="viewport-waveform"]')!;
      const { width, height } = canvas;
      const data = canvas.getContext('2d')!.getImageData(0, 0, width, height).data;
      const quarters = [0, 0, 0, 0];
      for (let i = 3; i < data.length; i += 4)
        if (data[i]! > 0) quarters[Math.floor((((i - 3) / 4) % width) / (width / 4))]!++;
      return { width, perColumn: quarters.map((n) => n / (width / 4)) };
    });
    expect(painted.width).toBeGreaterThan(300);
    for (const perColumn of painted.perColumn) expect(perColumn).toBeGreaterThan(5);
    expect(await app.page.locator('#time').textContent()).toMatch(/ \/ 00:0\d:\d\d\.\d{3}$/);
    await app.screenshot('01-sample-opened');
    expect(app.errors).toEqual([]);
  });

  it('zooms out and in with bursts of keys: the waveform follows, and every cue in view gets its region', async () => {
    // Cues whose middle is in view but have no region, and how much of the view's width is painted.
    const state = () =>
      app.page.evaluate(() => {
        const view = window.cuewrightApp!.waveform;
        const ws = view.wavesurfer;
        const pxPerSec = ws.getWrapper().scrollWidth / ws.getDuration();
        const from = ws.getScroll() / pxPerSec;
        const to = (ws.getScroll() + ws.getWidth()) / pxPerSec;
        const root = document.querySelector('#waveform div')!.shadowRoot!;
        const missing = window
          .cuewrightApp!.store.sheet.cues.filter((c) => c.start !== undefined && c.end !== undefined)
          .filter((c) => (c.start! + c.end!) / 2 > from && (c.start! + c.end!) / 2 < to)
          .filter((c) => !root.querySelector(`[part~="region"][part~="${c.id}"]`))
          .map((c) => c.id);
        const canvas = root.querySelector<HTMLCanvasElement>('[part="viewport-waveform"]')!;
        const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        const columns = new Set<number>();
        for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) columns.add(((i - 3) / 4) % canvas.width);
        return { zoom: view.zoomLevel, missing, painted: columns.size / canvas.width, seconds: to - from };
      });
    const before = await state();
    for (let i = 0; i < 4; i++) await app.page.keyboard.press('-');
    await expect.poll(async () => (await state()).missing, { timeout: 5000 }).toEqual([]);
    const out = await state();
    expect(out.zoom).toBeCloseTo(before.zoom / 1.5 ** 4, 3);
    expect(out.seconds).toBeGreaterThan(before.seconds * 2);
    expect(out.painted).toBeGreaterThan(0.9);
    await app.screenshot('01b-zoomed-out');
    for (let i = 0; i < 4; i++) await app.page.keyboard.press('+');
    await expect.poll(async () => (await state()).missing, { timeout: 5000 }).toEqual([]);
    const back = await state();
    expect(back.zoom).toBeCloseTo(before.zoom, 3);
    expect(back.painted).toBeGreaterThan(0.9);
    expect(app.errors).toEqual([]);
  });

  it('drags a cue edge on the waveform (one undo step), undoes and redoes it', async () => {
    const before = await sheetIn(app);
    const cue = before.cues.find((c) => c.kind === 'narration' && c.end! - c.start! > 6)!;
    await app.page
      .locator('#script .cue', { hasText: cue.text.slice(0, 40) })
      .first()
      .click();
    const handle = app.page.locator(`[part~="region"][part~="${cue.id}"] [part~="region-handle-right"]`);
    await handle.scrollIntoViewIfNeeded();
    const box = (await handle.boundingBox())!;
    await app.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await app.page.mouse.down();
    for (let dx = 5; dx <= 40; dx += 5)
      await app.page.mouse.move(box.x + box.width / 2 - dx, box.y + box.height / 2);
    await app.page.mouse.up();

    const dragged = (await sheetIn(app)).cues.find((c) => c.id === cue.id)!;
    const pxPerSec = await app.page.evaluate(() => window.cuewrightApp!.waveform.zoomLevel);
    expect(dragged.end).toBeCloseTo(cue.end! - 40 / pxPerSec, 0);
    expect(dragged.start).toBe(cue.start);
    expect(dragged.confidence).toBe(1);
    expect(await app.page.locator('[data-testid="cue-end"]').inputValue()).toBe(dragged.end!.toFixed(3));
    expect(await app.page.locator('#undo-label').textContent()).toBe('Undo: move cue end');
    await app.screenshot('02-cue-edge-dragged');

    await app.page.keyboard.press('Control+Z');
    expect((await sheetIn(app)).cues.find((c) => c.id === cue.id)).toEqual(cue);
    await app.page.keyboard.press('Control+Shift+Z');
    expect((await sheetIn(app)).cues.find((c) => c.id === cue.id)!.end).toBe(dragged.end);
    await app.page.keyboard.press('Control+Z');
    expect(await sheetIn(app)).toEqual(before);
  });

  it('nudges with the arrow keys (held nudges are one step), splits at the playhead and merges back', async () => {
    const before = await sheetIn(app);
    const cue = before.cues.find((c) => c.kind === 'narration' && c.text.split(' ').length > 15)!;
    await app.page
      .locator('#script .cue', { hasText: cue.text.slice(0, 40) })
      .first()
      .click();
    for (let i = 0; i < 3; i++) await app.page.keyboard.press('ArrowRight');
    await app.page.keyboard.press('Shift+ArrowRight');
    let edited = (await sheetIn(app)).cues.find((c) => c.id === cue.id)!;
    expect(edited.start).toBeCloseTo(cue.start! + 0.13, 3);
    await app.page.keyboard.press('Control+Z');
    edited = (await sheetIn(app)).cues.find((c) => c.id === cue.id)!;
    expect(edited.start).toBeCloseTo(cue.start! + 0.03, 3);
    await app.page.keyboard.press('Control+Z');
    expect(await sheetIn(app)).toEqual(before);

    // Click inside the cue's region: selects it and puts the playhead there; S splits there.
    const region = app.page.locator(`[part~="region"][part~="${cue.id}"]`);
    const box = (await region.boundingBox())!;
    await app.page.mouse.click(box.x + box.width / 2, box.y + 40);
    const playhead = await timeIn(app);
    expect(playhead).toBeGreaterThan(cue.start!);
    expect(playhead).toBeLessThan(cue.end!);
    await app.page.keyboard.press('S');
    const split = await sheetIn(app);
    expect(split.cues.length).toBe(before.cues.length + 1);
    const first = split.cues.find((c) => c.source.start === cue.source.start)!;
    expect(first.end).toBeCloseTo(playhead, 3);
    expect(await app.page.locator('#script .cue').count()).toBe(split.cues.length);
    await app.page.locator(`#script .cue[data-cue="${first.id}"]`).click();
    await app.page.keyboard.press('M');
    const merged = await sheetIn(app);
    expect(merged.cues.length).toBe(before.cues.length);
    expect(merged.cues.find((c) => c.source.start === cue.source.start)!.text).toBe(cue.text);
    await app.page.keyboard.press('Control+Z');
    await app.page.keyboard.press('Control+Z');
    expect(await sheetIn(app)).toEqual(before);
  });

  it('snaps a nudged cue back onto the pauses around it (P)', async () => {
    const before = await sheetIn(app);
    const cue = before.cues.find((c, i) => i > 5 && c.kind === 'narration')!;
    await app.page.locator(`#script .cue[data-cue="${cue.id}"]`).click();
    await app.page.keyboard.press('Shift+ArrowRight');
    await app.page.keyboard.press('Alt+Shift+ArrowLeft');
    let edited = (await sheetIn(app)).cues.find((c) => c.id === cue.id)!;
    expect(edited.start).toBeCloseTo(cue.start! + 0.1, 3);
    await app.page.keyboard.press('P');
    await expect
      .poll(async () => (await sheetIn(app)).cues.find((c) => c.id === cue.id)!.start)
      .not.toBe(edited.start);
    edited = (await sheetIn(app)).cues.find((c) => c.id === cue.id)!;
    expect(Math.abs(edited.start! - cue.start!)).toBeLessThan(0.03);
    expect(Math.abs(edited.end! - cue.end!)).toBeLessThan(0.03);
    for (let k = 0; k < 3; k++) await app.page.keyboard.press('Control+Z');
    expect(await sheetIn(app)).toEqual(before);
  });

  it('plays with the space bar: time advances and the script highlight follows into the next cue', async () => {
    const sheet = await sheetIn(app);
    const index = sheet.cues.findIndex((c, i) => i > 3 && c.end! - c.start! < 3 && sheet.cues[i + 1]);
    const [cue, next] = [sheet.cues[index]!, sheet.cues[index + 1]!];
    await app.page.locator(`#script .cue[data-cue="${cue.id}"]`).click();
    expect(await timeIn(app)).toBeCloseTo(cue.start!, 1);
    await app.page.keyboard.press('Space');
    await app.page.waitForSelector(`#script .cue.current[data-cue="${cue.id}"]`, { timeout: 5000 });
    await app.page.waitForSelector(`#script .cue.current[data-cue="${next.id}"]`, { timeout: 15_000 });
    const time = await timeIn(app);
    expect(time).toBeGreaterThanOrEqual(next.start! - 0.3);
    expect(await app.page.locator('#script .cue.current').count()).toBe(1);
    await app.screenshot('03-playing-script-follows');
    await app.page.keyboard.press('Space');
    const paused = await timeIn(app);
    await app.page.waitForTimeout(400);
    expect(await timeIn(app)).toBe(paused);
  });

  it('adds a chapter at the selected cue and marks a range as sung, all undoable', async () => {
    const before = await sheetIn(app);
    const story = before.cues.find((c) => c.text.startsWith('Looking around'))!;
    await app.page.locator(`#script .cue[data-cue="${story.id}"]`).click();
    await app.page.keyboard.press('C');
    // The app's own dialog (Electron has no window.prompt).
    await app.page.waitForSelector('#app-dialog[open] [data-testid="dialog-text"]');
    await app.page.fill('[data-testid="dialog-text"]', 'Part Two: the photographs');
    await app.page.press('[data-testid="dialog-text"]', 'Enter');
    await app.page.waitForSelector('.chapter-flag >> nth=1');
    expect(await app.page.locator('.chapter-flag').nth(1).textContent()).toBe('Part Two: the photographs');
    let sheet = await sheetIn(app);
    expect(sheet.chapters[1]!.start).toBe(story.start);

    // Drag the new chapter's flag onto the next cue; rename it in the inspector.
    const next = sheet.cues[sheet.cues.findIndex((c) => c.id === story.id) + 1]!;
    const flag = app.page.locator('.chapter-flag').nth(1);
    const pxPerSec = await app.page.evaluate(() => window.cuewrightApp!.waveform.zoomLevel);
    const box = (await flag.boundingBox())!;
    await app.page.mouse.move(box.x + 5, box.y + 8);
    await app.page.mouse.down();
    await app.page.mouse.move(box.x + 5 + ((next.start! - story.start!) * pxPerSec) / 2, box.y + 8);
    await app.page.mouse.move(box.x + 5 + (next.start! - story.start!) * pxPerSec, box.y + 8);
    await app.page.mouse.up();
    sheet = await sheetIn(app);
    expect(sheet.chapters[1]!.start).toBe(next.start);
    expect(sheet.chapters[1]!.cueIds[0]).toBe(next.id);
    await app.page.locator('.chapter-flag').nth(1).click();
    await app.page.fill('[data-testid="chapter-title"]', 'Part Two');
    await app.page.press('[data-testid="chapter-title"]', 'Enter');
    expect((await sheetIn(app)).chapters[1]!.title).toBe('Part Two');
    await app.page.locator('#script').click({ position: { x: 5, y: 5 } });
    await app.page.keyboard.press('Control+Z');
    await app.page.keyboard.press('Control+Z');
    sheet = await sheetIn(app);
    expect(sheet.chapters[1]!.start).toBe(story.start);

    const a = sheet.cues.findIndex((c) => c.id === story.id);
    await app.page.locator(`#script .cue[data-cue="${sheet.cues[a + 1]!.id}"]`).click();
    await app.page
      .locator(`#script .cue[data-cue="${sheet.cues[a + 2]!.id}"]`)
      .click({ modifiers: ['Shift'] });
    await app.page.keyboard.press('G');
    sheet = await sheetIn(app);
    expect(sheet.sections).toEqual([
      expect.objectContaining({ kind: 'sung', start: sheet.cues[a + 1]!.start }),
    ]);
    await app.page.waitForSelector('.section-band');
    await app.screenshot('04-chapter-and-sung-section');
    await app.page.keyboard.press('Control+Z');
    await app.page.keyboard.press('Control+Z');
    expect(await sheetIn(app)).toEqual(before);
  });

  it('adds a music bed: ducked under narration, up under the song, as heard in the preview', async () => {
    const sheet = await sheetIn(app);
    const lyric = sheet.cues.find((c) => c.kind === 'lyric' && c.end! - c.start! > 4)!;
    const before = sheet.cues[sheet.cues.indexOf(lyric) - 1]!;
    const spoken = sheet.cues.find(
      (c) => c.kind === 'narration' && c.end! - c.start! > 4 && c.start! > before.start!,
    )!;
    bedPath = writeWav(
      join(work, 'bed.wav'),
      [toneOf(spoken.end! - before.start! + 5, 1000, 0.5, 22_050)],
      22_050,
      {
        bitsPerSample: 16,
      },
    );
    await app.page.locator(`#script .cue[data-cue="${before.id}"]`).click();
    app.picker.answers.push(bedPath);
    await app.page.keyboard.press('B');
    await app.page.waitForSelector('.section-bed');
    const bed = (await sheetIn(app)).beds![0]!;
    expect(bed).toMatchObject({ path: bedPath });
    // At the playhead, kept to the millisecond (it carried float noise: 32.372999…).
    expect(bed.start).toBeCloseTo(before.start!, 3);
    expect(Number.isInteger(Math.round(bed.start * 1000 * 1e6) / 1e6)).toBe(true);

    const levelWhilePlaying = async (cueId: string) => {
      await app.page.locator(`#script .cue[data-cue="${cueId}"]`).click();
      await app.page.keyboard.press('Space');
      await app.page.waitForTimeout(1500);
      const db = await app.page.evaluate((id) => window.cuewrightApp!.playback.beds.levelDb(id), bed.id);
      await app.page.keyboard.press('Space');
      return db!;
    };
    const underSong = await levelWhilePlaying(lyric.id);
    const underSpeech = await levelWhilePlaying(spoken.id);
    await app.screenshot('05-music-bed');
    // A 0.5 sine reads about -9 dB; the bed sits at its gain under the song and ducks further under speech.
    expect(underSong).toBeGreaterThan(-9 + bed.gainDb - 3);
    expect(underSong - underSpeech).toBeGreaterThan(-bed.duckDb - 4);
    expect(underSong - underSpeech).toBeLessThan(-bed.duckDb + 4);

    // Its levels are edited in the inspector (one undo step each).
    await app.page.locator('.section-bed').click();
    await app.page.fill('[data-testid="bed-gain"]', '-20');
    await app.page.press('[data-testid="bed-gain"]', 'Enter');
    expect((await sheetIn(app)).beds![0]!.gainDb).toBe(-20);
    await app.page.locator('#script').click({ position: { x: 5, y: 5 } });
    await app.page.keyboard.press('Control+Z');
    expect((await sheetIn(app)).beds![0]!.gainDb).toBe(bed.gainDb);
  });

  it('exports a chaptered MP3 from the export dialog, with a progress bar and sidecars', async () => {
    const output = join(work, 'sample production.mp3');
    app.picker.answers.push(output);
    await app.page.keyboard.press('Control+E');
    await app.page.selectOption('select[name="format"]', 'mp3');
    await app.page.click('[data-testid="export-start"]');
    await app.page.waitForSelector('#export-dialog progress:not([hidden])');
    // A hang limit, not a speed figure (the machine is shared): done or failed, then which.
    await app.page.waitForFunction(
      () => /^Export(ed|\b.*failed)/.test(document.querySelector('.export-result')?.textContent ?? ''),
      null,
      { timeout: 300_000 },
    );
    expect(await app.page.locator('.export-result').textContent()).toMatch(/^Exported/);
    await app.screenshot('06-exported');
    expect(app.picker.asked.at(-1)).toEqual({
      purpose: 'export',
      suggestedName: 'My Love. My Life. My Forever.mp3',
    });
    expect(existsSync(output)).toBe(true);
    expect(readdirSync(work).filter((f) => f.endsWith('.part'))).toEqual([]);
    expect(readdirSync(work)).toEqual(
      expect.arrayContaining(['sample production.chapters.vtt', 'sample production.lyrics.lrc']),
    );

    const sheet = await sheetIn(app);
    const metadata = await parseFile(output);
    const chapters = metadata.native['ID3v2.3']?.filter((tag) => tag.id === 'CHAP') ?? [];
    // Chapter 1 plus one chapter per sung passage (lyric chapters are on by default).
    expect(chapters.length).toBeGreaterThan(sheet.chapters.length);
    expect(metadata.common.title).toBe(sheet.title);
    const probe = spawnSync('ffprobe', ['-v', 'error', '-show_chapters', '-of', 'json', output], {
      encoding: 'utf8',
    });
    const probed = JSON.parse(probe.stdout) as { chapters: unknown[] };
    expect(probed.chapters.length).toBe(chapters.length);
    // The bed is in the delivered file: its tone is there under the song, and not before it starts.
    const bed = sheet.beds![0]!;
    const lyric = sheet.cues.find((c) => c.kind === 'lyric' && c.end! - c.start! > 4)!;
    const decoded = await decodeAudioFile(output);
    const samples = decoded.channels[0]!;
    const underSong = toneAmplitude(samples, decoded.sampleRate, 1000, lyric.start! + 1, lyric.end! - 0.5);
    const beforeBed = toneAmplitude(samples, decoded.sampleRate, 1000, bed.start - 3, bed.start - 0.5);
    expect(underSong).toBeGreaterThan(20 * beforeBed);
    expect(bedPath).toBe(bed.path);
    await app.page.click('[data-testid="export-reveal"]');
    await app.page.click('[data-testid="export-cancel"]');
    expect(await app.page.locator('#export-dialog[open]').count()).toBe(0);
  }, 360_000);

  it('saves the project atomically, autosaves edits and offers to recover them on reopening', async () => {
    const projectPath = join(work, 'seed.cwproj');
    app.picker.answers.push(projectPath);
    await app.page.keyboard.press('Control+S');
    await app.page.waitForFunction(() =>
      document.querySelector('#status-text')?.textContent?.startsWith('saved'),
    );
    const saved = await loadProject(projectPath);
    expect(saved.sheet).toEqual(await sheetIn(app));
    expect(await app.page.title()).toBe('seed.cwproj — Cuewright');

    // An edit nobody saves: autosave keeps it in the app's recovery folder, not in the project.
    const cue = saved.sheet.cues[6]!;
    await app.page.locator(`#script .cue[data-cue="${cue.id}"]`).click();
    await app.page.keyboard.press('Shift+ArrowRight');
    expect(await app.page.title()).toBe('• seed.cwproj — Cuewright');
    await expect.poll(() => readdirSync(join(app.dataDir, 'recovery')).length, { timeout: 10_000 }).toBe(1);
    expect((await loadProject(projectPath)).sheet).toEqual(saved.sheet);

    // Reopen (as after a crash): the app offers the newer autosave and opens it.
    // Leave the page anyway (as a crash would), then open the project again.
    app.page.once('dialog', (dialog) => void dialog.accept().catch(() => undefined));
    await app.page.reload();
    await app.page.waitForSelector('body[data-ready="true"]', { timeout: 120_000 });
    await app.page.evaluate(() => window.cuewrightApp!.ready);
    app.picker.answers.push(projectPath);
    await app.page.keyboard.press('Control+O');
    expect((await answer(app.page, 'recover')).title).toBe('Recover unsaved work?');
    await expect
      .poll(async () => (await sheetIn(app)).cues[6]!.start, { timeout: 20_000 })
      .toBeCloseTo(cue.start! + 0.1, 3);
    expect(app.errors).toEqual([]);
  });
});
