import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import type { Placement } from '../../cues/production/timeline.ts';
import { readAudioMetadata } from '../../src/audio-io/audio-metadata.ts';
import { probeAudio } from '../../src/audio-io/audio-source.ts';
import { sheetOf } from '../support/app-dialog.ts';
import { type AppSession, openProjectInApp, openReadyApp } from '../support/app-session.ts';
import { requireTools } from '../support/required-tools.ts';
import { runCli } from '../support/run-cli.ts';
import { ffmpeg, ffprobe, tempDir } from '../support/signals.ts';

// Issue 16, the app side: a project of several recordings opens, shows its recordings end to end
// as named clips, plays across a join, and its recordings can be added, removed and reordered in
// the Recordings tab, each an undoable edit after which every cue keeps its place on its own
// recording. The recordings are the app's sample narration cut at two pauses into three files of
// different formats and rates (WAV at its own rate, FLAC at 48 kHz, MP3 at 22.05 kHz).

requireTools(
  'the app is driven in Debian’s chromium; the recordings are cut by ffmpeg',
  'chromium',
  'ffmpeg',
);

interface Piece {
  id: string;
  file: string;
  /** Where it was cut from the sample, seconds. */
  offset: number;
}

/** The decoded length as the app measures it (the header's frames, else the tags). */
async function measured(path: string): Promise<number> {
  const probe = await probeAudio(path);
  return probe.frames > 0 ? probe.frames / probe.sampleRate : ((await readAudioMetadata(path)).duration ?? 0);
}

