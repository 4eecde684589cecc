import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {} from '../../renderer/src/main.ts';
import { noticeTexts, selectionOf, sheetOf } from '../support/app-dialog.ts';
import { type AppSession, openReadyApp } from '../support/app-session.ts';
import { requireTools } from '../support/required-tools.ts';

// Issue 15 part A, the transport: Home/End, the clock that takes a typed time or cue number,
// the J/K/L shuttle, the speed with the pitch kept, Stop returning to where play began, the
// pre-roll and post-roll around Play cue, and the loop's state shown on its button. The real
// sample production plays in Chromium; positions are read from the page.

requireTools('the app is driven in Debian’s chromium', 'chromium');

describe('the transport', () => {
  let app: AppSession;
  const time = () => app.page.evaluate(() => window.cuewrightApp!.playback.time);
  const playing = () => app.page.evaluate(() => window.cuewrightApp!.playback.playing);
  const rate = () => app.page.evaluate(() => window.cuewrightApp!.playback.media.playbackRate);
  const duration = () => app.page.evaluate(() => window.cuewrightApp!.store.project!.audio.duration);
  const pause = () => app.page.evaluate(() => window.cuewrightApp!.playback.pause());

  beforeAll(async () => {
    app = await openReadyApp();
  }, 150_000);

  afterAll(async () => {
    await app?.close();
  });

  it('Home and End go to the very start and the very end, the playhead in view at 1280 px', async () => {
    // Where the playheads stand, against the boxes that show them and the window.
    const marks = () =>
      app.page.evaluate(() => {
        const root = document.querySelector('#waveform > div')!.shadowRoot!;
        const edges = (e: Element) => {
          const r = e.getBoundingClientRect();
          return { left: r.left, right: r.right };
        };
        return {
          window: window.innerWidth,
          view: edges(root.querySelector('.scroll')!),
          cursor: edges(root.querySelector('.cursor')!),
          strip: edges(document.querySelector('#minimap')!),
          stripHead: edges(document.querySelector('.overview-playhead')!),
        };
      });
    const inView = (m: Awaited<ReturnType<typeof marks>>) => {
      for (const [mark, box] of [
        [m.cursor, m.view],
        [m.stripHead, m.strip],
      ] as const) {
        expect(mark.right - mark.left).toBeGreaterThan(1);
        expect(mark.left).toBeGreaterThanOrEqual(box.left);
        expect(mark.right).toBeLessThanOrEqual(box.right);
        expect(mark.right).toBeLessThanOrEqual(m.window);
      }
    };
    await app.page.setViewportSize({ width: 1280, height: 800 });
    const end = await app.page.evaluate(() => window.cuewrightApp!.playback.media.duration);
    expect(end).toBeCloseTo(await duration(), 3);
    await app.page.locator('#script').click({ position: { x: 5, y: 5 } });
    await app.page.keyboard.press('End');
    // Exactly the end: the element under it keeps its time to the microsecond only.
    await expect.poll(time).toBe(end);
    await expect.poll(() => app.page.textContent('#time')).toMatch(/^(\S+) \/ \1$/);
    const atEnd = await marks();
    expect(atEnd.cursor.right).toBeCloseTo(atEnd.view.right, 0);
    expect(atEnd.stripHead.right).toBeCloseTo(atEnd.strip.right, 0);
    inView(atEnd);
    await app.screenshot('69-transport-end');
    await app.page.keyboard.press('Home');
    await expect.poll(time).toBe(0);
    await expect.poll(() => app.page.textContent('#time')).toMatch(/^00:00:00\.000 \/ /);
    const atStart = await marks();
    expect(atStart.cursor.left).toBeCloseTo(atStart.view.left, 0);
    expect(atStart.stripHead.left).toBeCloseTo(atStart.strip.left, 0);
    inView(atStart);
    await app.page.setViewportSize({ width: 1400, height: 850 });
  });

  it('the clock takes a typed time or a cue number, and refuses anything else', async () => {
    await app.page.click('#time');
    const entry = app.page.locator('#time-entry');
    expect(await entry.isVisible()).toBe(true);
    await entry.fill('0:01:02.500');
    await entry.press('Enter');
    await expect.poll(time).toBeCloseTo(62.5, 2);
    expect(await entry.isVisible()).toBe(false);
    await expect.poll(() => app.page.locator('#time').textContent()).toMatch(/^00:01:02\.500 \/ /);

    const sheet = await sheetOf(app.page);
    await app.page.keyboard.press('Control+G');
    await entry.fill('#7');
    await entry.press('Enter');
    expect((await selectionOf(app.page)).cueIds).toEqual([sheet.cues[6]!.id]);
    await expect.poll(time).toBeCloseTo(sheet.cues[6]!.start!, 2);

    await app.page.click('#time');
    await entry.fill('soon');
    await entry.press('Enter');
    expect(await noticeTexts(app.page)).toContain(
      '"soon" is not a time (like 1:02:03.500 or 75.5 seconds) or a cue (like #12)',
    );
    await entry.fill(`#${sheet.cues.length + 5}`);
    await entry.press('Enter');
    expect(await noticeTexts(app.page)).toContain(
      `there is no cue ${sheet.cues.length + 5}: the script has ${sheet.cues.length}`,
    );
    await app.screenshot('70-transport-go-to');
    await entry.press('Escape');
    expect(await app.page.locator('#time').isVisible()).toBe(true);
    await expect.poll(time).toBeCloseTo(sheet.cues[6]!.start!, 2);
  });

  it('the speed plays faster or slower with the pitch kept', async () => {
    await app.page.selectOption('#speed', '1.5');
    expect(await rate()).toBe(1.5);
    expect(await app.page.evaluate(() => window.cuewrightApp!.playback.media.preservesPitch)).toBe(true);
    await app.page.selectOption('#speed', '0.75');
    expect(await rate()).toBe(0.75);
    await app.page.selectOption('#speed', '1');
    expect(await rate()).toBe(1);
  });

  it('J, K and L shuttle: L plays and each L goes faster, K stops at the speed chosen, J steps back', async () => {
    await app.page.locator('#script').click({ position: { x: 5, y: 5 } });
    await app.page.keyboard.press('L');
    await expect.poll(playing).toBe(true);
    expect(await rate()).toBe(1);
    await app.page.keyboard.press('L');
    expect(await rate()).toBe(1.5);
    await app.page.keyboard.press('L');
    expect(await rate()).toBe(2);
    await app.page.keyboard.press('K');
    await expect.poll(playing).toBe(false);
    expect(await rate()).toBe(1);
    const at = await time();
    await app.page.keyboard.press('J');
    expect(await time()).toBeCloseTo(Math.max(0, at - 2), 2);
    // Twice as far on the next press in a row.
    const next = await time();
    await app.page.keyboard.press('J');
    expect(await time()).toBeCloseTo(Math.max(0, next - 4), 2);
  });

  it('Stop returns the playhead to where playing began', async () => {
    await app.page.evaluate(() => window.cuewrightApp!.playback.seek(30));
    await app.page.click('#play');
    await expect.poll(time, { timeout: 20_000 }).toBeGreaterThan(30.5);
    await app.page.click('#stop');
    await expect.poll(playing).toBe(false);
    await expect.poll(time).toBeCloseTo(30, 1);
  });

  it('Play cue plays the rolls around the cue (1 s before and after by default)', async () => {
    const sheet = await sheetOf(app.page);
    const cue = sheet.cues.find((c, k) => k > 3 && c.start! > 5 && c.end! - c.start! < 6)!;
    await app.page.locator(`#script .cue[data-cue="${cue.id}"]`).click();
    await app.page.keyboard.press('Enter');
    await expect.poll(playing).toBe(true);
    const first = await time();
    expect(first).toBeLessThan(cue.start!);
    expect(first).toBeGreaterThanOrEqual(cue.start! - 1.05);
    await expect.poll(playing, { timeout: 30_000 }).toBe(false);
    expect(await time()).toBeGreaterThan(cue.end! + 0.7);
    expect(await time()).toBeLessThan(cue.end! + 1.5);

    // No rolls: the cue alone.
    await app.page.fill('#pre-roll', '0');
    await app.page.fill('#post-roll', '0');
    await app.page.locator('#post-roll').press('Tab');
    await app.page.locator(`#script .cue[data-cue="${cue.id}"]`).click();
    await app.page.keyboard.press('Enter');
    await expect.poll(playing).toBe(true);
    expect(await time()).toBeGreaterThanOrEqual(cue.start! - 0.05);
    await expect.poll(playing, { timeout: 30_000 }).toBe(false);
    expect(await time()).toBeLessThan(cue.end! + 0.5);
    // A roll out of range is refused with its reason, and the field shows the roll kept.
    await app.page.fill('#pre-roll', '30');
    await app.page.locator('#pre-roll').press('Tab');
    expect(await noticeTexts(app.page)).toContain('pre-roll must be between 0 and 10 s, not 30');
    expect(await app.page.inputValue('#pre-roll')).toBe('0');
    await app.page.fill('#pre-roll', '1');
    await app.page.fill('#post-roll', '1');
    await app.page.locator('#post-roll').press('Tab');
  });

  it('shows the loop on its button while a cue loops', async () => {
    const sheet = await sheetOf(app.page);
    const cue = sheet.cues.find((c, k) => k > 3 && c.start !== undefined && c.end! - c.start! > 2)!;
    await app.page.locator(`#script .cue[data-cue="${cue.id}"]`).click();
    expect(await app.page.getAttribute('#loop-cue', 'aria-pressed')).toBe('false');
    await app.page.click('#loop-cue');
    await expect.poll(() => app.page.getAttribute('#loop-cue', 'aria-pressed')).toBe('true');
    await expect.poll(playing).toBe(true);
    await app.screenshot('71-transport-looping');
    await app.page.click('#loop-cue');
    await expect.poll(() => app.page.getAttribute('#loop-cue', 'aria-pressed')).toBe('false');
    await pause();
    expect(app.errors).toEqual([]);
  });
});
