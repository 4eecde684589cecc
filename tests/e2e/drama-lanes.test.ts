import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeReview } from '../../cues/production/pick-takes.ts';
import type {} from '../../renderer/src/main.ts';
import type { ProjectFile } from '../../src/project/project-schema.ts';
import { answer, question, sheetOf } from '../support/app-dialog.ts';
import { type AppSession, openProjectInApp, openReadyApp } from '../support/app-session.ts';
import { assembleDoor } from '../support/drama-fixture.ts';
import { requireTools } from '../support/required-tools.ts';
import { tempDir } from '../support/signals.ts';

// Issue 17, the app side: a drama assembled by the real `cuewright assemble` from two actors'
// session files (festival voices, one line read twice) opens as a multitrack view (a row per
// character, narration, SFX and music, each line's region in its row), T switches the selected
// line to its other complete take (what plays changes; one undo step), the takes and the missing
// line are listed in the inspector, a line in a lane moves with the existing tools, and the pick
// is saved and read back.

requireTools(
  'the takes are festival voices cut together by ffmpeg; the app runs in Debian’s chromium',
  'festival',
  'ffmpeg',
  'chromium',
);

interface ShownRegion {
  id: string;
  lane?: string;
  /** The lane whose row the region lies in. */
  row?: string;
  take?: string;
  text: string;
}

/**
 * Anna's second line with its second take (the pick) heard to 8 of its 9 words and flagged, as
 * assemble writes such a take (pick-takes.ts takeReview): assemble heard this very take so until
 * its take-finding caught the last word too, and the flag is what a switch away must take along.
 * The audio and every other field stay as assembled. Returns the file as written.
 */
function flagSecondTake(path: string, cue: string): ProjectFile {
  const project = JSON.parse(readFileSync(path, 'utf8')) as ProjectFile;
  const line = project.takes!.find((l) => l.cue === cue)!;
  const take = { ...line.takes[1]!, words: line.takes[1]!.of - 1 };
  const review = takeReview(take)!;
  line.takes[1] = take;
  line.review = review;
  project.sheet.cues = project.sheet.cues.map((c) => (c.id === cue ? { ...c, review } : c));
  writeFileSync(path, JSON.stringify(project, null, 2));
  return project;
}

