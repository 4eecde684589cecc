import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer, noticeTexts, question, selectionOf, sheetOf } from '../support/app-dialog.ts';
import { type AppSession, openReadyApp } from '../support/app-session.ts';
import { requireTools } from '../support/required-tools.ts';

// Issue 14, "keys and focus behave as in every desktop app": Enter and Space press a focused
// button (they ran Play); letters typed into the script change nothing they should not (typing
// "XYZ" confirmed a cue); a text field keeps its keys, but the app's Ctrl commands still work
// there; shift-click selects cues, not text; Enter on a range plays the whole range.

requireTools('the app is driven in Debian’s chromium', 'chromium');

describe('keys and focus', () => {
  let app: AppSession;
  const playing = () => app.page.evaluate(() => window.cuewrightApp!.playback.playing);
  const zoom = () => app.page.evaluate(() => window.cuewrightApp!.waveform.zoomLevel);

  beforeAll(async () => {
    app = await openReadyApp();
  }, 150_000);

  afterAll(async () => {
    await app?.close();
  });

  it('Enter and Space press the focused toolbar button, and do not play', async () => {
    const before = await zoom();
    await app.page.focus('#zoom-in');
    await app.page.keyboard.press('Enter');
    await expect.poll(zoom).toBeCloseTo(before * 1.5, 3);
    await app.page.focus('#zoom-out');
    await app.page.keyboard.press('Space');
    await expect.poll(zoom).toBeCloseTo(before, 3);
    expect(await playing()).toBe(false);
    await app.screenshot('50-toolbar-button-focused');
    // A click does not leave the focus on the button: Space then plays, as everywhere else.
    await app.page.click('#zoom-in');
    expect(await app.page.evaluate(() => document.activeElement?.id ?? '')).not.toBe('zoom-in');
    await app.page.click('#zoom-out');
  });

  it('typing into the script changes nothing: Y confirms only a cue waiting for review', async () => {
    const sheet = await sheetOf(app.page);
    const cue = sheet.cues.find((c, i) => i > 4 && c.kind === 'narration' && c.confidence === 1)!;
    const undo = await app.page.locator('#undo-label').textContent();
    await app.page.locator(`#script .cue[data-cue="${cue.id}"]`).click();
    // Letters that are no shortcut around the Y (X marks not recorded, Z zooms: both act, by design).
    await app.page.keyboard.type('QYU');
    expect(await sheetOf(app.page)).toEqual(sheet);
    expect(await app.page.locator('#undo-label').textContent()).toBe(undo);
    expect(await noticeTexts(app.page)).toContain('this cue is not waiting for review: nothing to confirm');
  });

  it('in a text field letters and Space are typed, and Ctrl+S still saves', async () => {
    const sheet = await sheetOf(app.page);
    const cue = sheet.cues.find((c, i) => i > 4 && c.kind === 'narration')!;
    await app.page.locator(`#script .cue[data-cue="${cue.id}"]`).click();
    const title = app.page.locator('[data-testid="chapter-title"]');
    await title.click();
    await app.page.keyboard.press('End');
    await app.page.keyboard.type(' Smile');
    expect(await title.inputValue()).toBe(`${sheet.chapters[0]!.title} Smile`);
    expect(await playing()).toBe(false);
    expect((await sheetOf(app.page)).cues.length).toBe(sheet.cues.length);
    const picks = app.picker.asked.length;
    app.picker.answers.push(undefined);
    await app.page.keyboard.press('Control+S');
    await expect.poll(() => app.picker.asked.length).toBe(picks + 1);
    expect(app.picker.asked.at(-1)!.purpose).toBe('save-project');
    await title.fill(sheet.chapters[0]!.title);
    await app.page.keyboard.press('Escape');
  });

  it('F1 lists every shortcut', async () => {
    await app.page.keyboard.press('F1');
    const asked = await question(app.page);
    expect(asked.title).toBe('Keyboard shortcuts');
    const rows = await app.page
      .locator('#app-dialog table.shortcuts tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(rows).toContainEqual(['Ctrl+Shift+A', 'Align all']);
    expect(rows).toContainEqual(['Space', 'Play / pause']);
    expect(rows).toContainEqual(['Alt+Shift+←', 'End earlier 100 ms']);
    await app.screenshot('52-shortcuts');
    await answer(app.page, 'ok');
  });

  it('shift-click selects a range of cues and no text; Enter plays the whole range', async () => {
    const sheet = await sheetOf(app.page);
    // Two placed cues one after the other, short enough to hear both.
    const i = sheet.cues.findIndex((c, k) => {
      const next = sheet.cues[k + 1];
      return k > 3 && c.start !== undefined && next?.end !== undefined && next.end - c.start < 10;
    });
    const [first, second] = [sheet.cues[i]!, sheet.cues[i + 1]!];
    await app.page.locator(`#script .cue[data-cue="${first.id}"]`).click();
    await app.page.locator(`#script .cue[data-cue="${second.id}"]`).click({ modifiers: ['Shift'] });
    expect((await selectionOf(app.page)).cueIds).toEqual([first.id, second.id]);
    expect(await app.page.evaluate(() => window.getSelection()?.toString() ?? '')).toBe('');
    await app.screenshot('51-range-selected');
    await app.page.keyboard.press('Enter');
    await app.page.waitForSelector(`#script .cue.current[data-cue="${second.id}"]`, { timeout: 20_000 });
    await expect.poll(playing, { timeout: 20_000 }).toBe(false);
    const time = await app.page.evaluate(() => window.cuewrightApp!.playback.time);
    // With the post-roll (1 s by default) after the range's end.
    expect(time).toBeGreaterThan(second.end! + 0.7);
    expect(time).toBeLessThan(second.end! + 1.5);
  });
});
