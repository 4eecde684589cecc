import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type {} from '../../renderer/src/main.ts';
import { sheetOf } from '../support/app-dialog.ts';
import { type AppSession, readyAppForSuite } from '../support/app-session.ts';
import { requireTools } from '../support/required-tools.ts';
import { tempDir } from '../support/signals.ts';

// Issue 15, the editor in a laptop's window (1280x800, 1024x768): the top bar wrapped onto two
// rows below about 1400 px, and the export dialog, taller than the window, scrolled its Export
// and Close buttons out of sight. Now the top bar is one row whose overflow is a More menu (each
// command there with its keys, nothing out of reach), and the dialog's buttons stay in view while
// its choices scroll. The sample production in Debian's Chromium.
// The transport bar under it wrapped too, below about 1306 px (the zoom on a second row at 1280,
// Speed onwards at 1024): now it is one row, compact (captions dropped, the meter narrowed), its
// buttons folding last first into a More menu of its own. And an export's progress brought its
// message back into view at each tick, pulling down a user who had scrolled up the dialog.

requireTools('the app is driven in Debian’s chromium', 'chromium');

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1024, height: 768 },
];

describe('the editor in a small window', () => {
  let app: AppSession;
  readyAppForSuite((opened) => {
    app = opened;
  });

  /** Every top-bar command: its label and keys, and where its button is (undefined: not shown). */
  const topBar = () =>
    app.page.locator('#toolbar [role="group"] button').evaluateAll((buttons) =>
      buttons.map((b) => {
        const r = b.getBoundingClientRect();
        const shown = (b as HTMLElement).offsetParent !== null;
        return {
          label: b.textContent!,
          title: (b as HTMLElement).title,
          box: shown ? { left: r.left, right: r.right, top: r.top, bottom: r.bottom } : undefined,
        };
      }),
    );
  const menuItems = () =>
    app.page
      .locator('[data-testid="toolbar-more-menu"] [role="menuitem"]')
      .evaluateAll((items) =>
        items.map((i) => [i.querySelector('span')!.textContent!, i.querySelector('kbd')!.textContent!]),
      );

  it('keeps the top bar on one row; the commands that do not fit are in its More menu with their keys', async () => {
    const page = app.page;
    // At 1400 px everything fits: no More.
    expect(await page.isHidden('#toolbar-more')).toBe(true);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await expect.poll(() => page.isVisible('#toolbar-more')).toBe(true);
      const bar = await page.locator('#toolbar').boundingBox();
      expect(bar!.height).toBeLessThan(40);
      const commands = await topBar();
      const shown = commands.filter((c) => c.box);
      const more = (await page.locator('#toolbar-more').boundingBox())!;
      // One row, all of it inside the window.
      for (const { box } of shown) {
        expect(box!.top).toBeCloseTo(more.y, 0);
        expect(box!.right).toBeLessThanOrEqual(more.x);
      }
      expect(more.x + more.width).toBeLessThanOrEqual(size.width);
      // What is not shown is in the menu, in the bar's order, with the keys its tooltip names.
      const folded = commands.filter((c) => !c.box);
      expect(folded.length).toBeGreaterThan(0);
      expect(await page.getAttribute('#toolbar-more', 'title')).toBe(
        `More commands: ${folded.map((c) => c.label.replace(/…$/, '')).join(', ')}`,
      );
      await page.click('#toolbar-more');
      expect(await page.getAttribute('#toolbar-more', 'aria-expanded')).toBe('true');
      const items = await menuItems();
      expect(items.map(([label]) => label)).toEqual(folded.map((c) => c.label));
      expect(items.map(([, keys]) => keys)).toEqual(
        folded.map((c) => /\(([^)]*)\)$/.exec(c.title)?.[1] ?? ''),
      );
      const menuBox = (await page.locator('[data-testid="toolbar-more-menu"]').boundingBox())!;
      expect(menuBox.x + menuBox.width).toBeLessThanOrEqual(size.width);
      expect(menuBox.y + menuBox.height).toBeLessThanOrEqual(size.height);
      await app.screenshot(`84-top-bar-more-${size.width}`);
      await page.keyboard.press('Escape');
      expect(await page.isHidden('[data-testid="toolbar-more-menu"]')).toBe(true);
      expect(await page.getAttribute('#toolbar-more', 'aria-expanded')).toBe('false');
    }
  });

  it('runs a command from the More menu, by mouse and by keyboard', async () => {
    const page = app.page;
    await page.setViewportSize(SIZES[1]!);
    // A cue waiting for review, selected: Confirm cue (folded at 1024 px) can act on it.
    const sheet = await sheetOf(page);
    const cue = sheet.cues.find((c, i) => i > 3 && c.kind === 'narration' && c.start !== undefined)!;
    await page.evaluate((id) => {
      window.cuewrightApp!.store.edit('align', (s) => ({
        ...s,
        cues: s.cues.map((c) => (c.id === id ? { ...c, confidence: 0.5, review: 'squeezed' } : c)),
      }));
    }, cue.id);
    await page.locator(`#script .cue[data-cue="${cue.id}"]`).click();
    await page.click('#toolbar-more');
    const confirm = page.locator('[data-testid="toolbar-more-menu"] [role="menuitem"]', {
      hasText: 'Confirm cue',
    });
    expect(await confirm.textContent()).toBe('Confirm cueY');
    expect(await confirm.isDisabled()).toBe(false);
    await confirm.click();
    expect((await sheetOf(page)).cues.find((c) => c.id === cue.id)!.review).toBeUndefined();
    expect(await page.isHidden('[data-testid="toolbar-more-menu"]')).toBe(true);
    await page.keyboard.press('Control+Z');
    await page.keyboard.press('Control+Z');
    expect(await sheetOf(page)).toEqual(sheet);
    // The keyboard: More takes the focus, Enter opens its menu on its first item, Escape gives
    // the focus back.
    await page.focus('#toolbar-more');
    await page.keyboard.press('Enter');
    expect(await page.isVisible('[data-testid="toolbar-more-menu"]')).toBe(true);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('menuitem');
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('toolbar-more');
    // Wide again: every button back on the bar, no More.
    await page.setViewportSize({ width: 1400, height: 850 });
    await expect.poll(() => page.isHidden('#toolbar-more')).toBe(true);
    expect((await topBar()).every((c) => c.box)).toBe(true);
  });

  it('keeps the export dialog’s buttons in view while its choices scroll', async () => {
    const page = app.page;
    const form = page.locator('#export-dialog form');
    /** Whether the button is where the user can click it: inside the window and on top there. */
    const reachable = (testid: string) =>
      page
        .locator(testid === 'export-result' ? '.export-result' : `[data-testid="${testid}"]`)
        .evaluate((b) => {
          const r = b.getBoundingClientRect();
          const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
          return r.top >= 0 && r.bottom <= window.innerHeight && hit !== null && b.contains(hit);
        });
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.locator('#script').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('Control+E');
      await page.waitForSelector('#export-dialog[open]');
      // The choices are taller than the dialog: they scroll.
      const scroll = await form.evaluate((f) => ({ height: f.scrollHeight, shown: f.clientHeight }));
      expect(scroll.height).toBeGreaterThan(scroll.shown);
      for (const at of ['top', 'bottom'] as const) {
        await form.evaluate((f, to) => f.scrollTo({ top: to === 'top' ? 0 : f.scrollHeight }), at);
        expect(await reachable('export-start')).toBe(true);
        expect(await reachable('export-cancel')).toBe(true);
        if (at === 'top') await app.screenshot(`85-export-dialog-${size.width}`);
      }
      // What Export says comes into view above the buttons, though the choices were scrolled to
      // the top (a refusal here: room tone out of range, said before any file is chosen).
      await page.check('input[name="perChapter"]');
      await page.fill('input[name="roomTone"]', '9');
      await form.evaluate((f) => f.scrollTo({ top: 0 }));
      await page.click('[data-testid="export-start"]');
      await expect
        .poll(() => page.textContent('.export-result'))
        .toBe('Room tone must be 1 to 5 seconds (not "9").');
      await expect.poll(() => reachable('export-result')).toBe(true);
      if (size.width === 1024) await app.screenshot('86-export-dialog-said-1024');
      await page.fill('input[name="roomTone"]', '2');
      await page.uncheck('input[name="perChapter"]');
      const dialog = (await page.locator('#export-dialog').boundingBox())!;
      expect(dialog.y + dialog.height).toBeLessThanOrEqual(size.height);
      await page.click('[data-testid="export-cancel"]');
      expect(await page.locator('#export-dialog[open]').count()).toBe(0);
    }
    await page.setViewportSize({ width: 1400, height: 850 });
  });
  /** Every control of the transport bar, and where it is (undefined: not shown). */
  const transportBar = () =>
    app.page
      .locator(
        '#transport [role="group"] button, #time, #speed, #pre-roll, #post-roll, #transport .level-bars, #clip-indicator, #loudness',
      )
      .evaluateAll((controls) =>
        controls.map((c) => {
          const r = c.getBoundingClientRect();
          const shown = (c as HTMLElement).offsetParent !== null;
          return {
            id: c.id || c.className,
            command: c.closest('[role="group"]') !== null,
            label: c.getAttribute('aria-label') ?? c.textContent!,
            title: (c as HTMLElement).title,
            box: shown ? { left: r.left, right: r.right, top: r.top, bottom: r.bottom } : undefined,
          };
        }),
      );
  const zoomLevel = () => app.page.evaluate(() => window.cuewrightApp!.waveform.zoomLevel);

  it('keeps the transport bar on one row: compact, its buttons that do not fit in its own More menu', async () => {
    const page = app.page;
    await page.setViewportSize({ width: 1400, height: 850 });
    await expect.poll(() => page.isHidden('#transport-more')).toBe(true);
    expect(await page.locator('#transport.compact').count()).toBe(0);
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await expect
        .poll(async () => (await page.locator('#transport').boundingBox())!.height)
        .toBeLessThan(40);
      const bar = (await page.locator('#transport').boundingBox())!;
      // Compact: the Speed and Zoom captions go (the list keeps its name), the meter is narrower.
      expect(await page.locator('#transport.compact').count()).toBe(1);
      expect(await page.isHidden('#transport .setting-name')).toBe(true);
      expect(await page.getAttribute('#speed', 'aria-label')).toBe('Speed');
      expect(await page.getAttribute('#speed', 'title')).toBe('Playback speed (the pitch is kept)');
      const moreShown = await page.isVisible('#transport-more');
      const more = moreShown ? (await page.locator('#transport-more').boundingBox())! : undefined;
      const end = more ? more.x : size.width;
      const controls = await transportBar();
      // Every setting, the clock and the meter are shown, and the playback commands: one row,
      // inside the window, left of More.
      for (const c of controls) {
        if (!c.command || ['play', 'play-cue', 'loop-cue', 'stop'].includes(c.id))
          expect(c.box, `${c.id} shown`).toBeDefined();
        if (!c.box) continue;
        expect(c.box.top, c.id).toBeGreaterThanOrEqual(bar.y);
        expect(c.box.bottom, c.id).toBeLessThanOrEqual(bar.y + bar.height);
        expect(c.box.right, c.id).toBeLessThanOrEqual(end);
      }
      // Every button shown keeps its tooltip with its keys.
      for (const c of controls.filter((c) => c.command)) expect(c.title.startsWith(c.label)).toBe(true);
      const folded = controls.filter((c) => c.command && !c.box);
      if (size.width === 1280) {
        // Compact is enough: everything on the bar, no More.
        expect(moreShown).toBe(false);
        expect(folded).toEqual([]);
        await app.screenshot('87-transport-1280');
        continue;
      }
      // At 1024 px the zoom is in the bar's More menu, in the bar's order, with its keys.
      expect(more!.x + more!.width).toBeLessThanOrEqual(size.width);
      expect(folded.map((c) => c.id)).toEqual(['zoom-in', 'zoom-out', 'zoom-selection', 'zoom-fit']);
      expect(await page.getAttribute('#transport-more', 'title')).toBe(
        `More transport commands: ${folded.map((c) => c.label).join(', ')}`,
      );
      await page.click('#transport-more');
      const menu = page.locator('[data-testid="transport-more-menu"]');
      const items = await menu
        .locator('[role="menuitem"]')
        .evaluateAll((items) =>
          items.map((i) => [
            i.querySelector('span')!.textContent!,
            i.querySelector('kbd')!.textContent!,
            (i as HTMLElement).title,
          ]),
        );
      expect(items.map(([label]) => label)).toEqual(folded.map((c) => c.label));
      expect(items.map(([, keys]) => keys)).toEqual(
        folded.map((c) => /\(([^)]*)\)$/.exec(c.title)?.[1] ?? ''),
      );
      expect(items.map(([, , title]) => title)).toEqual(folded.map((c) => c.title));
      const menuBox = (await menu.boundingBox())!;
      expect(menuBox.x + menuBox.width).toBeLessThanOrEqual(size.width);
      await app.screenshot('88-transport-more-1024');
      // Zoom in from the menu zooms in; its keys still work with its button folded away.
      const before = await zoomLevel();
      await menu.locator('[role="menuitem"]', { hasText: 'Zoom in' }).click();
      expect(await page.isHidden('[data-testid="transport-more-menu"]')).toBe(true);
      expect(await zoomLevel()).toBeCloseTo(before * 1.5, 3);
      await page.locator('#script').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('-');
      expect(await zoomLevel()).toBeCloseTo(before, 3);
      // Playing, the loudness readout fills with figures: two lines, the bar still one row.
      await page.keyboard.press('Space');
      await expect
        .poll(() => page.getAttribute('#loudness', 'data-momentary'), { timeout: 20_000 })
        .toMatch(/^-?\d/);
      await expect.poll(() => page.textContent('#loudness')).toMatch(/^M -?\d+\.\d {2}S /);
      expect((await page.locator('#transport').boundingBox())!.height).toBeLessThan(40);
      const readout = await page
        .locator('#loudness')
        .evaluate((e) => ({ wide: e.scrollWidth - e.clientWidth, tall: e.scrollHeight - e.clientHeight }));
      expect(readout).toEqual({ wide: 0, tall: 0 });
      // M and S on its first line, I under them.
      const lines = await page
        .locator('#loudness > span')
        .evaluateAll((spans) => spans.map((s) => Math.round(s.getBoundingClientRect().top)));
      expect(lines[0]).toBe(lines[1]);
      expect(lines[2]).toBeGreaterThan(lines[0]!);
      await app.screenshot('89-transport-playing-1024');
      await page.keyboard.press('Space');
    }
    // Wide again: not compact, every button on the bar.
    await page.setViewportSize({ width: 1400, height: 850 });
    await expect.poll(() => page.isHidden('#transport-more')).toBe(true);
    expect(await page.locator('#transport.compact').count()).toBe(0);
    expect((await transportBar()).every((c) => c.box)).toBe(true);
  });

  it('brings the export’s progress into view when it starts, and leaves there a user who scrolled up', async () => {
    const page = app.page;
    const work = tempDir('small-window');
    const output = join(work, 'scrolled.mp3');
    await page.setViewportSize(SIZES[1]!);
    await page.locator('#script').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Control+E');
    await page.waitForSelector('#export-dialog[open]');
    await page.selectOption('#export-dialog select[name="format"]', 'mp3');
    const form = page.locator('#export-dialog form');
    // The user: at each progress tick (after the dialog has had it) the choices are scrolled to
    // the top, and where they stood since the tick before is noted.
    await page.evaluate(() => {
      const seen = { first: -1, since: [] as number[] };
      (window as unknown as { scrolled: typeof seen }).scrolled = seen;
      const form = document.querySelector('#export-dialog form')!;
      window.cuewrightApp!.api.onEvent((event) => {
        if (event.type !== 'progress' || event.task !== 'export') return;
        if (seen.first < 0) seen.first = form.scrollTop;
        else seen.since.push(form.scrollTop);
        form.scrollTop = 0;
      });
    });
    await form.evaluate((f) => f.scrollTo({ top: 0 }));
    app.picker.answers.push(output);
    await page.click('[data-testid="export-start"]');
    const scrolled = () =>
      page.evaluate(() => (window as unknown as { scrolled: { first: number; since: number[] } }).scrolled);
    await expect.poll(async () => (await scrolled()).since.length, { timeout: 60_000 }).toBeGreaterThan(2);
    // The first figure came into view (the choices were at the top), the later ones left the
    // user at the top: each tick pulled the dialog down before.
    expect((await scrolled()).since.filter((top) => top !== 0)).toEqual([]);
    expect((await scrolled()).first).toBeGreaterThan(0);
    expect(await page.textContent('.export-result')).toMatch(/^(measuring|encoding)… \d+ %$/);
    await page.click('[data-testid="export-cancel"]');
    await expect
      .poll(() => page.textContent('.export-result'), { timeout: 60_000 })
      .toBe('Export cancelled: no file was written.');
    // The cancellation, another kind of message, comes into view.
    await expect
      .poll(() =>
        page.locator('.export-result').evaluate((r) => {
          const box = r.getBoundingClientRect();
          const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
          return box.bottom <= window.innerHeight && hit !== null && r.contains(hit);
        }),
      )
      .toBe(true);
    await app.screenshot('90-export-cancelled-1024');
    expect(existsSync(output)).toBe(false);
    await page.click('[data-testid="export-cancel"]');
    await page.setViewportSize({ width: 1400, height: 850 });
  });
});
