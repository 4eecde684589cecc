import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer, noticeTexts, question, selectionOf, sheetOf } from '../support/app-dialog.ts';
import { type AppSession, openReadyApp } from '../support/app-session.ts';
import { requireTools } from '../support/required-tools.ts';
import { tempDir, toneOf, writeWav } from '../support/signals.ts';

// Issue 14, "selection and commands stay coherent": every edit leaves a selection that exists;
// every refusal puts the view back as the sheet is and says why, in a notice over the timeline;
// a typed time is refused rather than bent; C checks before asking; Snap says which edge it left;
// the sung lane shows what the export makes chapters of, and a sung passage can be removed; a
// file that is not audio is refused as a bed before anything changes; chapters without a time do
// not stack at 0:00; a new project offers alignment at once.

requireTools('the app is driven in Debian’s chromium', 'chromium');

describe('edits and refusals in the app', () => {
  let app: AppSession;
  const work = tempDir('coherent');
  const cueSpan = (id: string) => app.page.locator(`#script .cue[data-cue="${id}"]`);
  const notice = async (pattern: RegExp) => {
    await expect
      .poll(async () => (await noticeTexts(app.page)).find((t) => pattern.test(t)) ?? '')
      .toMatch(pattern);
  };

  beforeAll(async () => {
    app = await openReadyApp();
  }, 150_000);

  afterAll(async () => {
    await app?.close();
  });

  it('split and merge leave a selection that exists: the inspector shows it, M merges it', async () => {
    const before = await sheetOf(app.page);
    const cue = before.cues.find((c) => c.kind === 'narration' && c.text.split(' ').length > 15)!;
    await cueSpan(cue.id).click();
    await app.page.evaluate((t) => window.cuewrightApp!.playback.seek(t), (cue.start! + cue.end!) / 2);
    await app.page.keyboard.press('S');
    const split = await sheetOf(app.page);
    expect(split.cues.length).toBe(before.cues.length + 1);
    const first = split.cues.find((c) => c.source.start === cue.source.start)!;
    expect((await selectionOf(app.page)).cueIds).toEqual([first.id]);
    expect(await app.page.locator('[data-testid="cue-end"]').inputValue()).toBe(first.end!.toFixed(3));
    await app.page.keyboard.press('M');
    const merged = await sheetOf(app.page);
    expect(merged.cues.length).toBe(before.cues.length);
    const back = merged.cues.find((c) => c.source.start === cue.source.start)!;
    expect((await selectionOf(app.page)).cueIds).toEqual([back.id]);
    expect(await noticeTexts(app.page)).toEqual([]);
    // Undo twice: the selection follows to the cue that holds its text again.
    await app.page.keyboard.press('Control+Z');
    await app.page.keyboard.press('Control+Z');
    expect(await sheetOf(app.page)).toEqual(before);
    expect((await selectionOf(app.page)).cueIds).toEqual([cue.id]);
    await app.screenshot('40-split-merge-selection');
  });

  it('a typed start past the end, and an emptied chapter title, are refused: the fields show the sheet again', async () => {
    const sheet = await sheetOf(app.page);
    const cue = sheet.cues.find((c, i) => i > 4 && c.kind === 'narration')!;
    await cueSpan(cue.id).click();
    await app.page.fill('[data-testid="cue-start"]', String(cue.end! + 2));
    await app.page.press('[data-testid="cue-start"]', 'Enter');
    await notice(/^not changed: the start \(.*\) must come before the end/);
    // Said under the field too, where the user is looking.
    expect(await app.page.locator('[data-testid="inspector-refusal"]').textContent()).toMatch(
      /^not changed: /,
    );
    expect((await sheetOf(app.page)).cues.find((c) => c.id === cue.id)).toEqual(cue);
    expect(await app.page.locator('[data-testid="cue-start"]').inputValue()).toBe(cue.start!.toFixed(3));
    // The field keeps the focus (it was rebuilt after every change, so Tab went nowhere).
    expect(await app.page.evaluate(() => (document.activeElement as HTMLElement).dataset.testid)).toBe(
      'cue-start',
    );

    const title = sheet.chapters[0]!.title;
    await app.page.fill('[data-testid="chapter-title"]', '   ');
    await app.page.press('[data-testid="chapter-title"]', 'Enter');
    await notice(/^a chapter needs a title$/);
    expect(await app.page.locator('[data-testid="chapter-title"]').inputValue()).toBe(title);
    // The first chapter starts at 0:00, as every export places it (it said 0.300, its first cue).
    expect(await app.page.locator('[data-testid="chapter-start"]').textContent()).toBe('00:00:00.000');
    await app.screenshot('41-refusals-restore-fields');
    expect(await sheetOf(app.page)).toEqual(sheet);
  });

  it('Tab moves on from a field after a change', async () => {
    const sheet = await sheetOf(app.page);
    const cue = sheet.cues.find((c, i) => i > 4 && c.kind === 'narration')!;
    await cueSpan(cue.id).click();
    await app.page.fill('[data-testid="cue-start"]', (cue.start! + 0.05).toFixed(3));
    await app.page.keyboard.press('Tab');
    expect(await app.page.evaluate(() => (document.activeElement as HTMLElement).dataset.testid)).toBe(
      'cue-end',
    );
    expect((await sheetOf(app.page)).cues.find((c) => c.id === cue.id)!.start).toBeCloseTo(
      cue.start! + 0.05,
      3,
    );
    await app.page.locator('#script').click({ position: { x: 5, y: 5 } });
    await app.page.keyboard.press('Control+Z');
    expect(await sheetOf(app.page)).toEqual(sheet);
  });

  it('a nudge that reaches the previous cue stops there and says so', async () => {
    const sheet = await sheetOf(app.page);
    const i = sheet.cues.findIndex(
      (c, k) => k > 4 && c.kind === 'narration' && sheet.cues[k - 1]!.end !== undefined,
    );
    const [prev, cue] = [sheet.cues[i - 1]!, sheet.cues[i]!];
    await cueSpan(cue.id).click();
    const presses = Math.ceil((cue.start! - prev.end!) / 0.1) + 2;
    for (let k = 0; k < presses; k++) await app.page.keyboard.press('Shift+ArrowLeft');
    await notice(/^the start stops here: the previous cue ends at \d\d:\d\d:\d\d\.\d{3}$/);
    expect((await sheetOf(app.page)).cues[i]!.start).toBeCloseTo(prev.end!, 3);
    await app.screenshot('42-nudge-stops-at-neighbour');
    await app.page.keyboard.press('Control+Z');
    expect(await sheetOf(app.page)).toEqual(sheet);
  });

  it('a drag past the previous cue stops at it and says so', async () => {
    const sheet = await sheetOf(app.page);
    const i = sheet.cues.findIndex(
      (c, k) =>
        k > 4 && c.kind === 'narration' && c.end! - c.start! > 4 && sheet.cues[k - 1]!.end !== undefined,
    );
    const [prev, cue] = [sheet.cues[i - 1]!, sheet.cues[i]!];
    await cueSpan(cue.id).click();
    const handle = app.page.locator(`[part~="region"][part~="${cue.id}"] [part~="region-handle-left"]`);
    await handle.scrollIntoViewIfNeeded();
    const box = (await handle.boundingBox())!;
    const pxPerSec = await app.page.evaluate(() => window.cuewrightApp!.waveform.zoomLevel);
    const past = (cue.start! - prev.end! + 1) * pxPerSec;
    await app.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await app.page.mouse.down();
    for (let dx = 5; dx <= past; dx += 5)
      await app.page.mouse.move(box.x + box.width / 2 - dx, box.y + box.height / 2);
    await app.page.mouse.up();
    await notice(/^the cue stops here: the previous cue ends at \d\d:\d\d:\d\d\.\d{3}$/);
    expect((await sheetOf(app.page)).cues[i]!.start).toBeCloseTo(prev.end!, 3);
    // The region shows where the cue is (it was left where the mouse let go).
    const region = await app.page
      .locator(`[part~="region"][part~="${cue.id}"]`)
      .evaluate((el) => (el as HTMLElement).style.left);
    const duration = await app.page.evaluate(() => window.cuewrightApp!.store.project!.audio.duration);
    expect(Number.parseFloat(region)).toBeCloseTo((100 * prev.end!) / duration, 1);
    await app.page.keyboard.press('Control+Z');
    expect(await sheetOf(app.page)).toEqual(sheet);
  });

  it('C where a chapter already starts says so before asking for a title', async () => {
    const sheet = await sheetOf(app.page);
    await cueSpan(sheet.chapters[0]!.cueIds[0]!).click();
    await app.page.keyboard.press('C');
    await notice(/^a chapter already starts at this cue$/);
    expect(await app.page.locator('#app-dialog[open]').count()).toBe(0);
  });

  it('Snap to pauses says when it left an edge alone (no pause within 250 ms of it)', async () => {
    const pauses = await app.page.evaluate(() => window.cuewrightApp!.api.call('pauses'));
    const sheet = await sheetOf(app.page);
    const undoBefore = await app.page.locator('#undo-label').textContent();
    // A cue whose start sits on a pause, and an end time inside it far from every pause.
    const far = (t: number) => pauses.every((p) => Math.abs(p.start - t) > 0.4);
    const cue = sheet.cues.find(
      (c, i) =>
        i > 4 &&
        c.kind === 'narration' &&
        c.end! - c.start! > 3 &&
        pauses.some((p) => Math.abs(p.end - c.start!) < 0.05) &&
        far(c.end! - 1),
    )!;
    await cueSpan(cue.id).click();
    await app.page.fill('[data-testid="cue-end"]', (cue.end! - 1).toFixed(3));
    await app.page.press('[data-testid="cue-end"]', 'Enter');
    await app.page.locator('#script').click({ position: { x: 5, y: 5 } });
    await cueSpan(cue.id).click();
    await app.page.keyboard.press('P');
    await notice(/no pause within 250 ms of the end, which stays where it was$/);
    expect((await sheetOf(app.page)).cues.find((c) => c.id === cue.id)!.end).toBeCloseTo(cue.end! - 1, 3);
    while ((await app.page.locator('#undo-label').textContent()) !== undoBefore)
      await app.page.keyboard.press('Control+Z');
    expect(await sheetOf(app.page)).toEqual(sheet);
  });

  it("the sung lane shows the script's sung passages (the export's ♪ chapters); one is selected and removed with Delete", async () => {
    const sheet = await sheetOf(app.page);
    const lyricRuns = sheet.cues.filter((c, i) => c.kind === 'lyric' && sheet.cues[i - 1]?.kind !== 'lyric');
    expect(lyricRuns.length).toBeGreaterThanOrEqual(3);
    const bands = app.page.locator('.section-sung');
    await expect.poll(() => bands.count()).toBe(lyricRuns.length);
    const first = lyricRuns[0]!;
    // Into view, then click its band.
    await cueSpan(first.id).click();
    await bands.first().click();
    expect(await app.page.locator('[data-testid="sung-span"]').textContent()).toMatch(
      /^\d\d:\d\d:\d\d\.\d{3} – /,
    );
    await app.screenshot('43-sung-passage-selected');
    await app.page.keyboard.press('Delete');
    await expect.poll(() => bands.count()).toBe(lyricRuns.length - 1);
    expect((await sheetOf(app.page)).cues.find((c) => c.id === first.id)!.kind).not.toBe('lyric');
    await app.page.keyboard.press('Control+Z');
    expect(await sheetOf(app.page)).toEqual(sheet);
  });

  it('a text file is refused as a music bed before anything changes', async () => {
    const sheet = await sheetOf(app.page);
    const undo = await app.page.locator('#undo-label').textContent();
    const text = join(work, 'notes.txt');
    writeFileSync(text, 'not a recording\n');
    app.picker.answers.push(text);
    await app.page.keyboard.press('B');
    await notice(/notes\.txt: not audio this app can read \(unknown audio format\)$/);
    expect(await sheetOf(app.page)).toEqual(sheet);
    expect(await app.page.locator('.section-bed').count()).toBe(0);
    expect(await app.page.locator('#undo-label').textContent()).toBe(undo);
  });

  it('a new project: chapters without a time do not stack at 0:00, and alignment is offered at once', async () => {
    const script = join(work, 'three chapters.txt');
    writeFileSync(
      script,
      [
        'Chapter 1',
        'It began in the rain.',
        'Chapter 2',
        'It went on in the sun.',
        'Chapter 3',
        'It ended in snow.',
      ]
        .map((p) => `${p}\n`)
        .join('\n'),
    );
    const audio = writeWav(join(work, 'reading.wav'), [toneOf(6, 220, 0.2, 16_000)], 16_000);
    app.picker.answers.push(script, audio);
    await app.page.keyboard.press('Control+N');
    const offer = await question(app.page);
    expect(offer.title).toBe('Align the recording now?');
    expect(offer.choices).toEqual(['later', 'align']);
    await app.screenshot('44-new-project-offers-alignment');
    await answer(app.page, 'later');
    const sheet = await sheetOf(app.page);
    expect(sheet.chapters.map((c) => c.title)).toEqual(['Chapter 1', 'Chapter 2', 'Chapter 3']);
    expect(await app.page.locator('.chapter-flag').allTextContents()).toEqual(['Chapter 1']);
    // The playhead of the new project is at its start (it stood where the sample's had been).
    expect(await app.page.evaluate(() => window.cuewrightApp!.waveform.wavesurfer.getCurrentTime())).toBe(0);
    await notice(/^Nothing is aligned yet/);
    expect(await app.page.locator('[data-testid="align-now"]').count()).toBe(1);
    expect(await app.page.locator('#status-text').textContent()).toMatch(/Ctrl\+Shift\+A/);
    await app.screenshot('45-new-project-not-aligned');
    expect(app.errors).toEqual([]);
  });
});
