import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {} from '../../renderer/src/main.ts';
import { answer } from '../support/app-dialog.ts';
import { type AppSession, openReadyApp } from '../support/app-session.ts';
import { requireTools } from '../support/required-tools.ts';
import { tempDir, toneOf, writeWav } from '../support/signals.ts';

// Issue 15 part A, levels: while a recording plays, the transport bar's meter shows the output's
// peaks, its loudness (momentary, short-term, integrated so far) and a clip light. A recording of
// known level is played through the real audio graph in Chromium: a 1 kHz tone at -20 dBFS (read
// -23 LUFS by BS.1770, mono) for 6 s, then at full scale (clipping) for 3 s.

requireTools('the app is driven in Debian’s chromium', 'chromium');

const RATE = 48_000;

describe('the level meter', () => {
  let app: AppSession;
  const reading = () =>
    app.page.locator('#loudness').evaluate((e) => ({
      momentary: Number.parseFloat((e as HTMLElement).dataset.momentary ?? ''),
      shortTerm: Number.parseFloat((e as HTMLElement).dataset.shortTerm ?? ''),
      integrated: Number.parseFloat((e as HTMLElement).dataset.integrated ?? ''),
    }));
  const time = () => app.page.evaluate(() => window.cuewrightApp!.playback.time);
  const clipLit = async () =>
    ((await app.page.getAttribute('#clip-indicator', 'class')) ?? '').includes('lit');

  beforeAll(async () => {
    app = await openReadyApp();
    const work = tempDir('levels');
    const quiet = toneOf(6, 1000, 0.1, RATE);
    const loud = toneOf(3, 1000, 1, RATE);
    const tone = new Float32Array(quiet.length + loud.length);
    tone.set(quiet);
    tone.set(loud, quiet.length);
    const audio = writeWav(join(work, 'tone.wav'), [tone], RATE, { bitsPerSample: 16 });
    const script = join(work, 'tone.txt');
    writeFileSync(script, 'A steady tone.\n\nThe same tone, much louder.\n');
    app.picker.answers.push(script, audio);
    await app.page.keyboard.press('Control+N');
    await answer(app.page, 'later');
  }, 150_000);

  afterAll(async () => {
    await app?.close();
  });

  it('reads -23 LUFS for a -20 dBFS tone while it plays, with no clip', async () => {
    await app.page.keyboard.press('Home');
    await app.page.click('#play');
    await expect.poll(async () => (await reading()).shortTerm, { timeout: 20_000 }).toBeGreaterThan(-30);
    const heard = await reading();
    expect(await time()).toBeLessThan(6);
    expect(heard.momentary).toBeCloseTo(-23, 0);
    expect(heard.shortTerm).toBeCloseTo(-23, 0);
    expect(heard.integrated).toBeCloseTo(-23, 0);
    expect(await clipLit()).toBe(false);
    const peaks = (await app.page.getAttribute('.level-bars', 'data-peaks'))!.split(' ').map(Number);
    // Both speakers show the mono tone's -20 dBFS peak.
    for (const peak of peaks) expect(peak).toBeCloseTo(-20, 0);
    await app.screenshot('90-levels-quiet-tone');
  });

  it('lights the clip indicator at full scale, and reads the louder tone; a click clears it', async () => {
    await expect.poll(clipLit, { timeout: 20_000 }).toBe(true);
    // 0 dBFS, mono: -3 LUFS momentary once 400 ms of it have played.
    await expect.poll(async () => (await reading()).momentary, { timeout: 20_000 }).toBeGreaterThan(-4);
    expect((await reading()).momentary).toBeLessThan(-2);
    await app.screenshot('91-levels-clipped');
    await app.page.evaluate(() => window.cuewrightApp!.playback.pause());
    await app.page.click('#clip-indicator');
    expect(await clipLit()).toBe(false);
    expect(await app.page.locator('#loudness').textContent()).toContain('I – LUFS');
    expect(app.errors).toEqual([]);
  });
});
