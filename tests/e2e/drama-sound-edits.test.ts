import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {} from '../../renderer/src/main.ts';
import type { ProjectFile } from '../../src/project/project-schema.ts';
import { startExport } from '../support/app-dialog.ts';
import type { AppSession } from '../support/app-session.ts';
import { doorSounds, openDoorInApp } from '../support/drama-fixture.ts';
import { requireTools } from '../support/required-tools.ts';
import { runCli } from '../support/run-cli.ts';
import { tempDir } from '../support/signals.ts';

// Issue 17, a drama's sound blocks edited in the app (real Chromium, the real renderer and back
// end): "The Door" assembled by `cuewright assemble` with a door slam and a 5 s 220 Hz theme.
// The theme's block dragged along the Music lane (one undo step; Ctrl+Z / Ctrl+Shift+Z), nudged
// with the clips' keys, looped to 9 s and faded in the inspector, heard so on the Music route of
// the preview (the loop going on past the file's end, the fades' gain), and saved (version 3).
// "Level the dialogue" over the lanes' headers: the preview's lanes lose their levelling when it
// is off, the export dialog shows the same choice, and the project keeps it.

requireTools(
  'the takes are festival voices cut together by ffmpeg, the sounds ffmpeg sources; the app runs in Debian’s chromium',
  'festival',
  'ffmpeg',
  'chromium',
);

