import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lyricSpans } from '../../audio/align/sung-sections.ts';
import { encodeWav } from '../../audio/wav/wav-writer.ts';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { needsReview } from '../../cues/edit/review.ts';
import { parseScript } from '../../cues/parse-script.ts';
import { readCueSheet } from '../../cues/read-cue-sheet.ts';
import { alignFile, alignRecording } from '../../src/align/align-recording.ts';
import {
  boundaryErrors,
  HARNESS_DESCRIPTION,
  type Mistakes,
  otherReading,
  songCoverage,
  withSessionMistakes,
} from '../support/align-harness.ts';
import { SAMPLE_SEED } from '../support/paths.ts';
import { runCli } from '../support/run-cli.ts';
import { tempDir } from '../support/signals.ts';

// The accuracy harness (tests/support/align-harness.ts): a recording with known cue times.
const seed = parseScript(readFileSync(SAMPLE_SEED, 'utf8'));
let truth: CueSheet;
let recordingPath: string;
let aligned: CueSheet;

// A festival reading of the seed and its alignment: 120 s ran out at load 6 (mutation runs beside CI).
beforeAll(async () => {
  const recording = await otherReading(seed);
  truth = recording.sheet;
  recordingPath = join(tempDir('align'), 'recording.wav');
  writeFileSync(recordingPath, encodeWav(recording.audio.channels, recording.audio.sampleRate));
  aligned = await alignRecording(seed, recording.audio);
}, 400_000);

/** The spoken cues (not the lyrics) on their lines: median <= 50 ms, p95 <= 250 ms. */
function expectSpeechOnItsLines(result: CueSheet, truth: CueSheet): void {
  const spokenIds = new Set(seed.cues.filter((c) => c.kind !== 'lyric').map((c) => c.id));
  const speech = boundaryErrors({ ...result, cues: result.cues.filter((c) => spokenIds.has(c.id)) }, truth);
  const at = (p: number) => speech[Math.floor(p * (speech.length - 1))]!;
  expect(at(0.5)).toBeLessThanOrEqual(0.05);
  expect(at(0.95)).toBeLessThanOrEqual(0.25);
}

/** |aligned - known| for every stanza start and end, sorted. */
function stanzaErrors(result: CueSheet, truth: CueSheet): number[] {
  return boundaryErrors({ ...result, cues: result.cues.filter((c) => c.kind === 'lyric') }, truth);
}

describe(`alignment accuracy (${HARNESS_DESCRIPTION})`, () => {
  it('places every boundary: median <= 50 ms, p95 <= 250 ms', () => {
    const errors = boundaryErrors(aligned, truth);
    expect(errors.length).toBe(2 * truth.cues.filter((c) => c.start !== undefined).length);
    const at = (p: number) => errors[Math.floor(p * (errors.length - 1))]!;
    expect(at(0.5)).toBeLessThanOrEqual(0.05);
    expect(at(0.95)).toBeLessThanOrEqual(0.25);
  });

  it('reports no sung or music sections where there is no music', () => {
    expect(aligned.sections).toEqual([]);
  });

  it('gives every placed cue a confidence and keeps script order', () => {
    const placed = aligned.cues.filter((c) => c.start !== undefined);
    for (const cue of placed) expect(cue.confidence).toBeGreaterThan(0);
    for (let i = 1; i < placed.length; i++)
      expect(placed[i]!.start!).toBeGreaterThanOrEqual(placed[i - 1]!.start! - 0.001);
  });

  it('stops when cancelled, mid-way through, and leaves nothing that stops the next run', async () => {
    const controller = new AbortController();
    const phases = new Set<string>();
    await expect(
      alignFile(seed, recordingPath, {
        signal: controller.signal,
        onProgress: (phase, f) => {
          phases.add(phase);
          if (phase === 'aligning' && f > 0.2) controller.abort();
        },
      }),
    ).rejects.toThrow(/cancelled/);
    expect([...phases]).toEqual(['listening to the recording', 'aligning']);
    const again = await alignFile(seed, recordingPath);
    expect(boundaryErrors(again, truth)[Math.floor(truth.cues.length / 2)]!).toBeLessThanOrEqual(0.05);
  }, 120_000);

  it('is the cuewright align command', () => {
    const result = runCli(['align', SAMPLE_SEED, recordingPath, '--json']);
    expect(result.status).toBe(0);
    const sheet = readCueSheet(result.stdout);
    const errors = boundaryErrors(sheet, truth);
    expect(errors[Math.floor(errors.length / 2)]!).toBeLessThanOrEqual(0.05);
  }, 120_000);
});

describe(`alignment with a band under the songs (${HARNESS_DESCRIPTION}, chords 6 dB under the voice)`, () => {
  let withMusic: Awaited<ReturnType<typeof otherReading>>;
  let result: CueSheet;
  beforeAll(async () => {
    withMusic = await otherReading(seed, { musicUnderSongs: true });
    result = await alignRecording(seed, withMusic.audio);
  }, 120_000);

  it('finds every sung passage (>= 90 % of each covered) and nothing else', () => {
    const detected = (result.sections ?? []).filter((s) => s.kind === 'sung');
    expect(detected.length).toBe(withMusic.songs.length);
    for (const share of songCoverage(withMusic.songs, detected)) expect(share).toBeGreaterThanOrEqual(0.9);
    const songTime = withMusic.songs.reduce((n, s) => n + s.end - s.start, 0);
    const detectedTime = detected.reduce((n, s) => n + s.end - s.start, 0);
    expect(detectedTime).toBeLessThan(songTime * 1.1);
  });

  it('places the lyric cues inside the sung passages, and the speech as well as without music', () => {
    const sections = result.sections ?? [];
    for (const cue of result.cues.filter((c) => c.kind === 'lyric')) {
      const middle = (cue.start! + cue.end!) / 2;
      expect(sections.some((s) => middle >= s.start && middle <= s.end)).toBe(true);
    }
    // Stanzas spread over their song in proportion (the band starts half a second before the voice).
    const stanzas = stanzaErrors(result, withMusic.sheet);
    expect(stanzas.at(-1)!).toBeLessThan(1);
    expectSpeechOnItsLines(result, withMusic.sheet);
  });
});

