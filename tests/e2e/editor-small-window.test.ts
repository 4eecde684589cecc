import { describe, expect, it } from 'vitest';
import type {} from '../../renderer/src/main.ts';
import { sheetOf } from '../support/app-dialog.ts';
import { type AppSession, readyAppForSuite } from '../support/app-session.ts';
import { requireTools } from '../support/required-tools.ts';

// Issue 15, the editor in a laptop's window (1280x800, 1024x768): the top bar wrapped onto two
// rows below about 1400 px, and the export dialog, taller than the window, scrolled its Export
// and Close buttons out of sight. Now the top bar is one row whose overflow is a More menu (each
// command there with its keys, nothing out of reach), and the dialog's buttons stay in view while
// its choices scroll. The sample production in Debian's Chromium.

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
});