describe('a drama’s sound blocks dragged, looped and faded; levelling switched', () => {
  let app: AppSession;
  const work = tempDir('drama-sound-edits');
  let projectPath: string;
  let file: ProjectFile;
  let theme: string;

  /** Where the preview plays each sound now. */
  const placed = () =>
    app.page.evaluate(() =>
      window.cuewrightApp!.playback.sounds.placed.map((p) => ({
        cue: p.cue,
        lane: p.lane,
        at: p.at,
        length: p.span.length,
        loop: p.span.loop,
        fadeIn: p.span.fadeIn,
        fadeOut: p.span.fadeOut,
      })),
    );
  const themeAt = async () => (await placed()).find((p) => p.lane === 'Music')!.at;
  /** The theme's block in the Music row: its box (page px) and the timeline's px per second. */
  const themeBlock = () =>
    app.page.evaluate(() => {
      const root = document.querySelector('#waveform div')!.shadowRoot!;
      const { wavesurfer } = window.cuewrightApp!.waveform;
      const wrapper = wavesurfer.getWrapper();
      const block = root.querySelector<HTMLElement>('[part="drama-sound"][data-lane="Music"]')!;
      const box = block.getBoundingClientRect();
      const pxPerSec = wrapper.scrollWidth / wavesurfer.getDuration();
      return {
        x: box.x,
        y: box.y,
        width: box.width,
        height: box.height,
        at: (box.left - wrapper.getBoundingClientRect().left) / pxPerSec,
        pxPerSec,
        text: block.textContent,
        selected: block.classList.contains('selected'),
        seams: block.querySelectorAll('.sound-seam').length,
        fades: [...block.querySelectorAll<HTMLElement>('.sound-fade')].map((f) => f.dataset.testid),
      };
    });
  const docSound = () =>
    app.page.evaluate((cue) => {
      const {
        cue: _c,
        lane: _l,
        path: _p,
        url: _u,
        sampleRate: _r,
        seconds: _s,
        ...shape
      } = window.cuewrightApp!.store.doc.sounds!.find((s) => s.cue === cue)!;
      return shape;
    }, theme);
  const undoLabel = () => app.page.evaluate(() => window.cuewrightApp!.store.undoLabel);
  /** The theme's RMS (dBFS): a sine of amplitude 0.3 x 1/8 (drama-fixture.ts doorSounds). */
  const themeDb = 20 * Math.log10(0.3 / 8 / Math.SQRT2);

  beforeAll(async () => {
    ({ app, projectPath, file } = await openDoorInApp(work, doorSounds(work)));
    theme = file.sounds!.find((s) => s.lane === 'Music')!.cue;
    await app.page.waitForFunction(() => window.cuewrightApp!.playback.sounds.placed.length === 2, null, {
      timeout: 30_000,
    });
  }, 400_000);

  afterAll(async () => {
    expect(app?.errors ?? []).toEqual([]);
    await app?.close();
  });

  it('drags the theme’s block 1 s later along its lane: one undo step, undone and redone', async () => {
    const before = await themeAt();
    const block = await themeBlock();
    expect(Math.abs(block.at - before)).toBeLessThan(0.05);
    const grip = { x: block.x + block.width / 2, y: block.y + block.height / 2 };
    await app.page.mouse.move(grip.x, grip.y);
    await app.page.mouse.down();
    await app.page.mouse.move(grip.x + block.pxPerSec, grip.y, { steps: 10 });
    await app.page.mouse.up();
    await expect.poll(undoLabel).toBe('move low-theme.wav');
    const moved = await themeAt();
    const shift = (await docSound()).shift!;
    console.log(`theme dragged: ${before.toFixed(3)} s -> ${moved.toFixed(3)} s (shift ${shift} s)`);
    // A pixel of the drag is a few ms at this zoom.
    expect(Math.abs(moved - before - 1)).toBeLessThan(0.02);
    expect(shift).toBeCloseTo(moved - before, 3);
    await expect.poll(async () => Math.abs((await themeBlock()).at - moved)).toBeLessThan(0.05);
    // Dropped, the block is selected: its cue is, and the inspector shows the sound.
    expect((await themeBlock()).selected).toBe(true);
    expect(await app.page.evaluate(() => window.cuewrightApp!.store.selection.cueIds)).toEqual([theme]);
    await expect(app.page.locator('[data-testid="sound-file"]').textContent()).resolves.toBe('low-theme.wav');
    await app.page.evaluate(() => window.cuewrightApp!.waveform.zoomToFit());
    await app.screenshot('drama-sound-dragged');

    await app.page.locator('#timeline').focus();
    await app.page.keyboard.press('Control+Z');
    await expect.poll(themeAt).toBeCloseTo(before, 6);
    expect((await docSound()).shift).toBeUndefined();
    await expect.poll(async () => Math.abs((await themeBlock()).at - before)).toBeLessThan(0.05);
    await app.page.keyboard.press('Control+Shift+Z');
    await expect.poll(themeAt).toBeCloseTo(moved, 6);
    await expect.poll(async () => Math.abs((await themeBlock()).at - moved)).toBeLessThan(0.05);

    // The clips' nudge keys move it too (held presses: one step), and Escape during a drag puts it back.
    await app.page.keyboard.press('ArrowRight');
    await expect.poll(themeAt).toBeCloseTo(moved + 0.01, 6);
    await app.page.keyboard.press('Shift+ArrowLeft');
    await expect.poll(themeAt).toBeCloseTo(moved - 0.09, 6);
    await app.page.keyboard.press('Control+Z');
    await expect.poll(themeAt).toBeCloseTo(moved + 0.01, 6);
    await app.page.keyboard.press('Control+Z');
    await expect.poll(themeAt).toBeCloseTo(moved, 6);
  });

  it('loops the theme to 9 s and fades it in over 1 s and out over 2 s in the inspector, each one step', async () => {
    const at = await themeAt();
    const field = (id: string) => app.page.locator(`[data-testid="${id}"]`);
    await field('sound-loop').click();
    await expect.poll(docSound).toMatchObject({ loop: true });
    await expect(field('sound-loop').textContent()).resolves.toBe('Loop: on (turn off)');
    const type = async (id: string, value: string) => {
      await field(id).fill(value);
      await field(id).press('Enter');
    };
    await type('sound-length', '9');
    await type('sound-fade-in', '1');
    await type('sound-fade-out', '2');
    await expect
      .poll(docSound)
      .toEqual({ shift: expect.any(Number), loop: true, length: 9, fadeIn: 1, fadeOut: 2 });
    await expect
      .poll(async () => (await placed()).find((p) => p.cue === theme))
      .toMatchObject({ at, length: 9, loop: true, fadeIn: 1, fadeOut: 2 });
    // Drawn 9 s long, ⟲, a seam where the 5 s file starts again, a ramp at each end.
    await expect
      .poll(async () => (await themeBlock()).width / (await themeBlock()).pxPerSec)
      .toBeCloseTo(9, 1);
    const block = await themeBlock();
    expect(block.text).toBe('⟲ low-theme.wav');
    expect(block.seams).toBe(1);
    expect(block.fades).toEqual(['sound-fade-in', 'sound-fade-out']);
    // The whole production in view (it runs on to the loop's end now).
    await app.page.evaluate(() => window.cuewrightApp!.waveform.zoomToFit());
    await app.screenshot('drama-sound-looped');
    // One undo step each: the fade-out goes, then comes back.
    await app.page.locator('#timeline').focus();
    expect(await undoLabel()).toBe('fade out low-theme.wav');
    await app.page.keyboard.press('Control+Z');
    await expect.poll(docSound).toEqual({ shift: expect.any(Number), loop: true, length: 9, fadeIn: 1 });
    await app.page.keyboard.press('Control+Shift+Z');
    await expect
      .poll(docSound)
      .toEqual({ shift: expect.any(Number), loop: true, length: 9, fadeIn: 1, fadeOut: 2 });
  });

  it('plays the loop on past the file’s end on the Music route, through its fades', async () => {
    const at = await themeAt();
    // Plays `from`..`to` and reads the Music route and the theme's fade gain each frame.
    const listen = (from: number, to: number) =>
      app.page.evaluate(
        async ({ from, to, cue }) => {
          const { playback } = window.cuewrightApp!;
          await playback.playRange(from, to);
          const analyser = playback.sounds.tapLane('Music')!;
          const data = new Float32Array(analyser.fftSize);
          const frames: Array<{ time: number; rms: number; fade: number }> = [];
          while (playback.playing) {
            await new Promise((done) => requestAnimationFrame(done));
            analyser.getFloatTimeDomainData(data);
            let sum = 0;
            for (const v of data) sum += v * v;
            frames.push({
              time: playback.time,
              rms: Math.sqrt(sum / data.length),
              fade: playback.sounds.fadeGainOf(cue) ?? -1,
            });
          }
          return frames;
        },
        { from, to, cue: theme },
      );
    const frames = await listen(at + 0.2, at + 8.6);
    const within = (from: number, to: number) =>
      frames.filter((f) => f.time >= at + from && f.time <= at + to);
    const db = (fs: Array<{ rms: number }>) =>
      20 * Math.log10(Math.sqrt(fs.reduce((s, f) => s + f.rms ** 2, 0) / Math.max(1, fs.length)));
    const fadeNear = (t: number) =>
      frames.reduce((best, f) => (Math.abs(f.time - at - t) < Math.abs(best.time - at - t) ? f : best)).fade;
    const figures = {
      fadeAtHalf: fadeNear(0.5),
      fadeAt3: fadeNear(3),
      fadeAt8: fadeNear(8),
      steadyDb: db(within(3, 4.5)),
      pastFileDb: db(within(5.5, 6.8)),
    };
    console.log(`preview of the looped theme (${frames.length} frames):`, figures);
    // Linear fades: half way into the fade-in and the fade-out, half the gain.
    expect(Math.abs(figures.fadeAtHalf - 0.5)).toBeLessThan(0.12);
    expect(figures.fadeAt3).toBeCloseTo(1, 3);
    expect(Math.abs(figures.fadeAt8 - 0.5)).toBeLessThan(0.12);
    // The 5 s file goes on looping past its end, at its level (not ducked: after the last line).
    expect(figures.pastFileDb).toBeGreaterThan(-40);
    expect(Math.abs(figures.pastFileDb - figures.steadyDb)).toBeLessThan(1.5);
    // Once, at the file's own level: the Music lane's strip is at 0 dB and nothing ducks it here.
    // Two copies (a restart that left the first one playing) sum to anywhere from silence to +6 dB.
    expect(Math.abs(figures.steadyDb - themeDb)).toBeLessThan(0.5);
  });

  it('restarted while it plays, the looped theme plays once, not over itself', async () => {
    const at = await themeAt();
    const db = await app.page.evaluate(
      async ({ from, to }) => {
        const { playback } = window.cuewrightApp!;
        await playback.playRange(from, to);
        const analyser = playback.sounds.tapLane('Music')!;
        const data = new Float32Array(analyser.fftSize);
        while (playback.playing && playback.time < from + 0.3)
          await new Promise((done) => requestAnimationFrame(done));
        // Twice at one point in one task: copies left playing would sum in phase (+6 dB).
        const time = playback.time;
        playback.sounds.startAt(time);
        playback.sounds.startAt(time);
        let sum = 0;
        let count = 0;
        while (playback.playing) {
          await new Promise((done) => requestAnimationFrame(done));
          if (playback.time < time + 0.2 || playback.time > to - 0.1) continue;
          analyser.getFloatTimeDomainData(data);
          for (const v of data) sum += v * v;
          count += data.length;
        }
        analyser.disconnect();
        return 10 * Math.log10(sum / Math.max(1, count));
      },
      { from: at + 3, to: at + 4.6 },
    );
    console.log(
      `the looped theme restarted twice at once: ${db.toFixed(2)} dB (the file: ${themeDb.toFixed(2)} dB)`,
    );
    expect(Math.abs(db - themeDb)).toBeLessThan(0.5);
  });

  it('paused before the looped theme begins, then sought into it, plays it (no scheduling error)', async () => {
    const at = await themeAt();
    const db = await app.page.evaluate(
      async ({ before, into }) => {
        const { playback } = window.cuewrightApp!;
        const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));
        // Started before the theme (its start still ahead), paused before it begins.
        playback.seek(before);
        await playback.play();
        await pause(300);
        playback.pause();
        playback.seek(into);
        await playback.play();
        const analyser = playback.sounds.tapLane('Music')!;
        const data = new Float32Array(analyser.fftSize);
        let sum = 0;
        let count = 0;
        while (playback.playing && playback.time < into + 1.2) {
          await new Promise((done) => requestAnimationFrame(done));
          if (playback.time < into + 0.3) continue;
          analyser.getFloatTimeDomainData(data);
          for (const v of data) sum += v * v;
          count += data.length;
        }
        playback.pause();
        analyser.disconnect();
        return 10 * Math.log10(sum / Math.max(1, count));
      },
      { before: Math.max(0, at - 1.5), into: at + 3 },
    );
    console.log(`the looped theme after a pause before it and a seek into it: ${db.toFixed(2)} dB`);
    expect(Math.abs(db - themeDb)).toBeLessThan(0.5);
    expect(app.errors).toEqual([]);
  });

  it('switches the dialogue’s levelling for the preview and the export, one undo step, saved', async () => {
    const levelOf = (lane: string) =>
      app.page.evaluate((l) => window.cuewrightApp!.playback.laneMix.lanes[l], lane);
    await expect.poll(async () => (await levelOf('Anna'))?.levelDb, { timeout: 30_000 }).toBeDefined();
    const on = { Anna: await levelOf('Anna'), Ben: await levelOf('Ben') };
    expect(Math.abs(on.Anna!.levelDb! - on.Ben!.levelDb!)).toBeGreaterThan(0.5);
    const box = app.page.locator('[data-testid="level-dialogue"]');
    expect(await box.isChecked()).toBe(true);
    await box.click();
    await expect
      .poll(() => app.page.evaluate(() => window.cuewrightApp!.store.doc.levelDialogue))
      .toBe(false);
    await expect.poll(async () => (await levelOf('Anna'))?.levelDb).toBeUndefined();
    const off = { Anna: await levelOf('Anna'), Ben: await levelOf('Ben') };
    console.log('preview lanes levelled', on, 'and not', off);
    expect(off.Anna!.gain).toBe(1);
    expect(off.Ben!.gain).toBe(1);
    expect(await undoLabel()).toBe('stop levelling the dialogue');
    await app.screenshot('drama-levelling-off');
    // The export dialog says the same (and is the same switch).
    await app.page.locator('#timeline').focus();
    await app.page.keyboard.press('Control+E');
    const exportLevel = app.page.locator('#export-dialog input[name="level"]');
    await expect.poll(() => exportLevel.isChecked()).toBe(false);
    await app.screenshot('drama-levelling-export');
    await app.page.keyboard.press('Escape');
    // Undone and redone from the keyboard.
    await app.page.locator('#timeline').focus();
    await app.page.keyboard.press('Control+Z');
    await expect.poll(async () => (await levelOf('Anna'))?.levelDb).toBeCloseTo(on.Anna!.levelDb!, 6);
    expect(await box.isChecked()).toBe(true);
    await app.page.keyboard.press('Control+Shift+Z');
    await expect.poll(async () => (await levelOf('Anna'))?.levelDb).toBeUndefined();
    expect(await box.isChecked()).toBe(false);

    // Saved: version 3 with the theme's loop, fades and shift, and the levelling off.
    await app.page.keyboard.press('Control+S');
    await expect
      .poll(() => (JSON.parse(readFileSync(projectPath, 'utf8')) as ProjectFile).levelDialogue)
      .toBe(false);
    const saved = JSON.parse(readFileSync(projectPath, 'utf8')) as ProjectFile;
    expect(saved.version).toBe(4);
    expect(saved.sounds!.find((s) => s.cue === theme)).toMatchObject({
      lane: 'Music',
      path: 'music/low-theme.wav',
      loop: true,
      length: 9,
      fadeIn: 1,
      fadeOut: 2,
    });
    expect(saved.sounds!.find((s) => s.cue === theme)!.shift).toBeGreaterThan(0.9);
  });

  it('exports the looped, faded theme from the app as `cuewright export` does from the saved project', async () => {
    await app.page.locator('#timeline').focus();
    await app.page.keyboard.press('Control+E');
    await expect.poll(() => app.page.locator('[data-testid="export-drama"]').isVisible()).toBe(true);
    await app.page.selectOption('select[name="format"]', 'wav');
    await app.page.selectOption('select[name="loudness"]', 'none');
    const stems = join(work, 'app-stems');
    app.picker.answers.push(stems);
    await app.page.click('[data-testid="export-stems-folder"]');
    await expect.poll(() => app.page.locator('[data-testid="export-stems-name"]').textContent()).toBe(stems);
    await app.page.locator('input[name="sidecars"]').setChecked(false);
    app.picker.answers.push(join(work, 'app-mix.wav'));
    await startExport(app.page);
    const said = await app.page.locator('.export-result').textContent();
    await app.page.click('[data-testid="export-cancel"]');
    // The project's levelling is off: the dialog exported the dialogue as recorded.
    expect(said).toContain('dialogue as recorded (not levelled)');
    const cli = runCli(
      ['export', projectPath, '-o', join(work, 'cli-mix.wav'), '--stems', join(work, 'cli-stems')],
      work,
      300_000,
    );
    expect(cli.status, cli.stderr).toBe(0);
    // Both are the same drama mix of the same project: every stem the same bytes.
    for (const stem of ['Anna.wav', 'Ben.wav', 'SFX.wav', 'Music.wav']) {
      const a = readFileSync(join(stems, stem));
      const b = readFileSync(join(work, 'cli-stems', stem));
      expect(a.equals(b), stem).toBe(true);
    }
    // 44-byte float WAV header, 4 bytes a sample: the Music stem runs to the loop's end.
    const music = readFileSync(join(stems, 'Music.wav'));
    const at = await themeAt();
    const seconds = (music.length - music.indexOf('data') - 8) / 4 / 44100;
    console.log(`app export: Music stem ${seconds.toFixed(3)} s, theme from ${at.toFixed(3)} s looped 9 s`);
    expect(Math.abs(seconds - (at + 9))).toBeLessThan(0.01);
  });
});
