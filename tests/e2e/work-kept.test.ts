import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer, question, sheetOf } from '../support/app-dialog.ts';
import { type AppSession, openAppSession } from '../support/app-session.ts';
import { requireTools } from '../support/required-tools.ts';
import { tempDir } from '../support/signals.ts';

// Issue 14, "work is never lost": every way out of unsaved work asks first (open, new, reload),
// untitled work kept by autosave is offered back on start with a local, readable time and shows
// as unsaved once recovered, and a declined recovery is discarded (after a confirmation) instead
// of being asked about on every open.

// A zone far from UTC: a time shown in UTC would be hours off here.
const ZONE = 'Pacific/Auckland';

requireTools('the app is driven in Debian’s chromium', 'chromium');

describe('work is never lost', () => {
  let app: AppSession;
  const work = tempDir('kept');
  const recoveries = () => {
    const dir = join(app.dataDir, 'recovery');
    return existsSync(dir) ? readdirSync(dir) : [];
  };
  const ready = async () => {
    await app.page.waitForSelector('body[data-ready="true"]', { timeout: 120_000 });
  };
  const settled = () => app.page.evaluate(() => window.cuewrightApp!.ready);
  /** Nudges one cue's start 100 ms later: an unsaved edit. */
  const edit = async (index: number) => {
    const cue = (await sheetOf(app.page)).cues[index]!;
    await app.page.locator(`#script .cue[data-cue="${cue.id}"]`).click();
    await app.page.keyboard.press('Shift+ArrowRight');
    await expect
      .poll(async () => (await sheetOf(app.page)).cues[index]!.start)
      .toBeCloseTo(cue.start! + 0.1, 3);
    return cue;
  };

  beforeAll(async () => {
    app = await openAppSession(undefined, ZONE);
    await app.page.goto(app.host.url);
    await ready();
  }, 150_000);

  afterAll(async () => {
    await app?.close();
  });

  it('Open and New ask to save unsaved changes first; Cancel keeps them and picks nothing', async () => {
    const cue = await edit(6);
    expect(await app.page.title()).toBe('• Sample production — Cuewright');
    const picks = app.picker.asked.length;
    for (const key of ['Control+O', 'Control+N']) {
      await app.page.keyboard.press(key);
      await question(app.page);
      if (key === 'Control+O') await app.screenshot('20-save-changes-asked');
      const asked = await answer(app.page, 'cancel');
      expect(asked.title).toBe('Save changes to Sample production?');
      expect(asked.choices).toEqual(['discard', 'cancel', 'save']);
    }
    expect(app.picker.asked.length).toBe(picks);
    expect((await sheetOf(app.page)).cues[6]!.start).toBeCloseTo(cue.start! + 0.1, 3);
    expect(await app.page.title()).toBe('• Sample production — Cuewright');
  });

  it('a reload asks first; the untitled work comes back on start with a local time, shown unsaved', async () => {
    const before = await sheetOf(app.page);
    await expect.poll(recoveries, { timeout: 10_000 }).toEqual(['untitled.autosave.json']);
    let asked = '';
    app.page.once('dialog', (dialog) => {
      asked = dialog.type();
      void dialog.accept();
    });
    await app.page.reload();
    await ready();
    expect(asked).toBe('beforeunload');
    const offer = await question(app.page);
    expect(offer.title).toBe('Recover unsaved work?');
    // The local time of the autosave, in words: never the stored UTC stamp.
    const clock = await app.page.evaluate(() => {
      const at = (d: Date, zone?: string) =>
        d.toLocaleTimeString(undefined, {
          hour: '2-digit',
          minute: '2-digit',
          ...(zone ? { timeZone: zone } : {}),
        });
      const now = new Date();
      const before = new Date(now.getTime() - 60_000);
      return { local: [at(now), at(before)], utc: at(now, 'UTC') };
    });
    expect(offer.message).toMatch(/kept today at /);
    expect(clock.local.some((t) => offer.message.includes(`today at ${t}`))).toBe(true);
    expect(offer.message).not.toContain(clock.utc);
    expect(offer.message).not.toMatch(/\d{4}-\d\d-\d\dT/);
    await app.screenshot('21-recovery-offered');
    await answer(app.page, 'recover');
    await expect.poll(() => app.page.title()).toBe('• Untitled — Cuewright');
    expect(await sheetOf(app.page)).toEqual(before);
    expect(await app.page.locator('#status-text').textContent()).toMatch(/^opened Untitled \(recovered/);
    await app.screenshot('22-recovered-unsaved');
  });

  it('declining a recovery asks to confirm, then discards it: the next start asks nothing', async () => {
    app.page.once('dialog', (dialog) => void dialog.accept());
    await app.page.reload();
    await ready();
    await answer(app.page, 'discard');
    const sure = await question(app.page);
    expect(sure.title).toBe('Discard the unsaved work?');
    // "Go back" returns to the offer; nothing is lost by a slip.
    await answer(app.page, 'back');
    expect((await question(app.page)).title).toBe('Recover unsaved work?');
    await answer(app.page, 'discard');
    await answer(app.page, 'discard');
    await settled();
    expect(recoveries()).toEqual([]);
    expect(await app.page.title()).toBe('Sample production — Cuewright');
    await app.page.reload();
    await ready();
    await settled();
    expect(await app.page.locator('#app-dialog[open]').count()).toBe(0);
  });

  it("a saved project's recovery, declined, is gone: opening it again asks nothing", async () => {
    const projectPath = join(work, 'kept.cwproj');
    app.picker.answers.push(projectPath);
    await app.page.keyboard.press('Control+S');
    await expect.poll(() => app.page.title()).toBe('kept.cwproj — Cuewright');
    await edit(8);
    await expect.poll(recoveries, { timeout: 10_000 }).toHaveLength(1);
    // Leaving anyway (as a crash would): the autosave stays.
    app.page.once('dialog', (dialog) => void dialog.accept().catch(() => undefined));
    await app.page.reload();
    await ready();
    await settled();
    app.picker.answers.push(projectPath);
    await app.page.keyboard.press('Control+O');
    await answer(app.page, 'discard');
    await answer(app.page, 'discard');
    await expect.poll(recoveries).toEqual([]);
    expect(await app.page.title()).toBe('kept.cwproj — Cuewright');
  });

  it("Don't save throws the changes away for good: nothing is offered back", async () => {
    await edit(10);
    await expect.poll(recoveries, { timeout: 10_000 }).toHaveLength(1);
    app.picker.answers.push(join(work, 'kept.cwproj'));
    await app.page.keyboard.press('Control+O');
    await answer(app.page, 'discard');
    await expect.poll(recoveries).toEqual([]);
    await expect.poll(() => app.page.title()).toBe('kept.cwproj — Cuewright');
    expect(app.errors).toEqual([]);
  });
});