describe.each([
  { voice: 'a high voice', tonicHz: 220 },
  { voice: 'a low voice', tonicHz: 130 },
])(
  `alignment with the songs sung unaccompanied by $voice (${HARNESS_DESCRIPTION}, songs 1.8x as long as read)`,
  ({ tonicHz }) => {
    let sung: Awaited<ReturnType<typeof otherReading>>;
    let result: CueSheet;
    beforeAll(async () => {
      sung = await otherReading(seed, { aCappella: { tonicHz, seed: 3 } });
      result = await alignRecording(seed, sung.audio);
    }, 120_000);

    it('is reported by cuewright align: the songs it heard, with their times', () => {
      const path = join(tempDir('align-sung'), `sung-${tonicHz}.wav`);
      writeFileSync(path, encodeWav(sung.audio.channels, sung.audio.sampleRate));
      const run = runCli(['align', SAMPLE_SEED, path]);
      expect(run.status).toBe(0);
      const reported = run.stdout.split('\n').filter((line) => /^sung +\d\d:\d\d:\d\d\.\d{3} - /.test(line));
      expect(reported).toHaveLength(lyricSpans(sung.sheet).length);
      for (const line of reported) expect(line).toMatch(/\(detected\)$/);
    }, 120_000);

    it('finds every song by its held notes (>= 90 % of each covered) and nothing else', () => {
      const songs = lyricSpans(sung.sheet);
      const detected = (result.sections ?? []).filter((s) => s.kind === 'sung');
      expect(detected.length).toBe(songs.length);
      for (const share of songCoverage(songs, detected)) expect(share).toBeGreaterThanOrEqual(0.9);
      for (const [i, section] of detected.entries()) {
        expect(Math.abs(section.start - songs[i]!.start)).toBeLessThan(0.3);
        expect(Math.abs(section.end - songs[i]!.end)).toBeLessThan(0.3);
      }
      expect(result.sections!.filter((s) => s.kind === 'music')).toEqual([]);
    });

    it('places each stanza inside its song, and the speech around the songs as well as ever', () => {
      const sections = result.sections ?? [];
      for (const cue of result.cues.filter((c) => c.kind === 'lyric')) {
        const middle = (cue.start! + cue.end!) / 2;
        expect(sections.some((s) => s.kind === 'sung' && middle >= s.start && middle <= s.end)).toBe(true);
      }
      // Stanzas spread over their song in proportion: every start and end within a second.
      expect(stanzaErrors(result, sung.sheet).at(-1)!).toBeLessThan(1);
      expectSpeechOnItsLines(result, sung.sheet);
    });
  },
);

describe('alignment of a real session: 12 s intro music, a retake, an ad-lib, a missing line', () => {
  let session: Mistakes;
  let result: CueSheet;
  beforeAll(async () => {
    session = await withSessionMistakes(await otherReading(seed));
    result = await alignRecording(seed, session.audio);
  }, 120_000);

  it('keeps the spoken cues it vouches for on their lines (starts: median <= 50 ms, p95 <= 250 ms)', () => {
    // Next to a retake or an ad-lib either neighbour may have been heard in it: those cues are
    // flagged (the next test), and the figures are of the cues presented with confidence.
    const known = new Map(session.truth.cues.map((c) => [c.id, c]));
    // Cues with no time in the truth are not read (notes): nothing to measure.
    const errors = result.cues
      .filter((c) => known.get(c.id)!.start !== undefined)
      .filter((c) => c.kind !== 'lyric' && !session.exclude.has(c.id) && !needsReview(c))
      .map((c) =>
        c.start === undefined ? Number.POSITIVE_INFINITY : Math.abs(c.start - known.get(c.id)!.start!),
      )
      .sort((a, b) => a - b);
    expect(errors.length).toBeGreaterThan(result.cues.length * 0.7);
    const at = (p: number) => errors[Math.floor(p * (errors.length - 1))]!;
    expect(at(0.5)).toBeLessThanOrEqual(0.05);
    expect(at(0.95)).toBeLessThanOrEqual(0.25);
    // The intro is not mistaken for the first lines, and is reported as music.
    expect(result.cues[0]!.start!).toBeGreaterThan(12);
    expect(result.sections).toContainEqual(expect.objectContaining({ kind: 'music', start: 0 }));
  });

  it('flags for review every cue it placed more than half a second off, and not most others', () => {
    const known = new Map(session.truth.cues.map((c) => [c.id, c]));
    const placed = result.cues.filter(
      (c) => c.start !== undefined && known.get(c.id)!.start !== undefined && !session.exclude.has(c.id),
    );
    const off = placed.filter((c) => Math.abs(c.start! - known.get(c.id)!.start!) > 0.5);
    for (const cue of off) expect(needsReview(cue), `${cue.kind} "${cue.text.slice(0, 30)}"`).toBe(true);
    // The line cut from the recording cannot be placed right: it is flagged or left unplaced (so
    // this test has at least one cue that really is off, whatever the engine does elsewhere).
    const missing = result.cues.find((c) => c.id === session.missing)!;
    expect(missing.start === undefined || needsReview(missing), 'the line not read').toBe(true);
    expect(placed.filter((c) => needsReview(c)).length).toBeLessThan(placed.length * 0.3);
  });
});
