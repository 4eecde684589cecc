import { copyFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer, noticeTexts, sheetOf } from '../support/app-dialog.ts';

const notice = async (app: AppSession, pattern: RegExp) => {
  await expect
    .poll(async () => (await noticeTexts(app.page)).find((t) => pattern.test(t)) ?? '')
    .toMatch(pattern);
};

import { type AppSession, openReadyApp } from '../support/app-session.ts';
import { requireTools } from '../support/required-tools.ts';
import { tempDir } from '../support/signals.ts';

// Issue 14, "never loses work and never shows a state that is not true" (a second new-user
// trial): a cue dragged whole into its neighbour keeps its length; notices never move the editor
// under the mouse; what is typed in a field but not committed is taken before a save, a way out
// or any command (Ctrl+Z included); a comma decimal is a decimal; undoing back to the saved
// state leaves no autosave to be offered back.

requireTools('the app is driven in Debian’s chromium', 'chromium');

describe('the editor shows what is true and keeps what is typed', () => {
  let app: AppSession;
  const work = tempDir('state-true');
  const projectPath = join(work, 'typed.cwproj');
  const cueSpan = (id: string) => app.page.locator(`#script .cue[data-cue="${id}"]`);
  const notice = async (pattern: RegExp) => {
    await expect
      .poll(async () => (await noticeTexts(app.page)).find((t) => pattern.test(t)) ?? '')
      .toMatch(pattern);
  };
  const recoveries = () => {
    const dir = join(app.dataDir, 'recovery');
    return existsSync(dir) ? readdirSync(dir) : [];
  };
  const dismissNotices = () =>
    app.page.evaluate(() => {
      for (const row of document.querySelectorAll('#notices .notice')) row.remove();
    });
  const top = (selector: string) =>
    app.page
      .locator(selector)
      .first()
      .evaluate((el) => el.getBoundingClientRect().top);

  beforeAll(async () => {
    app = await openReadyApp();
    await app.page.evaluate(() => window.cuewrightApp!.ready);
  }, 150_000);

  afterAll(async () => {
    await app?.close();
  });

  it('a cue dragged whole into the next one keeps its length: all of it stops there, and the notice says so', async () => {
    const sheet = await sheetOf(app.page);
    const i = sheet.cues.findIndex(
      (c, k) =>
        k > 4 &&
        c.kind === 'narration' &&
        c.end! - c.start! > 2 &&
        c.end! - c.start! < 6 &&
        sheet.cues[k + 1]?.start !== undefined &&
        sheet.cues[k + 1]!.start! - c.end! < 1.5,
    );
    const [cue, next] = [sheet.cues[i]!, sheet.cues[i + 1]!];
    const length = cue.end! - cue.start!;
    await cueSpan(cue.id).click();
    const region = app.page.locator(`[part~="region"][part~="${cue.id}"]`);
    await region.scrollIntoViewIfNeeded();
    // Where it settles (the view scrolls to the clicked cue).
    let box = (await region.boundingBox())!;
    await expect
      .poll(async () => {
        const was = box;
        box = (await region.boundingBox())!;
        return box.x === was.x && box.width === was.width;
      })
      .toBe(true);
    const pxPerSec = await app.page.evaluate(() => window.cuewrightApp!.waveform.zoomLevel);
    const past = (next.start! - cue.end! + 1) * pxPerSec;
    // Held in the middle of the region, away from its edges' handles.
    const [x, y] = [box.x + box.width / 2, box.y + box.height * 0.4];
    await app.page.mouse.move(x, y);
    await app.page.mouse.down();
    for (let dx = 5; dx <= past + 5; dx += 5) await app.page.mouse.move(x + dx, y);
    await app.page.mouse.up();
    await notice(
      /^the whole cue stops against the next cue \(at [\d:.]+\), keeping its length \(\d+\.\d{3} s\)$/,
    );
    const moved = (await sheetOf(app.page)).cues[i]!;
    expect(moved.end).toBeCloseTo(next.start!, 3);
    expect(moved.end! - moved.start!).toBeCloseTo(length, 3);
    // The region shows the cue where it is, its whole length.
    const duration = await app.page.evaluate(() => window.cuewrightApp!.store.project!.audio.duration);
    const left = await region.evaluate((el) => Number.parseFloat((el as HTMLElement).style.left));
    expect(left).toBeCloseTo((100 * moved.start!) / duration, 1);
    // Read whole, on one line (not cut short of why).
    const shown = app.page.locator('#notices .notice-text').first();
    expect(await shown.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await app.screenshot('60-drag-whole-keeps-length');
    await app.page.keyboard.press('Control+Z');
    expect(await sheetOf(app.page)).toEqual(sheet);
    await dismissNotices();
  });

  it('notices float over the editor: the script and the waveform stay where they were', async () => {
    const sheet = await sheetOf(app.page);
    const first = sheet.chapters[0]!.cueIds[0]!;
    await cueSpan(first).click();
    const [scriptTop, waveTop, cueTop] = [
      await top('#script'),
      await top('#waveform'),
      await top(`#script .cue[data-cue="${first}"]`),
    ];
    const undo = await app.page.locator('#undo-label').textContent();
    // A refusal and an error: two notices come.
    await app.page.keyboard.press('C');
    await notice(/^a chapter already starts at this cue$/);
    const text = join(work, 'notes.txt');
    writeFileSync(text, 'not a recording\n');
    app.picker.answers.push(text);
    await app.page.keyboard.press('B');
    await notice(/notes\.txt: not audio this app can read/);
    expect(await top('#script')).toBe(scriptTop);
    expect(await top('#waveform')).toBe(waveTop);
    expect(await top(`#script .cue[data-cue="${first}"]`)).toBe(cueTop);
    await app.screenshot('61-notices-float');
    await dismissNotices();
    expect(await app.page.locator('#undo-label').textContent()).toBe(undo);
    expect(await sheetOf(app.page)).toEqual(sheet);
  });

  it('a comma decimal is a decimal; letters and an emptied field are refused with the reason', async () => {
    const sheet = await sheetOf(app.page);
    const cue = sheet.cues.find((c, i) => i > 4 && c.kind === 'narration' && c.end! - c.start! > 1)!;
    await cueSpan(cue.id).click();
    const start = app.page.locator('[data-testid="cue-start"]');
    const typed = (cue.start! + 0.7).toFixed(1);
    await start.fill(typed.replace('.', ','));
    await start.press('Enter');
    await expect
      .poll(async () => (await sheetOf(app.page)).cues.find((c) => c.id === cue.id)!.start)
      .toBeCloseTo(Number(typed), 3);
    expect(await start.inputValue()).toBe(Number(typed).toFixed(3));
    await start.fill('0,7x');
    await start.press('Enter');
    await notice(/^not changed: "0,7x" is not a number for Start/);
    expect(await start.inputValue()).toBe(Number(typed).toFixed(3));
    const end = app.page.locator('[data-testid="cue-end"]');
    await end.fill('');
    await end.press('Enter');
    await notice(/^not changed: End was emptied/);
    expect(await end.inputValue()).toBe(cue.end!.toFixed(3));
    await end.fill('-3');
    await end.press('Enter');
    await notice(/^not changed: a cue cannot end before 0 \(-3 s was asked\)$/);
    await app.screenshot('62-comma-decimal');
    await app.page.locator('#script').click({ position: { x: 5, y: 5 } });
    await app.page.keyboard.press('Control+Z');
    expect(await sheetOf(app.page)).toEqual(sheet);
    await dismissNotices();
  });

  it('a title typed but not committed is saved by Ctrl+S; a way out counts it; Ctrl+Z in the field undoes it', async () => {
    const sheet = await sheetOf(app.page);
    const cue = sheet.cues.find((c, i) => i > 4 && c.kind === 'narration')!;
    await cueSpan(cue.id).click();
    const title = app.page.locator('[data-testid="chapter-title"]');
    await title.fill('Typed, never entered');
    app.picker.answers.push(projectPath);
    await app.page.keyboard.press('Control+S');
    await expect.poll(() => app.page.title()).toBe('typed.cwproj — Cuewright');
    expect(readFileSync(projectPath, 'utf8')).toContain('"Typed, never entered"');
    expect((await sheetOf(app.page)).chapters[0]!.title).toBe('Typed, never entered');

    // Typed again, not committed: Open asks to save it first.
    await title.fill('Typed again');
    const picks = app.picker.asked.length;
    await app.page.keyboard.press('Control+O');
    const asked = await answer(app.page, 'cancel');
    expect(asked.title).toBe('Save changes to typed.cwproj?');
    expect(app.picker.asked.length).toBe(picks);
    expect(await app.page.title()).toBe('• typed.cwproj — Cuewright');
    // Ctrl+Z from the field: it acts (the typing was taken as an edit, and that is undone).
    await title.focus();
    await app.page.keyboard.press('Control+Z');
    await expect.poll(() => app.page.title()).toBe('typed.cwproj — Cuewright');
    expect(await title.inputValue()).toBe('Typed, never entered');
    await app.page.keyboard.press('Control+Shift+Z');
    await expect.poll(() => app.page.title()).toBe('• typed.cwproj — Cuewright');
    expect(await title.inputValue()).toBe('Typed again');
    await app.page.keyboard.press('Control+Z');
    await expect.poll(() => app.page.title()).toBe('typed.cwproj — Cuewright');

    // A start typed past the end, then Ctrl+S: refused with its reason, nothing saved.
    const start = app.page.locator('[data-testid="cue-start"]');
    const now = (await sheetOf(app.page)).cues.find((c) => c.id === cue.id)!;
    await start.fill(String(now.end! + 2));
    const saved = readFileSync(projectPath, 'utf8');
    await app.page.keyboard.press('Control+S');
    await notice(/^not changed: the start \(.*\) must come before the end/);
    expect(await start.inputValue()).toBe(now.start!.toFixed(3));
    expect(readFileSync(projectPath, 'utf8')).toBe(saved);
    await app.screenshot('63-typed-title-saved');
    await dismissNotices();
  });

  it('undoing back to the saved state throws its autosave away: reopening offers nothing', async () => {
    await app.page.locator('#script').click({ position: { x: 5, y: 5 } });
    const sheet = await sheetOf(app.page);
    const cue = sheet.cues[8]!;
    await cueSpan(cue.id).click();
    await app.page.keyboard.press('Shift+ArrowRight');
    await expect.poll(recoveries, { timeout: 20_000 }).toHaveLength(1);
    await app.page.keyboard.press('Control+Z');
    await expect.poll(() => app.page.title()).toBe('typed.cwproj — Cuewright');
    await expect.poll(recoveries, { timeout: 20_000 }).toEqual([]);
    // Opened again: no "kept changes … never saved" offer of the undone nudge.
    app.picker.answers.push(projectPath);
    await app.page.keyboard.press('Control+O');
    await expect.poll(() => app.page.locator('#status-text').textContent()).toBe('opened typed.cwproj');
    await app.page.evaluate(() => new Promise((r) => setTimeout(r, 500)));
    expect(await app.page.locator('#app-dialog[open]').count()).toBe(0);
    expect(await sheetOf(app.page)).toEqual(sheet);
    expect(app.errors).toEqual([]);
  });

  it('a value typed but not committed counts at a reload: it is asked about', async () => {
    expect(await app.page.title()).toBe('typed.cwproj — Cuewright');
    const cue = (await sheetOf(app.page)).cues[9]!;
    await cueSpan(cue.id).click();
    await app.page.locator('[data-testid="chapter-title"]').fill('Typed before the reload');
    let asked = '';
    app.page.once('dialog', (dialog) => {
      asked = dialog.type();
      void dialog.dismiss();
    });
    await app.page.reload({ timeout: 5_000 }).catch(() => undefined);
    await expect.poll(() => asked).toBe('beforeunload');
    expect(await app.page.title()).toBe('• typed.cwproj — Cuewright');
  });
});

describe("serve --root: the app's own sample stays usable, audio outside offers Relink", () => {
  let app: AppSession;
  const root = tempDir('served-root');
  const outside = tempDir('not-served');

  beforeAll(async () => {
    app = await openReadyApp(undefined, undefined, root);
    await app.page.evaluate(() => window.cuewrightApp!.ready);
  }, 150_000);

  afterAll(async () => {
    await app?.close();
  });

  it('the edited sample, reloaded, is recovered with its audio', async () => {
    const cue = (await sheetOf(app.page)).cues[6]!;
    await app.page.locator(`#script .cue[data-cue="${cue.id}"]`).click();
    await app.page.keyboard.press('Shift+ArrowRight');
    const edited = await sheetOf(app.page);
    await expect
      .poll(
        () => (existsSync(join(app.dataDir, 'recovery')) ? readdirSync(join(app.dataDir, 'recovery')) : []),
        {
          timeout: 20_000,
        },
      )
      .toHaveLength(1);
    app.page.once('dialog', (dialog) => void dialog.accept());
    await app.page.reload();
    await app.page.waitForSelector('body[data-ready="true"]', { timeout: 120_000 });
    await answer(app.page, 'recover');
    await expect.poll(() => app.page.title()).toBe('• Untitled — Cuewright');
    expect(await sheetOf(app.page)).toEqual(edited);
    expect(await noticeTexts(app.page)).toEqual([]);
    await app.screenshot('64-root-sample-recovered');
  });

  it('a project whose audio lies outside the served folder opens, and offers Relink', async () => {
    const audio = join(outside, 'narration.wav');
    copyFileSync(await app.page.evaluate(() => window.cuewrightApp!.store.project!.audio.path), audio);
    const projectPath = join(root, 'elsewhere.cwproj');
    app.picker.answers.push(projectPath);
    await app.page.keyboard.press('Control+S');
    await expect.poll(() => app.page.title()).toBe('elsewhere.cwproj — Cuewright');
    const file = JSON.parse(readFileSync(projectPath, 'utf8'));
    file.recordings[0].path = audio;
    writeFileSync(projectPath, JSON.stringify(file));
    app.picker.answers.push(projectPath);
    await app.page.keyboard.press('Control+O');
    await notice(app, /^The audio cannot be used: .*outside the folder this app serves/);
    expect(await app.page.locator('[data-testid="relink-audio"]').count()).toBe(1);
    await app.screenshot('65-root-audio-outside-relink');
  });
});
