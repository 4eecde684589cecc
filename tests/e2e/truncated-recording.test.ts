import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answer } from '../support/app-dialog.ts';
import { type AppSession, openAppSession } from '../support/app-session.ts';
import { SHARED } from '../support/paths.ts';
import { requireTools } from '../support/required-tools.ts';
import { ffmpeg, ffprobe, tempDir } from '../support/signals.ts';

// Issue 17: a WAV cut short (its header says longer than the file holds) is opened as far as it
// goes; the CLI says so (tests/core/truncated-wav-said.test.ts), and the app says the same fact
// in a banner above the timeline, for as long as the production plays that file: on a new project,
// on opening it again (its shape then comes from the peaks cache), and on Add recordings…. Real
// speech: a LibriVox reading of Sonnet I, made a WAV, its bytes cut after 10 s.

requireTools('the app is driven in Debian’s chromium', 'chromium', 'ffmpeg', 'shared data');

const SONNET = `${SHARED}speech/sonnets/sonnet001`;
/** Seconds of audio the cut file keeps. */
const KEPT = 10;

describe('a truncated WAV opened in the app', () => {
  let app: AppSession;
  const work = tempDir('truncated-app');
  const script = join(work, 'sonnet.txt');
  const whole = join(work, 'whole.wav');
  const cut = join(work, 'cut.wav');
  let declared: number;
  const banner = () => app.page.locator('[data-notice="cut-short"]');
  /** The banner's line for the cut file named `name` (its file name; the tooltip gives its path). */
  const said = (name = 'cut.wav') =>
    `${name}: truncated WAV: the header says ${declared.toFixed(1)} s, the file holds ${KEPT.toFixed(1)} s (${(declared - KEPT).toFixed(1)} s missing): read as far as it goes.`;
  const newProject = async (audio: string) => {
    app.picker.answers.push(script, audio);
    await app.page.keyboard.press('Control+N');
    await answer(app.page, 'later');
    await app.page.waitForFunction((path) => window.cuewrightApp!.store.project?.audio.path === path, audio);
  };

  beforeAll(async () => {
    ffmpeg(['-i', `${SONNET}.flac`, '-c:a', 'pcm_s16le', whole]);
    const rate = Number(ffprobe(whole, 'stream=sample_rate').sample_rate);
    const channels = Number(ffprobe(whole, 'stream=channels').channels);
    declared = Number(ffprobe(whole, 'format=duration').duration);
    const bytes = readFileSync(whole);
    const dataAt = bytes.indexOf('data') + 8;
    writeFileSync(cut, bytes.subarray(0, dataAt + KEPT * rate * 2 * channels));
    writeFileSync(script, readFileSync(`${SONNET}.txt`));
    // As openReadyApp, with a longer wait for the sample production: on two cores shared with
    // mutation runs it took 163 s to be ready (openReadyApp waits 120 s).
    app = await openAppSession();
    await app.page.goto(app.host.url);
    await app.page.waitForSelector('body[data-ready="true"]', { timeout: 400_000 });
  }, 450_000);

  afterAll(async () => {
    await app?.close();
  });

  it('a new project on it: the banner says what the CLI says, and the recording is as long as the file holds', async () => {
    expect(await banner().count()).toBe(0);
    await newProject(cut);
    await banner().waitFor();
    // Named by its file: its whole path pushed the figures past the banner's width.
    expect(await banner().locator('.notice-text').textContent()).toBe(said());
    expect(await banner().locator('.notice-text').getAttribute('title')).toBe(said(cut));
    expect(await banner().getAttribute('class')).toContain('notice-warning');
    expect(await app.page.evaluate(() => window.cuewrightApp!.store.project!.audio.duration)).toBeCloseTo(
      KEPT,
      3,
    );
    await app.screenshot('truncated-recording-1-new-project');
  });

  it('a whole WAV: no banner; the cut one again (its shape from the cache): the banner again', async () => {
    await newProject(whole);
    expect(await banner().count()).toBe(0);
    await newProject(cut);
    await banner().waitFor();
    expect(await banner().locator('.notice-text').textContent()).toBe(said());
  });

  it('Add recordings… with the cut one: the banner comes with it and goes with its undo', async () => {
    await newProject(whole);
    expect(await banner().count()).toBe(0);
    app.picker.answers.push([cut]);
    await app.page.click('#tab-recordings');
    await app.page.click('.recordings-panel [data-action="add"]');
    await banner().waitFor();
    expect(await banner().locator('.notice-text').textContent()).toBe(said());
    await app.screenshot('truncated-recording-2-added');
    await app.page.keyboard.press('Control+Z');
    await expect.poll(() => banner().count()).toBe(0);
    expect(app.errors).toEqual([]);
  });
});
