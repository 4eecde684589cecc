import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {} from '../../renderer/src/main.ts';
import { sheetOf } from '../support/app-dialog.ts';
import { type AppSession, openReadyApp } from '../support/app-session.ts';
import { requireTools } from '../support/required-tools.ts';

// Issue 15 part A, the editor's layout: a compact top bar grouped File | Edit | Cue | Review whose
// tooltips carry the keys and whose buttons are disabled when their command cannot act; a
// transport bar; a tabbed side area other panels add to; the timeline and the side area sized by
// splitters; the inspector as tall as what it shows; F6 going round the areas.

requireTools('the app is driven in Debian’s chromium', 'chromium');

describe('the editor layout', () => {
  let app: AppSession;
  const box = (selector: string) =>
    app.page.locator(selector).evaluate((e) => {
      const r = e.getBoundingClientRect();
      return { x: r.x, y: r.y, width: r.width, height: r.height };
    });

  beforeAll(async () => {
    app = await openReadyApp();
  }, 150_000);

  afterAll(async () => {
    await app?.close();
  });

  it('groups the top bar File | Edit | Cue | Review, with each command’s keys in its tooltip', async () => {
    const groups = await app.page
      .locator('#toolbar [role="group"]')
      .evaluateAll((els) =>
        els.map((g) => [g.getAttribute('aria-label'), [...g.querySelectorAll('button')].map((b) => b.id)]),
      );
    expect(groups.map(([name]) => name)).toEqual(['File', 'Edit', 'Cue', 'Review']);
    expect(Object.fromEntries(groups)).toMatchObject({
      File: ['new', 'open', 'save', 'export'],
      Edit: ['undo', 'redo'],
      Review: ['review', 'confirm', 'align-range'],
    });
    expect(await app.page.getAttribute('#save', 'title')).toBe('Save (Ctrl+S)');
    expect(await app.page.getAttribute('#redo', 'title')).toBe(
      'Redo: nothing to redo (Ctrl+Shift+Z, Ctrl+Y)',
    );
    // Play, Play cue and the zoom live in the transport bar, with the clock.
    const transport = await app.page.locator('#transport button').evaluateAll((els) => els.map((b) => b.id));
    expect(transport).toEqual(
      expect.arrayContaining(['play', 'play-cue', 'loop-cue', 'zoom-in', 'zoom-out']),
    );
    expect(await app.page.locator('#transport #time').textContent()).toMatch(/^00:00:00\.000 \/ /);
    // The top bar is one row at 1400 px: compact, not a wall of buttons.
    expect((await box('#toolbar')).height).toBeLessThan(40);
  });

  it('disables a button whose command cannot act now, and enables it when it can', async () => {
    const disabled = (id: string) => app.page.locator(`#${id}`).isDisabled();
    expect(await disabled('undo')).toBe(true);
    expect(await disabled('redo')).toBe(true);
    expect(await disabled('play-cue')).toBe(true);
    expect(await disabled('split')).toBe(true);
    expect(await disabled('play')).toBe(false);
    expect(await disabled('open')).toBe(false);
    await app.screenshot('60-layout-nothing-selected');
    const sheet = await sheetOf(app.page);
    const cue = sheet.cues.find((c, i) => i > 3 && c.kind === 'narration' && c.start !== undefined)!;
    await app.page.locator(`#script .cue[data-cue="${cue.id}"]`).click();
    expect(await disabled('play-cue')).toBe(false);
    expect(await disabled('split')).toBe(false);
    // Confirm needs a cue waiting for review: this one is confident.
    expect(await disabled('confirm')).toBe(cue.confidence === undefined || cue.confidence >= 0.999);
    await app.page.keyboard.press('Shift+ArrowRight');
    expect(await disabled('undo')).toBe(false);
    await app.page.click('#undo');
    expect(await disabled('undo')).toBe(true);
    expect(await disabled('redo')).toBe(false);
    expect((await sheetOf(app.page)).cues.find((c) => c.id === cue.id)!.start).toBe(cue.start);
  });

  it('shows Script as the first side tab, and a panel added later gets a tab of its own', async () => {
    const tabs = await app.page.locator('#side-tabs [role="tab"]').allTextContents();
    expect(tabs[0]).toBe('Script');
    expect(await app.page.getAttribute('#tab-script', 'aria-selected')).toBe('true');
    await app.page.evaluate(() => {
      const panel = document.createElement('div');
      panel.textContent = 'Chapters of the book';
      window.cuewrightApp!.addSideTab('test-chapters', 'Chapters', panel);
    });
    expect(await app.page.locator('#side-tabs [role="tab"]').allTextContents()).toEqual([
      ...tabs,
      'Chapters',
    ]);
    // Still on the script until the new tab is picked; then only the new panel shows.
    expect(await app.page.isVisible('#script')).toBe(true);
    await app.page.click('#tab-test-chapters');
    expect(await app.page.isVisible('#script')).toBe(false);
    expect(await app.page.isVisible('#panel-test-chapters')).toBe(true);
    await app.screenshot('61-layout-second-tab');
    // The arrow keys move between tabs (and nudge no cue).
    const before = await sheetOf(app.page);
    await app.page.focus('#tab-test-chapters');
    await app.page.keyboard.press('ArrowLeft');
    expect(await app.page.locator('#side-tabs [role="tab"][aria-selected="true"]').textContent()).toBe(
      tabs.at(-1),
    );
    await app.page.keyboard.press('Home');
    expect(await app.page.getAttribute('#tab-script', 'aria-selected')).toBe('true');
    expect(await app.page.isVisible('#script')).toBe(true);
    expect(await sheetOf(app.page)).toEqual(before);
  });

  it('resizes the side area and the timeline with the splitters; the waveform follows its box', async () => {
    const side = await box('#side');
    const bar = await box('#side-splitter');
    await app.page.mouse.move(bar.x + 3, bar.y + 200);
    await app.page.mouse.down();
    await app.page.mouse.move(bar.x + 3 - 120, bar.y + 200, { steps: 5 });
    await app.page.mouse.up();
    expect((await box('#side')).width).toBeCloseTo(side.width - 120, -1);

    const canvasHeight = () =>
      app.page.evaluate(
        () =>
          document
            .querySelector('#waveform div')!
            .shadowRoot!.querySelector<HTMLCanvasElement>('[part="viewport-waveform"]')!
            .getBoundingClientRect().height,
      );
    const timeline = await box('#timeline');
    const wave = await canvasHeight();
    const hbar = await box('#timeline-splitter');
    await app.page.mouse.move(hbar.x + 300, hbar.y + 3);
    await app.page.mouse.down();
    await app.page.mouse.move(hbar.x + 300, hbar.y + 3 - 150, { steps: 5 });
    await app.page.mouse.up();
    expect((await box('#timeline')).height).toBeCloseTo(timeline.height - 150, -1);
    await expect.poll(canvasHeight).toBeCloseTo(wave - 150, -1);
    // The keyboard moves the bar too.
    await app.page.focus('#timeline-splitter');
    await app.page.keyboard.press('ArrowDown');
    expect((await box('#timeline')).height).toBeCloseTo(timeline.height - 150 + 16, -1);
    await app.screenshot('62-layout-resized');
  });

  it('sizes the inspector to what it shows: no empty half screen under a cue’s fields', async () => {
    const sheet = await sheetOf(app.page);
    const cue = sheet.cues.find((c, i) => i > 3 && c.kind === 'narration' && c.start !== undefined)!;
    await app.page.locator(`#script .cue[data-cue="${cue.id}"]`).click();
    // Back to the default split: the timeline takes what the inspector leaves.
    await app.page.evaluate(() => {
      document.querySelector<HTMLElement>('#editor')!.style.removeProperty('--timeline-height');
    });
    const inspector = await box('#inspector');
    const lastField = await app.page
      .locator('#inspector > *')
      .last()
      .evaluate((e) => e.getBoundingClientRect().bottom);
    expect(inspector.y + inspector.height - lastField).toBeLessThan(24);
    expect(inspector.height).toBeLessThan(160);
    expect((await box('#timeline')).height).toBeGreaterThan(400);
    await app.screenshot('63-layout-default');
  });

  it('F6 and Shift+F6 go round the areas: top bar, transport, side, timeline, inspector', async () => {
    await app.page.locator('#script').click();
    const area = () =>
      app.page.evaluate(() => document.activeElement?.closest('[data-panel]')?.getAttribute('aria-label'));
    const seen: Array<string | null | undefined> = [];
    for (let i = 0; i < 5; i++) {
      await app.page.keyboard.press('F6');
      seen.push(await area());
    }
    expect(seen).toEqual(['Timeline', 'Inspector', 'Commands', 'Transport', 'Side panels']);
    await app.page.keyboard.press('Shift+F6');
    expect(await area()).toBe('Transport');
    // In the side area the focus lands on the selected tab.
    await app.page.keyboard.press('F6');
    expect(await app.page.evaluate(() => document.activeElement?.id)).toBe('tab-script');
    expect(app.errors).toEqual([]);
  });
});
