import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REVIEW } from '../../audio/align/acoustic/place-cues.ts';
import { chaptersByTime } from '../../cues/lists/chapter-list.ts';
import { searchScript } from '../../cues/lists/script-search.ts';
import { speakersOf } from '../../cues/lists/speakers.ts';
import { answer, selectionOf, sheetOf } from '../support/app-dialog.ts';
import { type AppSession, openReadyApp } from '../support/app-session.ts';
import { requireTools } from '../support/required-tools.ts';

// Issue 15 part B, the side panels: chapters in time order (jump, rename, delete), speakers with
// their line counts, filter and solo, the cue table (sorts, Ctrl/Shift-click selection shared with
// the script), find in the script (Ctrl+F, F3, Shift+F3) and the review queue ("2 of 14", the
// aligner's reason, confirm-and-next on one key). On the sample production in Debian's Chromium.

requireTools('the app is driven in Debian’s chromium', 'chromium');

describe('the editor’s side panels', () => {
  let app: AppSession;
  const tab = (id: string) => app.page.click(`#tab-${id}`);
  const playhead = () => app.page.evaluate(() => window.cuewrightApp!.playback.time);

  beforeAll(async () => {
    app = await openReadyApp();
    // A second chapter, as the producer would add it (select a cue, C, a title).
    const sheet = await sheetOf(app.page);
    const at = sheet.cues.find((c, i) => i > sheet.cues.length / 2 && c.kind === 'narration')!;
    await app.page.locator(`#script .cue[data-cue="${at.id}"]`).click();
    await app.page.keyboard.press('C');
    await app.page.fill('[data-testid="dialog-text"]', 'Part Three');
    await answer(app.page, 'ok');
  }, 150_000);

  afterAll(async () => {
    expect(app?.errors ?? []).toEqual([]);
    await app?.close();
  });

  it('chapters: listed by time; a click jumps there; rename and delete are undoable edits', async () => {
    await tab('chapters');
    const sheet = await sheetOf(app.page);
    const expected = chaptersByTime(sheet);
    expect(expected.length).toBeGreaterThanOrEqual(2);
    const rows = app.page.locator('[data-testid="chapter-list"] li');
    expect(await rows.evaluateAll((li) => li.map((l) => (l as HTMLElement).dataset.chapter))).toEqual(
      expected.map((c) => c.id),
    );
    const last = expected.at(-1)!;
    await app.page.click(`[data-chapter="${last.id}"] [data-action="jump"]`);
    expect((await selectionOf(app.page)).chapterId).toBe(last.id);
    expect(await playhead()).toBeCloseTo(last.start!, 3);

    await app.page.click(`[data-chapter="${last.id}"] [data-action="rename"]`);
    await app.page.fill('[data-testid="dialog-text"]', 'The locket');
    await answer(app.page, 'ok');
    expect((await sheetOf(app.page)).chapters.find((c) => c.id === last.id)!.title).toBe('The locket');
    await expect.poll(() => rows.last().locator('.row-title').textContent()).toBe('The locket');

    await app.page.click(`[data-chapter="${last.id}"] [data-action="delete"]`);
    expect((await sheetOf(app.page)).chapters.map((c) => c.id)).not.toContain(last.id);
    expect(await rows.count()).toBe(expected.length - 1);
    await app.page.keyboard.press('Control+Z');
    await app.page.keyboard.press('Control+Z');
    expect(await sheetOf(app.page)).toEqual(sheet);
    await app.screenshot('60-chapters-panel');
  });

  it('speakers: line counts as in the sheet; the filter narrows; solo shows only theirs, the selection stays', async () => {
    await tab('speakers');
    const sheet = await sheetOf(app.page);
    const speakers = speakersOf(sheet, { narrator: 'Narrator' });
    expect(speakers.length).toBeGreaterThanOrEqual(2);
    for (const s of speakers)
      expect(
        await app.page.locator(`[data-speaker="${s.speaker}"] [data-testid="speaker-lines"]`).textContent(),
      ).toBe(`${s.lines} line${s.lines === 1 ? '' : 's'}`);
    const named = speakers.find((s) => s.speaker !== 'Narrator')!;
    await app.page.fill('[data-testid="speaker-filter"]', named.speaker.slice(0, 3).toUpperCase());
    const shown = await app.page
      .locator('[data-testid="speaker-list"] li')
      .evaluateAll((li) => li.map((l) => (l as HTMLElement).dataset.speaker));
    expect(shown).toContain(named.speaker);
    expect(shown).not.toContain('Narrator');
    await app.page.fill('[data-testid="speaker-filter"]', '');

    const selected = (await selectionOf(app.page)).cueIds;
    await app.page.click(`[data-speaker="${named.speaker}"] [data-action="solo"]`);
    // Solo is a view: the selection stays (it replaced it with the speaker's lines).
    expect((await selectionOf(app.page)).cueIds).toEqual(selected);
    await tab('cues');
    const tableIds = () =>
      app.page
        .locator('[data-testid="cue-table"] tbody tr')
        .evaluateAll((tr) => tr.map((t) => (t as HTMLElement).dataset.cue));
    expect(await tableIds()).toEqual(named.cueIds);
    await tab('script');
    const dimmed = await app.page.locator('#script .cue.solo-out').count();
    expect(dimmed).toBe(sheet.cues.length - named.cueIds.length);
    await app.screenshot('61-speaker-solo');
    await tab('speakers');
    await app.page.click(`[data-speaker="${named.speaker}"] [data-action="solo"]`);
    expect(await app.page.locator('#script .cue.solo-out').count()).toBe(0);
    await tab('cues');
    expect(await tableIds()).toHaveLength(sheet.cues.length);
  });

  it('cue table: sorts by confidence and time; Ctrl and Shift click select, shared with the script', async () => {
    await tab('cues');
    const sheet = await sheetOf(app.page);
    const rowIds = () =>
      app.page
        .locator('[data-testid="cue-table"] tbody tr')
        .evaluateAll((tr) => tr.map((t) => (t as HTMLElement).dataset.cue!));
    await app.page.click('[data-testid="cue-table"] [data-sort="kind"]');
    const byKind = (await rowIds()).map((id) => sheet.cues.find((c) => c.id === id)!.kind);
    expect(byKind).toEqual([...byKind].sort((a, b) => a.localeCompare(b)));
    await app.page.click('[data-testid="cue-table"] [data-sort="kind"]');
    const down = (await rowIds()).map((id) => sheet.cues.find((c) => c.id === id)!.kind);
    expect(down).toEqual([...byKind].sort((a, b) => b.localeCompare(a)));
    await app.page.click('[data-testid="cue-table"] [data-sort="time"]');
    const ids = await rowIds();
    // Placed cues by start; unplaced ones (a separator) after them in script order.
    const placed = sheet.cues.filter((c) => c.start !== undefined).sort((a, b) => a.start! - b.start!);
    const unplaced = sheet.cues.filter((c) => c.start === undefined);
    expect(ids).toEqual([...placed, ...unplaced].map((c) => c.id));

    const row = (id: string) => app.page.locator(`[data-testid="cue-table"] tr[data-cue="${id}"]`);
    await row(ids[3]!).click();
    expect((await selectionOf(app.page)).cueIds).toEqual([ids[3]]);
    expect(await playhead()).toBeCloseTo(placed[3]!.start!, 3);
    await row(ids[6]!).click({ modifiers: ['Control'] });
    expect((await selectionOf(app.page)).cueIds).toEqual([ids[3], ids[6]]);
    await row(ids[8]!).click({ modifiers: ['Shift'] });
    expect((await selectionOf(app.page)).cueIds.slice().sort()).toEqual(ids.slice(3, 9).sort());
    expect(
      await app.page
        .locator('#script .cue.selected')
        .evaluateAll((s) => s.map((e) => (e as HTMLElement).dataset.cue!)),
    ).toEqual(sheet.cues.map((c) => c.id).filter((id) => ids.slice(3, 9).includes(id)));
    expect(await app.page.locator('[data-testid="cue-table"] tr.selected').count()).toBe(6);
    // The legend names the speakers (narration is the Narrator's), as the timeline colours them.
    const legend = await app.page.locator('[data-testid="kind-legend"] li').allTextContents();
    expect(legend).toContain('Narrator');
    await app.screenshot('62-cue-table-selection');
  });

  it('find in the script: Ctrl+F, every match counted, F3 and Shift+F3 go round selecting its cue', async () => {
    const sheet = await sheetOf(app.page);
    const script = await app.page.evaluate(() => window.cuewrightApp!.store.project!.scriptText);
    const matches = searchScript(script, sheet, 'her');
    expect(matches.length).toBeGreaterThan(3);
    await tab('cues');
    await app.page
      .locator('#script')
      .focus()
      .catch(() => undefined);
    await app.page.keyboard.press('Control+F');
    expect(await app.page.evaluate(() => (document.activeElement as HTMLElement).dataset.testid)).toBe(
      'search-input',
    );
    expect(await app.page.getAttribute('#tab-script', 'aria-selected')).toBe('true');
    await app.page.keyboard.type('HER');
    expect(await app.page.textContent('[data-testid="search-count"]')).toBe(`– of ${matches.length}`);
    await app.page.keyboard.press('F3');
    expect(await app.page.textContent('[data-testid="search-count"]')).toBe(`1 of ${matches.length}`);
    expect((await selectionOf(app.page)).cueIds).toEqual([matches[0]!.cueId]);
    await app.page.keyboard.press('Enter');
    expect(await app.page.textContent('[data-testid="search-count"]')).toBe(`2 of ${matches.length}`);
    await app.page.keyboard.press('Shift+F3');
    await app.page.keyboard.press('Shift+F3');
    expect(await app.page.textContent('[data-testid="search-count"]')).toBe(
      `${matches.length} of ${matches.length}`,
    );
    expect((await selectionOf(app.page)).cueIds).toEqual([matches.at(-1)!.cueId]);
    // The matches are marked in the script (CSS highlights): as many ranges as matches in cues.
    const highlighted = await app.page.evaluate(() => CSS.highlights.get('script-search')?.size ?? 0);
    expect(highlighted).toBe(matches.filter((m) => m.cueId).length);
    await app.screenshot('63-script-search');
    await app.page.keyboard.press('Escape');
    expect(await app.page.isHidden('.script-search')).toBe(true);
  });

  it('review queue: "n of N", the aligner’s reason, N confirms and goes to the next', async () => {
    // Flags as alignment stores them (the aligner's own reasons), applied as an alignment result.
    const before = await sheetOf(app.page);
    const flagged = before.cues.filter((c, i) => c.start !== undefined && i % 7 === 3).slice(0, 4);
    const reasons = [REVIEW.squeezed, REVIEW.lowMatch, REVIEW.unscripted, REVIEW.stretched];
    const flags = Object.fromEntries(flagged.map((c, k) => [c.id, reasons[k]!]));
    await app.page.evaluate((flags) => {
      const { store } = window.cuewrightApp!;
      store.edit('align', (s) => ({
        ...s,
        cues: s.cues.map((c) => (flags[c.id] ? { ...c, confidence: 0.5, review: flags[c.id] } : c)),
      }));
      // From the top: R goes to the first cue to review.
      store.select([]);
    }, flags);
    await tab('review');
    expect(await app.page.textContent('[data-testid="review-position"]')).toBe('4 to review');
    expect(await app.page.locator('[data-testid="review-list"] li .row-reason').allTextContents()).toEqual(
      reasons,
    );
    await app.page.locator('#timeline').focus();
    await app.page.keyboard.press('R');
    expect((await selectionOf(app.page)).cueIds).toEqual([flagged[0]!.id]);
    expect(await app.page.textContent('[data-testid="review-position"]')).toBe('1 of 4');
    expect(await app.page.textContent('[data-testid="review-reason"]')).toBe(REVIEW.squeezed);
    await app.page.keyboard.press('R');
    expect(await app.page.textContent('[data-testid="review-position"]')).toBe('2 of 4');
    await app.screenshot('64-review-queue');
    await app.page.keyboard.press('N');
    // Confirmed (no flag, full confidence); the next one selected, the queue one shorter.
    const after = await sheetOf(app.page);
    const confirmed = after.cues.find((c) => c.id === flagged[1]!.id)!;
    expect(confirmed.review).toBeUndefined();
    expect(confirmed.confidence).toBe(1);
    expect((await selectionOf(app.page)).cueIds).toEqual([flagged[2]!.id]);
    expect(await app.page.textContent('[data-testid="review-position"]')).toBe('2 of 3');
    expect(await app.page.textContent('[data-testid="review-reason"]')).toBe(REVIEW.unscripted);
    expect(await app.page.textContent('[data-testid="review-confirm-next"]')).toBe('Confirm and next (N)');
    await app.page.click('[data-testid="review-confirm-next"]');
    expect(await app.page.textContent('[data-testid="review-position"]')).toBe('2 of 2');
    expect(await app.page.textContent('[data-testid="review-reason"]')).toBe(REVIEW.stretched);
  });
});
