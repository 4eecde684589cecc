import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Bed } from '../../cues/cue-sheet.ts';
import { parseScript } from '../../cues/parse-script.ts';
import type {} from '../../renderer/src/main.ts';
import { PROJECT_VERSION } from '../../src/project/project-schema.ts';
import { saveProject } from '../../src/project/project-store.ts';
import { sheetOf } from '../support/app-dialog.ts';
import { type AppSession, openReadyApp } from '../support/app-session.ts';
import { requireTools } from '../support/required-tools.ts';
import { tempDir, toneOf, writeWav } from '../support/signals.ts';

// Issue 15, beds and effects: the beds' own row under the cue regions (clickable wherever cues
// lie), a bed dragged, trimmed at both ends, faded and looped (each gesture one undo step), and
// a sound picked for the script's [SFX: …] and MUSIC cues from the cue's right-click menu,
// placed at the cue's time and linked to it.

requireTools('the app is driven in Debian’s chromium', 'chromium');

const SECONDS = 30;
const SCRIPT = [
  'ANNA: Did you hear that?',
  '[SFX: A door slams]',
  'BEN: Only the wind.',
  'MUSIC: The theme, up and under',
  'ANNA: Then why is the light on?',
].join('\n\n');

describe('beds and effects on their own lane', () => {
  let app: AppSession;
  const bedOf = async (cueId: string): Promise<Bed> =>
    (await sheetOf(app.page)).beds!.find((b) => b.cueId === cueId)!;
  const block = (id: string) => app.page.locator(`#waveform .lane-beds [data-bed="${id}"]`);
  const secondsPerPx = () =>
    app.page.evaluate(() => {
      const ws = window.cuewrightApp!.waveform.wavesurfer;
      return ws.getDuration() / ws.getWrapper().scrollWidth;
    });
  /** Drags from the middle of `selector` (inside the bed's block) by `dx` pixels. */
  const drag = async (id: string, selector: string | undefined, dx: number) => {
    const target = selector ? block(id).locator(selector) : block(id);
    const box = (await target.boundingBox())!;
    // The body is taken hold of on its name's row, clear of the handles and the loop button.
    const x = selector ? box.x + box.width / 2 : box.x + 30;
    const y = box.y + box.height / 2;
    await app.page.mouse.move(x, y);
    await app.page.mouse.down();
    await app.page.mouse.move(x + dx / 2, y);
    await app.page.mouse.move(x + dx, y);
    await app.page.mouse.up();
  };
  const undo = async () => {
    await app.page.locator('#timeline').focus();
    await app.page.keyboard.press('Control+Z');
  };

  let work: string;
  let door: string;
  let theme: string;
  /** Files in the peaks cache once the scene is open, before any bed. */
  let cachedBeforeBeds = 0;

  beforeAll(async () => {
    app = await openReadyApp();
    work = tempDir('beds-e2e');
    const audio = writeWav(join(work, 'scene.wav'), [toneOf(SECONDS, 200, 0.2, 8000)], 8000, {
      bitsPerSample: 16,
    });
    door = writeWav(join(work, 'door.wav'), [toneOf(1.5, 1000, 0.5, 22_050)], 22_050, { bitsPerSample: 16 });
    theme = writeWav(join(work, 'theme.wav'), [toneOf(4, 500, 0.4, 22_050)], 22_050, { bitsPerSample: 16 });
    const parsed = parseScript(SCRIPT, { format: 'drama', fileName: 'scene.txt' });
    const sheet = {
      ...parsed,
      cues: parsed.cues.map((c, i) => ({ ...c, start: 1 + i * 5, end: 1 + i * 5 + 4 })),
    };
    const projectPath = join(work, 'scene.cwproj');
    await saveProject(projectPath, {
      app: 'cuewright',
      version: PROJECT_VERSION,
      script: { path: 'scene.txt', text: SCRIPT },
      recordings: [{ id: 'rec-1', path: audio, size: 0, duration: SECONDS }],
      sheet,
      savedAt: new Date().toISOString(),
    });
    app.picker.answers.push(projectPath);
    await app.page.keyboard.press('Control+O');
    await app.page.waitForFunction(
      (n) =>
        window.cuewrightApp!.store.sheet.cues.length === n && window.cuewrightApp!.store.sheet.title !== '',
      sheet.cues.length,
      { timeout: 60_000 },
    );
    await app.page.waitForFunction(
      (d) => window.cuewrightApp!.waveform.wavesurfer.getDuration() > d - 1,
      SECONDS,
    );
    cachedBeforeBeds = readdirSync(join(app.dataDir, 'peaks-cache')).length;
  }, 150_000);

  afterAll(async () => {
    await app?.close();
  });

  it('picks a sound for an [SFX: …] cue from its right-click menu: placed at the cue, not ducked', async () => {
    const sheet = await sheetOf(app.page);
    expect(sheet.cues.map((c) => c.kind)).toEqual(['dialogue', 'sfx', 'dialogue', 'music', 'dialogue']);
    const sfx = sheet.cues[1]!;
    await app.page
      .locator(`#waveform [part~="region"][part~="${sfx.id}"]`)
      .click({ button: 'right', position: { x: 20, y: 40 } });
    const first = app.page.locator('[data-testid="context-menu"] button').first();
    expect(await first.locator('span').textContent()).toBe('Pick sound for this cue…');
    app.picker.answers.push(door);
    await first.click();
    await app.page.waitForFunction(
      (id) => window.cuewrightApp!.store.sheet.beds?.some((b) => b.cueId === id),
      sfx.id,
    );
    const bed = await bedOf(sfx.id);
    expect(bed).toMatchObject({ path: door, start: sfx.start, sfx: true, cueId: sfx.id });
    // The lane says which cue it belongs to.
    await block(bed.id).waitFor();
    expect(await block(bed.id).textContent()).toContain('A door slams');

    // The MUSIC cue, by its command's key: a bed, ducked under speech.
    const music = sheet.cues[3]!;
    await app.page.locator(`#script .cue[data-cue="${music.id}"]`).click();
    app.picker.answers.push(theme);
    await app.page.keyboard.press('Shift+B');
    await app.page.waitForFunction(
      (id) => window.cuewrightApp!.store.sheet.beds?.some((b) => b.cueId === id),
      music.id,
    );
    const bed2 = await bedOf(music.id);
    expect(bed2.start).toBe(music.start);
    expect(bed2.sfx).toBeUndefined();
    // A dialogue cue is refused: it takes no sound.
    await app.page.locator(`#script .cue[data-cue="${sheet.cues[0]!.id}"]`).click();
    await app.page.keyboard.press('Shift+B');
    expect((await sheetOf(app.page)).beds).toHaveLength(2);
    await app.screenshot('beds-01-lane');
  });

  it('the lane is its own row: a bed under a cue region is what a click there hits', async () => {
    const music = (await sheetOf(app.page)).cues[3]!;
    const bed = await bedOf(music.id);
    const box = (await block(bed.id).boundingBox())!;
    const region = (await app.page.locator(`#waveform [part~="region"][part~="${music.id}"]`).boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(24);
    // The bed lies under the cue's span on the timeline, below its region.
    expect(box.x).toBeLessThan(region.x + region.width);
    expect(box.y).toBeGreaterThanOrEqual(region.y + region.height - 1);
    await app.page.mouse.click(box.x + 30, box.y + box.height / 2);
    expect(await app.page.evaluate(() => window.cuewrightApp!.store.selection.bedId)).toBe(bed.id);
    expect(await app.page.locator('[data-testid="bed-file"]').textContent()).toBe('theme.wav');
    // Its waveform: peaks from the back end's cache (a file there per bed), drawn in the block.
    expect(readdirSync(join(app.dataDir, 'peaks-cache')).length).toBeGreaterThanOrEqual(cachedBeforeBeds + 2);
    await app.page.waitForFunction((id) => {
      const host = document.querySelector('#waveform > div')!.shadowRoot!;
      const canvas = host.querySelector<HTMLCanvasElement>(`[data-bed="${id}"] canvas`)!;
      const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      return pixels.some((v, i) => i % 4 === 3 && v > 0);
    }, bed.id);
  });

  it('drags a bed, trims both ends, fades it and loops it: each one undo step', async () => {
    const music = (await sheetOf(app.page)).cues[3]!;
    const bed = await bedOf(music.id);
    const spp = await secondsPerPx();
    const dx = Math.round(1 / spp); // about a second

    await drag(bed.id, undefined, dx);
    let now = await bedOf(music.id);
    expect(now.start).toBeCloseTo(bed.start + dx * spp, 1);
    await undo();
    expect((await bedOf(music.id)).start).toBe(bed.start);

    // Trimming the end shortens it; trimming the start moves start and offset together.
    await drag(bed.id, '.bed-trim-end', -dx);
    now = await bedOf(music.id);
    expect(now.length).toBeCloseTo(4 - dx * spp, 1);
    await drag(bed.id, '.bed-trim-start', dx);
    now = await bedOf(music.id);
    expect(now.start).toBeCloseTo(bed.start + dx * spp, 1);
    expect(now.offset).toBeCloseTo(dx * spp, 1);
    expect(now.length).toBeCloseTo(4 - 2 * dx * spp, 1);
    expect(await app.page.inputValue('[data-testid="bed-offset"]')).toBe(String(now.offset));

    // Fades: the top corner handles.
    await drag(bed.id, '.bed-fade-in', Math.round(dx / 2));
    await drag(bed.id, '.bed-fade-out', -Math.round(dx / 2));
    now = await bedOf(music.id);
    expect(now.fadeIn).toBeCloseTo(0.5, 1);
    expect(now.fadeOut).toBeCloseTo(0.5, 1);

    // Loop: the bed may then outlast its file (drawn past the file's end).
    await block(bed.id).locator('.bed-loop').click();
    expect((await bedOf(music.id)).loop).toBe(true);
    await drag(bed.id, '.bed-trim-end', 4 * dx);
    now = await bedOf(music.id);
    expect(now.length).toBeGreaterThan(4);
    await app.screenshot('beds-02-trimmed-faded-looped');
    // Each gesture was one step: six undos go back to the bed as placed.
    for (let i = 0; i < 6; i++) await undo();
    expect(await bedOf(music.id)).toEqual(bed);
  });

  it('the inspector edits the same numbers', async () => {
    const music = (await sheetOf(app.page)).cues[3]!;
    const bed = await bedOf(music.id);
    await block(bed.id).click({ position: { x: 30, y: 10 } });
    await app.page.fill('[data-testid="bed-fade-in"]', '1.25');
    await app.page.press('[data-testid="bed-fade-in"]', 'Enter');
    expect((await bedOf(music.id)).fadeIn).toBe(1.25);
    await app.page.click('[data-testid="bed-loop"]');
    expect((await bedOf(music.id)).loop).toBe(true);
    await undo();
    await undo();
    expect(await bedOf(music.id)).toEqual(bed);
  });

  it('beds follow the transport’s speed, also when it changes while playing', async () => {
    await app.page.selectOption('#speed', '1.5');
    await app.page.evaluate(() => window.cuewrightApp!.playback.seek(16));
    await app.page.locator('#timeline').focus();
    await app.page.keyboard.press('Space');
    await app.page.waitForFunction(() => window.cuewrightApp!.playback.beds.rate !== undefined);
    expect(await app.page.evaluate(() => window.cuewrightApp!.playback.beds.rate)).toBe(1.5);
    await app.page.selectOption('#speed', '2');
    await app.page.waitForFunction(() => window.cuewrightApp!.playback.beds.rate === 2);
    await app.page.locator('#timeline').focus();
    await app.page.keyboard.press('Space');
    await app.page.waitForFunction(() => window.cuewrightApp!.playback.beds.rate === undefined);
    await app.page.selectOption('#speed', '1');
  });

  it('a bed plays from the playhead at another speed, and stops where the playhead leaves it', async () => {
    const music = (await sheetOf(app.page)).cues[3]!;
    const bed = await bedOf(music.id);
    expect(bed.loop).toBeFalsy();
    /**
     * The bed's meter readings (dBFS) over `from`-`to` s after it is started at each of `times`
     * (s) at `rate`, 0.2 s apart: the loudest and the median. Seconds are the audio clock's (the
     * beds' position), not the wall's: on a busy machine the audio thread can fall behind, and a
     * wall-clock window would then read a sound that has not yet been heard. (What is started or
     * stopped is heard 0.1 s later: Tone's look-ahead.)
     */
    const heard = (times: number[], rate: number, from: number, to: number) =>
      app.page.evaluate(
        async ({ id, times, rate, from, to }) => {
          const { beds } = window.cuewrightApp!.playback;
          const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));
          for (const [i, time] of times.entries()) {
            if (i > 0) await pause(200);
            beds.startAt(time, rate);
          }
          const startedAt = times.at(-1)!;
          const elapsed = () => ((beds.position ?? startedAt) - startedAt) / rate;
          const readings: number[] = [];
          // The wall-clock bound only ends the wait should the audio clock stop.
          const giveUp = performance.now() + 20_000;
          while (elapsed() < to && performance.now() < giveUp) {
            await pause(30);
            const now = elapsed();
            if (now > from && now < to) readings.push(beds.levelDb(id) ?? Number.NEGATIVE_INFINITY);
          }
          beds.stop();
          await pause(300);
          readings.sort((a, b) => a - b);
          return {
            loudest: readings.at(-1) ?? Number.NaN,
            median: readings[readings.length >> 1] ?? Number.NaN,
          };
        },
        { id: bed.id, times, rate, from, to },
      );
    // 3 s into its 4 s file: at 1.5x its last second plays (Tone's grain player, given 3 s, would
    // start 4.5 s in, past the file's end, and stay silent).
    const at1x = (await heard([bed.start + 3], 1, 0.15, 0.6)).median;
    const at15x = (await heard([bed.start + 3], 1.5, 0.15, 0.6)).median;
    // Looped, playing, then the playhead moved to 0.5 s before it: silence until it starts again
    // (the source playing before went on under a looping Tone.Player's rescheduled stop).
    await block(bed.id).click({ position: { x: 30, y: 10 } });
    await app.page.click('[data-testid="bed-loop"]');
    expect((await bedOf(music.id)).loop).toBe(true);
    const looped = (await heard([bed.start + 1], 1, 0.15, 0.4)).median;
    const beforeIt = (await heard([bed.start + 1, bed.start - 0.5], 1, 0.2, 0.45)).loudest;
    console.log('bed levels (dBFS):', { at1x, at15x, looped, beforeIt });
    // The theme (a 0.4 sine: -10.97 dBFS) ducked by 14 dB under the MUSIC cue's span.
    const ducked = 20 * Math.log10(0.4 / Math.SQRT2) - 14;
    expect(Math.abs(at1x - ducked)).toBeLessThan(1);
    // A grain player's overlapping grains read 2-3 dB under.
    expect(Math.abs(at15x - ducked)).toBeLessThan(4);
    expect(Math.abs(looped - ducked)).toBeLessThan(1);
    expect(beforeIt).toBeLessThan(-80);
    await undo();
    expect(await bedOf(music.id)).toEqual(bed);
  });
});
