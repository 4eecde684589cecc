import { describe, expect, it } from 'vitest';
import type {} from '../../renderer/src/main.ts';
import { sheetOf } from '../support/app-dialog.ts';
import { type AppSession, readyAppForSuite } from '../support/app-session.ts';
import { requireTools } from '../support/required-tools.ts';

// Issue 15, the editor: narration marked as sung kept its words and lost its speaker: the region
// on the timeline and the inspector stopped saying "Narrator". Marked sung it stays the Narrator's
// (with ♪ on the region), unmarked it is narration as before, and undo and redo go between them.
// The sample production in Chromium; the sheet is read from the page.

requireTools('the app is driven in Debian’s chromium', 'chromium');

describe('narration marked as sung', () => {
  let app: AppSession;
  readyAppForSuite((opened) => {
    app = opened;
  });

  it('keeps the Narrator on the timeline and in the inspector; unmarked and undone it is as it was', async () => {
    const page = app.page;
    const before = await sheetOf(page);
    const sung = (before.sections ?? []).filter((s) => s.kind === 'sung');
    // A narration cue between two narration cues, away from any sung passage.
    const cue = before.cues.find(
      (c, i) =>
        i > 3 &&
        c.kind === 'narration' &&
        c.speaker === undefined &&
        c.start !== undefined &&
        c.end! - c.start > 2 &&
        before.cues[i - 1]?.kind === 'narration' &&
        before.cues[i + 1]?.kind === 'narration' &&
        sung.every((s) => s.end < c.start! - 1 || s.start > c.end! + 1),
    )!;
    expect(cue).toBeDefined();
    const region = page.locator(`[part~="region"][part~="${cue.id}"] .region-label`);
    const kind = () => page.textContent('[data-testid="inspector-kind"]');
    const shown = async () => ({
      label: (await region.textContent()) ?? '',
      inspector: await kind(),
      placeholder: await page.getAttribute('[data-testid="cue-speaker"]', 'placeholder'),
    });
    await page.locator(`#script .cue[data-cue="${cue.id}"]`).click();
    await region.waitFor();
    const spoken = await shown();
    expect(spoken.label).toMatch(/^Narrator/);
    expect(spoken.inspector).toBe('narration · Narrator');
    expect(spoken.placeholder).toBe('Narrator');

    await page.keyboard.press('G');
    const marked = await sheetOf(page);
    expect(marked.cues.find((c) => c.id === cue.id)).toMatchObject({ kind: 'lyric' });
    expect(marked.cues.find((c) => c.id === cue.id)!.speaker).toBeUndefined();
    await expect.poll(() => kind()).toBe('lyric · Narrator');
    await expect.poll(async () => (await shown()).label).toMatch(/^♪Narrator/);
    expect((await shown()).placeholder).toBe('Narrator');
    await page.waitForSelector('#waveform .section-sung');
    await app.screenshot('83-sung-narration-keeps-narrator');

    // Undo: narration again, as it was.
    await page.keyboard.press('Control+Z');
    expect(await sheetOf(page)).toEqual(before);
    await expect.poll(shown).toEqual(spoken);
    // Redo, then unmark the passage (selected in the lower lane, Delete): as it was again.
    await page.keyboard.press('Control+Shift+Z');
    expect(await sheetOf(page)).toEqual(marked);
    await expect.poll(async () => (await region.textContent()) ?? '').toMatch(/^♪Narrator/);
    const passage = marked.sections!.find((s) => s.kind === 'sung' && s.start === cue.start)!;
    await page.locator(`#waveform [data-section="${passage.id}"]`).click();
    await page.keyboard.press('Delete');
    // (No sections left is written as an empty list.)
    expect(await sheetOf(page)).toEqual({ ...before, sections: before.sections ?? [] });
    await page.locator(`#script .cue[data-cue="${cue.id}"]`).click();
    await expect.poll(shown).toEqual(spoken);
  });
});
