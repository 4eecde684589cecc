import { readFileSync } from 'node:fs';
import { lyricSpans } from '../../audio/align/sung-sections.ts';
import { trackPitch } from '../../audio/pitch/pitch-tracker.ts';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { parseScript } from '../../cues/parse-script.ts';
import { alignRecording } from '../../src/align/align-recording.ts';
import {
  boundaryErrors,
  HARNESS_DESCRIPTION,
  otherReading,
  songCoverage,
  withSessionMistakes,
} from '../support/align-harness.ts';
import { SAMPLE_SEED } from '../support/paths.ts';
import { ours } from './bench-audio.ts';
import { ownPeakRssMb, row } from './measure.ts';

/** The alignment harness: the seed read by other voices with noise, errors against known times. */
export async function benchAlign(): Promise<void> {
  console.log(`\nAlignment (seed chapter; ${HARNESS_DESCRIPTION})`);
  const seed = parseScript(readFileSync(SAMPLE_SEED, 'utf8'));
  const recording = await otherReading(seed);
  const seconds = recording.audio.channels[0]!.length / recording.audio.sampleRate;
  const start = performance.now();
  const aligned = await alignRecording(seed, recording.audio);
  const elapsed = (performance.now() - start) / 1000;
  const errors = boundaryErrors(aligned, recording.sheet).map((e) => e * 1000);
  const at = (p: number) => errors[Math.floor(p * (errors.length - 1))]!.toFixed(0);
  const within = (ms: number) =>
    `${((100 * errors.filter((e) => e <= ms).length) / errors.length).toFixed(0)} %`;
  row(
    `${errors.length} boundaries`,
    `median ${at(0.5)} ms`,
    `p95 ${at(0.95)} ms`,
    `max ${at(1)} ms`,
    `within 50/100/500 ms: ${within(50)}/${within(100)}/${within(500)}`,
  );
  row(
    `speed (${seconds.toFixed(0)} s of audio, reference TTS included)`,
    `${elapsed.toFixed(1)} s`,
    `${(seconds / elapsed).toFixed(0)}x realtime`,
    `${(ownPeakRssMb()).toFixed(0)} MB peak RSS (whole bench process)`,
  );
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

interface LongAlign {
  seconds: number;
  audioSeconds: number;
  maxRssMb: number;
  rssAlongTheWay: number[];
  medianMs: number;
  p95Ms: number;
}

/**
 * Long recordings, each aligned in its own process (peak memory is its own): the seed's reading
 * repeated 10 times (63 min) and 95 times (10 h), cue times known. Speed includes synthesising
 * the reference reading; the goal is 60x realtime within 500 MB for an hour.
 */
export function benchAlignLong(): void {
  console.log(
    '\nAlignment of long recordings (the seed reading repeated; same voice, so this measures speed and memory)',
  );
  for (const copies of [10, 95]) {
    const r = ours('align-loops', String(copies)) as unknown as LongAlign;
    const hours = r.audioSeconds / 3600;
    row(
      `${hours.toFixed(1)} h of audio`,
      `${r.seconds.toFixed(0)} s (${(r.audioSeconds / r.seconds).toFixed(0)}x realtime; ${(r.audioSeconds / r.seconds / 60).toFixed(2)}x the 60x goal)`,
      `${r.maxRssMb.toFixed(0)} MB peak RSS (goal for 1 h: 500 MB); RSS along the way ${r.rssAlongTheWay.join(' → ')} MB`,
      `boundaries: median ${r.medianMs.toFixed(0)} ms, p95 ${r.p95Ms.toFixed(0)} ms`,
    );
  }
}
