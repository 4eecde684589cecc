import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { appHandlers } from '../support/app-handlers.ts';
import { SHARED } from '../support/paths.ts';
import { requireTools } from '../support/required-tools.ts';
import { ffmpeg, ffprobe, tempDir } from '../support/signals.ts';

// Issue 17: the app's back end hands the page what the CLI says of a truncated WAV (its header
// says longer than the file holds), on each recording it opens, so the page can show it
// (renderer/src/session/cut-short-banner.ts; end to end: tests/e2e/truncated-recording.test.ts).
// Opened again unchanged, its shape comes from the peaks cache: the fact must come with it. Real
// speech: a LibriVox reading of Sonnet I, made a WAV, its bytes cut after 10 s.

const SONNET = `${SHARED}speech/sonnets/sonnet001`;
/** Seconds of audio the cut file keeps. */
const KEPT = 10;

describe('a truncated WAV opened by the app', () => {
  const dir = tempDir('truncated-view');
  const script = join(dir, 'sonnet.txt');
  const whole = join(dir, 'whole.wav');
  const cut = join(dir, 'cut.wav');
  let said: string;

  beforeAll(() => {
    requireTools('the recording is made WAV by ffmpeg', 'ffmpeg', 'shared data');
    ffmpeg(['-i', `${SONNET}.flac`, '-c:a', 'pcm_s16le', whole]);
    const rate = Number(ffprobe(whole, 'stream=sample_rate').sample_rate);
    const channels = Number(ffprobe(whole, 'stream=channels').channels);
    const declared = Number(ffprobe(whole, 'format=duration').duration);
    const bytes = readFileSync(whole);
    const dataAt = bytes.indexOf('data') + 8;
    writeFileSync(cut, bytes.subarray(0, dataAt + KEPT * rate * 2 * channels));
    writeFileSync(script, readFileSync(`${SONNET}.txt`));
    said = `truncated WAV: the header says ${declared.toFixed(1)} s, the file holds ${KEPT.toFixed(1)} s (${(declared - KEPT).toFixed(1)} s missing)`;
  }, 120_000);

  it('says it on a new project, again from the cache, on Add recordings…, and not of a whole file', async () => {
    const { handlers, picker } = appHandlers(dir);
    picker.answers.push(script, cut, whole);
    for (const purpose of ['script', 'audio', 'audio'] as const) await handlers.pick({ purpose });
    const opened = await handlers.newProject({ scriptPath: script, audioPath: cut });
    expect(opened.recordings.map((r) => [r.cutShort, r.duration])).toEqual([[said, KEPT]]);
    const again = await handlers.newProject({ scriptPath: script, audioPath: cut });
    expect(again.recordings[0]!.cutShort).toBe(said);
    const wholeView = await handlers.newProject({ scriptPath: script, audioPath: whole });
    expect(wholeView.recordings[0]!.cutShort).toBeUndefined();
    const added = await handlers.openRecordings({ paths: [cut] });
    expect(added.map((r) => r.cutShort)).toEqual([said]);
  }, 300_000);
});
