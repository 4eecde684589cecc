import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeWav } from '../../audio/wav/wav-writer.ts';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { parseScript } from '../../cues/parse-script.ts';
import { readCueSheet } from '../../cues/read-cue-sheet.ts';
import { alignRecording } from '../../src/align/align-recording.ts';
import { scratchNarration } from '../../src/tts/scratch-narration.ts';
import { SAMPLE_SEED } from '../support/paths.ts';
import { runCli } from '../support/run-cli.ts';
import { rng, tempDir } from '../support/signals.ts';

// The accuracy harness: a "recording" read by other voices, slower, with shorter pauses and room
// noise, whose cue times are known; aligned against the default reading as reference.
const seed = parseScript(readFileSync(SAMPLE_SEED, 'utf8'));
let truth: CueSheet;
let recordingPath: string;
let aligned: CueSheet;

beforeAll(async () => {
  const recording = await scratchNarration(seed, undefined, undefined, {
    narratorVoice: 'en-gb-x-rp',
    rateScale: 0.85,
    gapScale: 0.6,
    voiceOffset: 2,
  });
  const noise = rng(5);
  const channel = recording.audio.channels[0]!;
  const level = Math.sqrt(3) * 10 ** (-45 / 20);
  for (let i = 0; i < channel.length; i++) channel[i]! += (noise() * 2 - 1) * level;
  truth = recording.sheet;
  recordingPath = join(tempDir('align'), 'recording.wav');
  (await import('node:fs')).writeFileSync(
    recordingPath,
    encodeWav(recording.audio.channels, recording.audio.sampleRate),
  );
  aligned = await alignRecording(seed, recording.audio);
}, 120_000);

function boundaryErrors(sheet: CueSheet): number[] {
  const errors: number[] = [];
  for (const cue of sheet.cues) {
    const known = truth.cues.find((c) => c.id === cue.id)!;
    if (known.start === undefined) continue;
    errors.push(Math.abs(cue.start! - known.start), Math.abs(cue.end! - known.end!));
  }
  return errors.sort((a, b) => a - b);
}

describe('alignment accuracy (another voice, slower, shorter pauses, room noise at -45 dB)', () => {
  it('places every boundary: median <= 50 ms, p95 <= 250 ms', () => {
    const errors = boundaryErrors(aligned);
    expect(errors.length).toBe(2 * truth.cues.filter((c) => c.start !== undefined).length);
    const at = (p: number) => errors[Math.floor(p * (errors.length - 1))]!;
    expect(at(0.5)).toBeLessThanOrEqual(0.05);
    expect(at(0.95)).toBeLessThanOrEqual(0.25);
  });

  it('gives every placed cue a confidence and keeps script order', () => {
    const placed = aligned.cues.filter((c) => c.start !== undefined);
    for (const cue of placed) expect(cue.confidence).toBeGreaterThan(0);
    for (let i = 1; i < placed.length; i++)
      expect(placed[i]!.start!).toBeGreaterThanOrEqual(placed[i - 1]!.start! - 0.001);
  });

  it('is the cuewright align command', () => {
    const result = runCli(['align', SAMPLE_SEED, recordingPath, '--json']);
    expect(result.status).toBe(0);
    const sheet = readCueSheet(result.stdout);
    const errors = boundaryErrors(sheet);
    expect(errors[Math.floor(errors.length / 2)]!).toBeLessThanOrEqual(0.05);
  }, 120_000);
});
