import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {} from '../../renderer/src/main.ts';
import type { ProjectFile } from '../../src/project/project-schema.ts';
import { type AppSession, openProjectInApp, openReadyApp } from '../support/app-session.ts';
import { assembleDoor, doorSounds } from '../support/drama-fixture.ts';
import { requireTools } from '../support/required-tools.ts';
import { runCli } from '../support/run-cli.ts';
import { tempDir } from '../support/signals.ts';

// Issue 17, a tester's findings on a drama's closing music: "The Door" assembled by the real
// `cuewright assemble`, its 5 s 220 Hz theme moved past the last line and looped to 9 s (the
// production's tail). Played from 0, paused, sought into the theme and played again, the Music
// route must carry it (a tester once heard silence there). Selected, the theme's cue shows in the
// inspector where it plays (it showed its chapter's start as "Starts"), and its block's tooltip
// has no stray ",." (an empty list of fades joined).

requireTools(
  'the takes are festival voices cut together by ffmpeg, the sounds ffmpeg sources; the app runs in Debian’s chromium',
  'festival',
  'ffmpeg',
  'chromium',
);

describe('a drama’s looped music after its last line', () => {
  let app: AppSession;
  const work = tempDir('drama-tail-music');
  let theme: string;
  /** Where the theme plays (production seconds), 1.5 s after the last line's end. */
  let themeAt: number;
  let lastLineEnd: number;
  /** The theme's RMS (dBFS): a sine of amplitude 0.3 x 1/8 (drama-fixture.ts doorSounds). */
  const themeDb = 20 * Math.log10(0.3 / 8 / Math.SQRT2);

  beforeAll(async () => {
    const { projectPath, file } = assembleDoor(work, doorSounds(work));
    const json = JSON.parse(runCli(['project', projectPath, '--json'], work).stdout) as {
      cues: Array<{ id: string; kind: string; end?: number }>;
    };
    const ends = (cues: typeof json.cues) => cues.flatMap((c) => (c.end !== undefined ? [c.end] : []));
    lastLineEnd = Math.max(...ends(json.cues.filter((c) => c.kind !== 'sfx' && c.kind !== 'music')));
    theme = file.sounds!.find((s) => s.lane === 'Music')!.cue;
    // Its cue falls at the end of the line before it; moved to 1.5 s past the last line, looped 9 s.
    const index = json.cues.findIndex((c) => c.id === theme);
    const fallsAt = Math.max(0, ...ends(json.cues.slice(0, index)));
    themeAt = lastLineEnd + 1.5;
    const edited: ProjectFile = {
      ...file,
      sounds: file.sounds!.map((s) =>
        s.cue === theme ? { ...s, shift: Number((themeAt - fallsAt).toFixed(3)), loop: true, length: 9 } : s,
      ),
    };
    writeFileSync(projectPath, JSON.stringify(edited));
    app = await openReadyApp();
    await openProjectInApp(app, projectPath);
    await app.page.evaluate(() => window.cuewrightApp!.waveform.zoomToFit());
    await app.page.waitForFunction(() => window.cuewrightApp!.playback.sounds.placed.length === 2, null, {
      timeout: 30_000,
    });
  }, 400_000);

  afterAll(async () => {
    expect(app?.errors ?? []).toEqual([]);
    await app?.close();
  });

  /**
   * Plays from 0 for `playMs`, pauses, seeks to `into` and plays: the Music route's level (dB)
   * from 0.3 s to 1.2 s after the seek, and how much was read.
   */
  const playPauseSeek = (playMs: number, into: number) =>
    app.page.evaluate(
      async ({ playMs, into }) => {
        const { playback } = window.cuewrightApp!;
        const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));
        playback.seek(0);
        await playback.play();
        await pause(playMs);
        playback.pause();
        playback.seek(into);
        await playback.play();
        const analyser = playback.sounds.tapLane('Music')!;
        const data = new Float32Array(analyser.fftSize);
        let sum = 0;
        let count = 0;
        const start = performance.now();
        // Until 1.2 s of the production has played after the seek (5 s of wall time at most).
        while (playback.playing && playback.time < into + 1.2 && performance.now() - start < 5000) {
          await new Promise((done) => requestAnimationFrame(done));
          if (playback.time < into + 0.3) continue;
          analyser.getFloatTimeDomainData(data);
          for (const v of data) sum += v * v;
          count += data.length;
        }
        const time = playback.time;
        playback.pause();
        analyser.disconnect();
        return { db: Number((10 * Math.log10(sum / Math.max(1, count) || 1e-20)).toFixed(2)), count, time };
      },
      { playMs, into },
    );

  it('plays the theme after a play from 0, a pause and a seek into it', async () => {
    const placed = await app.page.evaluate(
      (cue) => window.cuewrightApp!.playback.sounds.placed.find((p) => p.cue === cue)!,
      theme,
    );
    expect(placed.at).toBeCloseTo(themeAt, 2);
    expect(placed.span.length).toBe(9);
    // Paused in the beat before the first line and in a line; sought into the file's first pass
    // and into the loop's second.
    const heard: Array<{ pausedAt: number; into: number; db: number; count: number; time: number }> = [];
    for (const playMs of [200, 2000])
      for (const into of [3, 6.5])
        heard.push({ pausedAt: playMs / 1000, into, ...(await playPauseSeek(playMs, themeAt + into)) });
    console.log(
      `the tail theme (from ${themeAt.toFixed(2)} s, the last line ends ${lastLineEnd.toFixed(2)} s; the file ${themeDb.toFixed(2)} dB) after play from 0, pause, seek:`,
      heard,
    );
    for (const h of heard) {
      expect(h.count, `paused at ${h.pausedAt} s, sought ${h.into} s in`).toBeGreaterThan(0);
      expect(Math.abs(h.db - themeDb), `paused at ${h.pausedAt} s, sought ${h.into} s in`).toBeLessThan(0.5);
    }
  });

  it('shows where the selected theme plays as its start, its chapter’s start as the chapter’s', async () => {
    await app.page.evaluate((cue) => window.cuewrightApp!.store.select([cue]), theme);
    await expect
      .poll(() => app.page.locator('[data-testid="sound-file"]').textContent(), { timeout: 10_000 })
      .toBe('low-theme.wav');
    await app.screenshot('drama-tail-music-inspector');
    const starts = app.page.locator('[data-testid="sound-start"]');
    expect(await starts.count()).toBe(1);
    const shown = (await starts.textContent())!;
    const [, m, s] = /(\d+):(\d+(?:\.\d+)?)$/.exec(shown)!;
    expect(Number(m) * 60 + Number(s)).toBeCloseTo(themeAt, 2);
    // The chapter's start is named as the chapter's.
    const chapterRow = app.page.locator('.field', { has: app.page.locator('[data-testid="chapter-start"]') });
    expect(await chapterRow.locator('span').textContent()).toBe('Chapter starts');
  });

  it('titles the sound blocks without a stray ",." (no fades) or a false "runs past the last line"', async () => {
    const tips = await app.page.evaluate(() =>
      [
        ...document
          .querySelector('#waveform div')!
          .shadowRoot!.querySelectorAll<HTMLElement>('[part="drama-sound"]'),
      ].map((b) => b.title),
    );
    console.log('sound blocks’ tooltips:', tips);
    expect(tips).toHaveLength(2);
    for (const tip of tips) expect(tip).not.toMatch(/,\s*[.,]|\s[.,]/);
    // The slam has no fades and no loop: "…for 0.60 s. Drag…"; the theme "(looped). Drag…".
    expect(tips.find((t) => t.startsWith('door-slams.wav'))).toMatch(/for 0\.60 s\. Drag/);
    expect(tips.find((t) => t.startsWith('low-theme.wav'))).toMatch(/for 9\.00 s \(looped\)\. Drag/);
    // The theme ends the production: its fade-out handle is there (the end summed in floating
    // point, 8.999999999999998 of its 9 s, hid it, so the fade a closing theme most needs).
    const fadeOutHidden = await app.page.evaluate(
      () =>
        [
          ...document
            .querySelector('#waveform div')!
            .shadowRoot!.querySelectorAll<HTMLElement>('[part="drama-sound"]'),
        ]
          .find((b) => b.title.startsWith('low-theme.wav'))!
          .querySelector<HTMLElement>('.sound-grip[data-grip="fade-out"]')!.hidden,
    );
    expect(fadeOutHidden).toBe(false);
  });

  it('plays it when played, paused and sought as a user does: Space, a click in the tail, Space', async () => {
    await app.page.evaluate(() => window.cuewrightApp!.playback.seek(0));
    await app.page.locator('#timeline').focus();
    await app.page.keyboard.press('Space');
    await expect
      .poll(() => app.page.evaluate(() => window.cuewrightApp!.playback.time), { timeout: 10_000 })
      .toBeGreaterThan(1);
    await app.page.keyboard.press('Space');
    expect(await app.page.evaluate(() => window.cuewrightApp!.playback.playing)).toBe(false);
    // A click on Anna's row (nothing of hers there) 3 s into the theme seeks there.
    const into = themeAt + 3;
    const where = await app.page.evaluate((t) => {
      const { wavesurfer } = window.cuewrightApp!.waveform;
      const wrapper = wavesurfer.getWrapper();
      const box = wrapper.getBoundingClientRect();
      const row = document.querySelector('[data-lane="Anna"].drama-name')!.getBoundingClientRect();
      return {
        x: box.left + (t * wrapper.scrollWidth) / wavesurfer.getDuration(),
        y: row.top + row.height / 2,
      };
    }, into);
    await app.page.mouse.click(where.x, where.y);
    await expect.poll(() => app.page.evaluate(() => window.cuewrightApp!.playback.time)).toBeCloseTo(into, 1);
    await app.page.keyboard.press('Space');
    const heard = await app.page.evaluate(
      async (from) => {
        const { playback } = window.cuewrightApp!;
        const analyser = playback.sounds.tapLane('Music')!;
        const data = new Float32Array(analyser.fftSize);
        let sum = 0;
        let count = 0;
        const start = performance.now();
        while (playback.playing && playback.time < from + 1.2 && performance.now() - start < 5000) {
          await new Promise((done) => requestAnimationFrame(done));
          if (playback.time < from + 0.3) continue;
          analyser.getFloatTimeDomainData(data);
          for (const v of data) sum += v * v;
          count += data.length;
        }
        const time = playback.time;
        playback.pause();
        analyser.disconnect();
        return { db: Number((10 * Math.log10(sum / Math.max(1, count) || 1e-20)).toFixed(2)), count, time };
      },
      await app.page.evaluate(() => window.cuewrightApp!.playback.time),
    );
    console.log('the tail theme after Space, Space, a click 3 s into it and Space:', heard);
    expect(heard.count).toBeGreaterThan(0);
    expect(Math.abs(heard.db - themeDb)).toBeLessThan(0.5);
  });

  it('plays it at 1.5x too (the grains: about 2 dB lower, as drama-sounds measures)', async () => {
    await app.page.selectOption('#speed', '1.5');
    const heard = await playPauseSeek(2000, themeAt + 3);
    await app.page.selectOption('#speed', '1');
    console.log('the tail theme at 1.5x after play from 0, pause, seek 3 s in:', heard);
    expect(heard.count).toBeGreaterThan(0);
    expect(heard.db).toBeGreaterThan(themeDb - 3);
    expect(heard.db).toBeLessThan(themeDb + 0.5);
  });

  it('plays it too when looped with no length (after the last line: its file once)', async () => {
    await app.page.evaluate((cue) => window.cuewrightApp!.store.select([cue]), theme);
    await app.page.locator('[data-testid="sound-length-auto"]').click();
    await expect
      .poll(() =>
        app.page.evaluate(
          (cue) => window.cuewrightApp!.playback.sounds.placed.find((p) => p.cue === cue)?.span.length,
          theme,
        ),
      )
      .toBeCloseTo(5, 3);
    const heard = await playPauseSeek(2000, themeAt + 3);
    console.log('the tail theme looped with no length, after play from 0, pause, seek 3 s in:', heard);
    expect(heard.count).toBeGreaterThan(0);
    expect(Math.abs(heard.db - themeDb)).toBeLessThan(0.5);
  });
});