describe('a production of several recordings in the app', () => {
  let app: AppSession;
  const work = tempDir('recordings');
  const projectPath = join(work, 'book.cwproj');
  const pieces: Piece[] = [
    { id: 'rec-1', file: 'part-a.wav', offset: 0 },
    { id: 'rec-2', file: 'part-b.flac', offset: 0 },
    { id: 'rec-3', file: 'part-c.mp3', offset: 0 },
  ];
  const durations = new Map<string, number>();
  /** Every cue's placement on its recording, as written to the project. */
  let placements: Placement[] = [];

  const order = () =>
    app.page.evaluate(() => window.cuewrightApp!.store.production.recordings.map((r) => r.id));
  /** Where a cue must play when the recordings run in `ids` order. */
  const expectedStart = (p: Placement, ids: string[]) => {
    const before = ids.slice(0, ids.indexOf(p.recording));
    return before.reduce((t, id) => t + durations.get(id)!, 0) + p.start;
  };
  const cuePlacements = () => placements.filter((p) => p.kind === 'cue');
  const expectCuesIn = async (ids: string[]) => {
    const sheet = await sheetOf(app.page);
    for (const p of cuePlacements()) {
      const cue = sheet.cues.find((c) => c.id === p.id)!;
      if (!ids.includes(p.recording)) expect(cue.start, `${p.id} on a removed recording`).toBeUndefined();
      else expect(cue.start, p.id).toBeCloseTo(expectedStart(p, ids), 4);
    }
  };
  const bands = () =>
    app.page.evaluate(() =>
      [
        ...(document
          .querySelector('#waveform div')
          ?.shadowRoot?.querySelectorAll<HTMLElement>('[part="clip-band"]') ?? []),
      ].map((b) => ({ recording: b.dataset.recording!, at: Number(b.dataset.at), name: b.textContent })),
    );
  const rows = () =>
    app.page.$$eval('[data-testid="recording-list"] li', (items) =>
      items.map((li) => ({
        id: (li as HTMLElement).dataset.recording!,
        text: li.querySelector('[data-testid="recording-details"]')!.textContent!,
      })),
    );

  beforeAll(async () => {
    app = await openReadyApp();
    await app.page.waitForFunction(() => performance.getEntriesByName('cuewright:waveform-drawn').length > 0);
    const sampleDir = join(app.dataDir, 'sample');
    const wav = join(sampleDir, readdirSync(sampleDir).find((f) => f.endsWith('.wav'))!);
    const rate = Number(ffprobe(wav, 'stream=sample_rate').sample_rate);
    const sheet: CueSheet = await sheetOf(app.page);
    const total = await measured(wav);
    // Cut in the middle of the pause between two cues nearest a third and two thirds of the way.
    const placed = sheet.cues.filter((c) => c.start !== undefined && c.end !== undefined);
    const inside = (t: number) => (sheet.sections ?? []).some((s) => t > s.start && t < s.end);
    const cutNear = (t: number) =>
      placed
        .slice(0, -1)
        .map((c, i) => (c.end! + placed[i + 1]!.start!) / 2)
        .filter((m) => !inside(m))
        .sort((a, b) => Math.abs(a - t) - Math.abs(b - t))[0]!;
    const cuts = [cutNear(total / 3), cutNear((2 * total) / 3)].map((t) => Math.round(t * rate) / rate);
    pieces[1]!.offset = cuts[0]!;
    pieces[2]!.offset = cuts[1]!;
    const trim = (from: number, to?: number) =>
      `atrim=start_sample=${Math.round(from * rate)}${to === undefined ? '' : `:end_sample=${Math.round(to * rate)}`},asetpts=PTS-STARTPTS`;
    ffmpeg(['-i', wav, '-af', trim(0, cuts[0]), '-c:a', 'pcm_s16le', join(work, pieces[0]!.file)]);
    ffmpeg([
      '-i',
      wav,
      '-af',
      trim(cuts[0]!, cuts[1]),
      '-ar',
      '48000',
      '-c:a',
      'flac',
      join(work, pieces[1]!.file),
    ]);
    ffmpeg(['-i', wav, '-af', trim(cuts[1]!), '-ar', '22050', '-b:a', '64k', join(work, pieces[2]!.file)]);
    for (const p of pieces) durations.set(p.id, await measured(join(work, p.file)));
    // Everything placed on the recording it lies in, at its time inside it.
    const pieceAt = (t: number) => [...pieces].reverse().find((p) => t >= p.offset)!;
    const place = (id: string, kind: Placement['kind'], start: number, end?: number): Placement => {
      const piece = pieceAt(start);
      return {
        id,
        kind,
        recording: piece.id,
        start: start - piece.offset,
        ...(end !== undefined ? { end: end - piece.offset } : {}),
      };
    };
    placements = [
      ...placed.map((c) => place(c.id, 'cue', c.start!, c.end)),
      ...(sheet.sections ?? []).map((s) => place(s.id, 'section', s.start, s.end)),
      ...sheet.chapters.filter((c) => c.start !== undefined).map((c) => place(c.id, 'chapter', c.start!)),
    ];
    const scriptText = await app.page.evaluate(() => window.cuewrightApp!.store.project!.scriptText);
    writeFileSync(
      projectPath,
      JSON.stringify({
        app: 'cuewright',
        version: 2,
        script: { path: 'script.txt', text: scriptText },
        recordings: pieces.map((p) => ({
          id: p.id,
          path: p.file,
          size: statSync(join(work, p.file)).size,
          duration: durations.get(p.id),
        })),
        placements,
        sheet: { ...sheet, title: 'Three files' },
        savedAt: new Date().toISOString(),
      }),
    );
    await openProjectInApp(app, projectPath);
  }, 180_000);

  afterAll(async () => {
    await app?.close();
  });

  it('opens with its recordings end to end: named clips where each starts, every cue through its recording', async () => {
    const ids = pieces.map((p) => p.id);
    expect(await order()).toEqual(ids);
    const shown = await bands();
    expect(shown.map((b) => b.name)).toEqual(pieces.map((p) => p.file));
    expect(shown[0]!.at).toBe(0);
    expect(shown[1]!.at).toBeCloseTo(durations.get('rec-1')!, 6);
    expect(shown[2]!.at).toBeCloseTo(durations.get('rec-1')! + durations.get('rec-2')!, 6);
    await expectCuesIn(ids);
    // The clock shows the production's length, not the first file's.
    const total = [...durations.values()].reduce((a, b) => a + b, 0);
    expect(await app.page.evaluate(() => window.cuewrightApp!.waveform.wavesurfer.getDuration())).toBeCloseTo(
      total,
      3,
    );
    // The panel: name, length, format and rate, where it plays.
    await app.page.click('#tab-recordings');
    const listed = await rows();
    expect(listed.map((r) => r.id)).toEqual(ids);
    expect(listed[1]!.text).toMatch(/^\d\d:\d\d:\d\d\.\d{3} · flac 48 kHz · at \d\d:\d\d:\d\d/);
    expect(listed[2]!.text).toMatch(/ · mp3 22.05 kHz · /);
    // The waveform across the first join is drawn from both recordings' peaks.
    await app.page.evaluate((t) => {
      window.cuewrightApp!.waveform.zoom(100);
      window.cuewrightApp!.playback.seek(t);
      window.cuewrightApp!.waveform.reveal(t);
    }, shown[1]!.at);
    await expect.poll(() => paintedColumns(app), { timeout: 10_000 }).toBeGreaterThan(300);
    await expect.poll(() => regionsShown(app)).toBeGreaterThan(0);
    await app.screenshot('recordings-1-three-clips');
  });

  it('plays across a join: the playhead passes it and the next recording’s element plays on', async () => {
    const join1 = durations.get('rec-1')!;
    await app.page.evaluate((t) => window.cuewrightApp!.playback.seek(t), join1 - 0.6);
    // Space plays (a key press is the gesture an audio context needs).
    await app.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await app.page.keyboard.press('Space');
    await app.page.waitForFunction((t) => window.cuewrightApp!.playback.time > t + 0.5, join1, {
      timeout: 20_000,
    });
    const state = await app.page.evaluate(() => {
      const media = window.cuewrightApp!.playback.media;
      const clip = media.playingClip!;
      const elements = [...media.elements.entries()].map(([url, e]) => ({
        url,
        paused: e.paused,
        time: e.currentTime,
      }));
      return { recording: clip.recording, url: clip.url, elements };
    });
    await app.page.evaluate(() => window.cuewrightApp!.playback.pause());
    expect(state.recording).toBe('rec-2');
    const second = state.elements.find((e) => e.url === state.url)!;
    expect(second.paused).toBe(false);
    expect(second.time).toBeGreaterThan(0.4);
    expect(state.elements.filter((e) => e.url !== state.url).every((e) => e.paused)).toBe(true);
  });

  it('reorders with Alt+↑ and by dragging, each undoable: the cues move with their recording', async () => {
    await app.page.click('#tab-recordings');
    // The third recording up twice with the keyboard: it plays first.
    await app.page.focus('[data-recording="rec-3"] .row-main');
    await app.page.keyboard.press('Alt+ArrowUp');
    await app.page.keyboard.press('Alt+ArrowUp');
    expect(await order()).toEqual(['rec-3', 'rec-1', 'rec-2']);
    await expectCuesIn(['rec-3', 'rec-1', 'rec-2']);
    // The clip bands are redrawn on the next frame after the edit; wait for it.
    await expect
      .poll(async () => (await bands()).map((b) => b.recording))
      .toEqual(['rec-3', 'rec-1', 'rec-2']);
    await expect.poll(() => regionsShown(app)).toBeGreaterThan(0);
    await expect.poll(() => paintedColumns(app), { timeout: 10_000 }).toBeGreaterThan(300);
    await app.screenshot('recordings-2-reordered');
    await app.page.keyboard.press('Control+Z');
    await app.page.keyboard.press('Control+Z');
    expect(await order()).toEqual(['rec-1', 'rec-2', 'rec-3']);
    await expectCuesIn(['rec-1', 'rec-2', 'rec-3']);
    // Dragged: the second recording dropped on the first.
    await app.page.dragAndDrop('[data-recording="rec-2"] .row-title', '[data-recording="rec-1"] .row-title');
    expect(await order()).toEqual(['rec-2', 'rec-1', 'rec-3']);
    await expectCuesIn(['rec-2', 'rec-1', 'rec-3']);
    await app.page.keyboard.press('Control+Z');
    await expectCuesIn(['rec-1', 'rec-2', 'rec-3']);
  });

  it('removes a recording (its cues unplaced, the later ones earlier) and undo brings every time back', async () => {
    const before = await sheetOf(app.page);
    await app.page.click('[data-recording="rec-2"] [data-action="remove"]');
    expect(await order()).toEqual(['rec-1', 'rec-3']);
    await expectCuesIn(['rec-1', 'rec-3']);
    await expect.poll(async () => (await bands()).map((b) => b.recording)).toEqual(['rec-1', 'rec-3']);
    // Autosaved as it is now: two recordings, the removed one's cues left unplaced.
    const recovered = () => {
      const dir = join(app.dataDir, 'recovery');
      const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.autosave.json')) : [];
      return files.map((f) => {
        const saved = JSON.parse(readFileSync(join(dir, f), 'utf8')) as {
          project: { recordings: Array<{ id: string }> };
        };
        return saved.project.recordings.map((r) => r.id).join(',');
      });
    };
    await expect.poll(recovered, { timeout: 15_000 }).toContain('rec-1,rec-3');
    await app.page.keyboard.press('Control+Z');
    expect(await sheetOf(app.page)).toEqual(before);
  });

  it('Add recordings… appends the files picked (several at once), undoable', async () => {
    const extra = join(work, 'part-d.ogg');
    const more = join(work, 'part-e.wav');
    ffmpeg([
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=300:duration=2.5',
      '-ar',
      '16000',
      '-c:a',
      'libvorbis',
      extra,
    ]);
    ffmpeg(['-f', 'lavfi', '-i', 'sine=frequency=500:duration=1.5', '-ar', '32000', more]);
    const sheet = await sheetOf(app.page);
    app.picker.answers.push([extra, more]);
    await app.page.click('.recordings-panel [data-action="add"]');
    await expect.poll(order).toEqual(['rec-1', 'rec-2', 'rec-3', 'rec-4', 'rec-5']);
    // Appended after the last: no cue moves.
    expect((await sheetOf(app.page)).cues).toEqual(sheet.cues);
    const shown = await bands();
    expect(shown.map((b) => b.name)).toEqual([...pieces.map((p) => p.file), 'part-d.ogg', 'part-e.wav']);
    const total = [...durations.values()].reduce((a, b) => a + b, 0);
    expect(shown[3]!.at).toBeCloseTo(total, 6);
    expect((await rows())[3]!.text).toMatch(/^00:00:02\.50\d · vorbis 16 kHz · at /);
    await expect.poll(() => paintedColumns(app), { timeout: 10_000 }).toBeGreaterThan(300);
    await app.screenshot('recordings-3-added');
    await app.page.keyboard.press('Control+Z');
    expect(await order()).toEqual(['rec-1', 'rec-2', 'rec-3']);
  });

  it('snaps a nudged cue back onto its recording’s pauses where that recording plays now (P)', async () => {
    await app.page.focus('[data-recording="rec-3"] .row-main');
    await app.page.keyboard.press('Alt+ArrowUp');
    const ids = ['rec-1', 'rec-3', 'rec-2'];
    expect(await order()).toEqual(ids);
    const before = await sheetOf(app.page);
    const p = cuePlacements().filter((c) => c.recording === 'rec-2')[3]!;
    const cue = before.cues.find((c) => c.id === p.id)!;
    expect(cue.start).toBeCloseTo(expectedStart(p, ids), 4);
    await app.page.evaluate((id) => window.cuewrightApp!.store.select([id]), cue.id);
    await app.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await app.page.keyboard.press('Shift+ArrowRight');
    await app.page.keyboard.press('Alt+Shift+ArrowLeft');
    await app.page.keyboard.press('P');
    // The first snap finds the pauses of every recording (each decoded once): a hang limit.
    await expect
      .poll(() => app.page.evaluate(() => window.cuewrightApp!.store.undoLabel), { timeout: 60_000 })
      .toBe('snap to pauses');
    const snapped = (await sheetOf(app.page)).cues.find((c) => c.id === cue.id)!;
    expect(Math.abs(snapped.start! - cue.start!)).toBeLessThan(0.03);
    expect(Math.abs(snapped.end! - cue.end!)).toBeLessThan(0.03);
    for (let k = 0; k < 4; k++) await app.page.keyboard.press('Control+Z');
    expect(await order()).toEqual(['rec-1', 'rec-2', 'rec-3']);
  });

  it('re-aligns a selected cue (A) from the recording it plays on; across a join it says why not', async () => {
    const ids = ['rec-1', 'rec-2', 'rec-3'];
    const inThird = cuePlacements().filter((c) => c.recording === 'rec-3');
    const p = inThird[Math.floor(inThird.length / 2)]!;
    const before = (await sheetOf(app.page)).cues.find((c) => c.id === p.id)!;
    expect(before.start).toBeCloseTo(expectedStart(p, ids), 4);
    await app.page.evaluate((id) => window.cuewrightApp!.store.select([id]), p.id);
    await app.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await app.page.keyboard.press('a');
    // A hang limit, not a speed figure.
    await expect
      .poll(() => app.page.evaluate(() => window.cuewrightApp!.store.status), { timeout: 120_000 })
      .toMatch(/^re-align range/);
    const after = (await sheetOf(app.page)).cues.find((c) => c.id === p.id)!;
    expect(Math.abs(after.start! - before.start!)).toBeLessThan(0.3);
    if (await app.page.evaluate(() => window.cuewrightApp!.store.undoLabel === 're-align range'))
      await app.page.keyboard.press('Control+Z');
    // The last cue of the first file and the first of the second: refused, in one line.
    const last = cuePlacements()
      .filter((c) => c.recording === 'rec-1')
      .at(-1)!;
    const first = cuePlacements().find((c) => c.recording === 'rec-2')!;
    await app.page.evaluate((picked) => window.cuewrightApp!.store.select(picked), [last.id, first.id]);
    await app.page.keyboard.press('a');
    await expect
      .poll(() => app.page.evaluate(() => window.cuewrightApp!.store.status), { timeout: 60_000 })
      .toContain('run across a join between recordings');
  });

  it('saves the order it shows; the project reopens the same, and cuewright project reads it so', async () => {
    await app.page.focus('[data-recording="rec-3"] .row-main');
    await app.page.keyboard.press('Alt+ArrowUp');
    const ids = ['rec-1', 'rec-3', 'rec-2'];
    expect(await order()).toEqual(ids);
    // A cue of the second file nudged 100 ms later on the production: stored 100 ms later on its file.
    const nudged = cuePlacements().find((p) => p.recording === 'rec-2')!;
    await app.page.evaluate((id) => window.cuewrightApp!.store.select([id]), nudged.id);
    await app.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await app.page.keyboard.press('Shift+ArrowRight');
    expect(await app.page.evaluate(() => window.cuewrightApp!.store.undoLabel)).toBe('nudge cue start');
    nudged.start += 0.1;
    // A cue of the third file (second in the order now) split at the playhead: the second half
    // is a new cue, stored on that file at the playhead's time inside it.
    const halved = cuePlacements().find((p) => p.recording === 'rec-3' && p.end! - p.start > 1)!;
    const splitAt = expectedStart(halved, ids) + (halved.end! - halved.start) / 2;
    await app.page.evaluate(
      ({ id, t }) => {
        window.cuewrightApp!.store.select([id]);
        window.cuewrightApp!.playback.seek(t);
      },
      { id: halved.id, t: splitAt },
    );
    await app.page.keyboard.press('s');
    expect(await app.page.evaluate(() => window.cuewrightApp!.store.undoLabel)).toBe('split cue');
    const shownSheet = await sheetOf(app.page);
    const known = new Set(placements.map((p) => p.id));
    const halves = shownSheet.cues.filter(
      (c) => c.id === halved.id || (!known.has(c.id) && c.start !== undefined),
    );
    expect(halves.length).toBe(2);
    const second = halves.find((c) => Math.abs(c.start! - splitAt) < 1e-3)!;
    expect(second).toBeDefined();
    await app.page.keyboard.press('Control+S');
    await app.page.waitForFunction(() => !document.title.startsWith('•'));
    const run = runCli(['project', projectPath, '--json']);
    expect(run.status, run.stderr).toBe(0);
    const read = JSON.parse(run.stdout) as {
      recordings: Array<{ id: string; plays: Array<{ at: number }> }>;
      cues: Array<{ id: string; recording?: string; recordingStart?: number; start?: number }>;
    };
    expect(read.recordings.map((r) => r.id)).toEqual(ids);
    const secondRead = read.cues.find((c) => c.id === second.id)!;
    expect(secondRead.recording).toBe('rec-3');
    expect(secondRead.recordingStart).toBeCloseTo(halved.start + (halved.end! - halved.start) / 2, 3);
    for (const p of cuePlacements()) {
      // The split cue lives on as its two halves (checked above).
      if (p.id === halved.id && !read.cues.some((c) => c.id === p.id)) continue;
      const cue = read.cues.find((c) => c.id === p.id)!;
      expect(cue.recording).toBe(p.recording);
      // The nudged cue's production time was kept to the millisecond (its recording time follows).
      const digits = p.id === nudged.id ? 3 : 5;
      expect(cue.recordingStart).toBeCloseTo(p.start, digits);
      expect(cue.start).toBeCloseTo(expectedStart(p, ids), Math.min(digits, 4));
    }
    app.picker.answers.push(projectPath);
    await app.page.keyboard.press('Control+O');
    await app.page.waitForFunction(() => performance.getEntriesByName('cuewright:waveform-drawn').length > 2);
    expect(await order()).toEqual(ids);
    const reopened = await sheetOf(app.page);
    for (const [i, cue] of reopened.cues.entries()) {
      if (cue.start === undefined) expect(shownSheet.cues[i]!.start).toBeUndefined();
      else expect(cue.start).toBeCloseTo(shownSheet.cues[i]!.start!, 5);
    }
    expect(app.errors).toEqual([]);
  });
});

/** Cue regions on the page (those in and near the view). */
function regionsShown(app: AppSession): Promise<number> {
  return app.page.evaluate(
    () =>
      document.querySelector('#waveform div')?.shadowRoot?.querySelectorAll('[part~="region"]').length ?? 0,
  );
}

/** Columns of the viewport canvas with anything painted. */
function paintedColumns(app: AppSession): Promise<number> {
  return app.page.evaluate(() => {
    const canvas = document
      .querySelector('#waveform div')!
      .shadowRoot!.querySelector<HTMLCanvasElement>('[part="viewport-waveform"]')!;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    const columns = new Set<number>();
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) columns.add(((i - 3) / 4) % canvas.width);
    return columns.size;
  });
}
