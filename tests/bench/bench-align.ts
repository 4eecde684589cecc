import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lyricSpans } from '../../audio/align/sung-sections.ts';
import { trackPitch } from '../../audio/pitch/pitch-tracker.ts';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { parseScript } from '../../cues/parse-script.ts';
import { alignFile, alignRecording } from '../../src/align/align-recording.ts';
import {
  boundaryErrors,
  HARNESS_DESCRIPTION,
  otherReading,
  songCoverage,
  withSessionMistakes,
} from '../support/align-harness.ts';
import {
  type CueScore,
  describeFigures,
  type Figures,
  figures,
  scoreStarts,
  speechBook,
  speechRecordings,
} from '../support/human-speech.ts';
import { SAMPLE_SEED } from '../support/paths.ts';
import { ours } from './bench-audio.ts';
import { row } from './measure.ts';

/**
 * Alignment on real people (../shared/speech, truth by hand): the acoustic engine (the default for
 * English) beside the TTS + DTW engine (other languages; before this engine existed it was the
 * only one, at a median error of 16.5 s on these recordings).
 */
export async function benchAlignHuman(): Promise<void> {
  console.log(
    '\nAlignment on human speech (../shared/speech: 6 recordings, 61 cue starts, truth checked by hand)',
  );
  for (const engine of ['acoustic', 'tts'] as const) {
    const scores: CueScore[] = [];
    let audioSeconds = 0;
    const start = performance.now();
    for (const r of speechRecordings()) {
      const aligned = await alignFile(parseScript(readFileSync(r.script, 'utf8')), r.audio, { engine });
      scores.push(...scoreStarts(aligned, r.truth));
      audioSeconds += aligned.cues.at(-1)?.end ?? 0;
    }
    const elapsed = (performance.now() - start) / 1000;
    row(`${engine} engine${engine === 'tts' ? ' (reference)' : ''}`, describeFigures(figures(scores)));
    row(
      '',
      `${elapsed.toFixed(1)} s for ${audioSeconds.toFixed(0)} s of audio (short files: start-up dominates)`,
    );
  }
  for (const engine of ['acoustic', 'tts'] as const) {
    const r = ours('align-speech', speechBookDir(2), engine) as unknown as SpeechBookRun;
    row(
      `all six end to end, twice (${(r.audioSeconds / 60).toFixed(1)} min), ${engine}`,
      describeFigures(r),
      `${r.seconds.toFixed(1)} s, ${(r.audioSeconds / r.seconds).toFixed(0)}x realtime`,
    );
  }
}

/** The alignment harness: the seed read by festival voices with noise, errors against known times. */
export async function benchAlign(): Promise<void> {
  console.log(`\nAlignment (seed chapter; ${HARNESS_DESCRIPTION})`);
  const seed = parseScript(readFileSync(SAMPLE_SEED, 'utf8'));
  const recording = await otherReading(seed);
  const seconds = recording.audio.channels[0]!.length / recording.audio.sampleRate;
  for (const engine of ['acoustic', 'tts'] as const) {
    const start = performance.now();
    const aligned = await alignRecording(seed, recording.audio, { engine });
    const elapsed = (performance.now() - start) / 1000;
    const errors = boundaryErrors(aligned, recording.sheet).map((e) => e * 1000);
    const at = (p: number) => errors[Math.floor(p * (errors.length - 1))]!.toFixed(0);
    const within = (ms: number) =>
      `${((100 * errors.filter((e) => e <= ms).length) / errors.length).toFixed(0)} %`;
    row(
      `${engine}: ${errors.length} boundaries`,
      `median ${at(0.5)} ms`,
      `p95 ${at(0.95)} ms`,
      `max ${at(1)} ms`,
      `within 50/100/500 ms: ${within(50)}/${within(100)}/${within(500)}`,
      `${elapsed.toFixed(1)} s for ${seconds.toFixed(0)} s (${(seconds / elapsed).toFixed(0)}x realtime)`,
    );
  }
}

/**
 * The harness with a band under the songs, with the songs sung unaccompanied (found by their held
 * notes), and with a session's mistakes (intro, retake, ad-lib, missing line).
 */
