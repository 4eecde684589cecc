import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer } from '../support/app-dialog.ts';
import { type AppSession, openReadyApp } from '../support/app-session.ts';
import { requireTools } from '../support/required-tools.ts';
import { tempDir, toneOf, writeWav } from '../support/signals.ts';

// Issue 14, "desktop shell": a cancelled export takes its progress away and says so (the bar
// stood at 50 %), progress only moves forward with its phase named; suggested file names are
// valid on Windows, macOS and Linux (a title's ":" is not).

requireTools('the app is driven in Debian’s chromium', 'chromium');

describe('the desktop shell in Chromium', () => {
  let app: AppSession;
  const work = tempDir('shell');

  beforeAll(async () => {
    app = await openReadyApp();
    // Every progress event the page hears, in order.
    await app.page.evaluate(() => {
      const seen: Array<{ task: string; phase: string; fraction: number }> = [];
      (window as unknown as { progressSeen: typeof seen }).progressSeen = seen;
      window.cuewrightApp!.api.onEvent((event) => {
        if (event.type === 'progress')
          seen.push({ task: event.task, phase: event.phase, fraction: event.fraction });
      });
    });
  }, 150_000);

  afterAll(async () => {
    await app?.close();
  });

  it('Cancel stops an export: no file, no progress bar left, and the dialog says so', async () => {
    const output = join(work, 'cancelled.mp3');
    app.picker.answers.push(output);
    await app.page.keyboard.press('Control+E');
    await app.page.click('[data-testid="export-start"]');
    await app.page.waitForFunction(() =>
      (window as unknown as { progressSeen: Array<{ task: string }> }).progressSeen.some(
        (e) => e.task === 'export',
      ),
    );
    const footer = await app.page.locator('#task-label').textContent();
    expect(footer).toMatch(/^Export: (measuring|encoding) \d+ %$/);
    await app.page.click('[data-testid="export-cancel"]');
    await app.page.waitForFunction(
      () =>
        document.querySelector('.export-result')?.textContent === 'Export cancelled: no file was written.',
      null,
      { timeout: 60_000 },
    );
    expect(await app.page.locator('#export-dialog progress').isHidden()).toBe(true);
    await expect.poll(() => app.page.locator('#task-progress').isHidden()).toBe(true);
    await app.screenshot('60-export-cancelled');
    expect(existsSync(output)).toBe(false);
    const seen = await app.page.evaluate(
      () =>
        (window as unknown as { progressSeen: Array<{ task: string; phase: string; fraction: number }> })
          .progressSeen,
    );
    const exported = seen.filter((e) => e.task === 'export');
    for (const [i, e] of exported.entries()) {
      expect(['measuring', 'encoding']).toContain(e.phase);
      if (i > 0) expect(e.fraction).toBeGreaterThanOrEqual(exported[i - 1]!.fraction);
    }
    await app.page.click('[data-testid="export-cancel"]');
    expect(await app.page.locator('#export-dialog[open]').count()).toBe(0);
  });

  it('suggests save and export names without the characters Windows refuses', async () => {
    const script = join(work, 'title.txt');
    writeFileSync(script, 'Part 1: Who? / What*\n\nChapter 1\n\nIt began in the rain.\n');
    const audio = writeWav(join(work, 'reading.wav'), [toneOf(3, 220, 0.2, 16_000)], 16_000);
    app.picker.answers.push(script, audio);
    await app.page.keyboard.press('Control+N');
    await answer(app.page, 'later');
    expect(await app.page.evaluate(() => window.cuewrightApp!.store.sheet.title)).toBe(
      'Part 1: Who? / What*',
    );
    app.picker.answers.push(undefined);
    await app.page.keyboard.press('Control+S');
    await expect.poll(() => app.picker.asked.at(-1)?.purpose).toBe('save-project');
    expect(app.picker.asked.at(-1)!.suggestedName).toBe('Part 1 - Who What.cwproj');
    // Nothing placed: the export says so before a file is chosen.
    const asked = app.picker.asked.length;
    await app.page.keyboard.press('Control+E');
    await app.page.click('[data-testid="export-start"]');
    await expect
      .poll(() => app.page.locator('.export-result').textContent())
      .toBe('Nothing to export yet: no cue has a time. Align first (Ctrl+Shift+A).');
    expect(app.picker.asked.length).toBe(asked);
    await app.page.click('[data-testid="export-cancel"]');
    // One cue placed by hand (typed start: a second long), then the export asks where.
    const cue = await app.page.evaluate(
      () => window.cuewrightApp!.store.sheet.cues.find((c) => c.kind === 'narration')!.id,
    );
    await app.page.locator(`#script .cue[data-cue="${cue}"]`).click();
    await app.page.fill('[data-testid="cue-start"]', '0.5');
    await app.page.press('[data-testid="cue-start"]', 'Enter');
    await expect.poll(() => app.page.evaluate(() => window.cuewrightApp!.store.selectedCue?.end)).toBe(1.5);
    await app.page.locator('#script').click({ position: { x: 5, y: 5 } });
    app.picker.answers.push(undefined);
    await app.page.keyboard.press('Control+E');
    await app.page.click('[data-testid="export-start"]');
    await expect.poll(() => app.picker.asked.at(-1)?.purpose).toBe('export');
    expect(app.picker.asked.at(-1)!.suggestedName).toBe('Part 1 - Who What.mp3');
    await app.page.click('[data-testid="export-cancel"]');
    expect(app.errors).toEqual([]);
  });
});
