import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {} from '../../renderer/src/main.ts';
import type { ProjectFile } from '../../src/project/project-schema.ts';
import { noticeTexts, startExport } from '../support/app-dialog.ts';
import { type AppSession, ARTIFACTS } from '../support/app-session.ts';
import { doorSounds, openDoorInApp } from '../support/drama-fixture.ts';
import { musicPitchBalance } from '../support/music-pitch.ts';
import { requireTools } from '../support/required-tools.ts';
import { floatWavSamples, tempDir, toneAmplitude } from '../support/signals.ts';

// A drama sound's block shaped by its handles with the mouse (real Chromium, the real renderer and
// back end), as REAPER's item edges and fade handles: "The Door" assembled by `cuewright assemble`
// with a theme of two pitches (2.5 s at 220 Hz, then 2.5 s at 660 Hz, made by ffmpeg). Its left
// edge dragged 2.6 s in trims its start and moves it as much (its end stays: the 660 Hz half plays
// where it played); its right edge stops at the file's end until it loops, then runs on past it;
// its top corners set the fades. Each drag one undo step; saved, and the app's export plays it.

requireTools(
  'the takes are festival voices cut together by ffmpeg, the sounds ffmpeg sources; the app runs in Debian’s chromium',
  'festival',
  'ffmpeg',
  'chromium',
);

type Grip = 'trim-start' | 'trim-end' | 'fade-in' | 'fade-out';