describe('a drama assembled from takes in the app', () => {
  let app: AppSession;
  const work = tempDir('drama-lanes');
  const projectPath = join(work, 'door.cwproj');
  let file: ProjectFile;
  /** Anna's second line: read twice (the second take in another voice). */
  let twice: string;

  const regions = () =>
    app.page.evaluate(() =>
      [
        ...(document
          .querySelector('#waveform div')
          ?.shadowRoot?.querySelectorAll<HTMLElement>('[part~="region"]') ?? []),
      ].map(
        (r): ShownRegion => ({
          id: r.getAttribute('part')!.split(' ')[1]!,
          ...(r.dataset.lane ? { lane: r.dataset.lane } : {}),
          row: (() => {
            // The lane whose row holds the region's middle.
            const box = r.getBoundingClientRect();
            const middle = box.top + box.height / 2;
            const rows = r.getRootNode() as ShadowRoot;
            return [...rows.querySelectorAll<HTMLElement>('[part="drama-row"]')].find((row) => {
              const b = row.getBoundingClientRect();
              return middle >= b.top && middle < b.bottom && box.height <= b.height + 1;
            })?.dataset.lane;
          })(),
          ...(r.querySelector('.region-take') ? { take: r.querySelector('.region-take')!.textContent! } : {}),
          text: r.textContent ?? '',
        }),
      ),
    );
  const laneNames = () =>
    app.page.evaluate(() =>
      // The headers' column is left of the timeline, in its box (not in wavesurfer's shadow root).
      [...document.querySelectorAll<HTMLElement>('#waveform [part="drama-name"]')]
        // The name only (the header also holds the lane's mixer).
        .map((n) => n.querySelector('.drama-label')?.textContent),
    );
  const pickOf = (cue: string) =>
    app.page.evaluate((id) => window.cuewrightApp!.store.doc.takes!.find((l) => l.cue === id)!.pick, cue);
  /** The line's review flag: on its cue, on its takes' line, and shown on its region. */
  const reviewOf = (cue: string) =>
    app.page.evaluate((id) => {
      const { store } = window.cuewrightApp!;
      const review = store.sheet.cues.find((c) => c.id === id)!.review;
      const line = store.doc.takes!.find((l) => l.cue === id)!.review;
      const region = document
        .querySelector('#waveform div')
        ?.shadowRoot?.querySelector(`[part~="${id}"] .review-flag`);
      return {
        ...(review !== undefined ? { cue: review } : {}),
        ...(line !== undefined ? { line } : {}),
        shown: region !== null && region !== undefined,
      };
    }, cue);
  /**
   * The recording and stretch that plays under the line's start (the production's own clock),
   * once playback has the production as edited: the clip under the line holds its placement.
   */
  const playedAt = async (cue: string) => {
    let heard: { recording: string; from: number; to: number } | undefined;
    await expect
      .poll(
        async () => {
          heard = await app.page.evaluate(async (id) => {
            const { store, playback } = window.cuewrightApp!;
            const start = store.sheet.cues.find((c) => c.id === id)!.start!;
            const placed = store.doc.placements.find((p) => p.id === id)!;
            playback.seek(start + 0.2);
            await new Promise((done) => requestAnimationFrame(done));
            const clip = playback.media.playingClip;
            const current =
              clip &&
              Math.abs(playback.time - (start + 0.2)) < 0.05 &&
              clip.recording === placed.recording &&
              clip.from <= placed.start &&
              clip.to >= placed.start;
            return current ? { recording: clip.recording, from: clip.from, to: clip.to } : undefined;
          }, cue);
          return heard !== undefined;
        },
        { timeout: 30_000 },
      )
      .toBe(true);
    return heard!;
  };

  beforeAll(async () => {
    file = assembleDoor(work).file;
    const annas = file.sheet.cues.filter((c) => c.speaker === 'Anna');
    twice = annas[1]!.id;
    file = flagSecondTake(projectPath, twice);
    // What assemble made of the takes: the second line of Anna's read twice, the last one picked.
    const line = file.takes!.find((l) => l.cue === twice)!;
    expect(line.takes.map((t) => t.complete)).toEqual([true, true]);
    expect(line.pick).toBe(1);
    app = await openReadyApp();
    await openProjectInApp(app, projectPath);
    await app.page.evaluate(() => window.cuewrightApp!.waveform.zoomToFit());
  }, 400_000);

  afterAll(async () => {
    expect(app?.errors ?? []).toEqual([]);
    await app?.close();
  });

  it('shows a lane per character, narration, SFX and music, each line in its lane with the take it plays', async () => {
    expect(await laneNames()).toEqual(['Anna', 'Ben', 'Narration', 'SFX', 'Music']);
    await expect.poll(async () => (await regions()).length, { timeout: 20_000 }).toBe(4);
    const shown = await regions();
    const placed = file.sheet.cues.filter((c) => file.placements!.some((p) => p.id === c.id));
    expect(shown.map((r) => r.id).sort()).toEqual(placed.map((c) => c.id).sort());
    for (const cue of placed) {
      const region = shown.find((r) => r.id === cue.id)!;
      expect(region.lane, cue.text).toBe(cue.speaker);
      expect(region.row, cue.text).toBe(cue.speaker);
      // Which take plays, on the lines read more than once.
      const line = file.takes!.find((l) => l.cue === cue.id)!;
      expect(region.take).toBe(
        line.takes.length > 1 ? `take ${line.pick! + 1} of ${line.takes.length}` : undefined,
      );
    }
    // The line nobody recorded has no region and is listed as missing.
    const missing = file.sheet.cues.find((c) => c.text.includes('Bring the lamp'))!;
    expect(shown.some((r) => r.id === missing.id)).toBe(false);
    const listed = await app.page.$$eval('[data-testid="missing-lines"] [data-cue]', (items) =>
      items.map((i) => (i as HTMLElement).dataset.cue),
    );
    expect(listed).toEqual([missing.id]);
    // Assembled without sound folders: the door slam and the theme are listed as missing sounds.
    const sounds = await app.page.$$eval('[data-testid="missing-sounds"] [data-cue]', (items) =>
      items.map((i) => ({ cue: (i as HTMLElement).dataset.cue, text: i.textContent })),
    );
    const soundCues = file.sheet.cues.filter((c) => c.kind === 'sfx' || c.kind === 'music');
    expect(soundCues).toHaveLength(2);
    expect(sounds.map((s) => s.cue)).toEqual(soundCues.map((c) => c.id));
    expect(sounds.map((s) => s.text)).toEqual([
      '[SFX: a door slams] — no sound file',
      'MUSIC: a low theme — no sound file',
    ]);
    // The recordings' names sit below the last lane, not over its blocks (a tester's find).
    const overlap = await app.page.evaluate(() => {
      const root = document.querySelector('#waveform div')!.shadowRoot!;
      const rows = root.querySelectorAll<HTMLElement>('[part="drama-row"]');
      const last = rows[rows.length - 1]!.getBoundingClientRect();
      const names = [...root.querySelectorAll<HTMLElement>('.clip-name')].map((n) =>
        n.getBoundingClientRect(),
      );
      return { names: names.length, over: names.filter((n) => n.top < last.bottom - 0.5).length };
    });
    expect(overlap.names).toBeGreaterThan(0);
    expect(overlap.over).toBe(0);
    await app.screenshot('drama-lanes');
  });

  it('starts the timeline right of the lane headers: 0:00 is seen and a click there seeks to it', async () => {
    const layout = () =>
      app.page.evaluate(() => {
        const root = document.querySelector('#waveform div')!.shadowRoot!;
        const wrapper = window.cuewrightApp!.waveform.wavesurfer.getWrapper().getBoundingClientRect();
        const names = document.querySelector<HTMLElement>('#waveform [part="drama-names"]')!;
        const headers = [...names.querySelectorAll<HTMLElement>('[part="drama-name"]')].map((h) =>
          h.getBoundingClientRect(),
        );
        const music = root.querySelector<HTMLElement>('[part="drama-row"][data-lane="Music"]')!;
        const row = music.getBoundingClientRect();
        const first = [...root.querySelectorAll<HTMLElement>('[part~="region"]')]
          .map((r) => r.getBoundingClientRect().left)
          .sort((a, b) => a - b)[0]!;
        const ruler = document.querySelector<HTMLElement>('#waveform .time-ruler')!.getBoundingClientRect();
        return {
          wrapperLeft: wrapper.left,
          headersRight: Math.max(...headers.map((h) => h.right)),
          // Each header halfway down its lane's row.
          headerRows: headers.map((h, i) => {
            const lane = root.querySelectorAll<HTMLElement>('[part="drama-row"]')[i]!.getBoundingClientRect();
            return h.top >= lane.top && h.bottom <= lane.bottom;
          }),
          rulerLeft: ruler.left,
          firstRegion: first,
          musicRow: { y: row.top + row.height / 2 },
          scroll: window.cuewrightApp!.waveform.wavesurfer.getScroll(),
        };
      });
    const shown = await layout();
    console.log('lanes layout', shown);
    expect(shown.scroll).toBe(0);
    expect(shown.headersRight).toBeLessThanOrEqual(shown.wrapperLeft);
    expect(shown.headerRows).toEqual([true, true, true, true, true]);
    // The ruler's 0:00 and the first line (Anna's, from 0.12 s) lie right of the headers.
    expect(shown.rulerLeft).toBeGreaterThanOrEqual(shown.headersRight);
    expect(shown.firstRegion).toBeGreaterThanOrEqual(shown.headersRight);
    // What is under the timeline's first pixels is the timeline, not a header, and a click seeks there.
    await app.page.evaluate(() => window.cuewrightApp!.playback.seek(5));
    const x = shown.wrapperLeft + 2;
    const under = await app.page.evaluate(
      ({ x, y }) => document.elementFromPoint(x, y)?.closest('aside') === null,
      { x, y: shown.musicRow.y },
    );
    expect(under).toBe(true);
    await app.page.mouse.click(x, shown.musicRow.y);
    await expect.poll(() => app.page.evaluate(() => window.cuewrightApp!.playback.time)).toBeLessThan(0.1);
    await app.screenshot('drama-lanes-time-zero');
  });

  it('T plays the line’s other take (what plays changes), Ctrl+Z takes it back, the inspector lists the takes', async () => {
    const line = file.takes!.find((l) => l.cue === twice)!;
    await app.page.evaluate((id) => window.cuewrightApp!.store.select([id]), twice);
    const before = await playedAt(twice);
    expect(before.recording).toBe('anna-session1');
    expect(before.from).toBeLessThanOrEqual(line.takes[1]!.start);
    expect(before.to).toBeGreaterThanOrEqual(line.takes[1]!.end);
    const items = () =>
      app.page.$$eval('[data-testid="take-list"] [data-take]', (all) =>
        all.map((i) => ({ picked: i.getAttribute('aria-pressed') === 'true', text: i.textContent })),
      );
    expect((await items()).map((i) => i.picked)).toEqual([false, true]);

    // The picked take is flagged (its last word heard only in the speech after it, or not at all);
    // the first take was heard whole.
    const flag = line.review!;
    expect(flag).toMatch(
      /^(last 1 of 9 words not heard|its last words were heard only in the speech after it)/,
    );
    expect(line.takes[0]).toMatchObject({ words: 9, of: 9 });
    expect(await reviewOf(twice)).toEqual({ cue: flag, line: flag, shown: true });
    // Anna's lane is levelled as the export levels it, in the preview too (her header says so).
    const levelOf = () =>
      app.page.evaluate(() => ({
        preview: window.cuewrightApp!.playback.laneMix.lanes.Anna?.levelDb,
        header: document.querySelector<HTMLElement>('#waveform [part="drama-name"][data-lane="Anna"]')
          ?.dataset.levelDb,
      }));
    await expect.poll(async () => (await levelOf()).preview, { timeout: 30_000 }).toBeDefined();
    const levelled = await levelOf();
    expect(Number(levelled.header)).toBe(levelled.preview);

    await app.page.keyboard.press('T');
    expect(await pickOf(twice)).toBe(0);
    expect(await app.page.evaluate(() => window.cuewrightApp!.store.undoLabel)).toBe('switch to take 1 of 2');
    // The flag was the second take's: it goes with it (the region's flag too).
    await expect.poll(() => reviewOf(twice)).toEqual({ shown: false });
    // Another voice plays the line: the lane is measured again and levelled anew.
    await expect
      .poll(async () => Math.abs((await levelOf()).preview! - levelled.preview!), { timeout: 30_000 })
      .toBeGreaterThan(0.01);
    console.log(
      `Anna levelled ${levelled.preview} dB with take 2, ${(await levelOf()).preview} dB with take 1`,
    );
    const after = await playedAt(twice);
    expect(after.from).toBeLessThanOrEqual(line.takes[0]!.start);
    expect(after.to).toBeGreaterThanOrEqual(line.takes[0]!.end);
    expect(after.to).toBeLessThan(line.takes[1]!.start);
    await expect.poll(async () => (await regions()).find((r) => r.id === twice)?.take).toBe('take 1 of 2');
    expect((await items()).map((i) => i.picked)).toEqual([true, false]);
    // Each item says its own take (the inspector's update in place once gave both the first's).
    expect((await items()).map((i) => /^(▶ )?Take \d/.exec(i.text ?? '')?.[0])).toEqual([
      '▶ Take 1',
      'Take 2',
    ]);
    await app.page.evaluate(() => window.cuewrightApp!.store.setStatus('a status change redraws nothing'));
    await app.page.evaluate((id) => window.cuewrightApp!.store.select([id]), twice);
    expect((await items()).map((i) => /^(▶ )?Take \d/.exec(i.text ?? '')?.[0])).toEqual([
      '▶ Take 1',
      'Take 2',
    ]);
    // The line lies on the first take's words now: its placement on the recording moved there.
    const placement = await app.page.evaluate(
      (id) => window.cuewrightApp!.store.doc.placements.find((p) => p.id === id),
      twice,
    );
    expect(placement!.start).toBeCloseTo(line.takes[0]!.start, 6);
    await app.screenshot('drama-lanes-take-switched');

    await app.page.keyboard.press('Control+Z');
    expect(await pickOf(twice)).toBe(1);
    const undone = await playedAt(twice);
    expect(undone).toEqual(before);
    // Undo gives the flag back with the take, and the levelling with it.
    await expect.poll(() => reviewOf(twice)).toEqual({ cue: flag, line: flag, shown: true });
    await expect
      .poll(async () => (await levelOf()).preview, { timeout: 30_000 })
      .toBeCloseTo(levelled.preview!, 6);
    await expect.poll(async () => (await regions()).find((r) => r.id === twice)?.take).toBe('take 2 of 2');

    // A take clicked in the list plays too, one undo step like T.
    await app.page.click('[data-testid="take-list"] [data-take="0"]');
    expect(await pickOf(twice)).toBe(0);
    await app.page.keyboard.press('Control+Z');
    expect(await pickOf(twice)).toBe(1);

    // The keys are on the shortcut sheet, and the region's take says them.
    await app.page.keyboard.press('F1');
    expect((await question(app.page)).title).toBe('Keyboard shortcuts');
    const sheetRows = await app.page
      .locator('#app-dialog table.shortcuts tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    expect(sheetRows).toContainEqual(['T', 'Next take of the line']);
    expect(sheetRows).toContainEqual(['Shift+T', 'Previous take of the line']);
    await answer(app.page, 'ok');
    const chipTitle = await app.page.evaluate(
      (id) =>
        document
          .querySelector('#waveform div')!
          .shadowRoot!.querySelector(`[part~="${id}"] .region-take`)!
          .getAttribute('title'),
      twice,
    );
    expect(chipTitle).toMatch(/T the next complete take, Shift\+T the one before/);

    // Right-click the line in its lane: its takes come first, with their keys.
    await app.page.locator(`#waveform [part~="${twice}"]`).click({ button: 'right' });
    const menu = await app.page
      .locator('[data-testid="context-menu"] button')
      .evaluateAll((b) =>
        b.map((e) => [e.querySelector('span')!.textContent, e.querySelector('kbd')!.textContent]),
      );
    expect(menu.slice(0, 2)).toEqual([
      ['Next take of the line', 'T'],
      ['Previous take of the line', 'Shift+T'],
    ]);
    await app.page.click('[data-testid="context-menu"] button:has-text("Next take of the line")');
    expect(await pickOf(twice)).toBe(0);
    await app.page.locator('#timeline').focus();
    await app.page.keyboard.press('Control+Z');
    expect(await pickOf(twice)).toBe(1);
  });

  it('moves a line in its lane with the existing tools (drag, nudge), each one undo step', async () => {
    const ben = file.sheet.cues.filter((c) => c.speaker === 'Ben')[0]!.id;
    await app.page.evaluate((id) => window.cuewrightApp!.store.select([id]), ben);
    const startOf = async () => (await sheetOf(app.page)).cues.find((c) => c.id === ben)!.start!;
    const start = await startOf();
    await app.page.keyboard.press('Shift+ArrowRight');
    expect(await startOf()).toBeCloseTo(start + 0.1, 6);
    await app.page.keyboard.press('Control+Z');
    expect(await startOf()).toBeCloseTo(start, 6);
    // Dragged by its middle, inside Ben's row: the line's take plays later, its words unchanged
    // (what plays under it is the same stretch of Ben's recording), and the next line stays put.
    const nextStart = async () => (await sheetOf(app.page)).cues.find((c) => c.id === twice)!.start!;
    const next = await nextStart();
    const heard = await playedAt(ben);
    const box = await app.page.evaluate((id) => {
      const root = document.querySelector('#waveform div')!.shadowRoot!;
      const r = root.querySelector<HTMLElement>(`[part~="${id}"]`)!.getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    }, ben);
    await app.page.mouse.move(box.x, box.y);
    await app.page.mouse.down();
    await app.page.mouse.move(box.x + 15, box.y, { steps: 5 });
    await app.page.mouse.up();
    await expect.poll(() => app.page.evaluate(() => window.cuewrightApp!.store.undoLabel)).toBe('move line');
    const moved = await startOf();
    expect(moved).toBeGreaterThan(start + 0.05);
    expect(await nextStart()).toBeCloseTo(next, 6);
    expect(await playedAt(ben)).toEqual(heard);
    const placement = await app.page.evaluate(
      (id) => window.cuewrightApp!.store.doc.placements.find((p) => p.id === id)!,
      ben,
    );
    expect(placement.start).toBeCloseTo(file.placements!.find((p) => p.id === ben)!.start, 6);
    expect((await regions()).find((r) => r.id === ben)!.row).toBe('Ben');
    await app.screenshot('drama-lanes-line-moved');
    await app.page.keyboard.press('Control+Z');
    expect(await startOf()).toBeCloseTo(start, 6);
  });

  it('saves the pick and reads it back', async () => {
    await app.page.evaluate((id) => window.cuewrightApp!.store.select([id]), twice);
    await app.page.keyboard.press('T');
    expect(await pickOf(twice)).toBe(0);
    await app.page.keyboard.press('Control+S');
    await app.page.waitForFunction(() => !document.title.includes('•') && !document.title.startsWith('*'));
    await expect
      .poll(
        () =>
          (JSON.parse(readFileSync(projectPath, 'utf8')) as ProjectFile).takes!.find((l) => l.cue === twice)!
            .pick,
      )
      .toBe(0);
    const saved = JSON.parse(readFileSync(projectPath, 'utf8')) as ProjectFile;
    const line = saved.takes!.find((l) => l.cue === twice)!;
    // Saved without the second take's flag (the first was heard whole).
    expect(line.review).toBeUndefined();
    expect(saved.sheet.cues.find((c) => c.id === twice)!.review).toBeUndefined();
    const placement = saved.placements!.find((p) => p.id === twice)!;
    expect(placement.start).toBeCloseTo(line.takes[0]!.start, 6);
    expect(saved.timeline!.some((c) => c.from <= line.takes[0]!.start && c.to >= line.takes[0]!.end)).toBe(
      true,
    );
    expect(saved.timeline!.some((c) => c.from <= line.takes[1]!.start && c.to >= line.takes[1]!.end)).toBe(
      false,
    );

    app.picker.answers.push(projectPath);
    await app.page.keyboard.press('Control+O');
    // Opened afresh: a new history (nothing to undo) and the status says so.
    await app.page.waitForFunction(
      () =>
        window.cuewrightApp!.store.undoLabel === undefined &&
        window.cuewrightApp!.store.status.startsWith('opened'),
    );
    expect(await pickOf(twice)).toBe(0);
    expect((await playedAt(twice)).to).toBeLessThan(line.takes[1]!.start);
    await expect
      .poll(async () => (await regions()).find((r) => r.id === twice)?.take, { timeout: 20_000 })
      .toBe('take 1 of 2');
    await app.page.evaluate((id) => window.cuewrightApp!.store.select([id]), twice);
    await app.screenshot('drama-lanes-reopened');
  });
});
