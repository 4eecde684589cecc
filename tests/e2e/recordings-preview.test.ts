import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { surveyRecording } from '../../src/production/survey-recording.ts';
import { type AppSession, openProjectInApp, openReadyApp } from '../support/app-session.ts';
import { SPEECH_DIR, speechRecordings } from '../support/human-speech.ts';
import { requireTools } from '../support/required-tools.ts';
import { runCli } from '../support/run-cli.ts';
import { ffmpeg, ffprobe, tempDir } from '../support/signals.ts';
import { sonnetsScript, writeProduction } from '../support/sonnet-production.ts';

// Issue 16: the app's preview of a production must play what the export would. The sonnets read
// by people, one file each, and a pickup (the first lines of sonnet I again, 8 dB quieter, as a
// re-recording made later) dropped into sonnet I at +8 dB to match it, and a 2 s gap the
// producer set before sonnet II. The preview played the pickup as recorded and jumped over the
// gap; checked here through the schedule and state the app exposes (never by timing).

requireTools(
  'the app is driven in Debian’s chromium; the sonnets are the recordings',
  'chromium',
  'ffmpeg',
  'shared data',
);

const GAIN_DB = 8;
const GAP = 2;
/** The reading's room tone under the pickup (made in a quieter room), dB. */
const TONE_DB = -3;

interface Entry {
  kind: 'clip' | 'gap';
  recording?: string;
  at: number;
  from?: number;
  to?: number;
  gainDb?: number;
  length?: number;
}

