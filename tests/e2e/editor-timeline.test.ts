import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withChapterStarts } from '../../cues/chapter-starts.ts';
import { parseScript } from '../../cues/parse-script.ts';
import type {} from '../../renderer/src/main.ts';
import { PROJECT_VERSION } from '../../src/project/project-schema.ts';
import { saveProject } from '../../src/project/project-store.ts';
import { sheetOf } from '../support/app-dialog.ts';
import { type AppSession, openReadyApp } from '../support/app-session.ts';
import { requireTools } from '../support/required-tools.ts';
import { ffmpeg, tempDir } from '../support/signals.ts';

// Issue 15 part A, the timeline: zoom to the selection, to fit (a 63-minute book whole in view),
// about the playhead and about the mouse (Ctrl+wheel); the waveform's height zoom; regions
// labelled with speaker and text, coloured by speaker, flagged with their confidence when they
// wait for review; a playhead outlined over any colour; chapter flags that move the playhead and
// show as selected; the overview strip's playhead and chapter ticks.

requireTools(
  'the app is driven in Debian’s chromium; the long book is looped by ffmpeg',
  'chromium',
  'ffmpeg',
);

const BOOK_SECONDS = 63 * 60;

describe('the timeline', () => {
  let app: AppSession;
  /** What is in view: seconds at the left and right edges, px per second, the playhead's x. */
  const view = () =>
    app.page.evaluate(() => {
      const ws = window.cuewrightApp!.waveform.wavesurfer;
      const pxPerSec = ws.getWrapper().scrollWidth / ws.getDuration();
      const from = ws.getScroll() / pxPerSec;
      return {
        from,
        to: from + ws.getWidth() / pxPerSec,
        pxPerSec,
        width: ws.getWidth(),
        playheadX: window.cuewrightApp!.playback.time * pxPerSec - ws.getScroll(),
      };
    });
  const seek = (time: number) => app.page.evaluate((t) => window.cuewrightApp!.playback.seek(t), time);
  const time = () => app.page.evaluate(() => window.cuewrightApp!.playback.time);
  const region = (id: string) => app.page.locator(`[part~="region"][part~="${id}"]`);

  beforeAll(async () => {
    app = await openReadyApp();
  }, 150_000);

  afterAll(async () => {
    await app?.close();
  });

  it('labels each region with its speaker and text, coloured by speaker', async () => {
    const sheet = await sheetOf(app.page);
    const dialogue = sheet.cues.filter((c) => c.speaker && c.start !== undefined);
    expect(dialogue.length).toBeGreaterThan(0);
    const said = dialogue[0]!;
    // The narration nearest the line: both in view at once.
    const narration = sheet.cues
      .filter((c) => c.kind === 'narration' && c.start !== undefined)
      .sort((a, b) => Math.abs(a.start! - said.start!) - Math.abs(b.start! - said.start!))[0]!;
    await app.page.locator(`#script .cue[data-cue="${said.id}"]`).click();
    // Another cue selected, so the dialogue shows its own colour (not the selection's).
    await app.page.locator(`#script .cue[data-cue="${narration.id}"]`).click();
    await region(said.id).waitFor();
    const label = await region(said.id).locator('.region-label').textContent();
    expect(label).toContain(said.speaker);
    expect(label).toContain(said.text.slice(0, 20).replace(/\s+/g, ' '));
    await region(narration.id).waitFor();
    expect(await region(narration.id).locator('.region-label').textContent()).toContain('Narrator');
    const fill = (id: string) => region(id).evaluate((e) => getComputedStyle(e).backgroundColor);
    // The dialogue's speaker and the narrator have colours of their own (not the kind's blue).
    expect(await fill(said.id)).not.toBe(await fill(narration.id));
    expect(await fill(narration.id)).not.toBe('rgba(59, 130, 246, 0.22)');
    await app.screenshot('80-timeline-labels');
  });

  it('zooms to the selection: the selected cue fills the view', async () => {
    const sheet = await sheetOf(app.page);
    const cue = sheet.cues.find((c, i) => i > 5 && c.start !== undefined && c.end! - c.start! > 3)!;
    await app.page.locator(`#script .cue[data-cue="${cue.id}"]`).click();
    await app.page.keyboard.press('Z');
    await expect
      .poll(async () => (await view()).from)
      .toBeCloseTo(cue.start! - (cue.end! - cue.start!) * 0.05, 0);
    const shown = await view();
    expect(shown.to).toBeGreaterThan(cue.end!);
    expect(shown.to - shown.from).toBeLessThan((cue.end! - cue.start!) * 1.2);
  });

  it('zooms about the playhead with the keys, and about the mouse with Ctrl+wheel', async () => {
    await app.page.keyboard.press('Shift+Z');
    const sheet = await sheetOf(app.page);
    await seek(sheet.cues[10]!.start! + 0.5);
    const before = await view();
    await app.page.keyboard.press('=');
    const after = await view();
    expect(after.pxPerSec).toBeCloseTo(before.pxPerSec * 1.5, 0);
    expect(after.playheadX).toBeCloseTo(before.playheadX, -1);

    // Ctrl+wheel: the time under the mouse stays under it.
    const box = (await app.page.locator('#waveform').boundingBox())!;
    const x = box.width * 0.7;
    const under = (v: Awaited<ReturnType<typeof view>>) => v.from + x / v.pxPerSec;
    const start = await view();
    await app.page.mouse.move(box.x + x, box.y + box.height / 2);
    await app.page.keyboard.down('Control');
    await app.page.mouse.wheel(0, -100);
    await app.page.keyboard.up('Control');
    await expect.poll(async () => (await view()).pxPerSec).toBeGreaterThan(start.pxPerSec * 1.2);
    expect(under(await view())).toBeCloseTo(under(start), 0);
  });

  it('makes the waveform taller and shorter (amplitude zoom)', async () => {
    const painted = () =>
      app.page.evaluate(() => {
        const canvas = document
          .querySelector('#waveform div')!
          .shadowRoot!.querySelector<HTMLCanvasElement>('[part="viewport-waveform"]')!;
        const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        let n = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
        return n;
      });
    const before = await painted();
    await app.page.keyboard.press(']');
    await app.page.keyboard.press(']');
    expect(await app.page.evaluate(() => window.cuewrightApp!.waveform.amplitude)).toBeCloseTo(2.25, 5);
    expect(await painted()).toBeGreaterThan(before * 1.5);
    await app.screenshot('81-timeline-taller');
    await app.page.keyboard.press('[');
    await app.page.keyboard.press('[');
    expect(await app.page.evaluate(() => window.cuewrightApp!.waveform.amplitude)).toBe(1);
  });

  it('outlines the playhead so it shows over any region colour', async () => {
    const shadow = await app.page.evaluate(() => {
      const cursor = document.querySelector('#waveform div')!.shadowRoot!.querySelector('[part="cursor"]')!;
      return getComputedStyle(cursor).boxShadow;
    });
    expect(shadow).toContain('rgba(0, 0, 0');
  });

  it('a chapter flag clicked moves the playhead to the chapter and shows it selected; the overview marks both', async () => {
    await app.page.keyboard.press('Shift+Z');
    const sheet = await sheetOf(app.page);
    // The sample's one chapter opens it at 0:00 (the long book below has more).
    const chapter = { ...sheet.chapters[0]!, start: 0 };
    await seek(30);
    const flag = app.page.locator(`.chapter-flag[data-chapter="${chapter.id}"]`);
    await flag.click();
    await expect.poll(time).toBeCloseTo(chapter.start!, 1);
    expect(await flag.getAttribute('class')).toContain('selected');
    const duration = await app.page.evaluate(() => window.cuewrightApp!.waveform.wavesurfer.getDuration());
    await expect
      .poll(() =>
        app.page
          .locator('.overview-playhead')
          .evaluate((e) => Number.parseFloat(e.style.left.replace('calc(', ''))),
      )
      .toBeCloseTo((100 * chapter.start!) / duration, 0);
    expect(await app.page.locator('.overview-tick').count()).toBe(sheet.chapters.length);
    await app.screenshot('82-timeline-chapter-picked');
  });

  it('fits a 63-minute book whole in the view, flags and confidence on the cues to review', async () => {
    // The sample narration looped to 63 minutes (real speech), cues every 10 s, a chapter every 10 minutes.
    const sample = readdirSync(app.dataDir, { recursive: true, encoding: 'utf8' }).find((f) =>
      f.endsWith('.wav'),
    )!;
    const work = tempDir('long-book');
    const audio = join(work, 'book.wav');
    ffmpeg([
      '-stream_loop',
      '-1',
      '-i',
      join(app.dataDir, sample),
      '-t',
      String(BOOK_SECONDS),
      '-ac',
      '1',
      '-ar',
      '8000',
      audio,
    ]);
    const paragraphs: string[] = [];
    for (let i = 0; paragraphs.length < BOOK_SECONDS / 10; i++)
      paragraphs.push(
        i % 60 === 0 ? `Chapter ${i / 60 + 1}` : `The rain fell on the empty street below, paragraph ${i}.`,
      );
    const text = paragraphs.join('\n\n');
    const parsed = parseScript(text, { fileName: 'book.txt' });
    const sheet = withChapterStarts({
      ...parsed,
      cues: parsed.cues.map((c, i) => ({
        ...c,
        start: i * 10,
        end: i * 10 + 9,
        confidence: i === 3 ? 0.42 : 1,
        ...(i === 3 ? { review: 'low confidence' } : {}),
      })),
    });
    const projectPath = join(work, 'book.cwproj');
    await saveProject(projectPath, {
      app: 'cuewright',
      version: PROJECT_VERSION,
      script: { path: 'book.txt', text },
      recordings: [{ id: 'rec-1', path: audio, size: 0, duration: BOOK_SECONDS }],
      sheet,
      savedAt: new Date().toISOString(),
    });
    app.picker.answers.push(projectPath);
    await app.page.keyboard.press('Control+O');
    await app.page.waitForFunction(
      (n) => window.cuewrightApp!.store.sheet.cues.length === n,
      sheet.cues.length,
      { timeout: 60_000 },
    );
    await app.page.waitForFunction(
      (d) => window.cuewrightApp!.waveform.wavesurfer.getDuration() > d - 1,
      BOOK_SECONDS,
    );
    await app.page.keyboard.press('Shift+Z');
    await expect.poll(async () => (await view()).to).toBeGreaterThan(BOOK_SECONDS - 1);
    const whole = await view();
    expect(whole.from).toBe(0);
    expect(
      await app.page.evaluate(() => window.cuewrightApp!.waveform.wavesurfer.getWrapper().scrollWidth),
    ).toBeLessThanOrEqual(whole.width + 1);
    expect(await app.page.locator('.overview-tick').count()).toBe(sheet.chapters.length);
    await app.page.waitForFunction(
      () => performance.getEntriesByName('cuewright:waveform-drawn').length > 1,
      null,
      {
        timeout: 120_000,
      },
    );
    // A later chapter's flag, clicked: the playhead goes to its start (20:00), the flag shows picked.
    const third = sheet.chapters[2]!;
    const flag = app.page.locator(`.chapter-flag[data-chapter="${third.id}"]`);
    await flag.click();
    await expect.poll(time).toBeCloseTo(third.start!, 1);
    expect(third.start).toBe(1200);
    expect(await flag.getAttribute('class')).toContain('selected');
    await app.screenshot('83-timeline-63-minutes-fit');
    // The cue to review: zoomed to, it carries its flag and confidence.
    const flagged = sheet.cues[3]!;
    await app.page.locator(`#script .cue[data-cue="${flagged.id}"]`).click();
    await app.page.keyboard.press('Z');
    await region(flagged.id).waitFor();
    expect(await region(flagged.id).locator('.review-flag').textContent()).toBe('⚑ 42%');
    await app.screenshot('84-timeline-review-flag');
    expect(app.errors).toEqual([]);
  });
});
