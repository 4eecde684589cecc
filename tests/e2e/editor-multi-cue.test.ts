import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { noticeTexts, selectionOf, sheetOf, startExport } from '../support/app-dialog.ts';
import { type AppSession, readyAppForSuite } from '../support/app-session.ts';
import { requireTools } from '../support/required-tools.ts';
import { tempDir, toneOf, writeWav } from '../support/signals.ts';

// Issue 15 part B, several cues at once: Ctrl+A, Shift-click ranges, the inspector for several
// cues (move together by a typed offset, set the speaker, mark sung), "not recorded" (the line
// leaves the captions the export writes, checked in the exported .srt), all undoable; and the
// right-click menus on cues, chapter flags, sung sections and beds, each item with its keys.

requireTools('the app is driven in Debian’s chromium', 'chromium');

describe('several cues at once', () => {
  let app: AppSession;
  const work = tempDir('multi-cue');
  const cueSpan = (id: string) => app.page.locator(`#script .cue[data-cue="${id}"]`);
  const type = async (testid: string, text: string) => {
    await app.page.fill(`[data-testid="${testid}"]`, text);
    await app.page.press(`[data-testid="${testid}"]`, 'Enter');
  };
  /** Five narration cues in a row, placed, and the cue after them. */
  const run = (sheet: CueSheet) => {
    const i = sheet.cues.findIndex(
      (_, k) =>
        k > 2 && sheet.cues.slice(k, k + 6).every((c) => c.kind === 'narration' && c.start !== undefined),
    );
    return { cues: sheet.cues.slice(i, i + 5), next: sheet.cues[i + 5]! };
  };

  readyAppForSuite((opened) => {
    app = opened;
  });

  it('Ctrl+A selects every cue; Shift-click a range: the inspector speaks of several', async () => {
    const sheet = await sheetOf(app.page);
    await app.page.locator('#timeline').focus();
    await app.page.keyboard.press('Control+A');
    expect((await selectionOf(app.page)).cueIds).toEqual(sheet.cues.map((c) => c.id));
    expect(await app.page.textContent('[data-testid="multi-count"]')).toMatch(
      new RegExp(`^${sheet.cues.length} cues`),
    );
    const { cues } = run(sheet);
    await cueSpan(cues[0]!.id).click();
    await cueSpan(cues[4]!.id).click({ modifiers: ['Shift'] });
    expect((await selectionOf(app.page)).cueIds).toEqual(cues.map((c) => c.id));
    expect(await app.page.textContent('[data-testid="multi-count"]')).toBe('5 cues');
    expect(await app.page.locator('#script .cue.selected').count()).toBe(5);
    await app.screenshot('65-multi-cue-inspector');
  });

  it('moves the cues together by a typed offset, or refuses one that would overlap; undo puts them back', async () => {
    const sheet = await sheetOf(app.page);
    const { cues, next } = run(sheet);
    const gap = next.start! - cues[4]!.end!;
    expect(gap).toBeGreaterThan(0.02);
    const offset = Math.floor((gap / 2) * 1000) / 1000;
    await type('multi-offset', String(offset).replace('.', ','));
    const moved = await sheetOf(app.page);
    for (const cue of cues) {
      const now = moved.cues.find((c) => c.id === cue.id)!;
      expect(now.start).toBeCloseTo(cue.start! + offset, 3);
      expect(now.end).toBeCloseTo(cue.end! + offset, 3);
    }
    expect(moved.cues.find((c) => c.id === next.id)).toEqual(next);
    expect(await app.page.textContent('#undo-label')).toBe('Undo: move 5 cues');

    await type('multi-offset', String(gap + 1));
    await expect
      .poll(async () => (await noticeTexts(app.page)).join('\n'))
      .toMatch(/not moved: a moved cue would overlap the cue at \d\d:\d\d:\d\d\.\d{3}/);
    expect(await sheetOf(app.page)).toEqual(moved);
    await type('multi-offset', 'soon');
    await expect
      .poll(async () => (await noticeTexts(app.page)).join('\n'))
      .toMatch(/"soon" is not a number of seconds/);
    await app.page.locator('#timeline').focus();
    await app.page.keyboard.press('Control+Z');
    expect(await sheetOf(app.page)).toEqual(sheet);
  });

  it('gives the cues a speaker (the Speakers tab counts them) and marks them sung, each one undo step', async () => {
    const sheet = await sheetOf(app.page);
    const { cues } = run(sheet);
    await type('multi-speaker', 'Giles');
    const named = await sheetOf(app.page);
    expect(cues.map((c) => named.cues.find((n) => n.id === c.id)!.speaker)).toEqual(Array(5).fill('Giles'));
    await app.page.click('#tab-speakers');
    expect(await app.page.textContent('[data-speaker="Giles"] [data-testid="speaker-lines"]')).toBe(
      '5 lines',
    );
    await app.page.click('[data-testid="multi-sung"]');
    const sung = await sheetOf(app.page);
    const section = sung.sections!.find((s) => s.origin === 'marked' && s.kind === 'sung')!;
    expect(section.start).toBeLessThanOrEqual(cues[0]!.start! + 1e-3);
    expect(section.end).toBeGreaterThanOrEqual(cues[4]!.end! - 1e-3);
    await app.page.locator('#timeline').focus();
    await app.page.keyboard.press('Control+Z');
    await app.page.keyboard.press('Control+Z');
    expect(await sheetOf(app.page)).toEqual(sheet);
    await app.page.click('#tab-script');
  });

  it('a cue marked not recorded (X) leaves the exported captions; undo brings it back', async () => {
    const sheet = await sheetOf(app.page);
    const { cues } = run(sheet);
    const [kept, cut] = [cues[0]!, cues[1]!];
    // A caption holds a phrase: the first four words of each line, found once in the script.
    const opening = (text: string) => text.replace(/\s+/g, ' ').trim().split(' ').slice(0, 4).join(' ');
    const words = opening(cut.spoken ?? cut.text);
    const script = await app.page.evaluate(() => window.cuewrightApp!.store.project!.scriptText);
    expect(script.replace(/\s+/g, ' ').split(words)).toHaveLength(2);
    await cueSpan(cut.id).click();
    await app.page.keyboard.press('X');
    const after = await sheetOf(app.page);
    const marked = after.cues.find((c) => c.id === cut.id)!;
    expect(marked.notRecorded).toBe(true);
    expect(marked.start).toBeUndefined();
    expect(after.chapters.some((c) => c.cueIds.includes(cut.id))).toBe(false);
    expect(await cueSpan(cut.id).getAttribute('class')).toMatch(/\bnot-recorded\b/);

    const output = join(work, 'cut.wav');
    app.picker.answers.push(output);
    await app.page.keyboard.press('Control+E');
    await app.page.selectOption('select[name="format"]', 'wav');
    await app.page.check('input[name="sidecars"]');
    await startExport(app.page);
    expect(await app.page.textContent('.export-result')).toMatch(/^Exported/);
    await app.page.click('[data-testid="export-cancel"]');
    const srt = readFileSync(join(work, 'cut.captions.srt'), 'utf8').replace(/\s+/g, ' ');
    expect(srt).toContain(opening(kept.spoken ?? kept.text));
    expect(srt).not.toContain(words);

    await app.page.locator('#timeline').focus();
    await app.page.keyboard.press('Control+Z');
    expect(await sheetOf(app.page)).toEqual(sheet);
  });

  it('right-click menus: cues, chapter flags, sung sections and beds, each item with its keys', async () => {
    const sheet = await sheetOf(app.page);
    const { cues } = run(sheet);
    const menuItems = () =>
      app.page
        .locator('[data-testid="context-menu"] button')
        .evaluateAll((b) =>
          b.map((e) => [e.querySelector('span')!.textContent, e.querySelector('kbd')!.textContent]),
        );
    const heading = () => app.page.textContent('[data-testid="context-menu"] .context-heading');

    await cueSpan(cues[2]!.id).click({ button: 'right' });
    expect((await selectionOf(app.page)).cueIds).toEqual([cues[2]!.id]);
    expect(await heading()).toBe('Cue');
    expect(await app.page.isVisible('[data-testid="context-menu"]')).toBe(true);
    const items = await menuItems();
    expect(items).toContainEqual(['Mark as not recorded', 'X']);
    expect(items).toContainEqual(['Split at playhead', 'S']);
    expect(items).toContainEqual(['Select all cues', 'Ctrl+A']);
    await app.screenshot('66-cue-context-menu');
    await app.page.keyboard.press('Escape');
    expect(await app.page.isHidden('[data-testid="context-menu"]')).toBe(true);

    // On the timeline: a cue's region acts like the script's span.
    await cueSpan(cues[2]!.id).click();
    expect((await selectionOf(app.page)).cueIds).toEqual([cues[2]!.id]);
    await app.page.locator(`#waveform [part~="${cues[3]!.id}"]`).click({ button: 'right' });
    expect((await selectionOf(app.page)).cueIds).toEqual([cues[3]!.id]);
    await app.page.click('[data-testid="context-menu"] button:has-text("Mark as not recorded")');
    expect((await sheetOf(app.page)).cues.find((c) => c.id === cues[3]!.id)!.notRecorded).toBe(true);
    await app.page.locator('#timeline').focus();
    await app.page.keyboard.press('Control+Z');

    // A sung passage in the lower lane.
    await cueSpan(cues[0]!.id).click();
    await cueSpan(cues[1]!.id).click({ modifiers: ['Shift'] });
    await app.page.keyboard.press('G');
    const marked = (await sheetOf(app.page)).sections!.find((s) => s.origin === 'marked')!;
    await app.page.locator('#waveform .section-sung').first().click({ button: 'right' });
    expect(await heading()).toBe('Sung passage');
    expect(await menuItems()).toEqual([['Unmark sung passage', 'Delete']]);
    await app.page.click('[data-testid="context-menu"] button');
    expect((await sheetOf(app.page)).sections?.some((s) => s.id === marked.id) ?? false).toBe(false);
    await app.page.locator('#timeline').focus();
    await app.page.keyboard.press('Control+Z');
    await app.page.keyboard.press('Control+Z');

    // A chapter flag: rename and remove from its menu.
    await cueSpan(cues[2]!.id).click();
    await app.page.keyboard.press('C');
    await app.page.fill('[data-testid="dialog-text"]', 'Interlude');
    await app.page.click('#app-dialog button[data-choice="ok"]');
    const chapter = (await sheetOf(app.page)).chapters.find((c) => c.title === 'Interlude')!;
    await app.page.locator(`#waveform [data-chapter="${chapter.id}"]`).click({ button: 'right' });
    expect(await heading()).toBe('Chapter: Interlude');
    expect(await menuItems()).toContainEqual(['Remove chapter marker', 'Shift+C']);
    await app.page.click('[data-testid="context-menu"] button:has-text("Remove chapter marker")');
    expect((await sheetOf(app.page)).chapters.some((c) => c.id === chapter.id)).toBe(false);
    await app.page.locator('#timeline').focus();
    await app.page.keyboard.press('Control+Z');
    await app.page.keyboard.press('Control+Z');

    // A music bed at the playhead.
    const BED_SECONDS = 40;
    const bedPath = writeWav(join(work, 'bed.wav'), [toneOf(BED_SECONDS, 440, 0.3, 22_050)], 22_050, {
      bitsPerSample: 16,
    });
    app.picker.answers.push(bedPath);
    await app.page.keyboard.press('B');
    await app.page.waitForSelector('#waveform .section-bed');
    // The beds have their own row under the cue regions: the bed is right-clicked where it is.
    await app.page.locator('#waveform .section-bed').click({ button: 'right', position: { x: 20, y: 10 } });
    expect(await app.page.isVisible('[data-testid="context-menu"]')).toBe(true);
    expect(await heading()).toBe('Music bed');
    expect(await menuItems()).toEqual([['Remove music bed', 'Delete']]);
    await app.page.click('[data-testid="context-menu"] button');
    expect((await sheetOf(app.page)).beds ?? []).toEqual([]);
    await app.page.locator('#timeline').focus();
    await app.page.keyboard.press('Control+Z');
    await app.page.keyboard.press('Control+Z');
    expect(await sheetOf(app.page)).toEqual(sheet);
  });
});