describe('previewing a production with a pickup and a gap, in the app', () => {
  let app: AppSession;
  const work = tempDir('recordings-preview');
  const projectPath = join(work, 'preview.cwproj');
  const sonnets = speechRecordings()
    .filter((r) => r.name.startsWith('sonnet'))
    .slice(0, 2);
  const files = ['sonnet001.flac', 'sonnet002.mp3', 'pickup.wav'];
  const durations: number[] = [];

  const schedule = () => app.page.evaluate(() => window.cuewrightApp!.playback.schedule as Entry[]);
  const state = () => app.page.evaluate(() => window.cuewrightApp!.playback.state);

  beforeAll(async () => {
    app = await openReadyApp();
    const text = sonnetsScript(sonnets);
    for (const file of files.slice(0, 2)) copyFileSync(join(SPEECH_DIR, 'sonnets', file), join(work, file));
    // The pickup: sonnet I's lines two and three (2.66-9.19 s, truth file), 8 dB down.
    ffmpeg([
      '-ss',
      '2.4',
      '-t',
      '6.6',
      '-i',
      join(SPEECH_DIR, 'sonnets/sonnet001.flac'),
      '-af',
      `volume=-${GAIN_DB}dB`,
      '-c:a',
      'pcm_s16le',
      join(work, files[2]!),
    ]);
    for (const file of files) durations.push(Number(ffprobe(join(work, file), 'format=duration').duration));
    writeProduction(
      projectPath,
      text,
      files.map((file, i) => ({
        id: `rec-${i + 1}`,
        path: file,
        size: 0,
        duration: durations[i]!,
        ...(i === 2 ? { pickup: true } : {}),
      })),
      {
        timeline: [
          { recording: 'rec-1', from: 0, to: 2.4 },
          {
            recording: 'rec-3',
            from: 0,
            to: durations[2],
            gainDb: GAIN_DB,
            roomTone: { recording: 'rec-1', gainDb: TONE_DB },
          },
          { recording: 'rec-1', from: 9.0, to: durations[0] },
          { recording: 'rec-2', from: 0, to: durations[1], gapBefore: GAP },
        ],
      },
    );
    await openProjectInApp(app, projectPath);
  }, 150_000);

  afterAll(async () => {
    expect(app?.errors ?? []).toEqual([]);
    await app?.close();
  });

  it('schedules what the project plays: the pickup at its gain, the gap before sonnet II', async () => {
    const plan = await schedule();
    expect(plan.map((e) => (e.kind === 'gap' ? 'gap' : e.recording))).toEqual([
      'rec-1',
      'rec-3',
      'rec-1',
      'gap',
      'rec-2',
    ]);
    expect(plan[1]!.gainDb).toBe(GAIN_DB);
    expect(plan[0]!.gainDb).toBe(0);
    expect(plan[3]!.length).toBeCloseTo(GAP, 6);
    // Where each clip plays is where `cuewright project --json` (the export's timeline) says.
    const run = runCli(['project', projectPath, '--json']);
    expect(run.status, run.stderr).toBe(0);
    const listed = JSON.parse(run.stdout) as {
      recordings: Array<{ id: string; plays: Array<{ at: number }> }>;
    };
    const ats = listed.recordings.flatMap((r) => r.plays.map((p) => ({ recording: r.id, at: p.at })));
    for (const clip of plan.filter((e) => e.kind === 'clip'))
      expect(
        ats.some((a) => a.recording === clip.recording && Math.abs(a.at - clip.at) < 1e-6),
        clip.recording,
      ).toBe(true);
  });

  it('plays the pickup at its matched gain, the reading’s room tone under it', async () => {
    const pickupAt = (await schedule())[1]!.at;
    await app.page.evaluate((t) => window.cuewrightApp!.playback.seek(t), pickupAt + 1);
    await app.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await app.page.keyboard.press('Space');
    await app.page.waitForFunction(() => window.cuewrightApp!.playback.playing);
    const now = await state();
    expect(now.now).toMatchObject({ kind: 'clip', recording: 'rec-3', gainDb: GAIN_DB });
    expect(now.gain).toBeCloseTo(10 ** (GAIN_DB / 20), 3);
    // Under it, the reading's room tone at the clip's gain, as the export mixes it.
    await expect.poll(async () => (await state()).roomTone, { timeout: 10_000 }).toBe('rec-1');
    expect((await state()).roomToneDb).toBe(TONE_DB);
    // Back in the reading after it: as recorded.
    await expect
      .poll(async () => (await state()).now, { timeout: 30_000 })
      .toMatchObject({ recording: 'rec-1' });
    expect((await state()).gain).toBeCloseTo(1, 6);
    expect((await state()).roomTone).toBeUndefined();
    await app.page.evaluate(() => window.cuewrightApp!.playback.pause());
  });

  it('plays the gap between the recordings with room tone (the quieter neighbour’s, as exported), the clock running through it', async () => {
    // The room tone the export would put there: the quieter (mean square, as timeline-audio.ts
    // compares them) of the neighbours' quietest half seconds, from the export's own survey.
    const meanSquare = async (file: string) => {
      const window = (await surveyRecording(join(work, file))).roomTone!;
      return (
        window.reduce((n, c) => n + c.reduce((m, x) => m + x * x, 0), 0) / (window[0]!.length * window.length)
      );
    };
    const [one, two] = [await meanSquare(files[0]!), await meanSquare(files[1]!)];
    const plan = await schedule();
    const gap = plan[3]!;
    // A seek into the gap stays there (it was taken to the next recording's start).
    await app.page.evaluate((t) => window.cuewrightApp!.playback.seek(t), gap.at + 0.5);
    let now = await state();
    expect(now.now).toMatchObject({ kind: 'gap' });
    expect(now.time).toBeCloseTo(gap.at + 0.5, 3);
    // Played from just before the join: the reading ends, the gap plays, then sonnet II.
    await app.page.evaluate((t) => window.cuewrightApp!.playback.seek(t), gap.at - 0.4);
    await app.page.keyboard.press('Space');
    await expect.poll(async () => (await state()).now?.kind, { timeout: 20_000 }).toBe('gap');
    now = await state();
    expect(now.playing).toBe(true);
    expect(now.gain).toBe(0);
    // The export fills the gap with the quieter neighbour's room tone: so does the preview.
    expect(now.roomTone).toBe(one <= two ? 'rec-1' : 'rec-2');
    expect(now.time).toBeGreaterThanOrEqual(gap.at - 1e-3);
    expect(now.time).toBeLessThanOrEqual(gap.at + gap.length!);
    const elements = await app.page.evaluate(() =>
      [...window.cuewrightApp!.playback.media.elements.values()].map((e) => e.paused),
    );
    expect(elements.every(Boolean)).toBe(true);
    await app.screenshot('recordings-preview-1-in-gap');
    await expect
      .poll(async () => (await state()).now, { timeout: 20_000 })
      .toMatchObject({ kind: 'clip', recording: 'rec-2' });
    now = await state();
    expect(now.time).toBeGreaterThanOrEqual(gap.at + gap.length! - 0.05);
    expect(now.roomTone).toBeUndefined();
    await app.page.evaluate(() => window.cuewrightApp!.playback.pause());
    await app.screenshot('recordings-preview-2-after-gap');
  });
});
