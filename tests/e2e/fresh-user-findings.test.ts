import { describe, expect, it } from 'vitest';
import { REVIEW } from '../../audio/align/acoustic/place-cues.ts';
import { answer, noticeTexts, question, selectionOf, sheetOf } from '../support/app-dialog.ts';
import { type AppSession, readyAppForSuite } from '../support/app-session.ts';
import { requireTools } from '../support/required-tools.ts';

// What a fresh user found in the editor (issue 15 of the trial): "?" did not open the shortcut
// sheet; a bare "30" in the go-to box meant cue 30 while "75.5" meant seconds, and an old error
// stayed after a jump that worked; buttons that cannot act were enabled (the review buttons with
// nothing to review, the first chapter's Delete) and Undo's tooltip did not say what it undoes;
// ] and [ were called Taller/Shorter waveform. On the sample production in Debian's Chromium.

requireTools('the app is driven in Debian’s chromium', 'chromium');

describe('what a fresh user found', () => {
  let app: AppSession;
  const time = () => app.page.evaluate(() => window.cuewrightApp!.playback.time);
  const status = () => app.page.locator('#status-text').textContent();

  readyAppForSuite((opened) => {
    app = opened;
  });

  it('? (Shift+/ on a US keyboard) opens the shortcut sheet, as F1 does', async () => {
    await app.page.locator('#script').click({ position: { x: 5, y: 5 } });
    await app.page.keyboard.press('Shift+Slash');
    expect((await question(app.page)).title).toBe('Keyboard shortcuts');
    const rows = await app.page
      .locator('#app-dialog table.shortcuts tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(rows).toContainEqual([']', 'Amplitude up']);
    expect(rows).toContainEqual(['[', 'Amplitude down']);
    await app.screenshot('fresh-01-question-mark-sheet');
    await answer(app.page, 'ok');
  });

  it('] and [ say the amplitude factor; the timeline splitter has a tooltip', async () => {
    await app.page.keyboard.press(']');
    expect(await status()).toMatch(/^waveform amplitude ×1\.5 /);
    await app.page.keyboard.press(']');
    expect(await status()).toMatch(/^waveform amplitude ×2\.25 /);
    await app.page.keyboard.press('[');
    await app.page.keyboard.press('[');
    expect(await status()).toMatch(/^waveform amplitude ×1 /);
    expect(await app.page.getAttribute('#timeline-splitter', 'title')).toMatch(/^Resize the timeline: drag/);
  });

  it('go to: a bare number is seconds, #n is cue n; a jump that works clears the last error', async () => {
    const sheet = await sheetOf(app.page);
    const entry = app.page.locator('#time-entry');
    await app.page.click('#time');
    expect(await entry.getAttribute('placeholder')).toBe('h:mm:ss, seconds, or #cue');
    await entry.fill('soon');
    await entry.press('Enter');
    expect(await noticeTexts(app.page)).toContain(
      '"soon" is not a time (like 1:02:03.500 or 75.5 seconds) or a cue (like #12)',
    );
    await entry.fill('3');
    await entry.press('Enter');
    await expect.poll(time).toBeCloseTo(3, 2);
    expect(await noticeTexts(app.page)).toEqual([]);
    expect(await status()).toBe('went to 00:00:03.000');
    await app.page.click('#time');
    await entry.fill('#3');
    await entry.press('Enter');
    expect((await selectionOf(app.page)).cueIds).toEqual([sheet.cues[2]!.id]);
    await expect.poll(time).toBeCloseTo(sheet.cues[2]!.start!, 2);
    await app.screenshot('fresh-02-go-to-cue');
  });

  it('review buttons are disabled with nothing to review; Confirm only on a cue waiting', async () => {
    await app.page.click('#tab-review');
    const enabled = (command: string) => app.page.locator(`[data-testid="review-${command}"]`).isEnabled();
    expect(await app.page.textContent('[data-testid="review-position"]')).toBe('Nothing to review');
    for (const command of ['confirm-next', 'confirm', 'review']) expect(await enabled(command)).toBe(false);
    await app.screenshot('fresh-03-review-nothing');
    const sheet = await sheetOf(app.page);
    const flagged = sheet.cues.find((c, i) => i > 2 && c.start !== undefined)!;
    // A flag as alignment stores it, applied as an alignment result.
    await app.page.evaluate(
      ({ id, reason }) => {
        const { store } = window.cuewrightApp!;
        store.edit('align', (s) => ({
          ...s,
          cues: s.cues.map((c) => (c.id === id ? { ...c, confidence: 0.5, review: reason } : c)),
        }));
      },
      { id: flagged.id, reason: REVIEW.lowMatch },
    );
    expect(await enabled('confirm-next')).toBe(true);
    expect(await enabled('review')).toBe(true);
    // The selected cue (cue 3) is not the one waiting.
    expect(await enabled('confirm')).toBe(false);
    await app.page.click('[data-testid="review-review"]');
    expect((await selectionOf(app.page)).cueIds).toEqual([flagged.id]);
    expect(await enabled('confirm')).toBe(true);
  });

  it('the first chapter’s Delete is disabled; Undo’s tooltip names what it undoes', async () => {
    await app.page.click('#tab-chapters');
    const sheet = await sheetOf(app.page);
    const first = sheet.chapters[0]!;
    expect(await app.page.locator(`[data-chapter="${first.id}"] [data-action="delete"]`).isDisabled()).toBe(
      true,
    );
    // The last edit was the flag set above ("align").
    expect(await app.page.getAttribute('#undo', 'title')).toBe('Undo align (Ctrl+Z)');
    await app.page.keyboard.press('Control+Z');
    expect(await app.page.getAttribute('#undo', 'title')).toBe('Undo: nothing to undo (Ctrl+Z)');
    expect(await app.page.getAttribute('#redo', 'title')).toBe('Redo align (Ctrl+Shift+Z, Ctrl+Y)');
    await app.screenshot('fresh-04-chapters-first-delete');
  });

  it('narration is the Narrator’s everywhere: the cue table’s Speaker column and the cue panel', async () => {
    const sheet = await sheetOf(app.page);
    const narration = sheet.cues.find((c, i) => i > 2 && c.kind === 'narration' && c.start !== undefined)!;
    await app.page.click('#tab-script');
    await app.page.locator(`#script .cue[data-cue="${narration.id}"]`).click();
    expect(await app.page.textContent('[data-testid="inspector-kind"]')).toBe('narration · Narrator');
    await app.page.click('#tab-cues');
    const row = app.page.locator(`[data-testid="cue-table"] tbody tr[data-cue="${narration.id}"] td`);
    expect(await row.nth(2).textContent()).toBe('Narrator');
    await app.page.click('[data-testid="cue-table"] [data-sort="speaker"]');
    const speakers = await app.page
      .locator('[data-testid="cue-table"] tbody tr')
      .evaluateAll((rows) => rows.map((r) => r.querySelectorAll('td')[2]?.textContent ?? ''));
    // Grouped: every Narrator row together, nobody's cues (headings, notes) last.
    const firstNarrator = speakers.indexOf('Narrator');
    const lastNarrator = speakers.lastIndexOf('Narrator');
    expect(speakers.slice(firstNarrator, lastNarrator + 1).every((s) => s === 'Narrator')).toBe(true);
    expect(speakers.slice(speakers.indexOf(''))).toEqual(speakers.slice(speakers.indexOf('')).map(() => ''));
    await app.screenshot('fresh-05-cue-table-narrator');
  });

  it('export: one file per chapter turns sidecars off and counts files; the output’s shape is said', async () => {
    await app.page.keyboard.press('Escape');
    await app.page.keyboard.press('Control+E');
    const form = '#export-dialog';
    const sidecars = app.page.locator(`${form} input[name="sidecars"]`);
    await app.page.selectOption(`${form} select[name="loudness"]`, 'none');
    if (!(await sidecars.isChecked())) await sidecars.check();
    await app.page.uncheck(`${form} input[name="lyricChapters"]`);
    await app.page.check(`${form} input[name="perChapter"]`);
    expect(await sidecars.isDisabled()).toBe(true);
    expect(await sidecars.isChecked()).toBe(false);
    const sheet = await sheetOf(app.page);
    const files = sheet.chapters.length;
    expect(await app.page.textContent('[data-testid="export-chapter-count"]')).toBe(
      `${files} file${files === 1 ? '' : 's'}, one per chapter`,
    );
    await app.screenshot('fresh-06-export-per-chapter');
    await app.page.uncheck(`${form} input[name="perChapter"]`);
    expect(await sidecars.isDisabled()).toBe(false);
    expect(await sidecars.isChecked()).toBe(true);
    expect(await app.page.textContent('[data-testid="export-chapter-count"]')).toMatch(/ in the file$/);
    // What the file will be, before anything runs.
    const rate = await app.page.evaluate(() => window.cuewrightApp!.store.project!.audio.sampleRate);
    const kHz = `${Number((rate / 1000).toFixed(2))} kHz`;
    await app.page.selectOption(`${form} select[name="format"]`, 'm4b');
    await app.page.selectOption(`${form} select[name="bitrate"]`, '');
    expect(await app.page.textContent('[data-testid="export-shape"]')).toBe(
      `Output: M4B, ${kHz}, channels as recorded, 64 kb/s if mono, 128 if stereo`,
    );
    await app.page.selectOption(`${form} select[name="loudness"]`, 'podcast-mono');
    expect(await app.page.textContent('[data-testid="export-shape"]')).toBe(
      'Output: M4B, 44.1 kHz, mono, 64 kb/s',
    );
    await app.page.selectOption(`${form} select[name="bitrate"]`, '96');
    expect(await app.page.textContent('[data-testid="export-shape"]')).toBe(
      'Output: M4B, 44.1 kHz, mono, 96 kb/s',
    );
    await app.page.selectOption(`${form} select[name="loudness"]`, 'none');
    await app.page.selectOption(`${form} select[name="sampleRate"]`, '22050');
    expect(await app.page.textContent('[data-testid="export-shape"]')).toBe(
      'Output: M4B, 22.05 kHz, channels as recorded, 96 kb/s',
    );
    await app.page.selectOption(`${form} select[name="sampleRate"]`, '');
    await app.page.selectOption(`${form} select[name="loudness"]`, 'podcast-mono');
    await app.page.selectOption(`${form} select[name="format"]`, 'flac');
    expect(await app.page.textContent('[data-testid="export-shape"]')).toBe(
      'Output: FLAC, 44.1 kHz, mono, lossless',
    );
    await app.screenshot('fresh-07-export-shape');
    await app.page.click('[data-testid="export-cancel"]');
  });

  it('the find bar leaves the first script line visible; the multi-cue placeholders fit', async () => {
    await app.page.click('#tab-script');
    await app.page.locator('#script').evaluate((script) => {
      script.scrollTop = 0;
    });
    await app.page.keyboard.press('Control+F');
    await app.page.keyboard.type('Spike');
    const bar = (await app.page.locator('.script-search').boundingBox())!;
    const first = (await app.page.locator('#script .cue').first().boundingBox())!;
    expect(first.y).toBeGreaterThanOrEqual(bar.y + bar.height);
    await app.screenshot('fresh-08-find-bar');
    await app.page.keyboard.press('Escape');
    await app.page.locator('#script').click({ position: { x: 5, y: 5 } });
    await app.page.keyboard.press('Control+A');
    // Each placeholder's text is as wide as its field at most (they were cut off mid-word).
    const overflow = await app.page.evaluate(() =>
      ['multi-offset', 'multi-speaker'].map((id) => {
        const field = document.querySelector<HTMLInputElement>(`[data-testid="${id}"]`)!;
        const style = getComputedStyle(field);
        const context = document.createElement('canvas').getContext('2d')!;
        context.font = style.font;
        const room =
          field.clientWidth - Number.parseFloat(style.paddingLeft) - Number.parseFloat(style.paddingRight);
        return {
          id,
          placeholder: field.placeholder,
          fits: context.measureText(field.placeholder).width <= room,
        };
      }),
    );
    for (const field of overflow) expect(field, field.placeholder).toMatchObject({ fits: true });
    await app.screenshot('fresh-09-multi-cue-placeholders');
  });

  it('one cue’s speaker: typed in the inspector, or Set speaker… from its menu; each one undo step', async () => {
    await app.page.keyboard.press('Escape');
    await app.page.click('#tab-script');
    const sheet = await sheetOf(app.page);
    const cue = sheet.cues.find((c, i) => i > 3 && c.kind === 'narration' && c.start !== undefined)!;
    const speakerOfCue = async () => (await sheetOf(app.page)).cues.find((c) => c.id === cue.id)!.speaker;
    await app.page.locator(`#script .cue[data-cue="${cue.id}"]`).click();
    const field = app.page.locator('[data-testid="cue-speaker"]');
    expect(await field.inputValue()).toBe('');
    expect(await field.getAttribute('placeholder')).toBe('Narrator');
    await field.fill('Mara');
    await field.press('Enter');
    expect(await speakerOfCue()).toBe('Mara');
    expect(await app.page.textContent('[data-testid="inspector-kind"]')).toBe('narration · Mara');
    expect(await app.page.textContent('#undo-label')).toBe('Undo: set speaker Mara');
    await app.screenshot('fresh-10-inspector-speaker');

    await app.page.locator(`#script .cue[data-cue="${cue.id}"]`).click({ button: 'right' });
    await app.page.click('[data-testid="context-menu"] button:has-text("Set speaker…")');
    expect(await app.page.inputValue('[data-testid="dialog-text"]')).toBe('Mara');
    await app.page.fill('[data-testid="dialog-text"]', 'Tom');
    await answer(app.page, 'ok');
    expect(await speakerOfCue()).toBe('Tom');
    await app.page.locator('#timeline').focus();
    await app.page.keyboard.press('Control+Z');
    expect(await speakerOfCue()).toBe('Mara');
    await app.page.keyboard.press('Control+Z');
    expect(await speakerOfCue()).toBeUndefined();
  });

  it('zoomed out past the fit with Ctrl+wheel, the waveform is drawn at the fit’s detail, as Shift+Z draws it', async () => {
    // The peaks' level (samples per pixel) the view asked for last.
    const level = () => app.page.evaluate(() => window.cuewrightApp!.waveform.peakDetail);
    await app.page.locator('#timeline').focus();
    await app.page.keyboard.press('Shift+Z');
    const zoom = () => app.page.evaluate(() => window.cuewrightApp!.waveform.zoomLevel);
    const fit = await zoom();
    await expect.poll(level).toBeDefined();
    const fitted = (await level())!;
    const box = (await app.page.locator('#waveform').boundingBox())!;
    await app.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await app.page.keyboard.down('Control');
    for (let i = 0; i < 3; i++) await app.page.mouse.wheel(0, -100);
    await expect.poll(zoom).toBeGreaterThan(fit);
    await expect.poll(level).toBeLessThan(fitted);
    for (let i = 0; i < 10; i++) await app.page.mouse.wheel(0, 100);
    await app.page.keyboard.up('Control');
    await expect.poll(level).toBe(fitted);
    await app.screenshot('fresh-11-wheel-out-10');
  });

  it('solo is a view: others dimmed on the timeline, the selection kept, a banner says how to leave', async () => {
    await app.page.click('#tab-script');
    const sheet = await sheetOf(app.page);
    const narration = sheet.cues.find((c, i) => i > 3 && c.kind === 'narration' && c.start !== undefined)!;
    const other = sheet.cues.find((c) => c.speaker !== undefined && c.start !== undefined)!;
    await app.page.locator('#timeline').focus();
    await app.page.keyboard.press('Shift+Z');
    await app.page.locator(`#script .cue[data-cue="${narration.id}"]`).click();
    await app.page.click('#tab-speakers');
    await app.page.click('[data-speaker="Narrator"] [data-action="solo"]');
    expect((await selectionOf(app.page)).cueIds).toEqual([narration.id]);
    expect(await app.page.isVisible('[data-testid="inspector-kind"]')).toBe(true);
    expect(await app.page.textContent('[data-testid="solo-banner"] span')).toBe(
      'Solo: Narrator — the other speakers are dimmed',
    );
    const opacity = (id: string) =>
      app.page
        .locator(`#waveform [part~="${id}"]`)
        .first()
        .evaluate((e) => Number(getComputedStyle(e).opacity));
    expect(await opacity(other.id)).toBeLessThan(0.5);
    expect(await opacity(narration.id)).toBe(1);
    await app.screenshot('fresh-12-solo');
    await app.page.click('[data-testid="solo-end"]');
    expect(await app.page.isHidden('[data-testid="solo-banner"]')).toBe(true);
    expect(await opacity(other.id)).toBe(1);
    expect(await app.page.locator('#script .cue.solo-out').count()).toBe(0);
  });

  it('one colour scheme: each speaker’s colour in the script, the Speakers list and the timeline’s legend; the selection is no speaker’s', async () => {
    await app.page.click('#tab-speakers');
    const swatches = await app.page
      .locator('[data-testid="speaker-list"] li')
      .evaluateAll((rows) =>
        rows.map((r) => [
          (r as HTMLElement).dataset.speaker!,
          getComputedStyle(r.querySelector('.swatch')!).backgroundColor,
        ]),
      );
    expect(swatches.map(([name]) => name)).toContain('Narrator');
    const legend = await app.page
      .locator('[data-testid="timeline-legend"] li')
      .evaluateAll((items) =>
        items.map((i) => [i.textContent!, getComputedStyle(i.querySelector('.swatch')!).backgroundColor]),
      );
    expect(await app.page.isVisible('[data-testid="timeline-legend"]')).toBe(true);
    for (const swatch of swatches) expect(legend).toContainEqual(swatch);
    // The script's badges wear their speaker's colour (they were all one brown).
    await app.page.click('#tab-script');
    const badges = await app.page
      .locator('#script .speaker')
      .evaluateAll((b) => b.map((e) => [e.textContent!, getComputedStyle(e).backgroundColor]));
    expect(badges.length).toBeGreaterThan(0);
    for (const badge of badges) expect(swatches).toContainEqual(badge);
    // The selection: a near-white with no hue, every speaker a hue of its own.
    const saturation = (css: string) => {
      const [r, g, b] = css
        .match(/[\d.]+/g)!
        .slice(0, 3)
        .map(Number) as [number, number, number];
      const max = Math.max(r, g, b);
      return max === 0 ? 0 : (max - Math.min(r, g, b)) / max;
    };
    const selected = legend.find(([name]) => name === 'Selected')![1]!;
    expect(saturation(selected)).toBeLessThan(0.1);
    for (const [name, color] of swatches) expect(saturation(color!), name).toBeGreaterThan(0.3);
    await app.screenshot('fresh-13-one-colour-scheme');
  });

  it('while a file pick waits on the server (serve mode), the page says so; the answer clears it', async () => {
    // The user takes their time in the terminal: the pick answers when released.
    let release: (path: string | undefined) => void = () => undefined;
    app.picker.pick = () => new Promise((resolve) => (release = resolve));
    try {
      await app.page.locator('#script').click({ position: { x: 5, y: 5 } });
      await app.page.keyboard.press('Control+O');
      const banner = app.page.locator('[data-testid="pick-waiting"]');
      await banner.waitFor({ state: 'visible' });
      expect(await banner.textContent()).toMatch(/^Waiting for a file choice…/);
      await app.screenshot('fresh-14-pick-waiting');
      release(undefined);
      await banner.waitFor({ state: 'hidden' });
    } finally {
      // Back to the scripted answers.
      Reflect.deleteProperty(app.picker, 'pick');
    }
  });
});