export async function benchAlignHarder(): Promise<void> {
  const seed = parseScript(readFileSync(SAMPLE_SEED, 'utf8'));
  const spokenOnly = (sheet: CueSheet, skip: Set<string> = new Set()) => ({
    ...sheet,
    cues: sheet.cues.filter((c) => c.kind !== 'lyric' && !skip.has(c.id)),
  });
  const withMusic = await otherReading(seed, { musicUnderSongs: true });
  const sung = await alignRecording(seed, withMusic.audio);
  const coverage = songCoverage(
    withMusic.songs,
    (sung.sections ?? []).filter((x) => x.kind === 'sung'),
  );
  row(
    'with chords under the songs (-6 dB)',
    `songs found: ${coverage.map((c) => `${(100 * c).toFixed(0)} %`).join(', ')} covered`,
    `speech ${summary(boundaryErrors(spokenOnly(sung), withMusic.sheet))}`,
  );
  for (const tonicHz of [220, 130]) {
    const unaccompanied = await otherReading(seed, { aCappella: { tonicHz, seed: 3 } });
    const songs = lyricSpans(unaccompanied.sheet);
    const trackStart = performance.now();
    trackPitch(unaccompanied.audio.channels, unaccompanied.audio.sampleRate);
    const trackSeconds = (performance.now() - trackStart) / 1000;
    const audioSeconds = unaccompanied.audio.channels[0]!.length / unaccompanied.audio.sampleRate;
    const result = await alignRecording(seed, unaccompanied.audio);
    const found = (result.sections ?? []).filter((x) => x.kind === 'sung');
    const edges = found.flatMap((f, i) =>
      songs[i] ? [Math.abs(f.start - songs[i]!.start), Math.abs(f.end - songs[i]!.end)] : [],
    );
    const lyricsOnly = { ...result, cues: result.cues.filter((c) => c.kind === 'lyric') };
    row(
      `songs sung unaccompanied (tonic ${tonicHz} Hz, 1.8x as long as read)`,
      `songs found: ${found.length}/${songs.length}, ${songCoverage(songs, found)
        .map((c) => `${(100 * c).toFixed(0)} %`)
        .join(', ')} covered, edges within ${(1000 * Math.max(...edges)).toFixed(0)} ms`,
      `speech ${summary(boundaryErrors(spokenOnly(result), unaccompanied.sheet))}`,
      `stanzas ${summary(boundaryErrors(lyricsOnly, unaccompanied.sheet))}`,
      `pitch tracking ${(audioSeconds / trackSeconds).toFixed(0)}x realtime`,
    );
  }
  const session = await withSessionMistakes(await otherReading(seed));
  const placed = await alignRecording(seed, session.audio);
  row(
    'with intro music, a retake, an ad-lib, a missing line',
    `speech ${summary(boundaryErrors(spokenOnly(placed, session.exclude), session.truth))}`,
  );
}

function summary(seconds: number[]): string {
  const ms = seconds.map((e) => e * 1000);
  const at = (p: number) => ms[Math.floor(p * (ms.length - 1))]!.toFixed(0);
  const within = (limit: number) =>
    `${((100 * ms.filter((e) => e <= limit).length) / ms.length).toFixed(0)} %`;
  return `median ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms, within 50/100/500 ms ${within(50)}/${within(100)}/${within(500)}`;
}

/** The human recordings end to end `copies` times, written by this process (not the measured one). */
function speechBookDir(copies: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'cuewright-bench-speech-'));
  const book = speechBook(dir, copies);
  writeFileSync(join(dir, 'truth.json'), JSON.stringify(book.truth));
  return dir;
}

interface SpeechBookRun extends Figures {
  seconds: number;
  audioSeconds: number;
  maxRssMb: number;
  rssAlongTheWay: number[];
}

/**
 * Long recordings of real speech, each aligned in its own process (peak memory is its own): the
 * human recordings end to end 14 times (55 min) and, when CUEWRIGHT_BENCH_10H=1, 136 times (9.8 h).
 * Goals for the hour: 30x realtime, 600 MB peak RSS.
 */
export function benchAlignLong(): void {
  console.log('\nAlignment of long recordings (the human recordings end to end, truth known)');
  const sizes = process.env.CUEWRIGHT_BENCH_10H === '1' ? [14, 136] : [14];
  for (const copies of sizes) {
    const r = ours('align-speech', speechBookDir(copies), 'acoustic') as unknown as SpeechBookRun;
    row(
      `${(r.audioSeconds / 3600).toFixed(2)} h of audio`,
      `${r.seconds.toFixed(0)} s (${(r.audioSeconds / r.seconds).toFixed(0)}x realtime; goal 30x)`,
      `${r.maxRssMb.toFixed(0)} MB peak RSS (goal 600 MB); RSS while aligning ${r.rssAlongTheWay.join(' → ')} MB`,
      describeFigures(r),
    );
  }
  if (sizes.length === 1) row('10 h', 'not run (set CUEWRIGHT_BENCH_10H=1: about 10 minutes)');
}