describe('a drama sound’s block shaped by dragging its edges and fade handles', () => {
  let app: AppSession;
  const work = tempDir('drama-sound-handles-e2e');
  let theme: string;
  let projectPath: string;
  /** Where the theme played as assembled (seconds). */
  let assembledAt: number;

  const placedTheme = () =>
    app.page.evaluate((cue) => {
      const p = window.cuewrightApp!.playback.sounds.placed.find((s) => s.cue === cue)!;
      return {
        at: p.at,
        length: p.span.length,
        offset: p.span.offset,
        loop: p.span.loop,
        fadeIn: p.span.fadeIn,
        fadeOut: p.span.fadeOut,
      };
    }, theme);
  /** The theme's fields as the project keeps them (the saved shape). */
  const docSound = () =>
    app.page.evaluate((cue) => {
      const { shift, offset, loop, length, fadeIn, fadeOut } = window.cuewrightApp!.store.doc.sounds!.find(
        (s) => s.cue === cue,
      )!;
      return JSON.parse(JSON.stringify({ shift, offset, loop, length, fadeIn, fadeOut })) as {
        shift?: number;
        offset?: number;
        loop?: true;
        length?: number;
        fadeIn?: number;
        fadeOut?: number;
      };
    }, theme);
  const undoLabel = () => app.page.evaluate(() => window.cuewrightApp!.store.undoLabel);
  /** The theme's block (page px), its handles' boxes and cursors, its ramps, px per second. */
  const themeBlock = () =>
    app.page.evaluate(() => {
      const root = document.querySelector('#waveform div')!.shadowRoot!;
      const { wavesurfer } = window.cuewrightApp!.waveform;
      const wrapper = wavesurfer.getWrapper();
      const el = root.querySelector<HTMLElement>('[part="drama-sound"][data-lane="Music"]')!;
      const box = el.getBoundingClientRect();
      const pxPerSec = wrapper.scrollWidth / wavesurfer.getDuration();
      const grips = Object.fromEntries(
        [...el.querySelectorAll<HTMLElement>('.sound-grip')].map((g) => {
          const b = g.getBoundingClientRect();
          return [
            g.dataset.grip!,
            { x: b.x, y: b.y, width: b.width, height: b.height, cursor: getComputedStyle(g).cursor },
          ];
        }),
      );
      const ramps = Object.fromEntries(
        [...el.querySelectorAll<HTMLElement>('.sound-fade')].map((f) => [
          f.dataset.testid!,
          f.getBoundingClientRect().width / pxPerSec,
        ]),
      );
      return {
        x: box.x,
        y: box.y,
        width: box.width,
        height: box.height,
        at: (box.left - wrapper.getBoundingClientRect().left) / pxPerSec,
        seconds: box.width / pxPerSec,
        pxPerSec,
        grips,
        ramps,
        seams: el.querySelectorAll('.sound-seam').length,
      };
    });
  /** Drags `grip` of the theme's block `seconds` along the timeline with the mouse, in small moves. */
  const drag = async (grip: Grip, seconds: number) => {
    await app.page.evaluate(() => window.cuewrightApp!.waveform.zoomToFit());
    const block = await themeBlock();
    const handle = block.grips[grip]!;
    // Edges by their middle (the fade handles take the top corners), fade handles by their centre.
    const x = handle.x + handle.width / 2;
    const y = grip.startsWith('trim') ? block.y + block.height * 0.7 : handle.y + handle.height / 2;
    await app.page.mouse.move(x, y);
    await app.page.mouse.down();
    await app.page.mouse.move(x + seconds * block.pxPerSec, y, { steps: 12 });
    await app.page.mouse.up();
  };
  const pitchBalance = (from: number) => musicPitchBalance(app.page, from);

  beforeAll(async () => {
    const sounds = doorSounds(work, { twoPitches: true });
    let file: Awaited<ReturnType<typeof openDoorInApp>>['file'];
    ({ app, file, projectPath } = await openDoorInApp(work, sounds));
    theme = file.sounds!.find((s) => s.lane === 'Music')!.cue;
    await app.page.waitForFunction(() => window.cuewrightApp!.playback.sounds.placed.length === 2, null, {
      timeout: 30_000,
    });
    assembledAt = (await placedTheme()).at;
  }, 400_000);

  afterAll(async () => {
    expect(app?.errors ?? []).toEqual([]);
    await app?.close();
  });

  it('shows four handles with a resize cursor; the left edge trims the start and the rest stays put', async () => {
    const before = await placedTheme();
    expect(before).toMatchObject({ offset: 0, length: 5, loop: false, fadeIn: 0, fadeOut: 0 });
    const block = await themeBlock();
    expect(Object.keys(block.grips).sort()).toEqual(['fade-in', 'fade-out', 'trim-end', 'trim-start']);
    for (const grip of Object.values(block.grips)) expect(grip.cursor).toBe('ew-resize');
    // As assembled: the 220 Hz half first.
    expect(await pitchBalance(before.at + 0.2)).toBeGreaterThan(20);

    await drag('trim-start', 2.6);
    await expect.poll(undoLabel).toBe('trim the start of low-theme.wav');
    const doc = await docSound();
    const after = await placedTheme();
    console.log(`left edge dragged 2.6 s: offset ${doc.offset} s, ${before.at} s -> ${after.at} s`);
    // A pixel is a few ms at this zoom.
    expect(Math.abs(doc.offset! - 2.6)).toBeLessThan(0.03);
    // Moved as much as trimmed, its end where it was (REAPER's edge trim), length given by the file.
    expect(Object.keys(doc).sort()).toEqual(['offset', 'shift']);
    expect(doc.shift).toBeCloseTo(doc.offset!, 2);
    expect(after.offset).toBeCloseTo(doc.offset!, 6);
    expect(after.at).toBeCloseTo(before.at + doc.offset!, 3);
    expect(after.at + after.length).toBeCloseTo(before.at + before.length, 3);
    // Drawn so.
    await expect.poll(async () => Math.abs((await themeBlock()).at - after.at)).toBeLessThan(0.05);
    expect(Math.abs((await themeBlock()).seconds - after.length)).toBeLessThan(0.05);
    // Selected by the drag: the inspector shows the trim.
    await expect
      .poll(async () => Number(await app.page.locator('[data-testid="sound-trim-start"]').inputValue()))
      .toBeCloseTo(doc.offset!, 3);
    // Where it starts now the 660 Hz half plays: the 220 Hz half is cut off.
    const balance = await pitchBalance(after.at + 0.1);
    console.log(`the theme's 220 Hz against 660 Hz after the trim: ${balance.toFixed(1)} dB`);
    expect(balance).toBeLessThan(-20);
    await app.page.evaluate(() => window.cuewrightApp!.waveform.zoomToFit());
    await app.screenshot('drama-sound-handle-trimmed');

    // One undo step: the whole file where it was; redone.
    await app.page.locator('#timeline').focus();
    await app.page.keyboard.press('Control+Z');
    await expect.poll(docSound).toEqual({});
    await expect.poll(placedTheme).toEqual(before);
    await app.page.keyboard.press('Control+Shift+Z');
    await expect.poll(docSound).toEqual(doc);
    await expect.poll(placedTheme).toEqual(after);
  });

  it('the right edge stops at the file’s end until the theme loops, then lengthens it past it', async () => {
    const start = await placedTheme();
    const doc = await docSound();
    // Past the end of a one-shot: nothing changes, and the app says why.
    await drag('trim-end', 2);
    await expect
      .poll(async () => (await noticeTexts(app.page)).join('\n'))
      .toContain('the sound ends with its file: loop it to make it longer');
    expect(await docSound()).toEqual(doc);
    await expect.poll(async () => Math.abs((await themeBlock()).seconds - start.length)).toBeLessThan(0.05);

    // Shorter: its length.
    await drag('trim-end', -1);
    await expect.poll(undoLabel).toBe('set low-theme.wav length');
    const short = (await docSound()).length!;
    expect(Math.abs(short - (start.length - 1))).toBeLessThan(0.03);
    await expect.poll(async () => (await placedTheme()).length).toBeCloseTo(short, 6);

    // Looped (the inspector's button), it runs on past what is left of the file.
    await app.page.locator('[data-testid="sound-loop"]').click();
    await expect.poll(async () => (await docSound()).loop).toBe(true);
    await drag('trim-end', 5);
    await expect.poll(async () => (await docSound()).length ?? 0).toBeGreaterThan(short + 1);
    const looped = await docSound();
    console.log(`right edge: ${start.length} s (the file's rest) -> ${short} s -> looped ${looped.length} s`);
    expect(Math.abs(looped.length! - (short + 5))).toBeLessThan(0.03);
    expect(looped).toEqual({ ...doc, loop: true, length: looped.length });
    await expect.poll(placedTheme).toMatchObject({ at: start.at, length: looped.length, loop: true });
    // Drawn so, a seam every 2.4 s (what is left of the file after the trim).
    await app.page.evaluate(() => window.cuewrightApp!.waveform.zoomToFit());
    await expect.poll(async () => Math.abs((await themeBlock()).seconds - looped.length!)).toBeLessThan(0.05);
    expect((await themeBlock()).seams).toBe(Math.floor(looped.length! / start.length - 1e-6));
    // One step: undone, the short one-shot-length loop again; redone.
    expect(await undoLabel()).toBe('set low-theme.wav length');
    await app.page.locator('#timeline').focus();
    await app.page.keyboard.press('Control+Z');
    await expect.poll(docSound).toEqual({ ...doc, loop: true, length: short });
    await app.page.keyboard.press('Control+Shift+Z');
    await expect.poll(docSound).toEqual(looped);
  });

  it('the top corners set the fades, drawn as ramps and heard in the preview', async () => {
    await drag('fade-in', 1);
    await expect.poll(undoLabel).toBe('fade in low-theme.wav');
    await drag('fade-out', -1.5);
    await expect.poll(undoLabel).toBe('fade out low-theme.wav');
    const doc = await docSound();
    console.log('fades dragged:', doc);
    expect(Math.abs(doc.fadeIn! - 1)).toBeLessThan(0.03);
    expect(Math.abs(doc.fadeOut! - 1.5)).toBeLessThan(0.03);
    const placed = await placedTheme();
    expect(placed).toMatchObject({ fadeIn: doc.fadeIn, fadeOut: doc.fadeOut });
    // Ramps as long as the fades; each handle at its fade's end.
    await app.page.evaluate(() => window.cuewrightApp!.waveform.zoomToFit());
    const block = await themeBlock();
    expect(Math.abs(block.ramps['sound-fade-in']! - doc.fadeIn!)).toBeLessThan(0.05);
    expect(Math.abs(block.ramps['sound-fade-out']! - doc.fadeOut!)).toBeLessThan(0.05);
    // Each square on its own side of its fade's end: fade in to the left of it, fade out to the right.
    const fadeInEnd = block.grips['fade-in']!.x + block.grips['fade-in']!.width;
    expect(Math.abs((fadeInEnd - block.x) / block.pxPerSec - doc.fadeIn!)).toBeLessThan(0.05);
    const fadeOutStart = block.grips['fade-out']!.x;
    expect(Math.abs((block.x + block.width - fadeOutStart) / block.pxPerSec - doc.fadeOut!)).toBeLessThan(
      0.05,
    );
    await app.screenshot('drama-sound-handles-faded');
    // Closer, hovered: the handles as a producer sees them.
    await app.page.evaluate((at) => {
      const { waveform } = window.cuewrightApp!;
      waveform.wavesurfer.zoom(90);
      // The block's start a second from the timeline's left.
      waveform.wavesurfer.setScroll((at - 1) * 90);
    }, placed.at);
    const near = await themeBlock();
    await app.page.mouse.move(near.x + near.width / 2, near.y + near.height / 2);
    const viewport = app.page.viewportSize()!;
    const left = Math.max(0, near.x - 60);
    await app.page.screenshot({
      path: join(ARTIFACTS, 'drama-sound-handles-close.png'),
      clip: {
        x: left,
        y: near.y - 40,
        width: Math.min(viewport.width, near.x + near.width + 40) - left,
        height: near.height + 80,
      },
    });
    await app.page.mouse.move(5, 5);

    // The preview's fade gain: half way into each fade, half the gain; full between them.
    const frames = await app.page.evaluate(
      async ({ from, to, cue }) => {
        const { playback } = window.cuewrightApp!;
        await playback.playRange(from, to);
        const out: Array<{ time: number; fade: number }> = [];
        while (playback.playing) {
          await new Promise((done) => requestAnimationFrame(done));
          out.push({ time: playback.time, fade: playback.sounds.fadeGainOf(cue) ?? -1 });
        }
        return out;
      },
      { from: placed.at + 0.2, to: placed.at + placed.length - 0.1, cue: theme },
    );
    const fadeNear = (t: number) =>
      frames.reduce((best, f) =>
        Math.abs(f.time - placed.at - t) < Math.abs(best.time - placed.at - t) ? f : best,
      ).fade;
    const figures = {
      halfIn: fadeNear(doc.fadeIn! / 2),
      middle: fadeNear(placed.length / 2),
      halfOut: fadeNear(placed.length - doc.fadeOut! / 2),
    };
    console.log(`preview fade gain (${frames.length} frames):`, figures);
    expect(Math.abs(figures.halfIn - 0.5)).toBeLessThan(0.12);
    expect(figures.middle).toBeCloseTo(1, 3);
    expect(Math.abs(figures.halfOut - 0.5)).toBeLessThan(0.12);

    // One step each: the fade-out undone, then redone.
    await app.page.locator('#timeline').focus();
    await app.page.keyboard.press('Control+Z');
    await expect.poll(docSound).toEqual({ ...doc, fadeOut: undefined });
    await app.page.keyboard.press('Control+Shift+Z');
    await expect.poll(docSound).toEqual(doc);
  });

  it('keeps the block’s own drag: the middle still moves it, one step', async () => {
    const before = await placedTheme();
    await app.page.evaluate(() => window.cuewrightApp!.waveform.zoomToFit());
    const block = await themeBlock();
    const x = block.x + block.width / 2;
    const y = block.y + block.height * 0.7;
    await app.page.mouse.move(x, y);
    await app.page.mouse.down();
    await app.page.mouse.move(x - 0.5 * block.pxPerSec, y, { steps: 8 });
    await app.page.mouse.up();
    await expect.poll(undoLabel).toBe('move low-theme.wav');
    const moved = await placedTheme();
    expect(Math.abs(moved.at - (before.at - 0.5))).toBeLessThan(0.03);
    expect(moved).toMatchObject({ length: before.length, offset: before.offset });
    await app.page.locator('#timeline').focus();
    await app.page.keyboard.press('Control+Z');
    await expect.poll(placedTheme).toEqual(before);
  });

  it('puts the block back on Escape pressed mid-drag (the press leaves the focus where it was)', async () => {
    const before = await placedTheme();
    const label = await undoLabel();
    await app.page.evaluate(() => window.cuewrightApp!.waveform.zoomToFit());
    const block = await themeBlock();
    const x = block.x + block.width / 2;
    const y = block.y + block.height * 0.7;
    await app.page.mouse.move(x, y);
    await app.page.mouse.down();
    await app.page.mouse.move(x - 1 * block.pxPerSec, y, { steps: 8 });
    await app.page.keyboard.press('Escape');
    await app.page.mouse.move(x - 2 * block.pxPerSec, y, { steps: 4 });
    await app.page.mouse.up();
    expect(await placedTheme()).toEqual(before);
    expect(await undoLabel()).toBe(label);
    const after = await themeBlock();
    expect(Math.abs(after.x - block.x)).toBeLessThan(1);
  });

  it('saves what the handles did and the app’s export plays it: trimmed, looped, faded', async () => {
    const doc = await docSound();
    const placed = await placedTheme();
    await app.page.locator('#timeline').focus();
    await app.page.keyboard.press('Control+S');
    await expect
      .poll(() => {
        const saved = (JSON.parse(readFileSync(projectPath, 'utf8')) as ProjectFile).sounds!.find(
          (s) => s.cue === theme,
        )!;
        return {
          shift: saved.shift,
          offset: saved.offset,
          loop: saved.loop,
          length: saved.length,
          fadeIn: saved.fadeIn,
          fadeOut: saved.fadeOut,
        };
      })
      .toEqual({ ...doc });
    await app.page.keyboard.press('Control+E');
    await expect.poll(() => app.page.locator('[data-testid="export-drama"]').isVisible()).toBe(true);
    await app.page.selectOption('select[name="format"]', 'wav');
    await app.page.selectOption('select[name="loudness"]', 'none');
    const stems = join(work, 'app-stems');
    app.picker.answers.push(stems);
    await app.page.click('[data-testid="export-stems-folder"]');
    await expect.poll(() => app.page.locator('[data-testid="export-stems-name"]').textContent()).toBe(stems);
    app.picker.answers.push(join(work, 'app-mix.wav'));
    await startExport(app.page);
    expect(await app.page.locator('.export-result').textContent()).toMatch(/^Exported/);
    await app.page.click('[data-testid="export-cancel"]');
    const music = floatWavSamples(readFileSync(join(stems, 'Music.wav')));
    const end = placed.at + placed.length;
    const amp = (hz: number, from: number, to: number) => toneAmplitude(music, 44_100, hz, from, to);
    // Trimmed: nothing of the 220 Hz half, from the moved start to the loop's end.
    const low = amp(220, placed.at, end);
    const high = amp(660, placed.at, end);
    // Nothing before the trimmed start (it played from the assembled time before).
    const before = amp(660, assembledAt, placed.at - 0.05) + amp(220, assembledAt, placed.at - 0.05);
    // The fade-out's slope past the last line (not ducked there): 0.8 of the gain then 0.2.
    const lastLine = await app.page.evaluate(() =>
      Math.max(
        ...window
          .cuewrightApp!.store.sheet.cues.filter((c) => c.kind !== 'sfx' && c.kind !== 'music')
          .map((c) => c.end ?? 0),
      ),
    );
    const fadeEarly = amp(660, end - 1.25, end - 1.15);
    const fadeLate = amp(660, end - 0.35, end - 0.25);
    const figures = { at: placed.at, end, lastLine, low, high, before, fadeEarly, fadeLate };
    console.log('app export, Music stem:', figures);
    expect(high).toBeGreaterThan(0.005);
    expect(low).toBeLessThan(high / 100);
    expect(before).toBeLessThan(high / 100);
    // The fade-out lies after the last line and its ducking's release.
    expect(lastLine + 0.6).toBeLessThan(end - doc.fadeOut!);
    expect(fadeEarly / fadeLate).toBeGreaterThan(3);
    expect(fadeEarly / fadeLate).toBeLessThan(5.5);
  });
});
