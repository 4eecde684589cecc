import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PcmAudio } from '../../audio/pcm.ts';
import { planScratch, SPEAKER_VOICES } from '../../audio/scratch/scratch-plan.ts';
import { EnergyEnvelope } from '../../audio/silence/energy-envelope.ts';
import { findPauses } from '../../audio/silence/find-pauses.ts';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { parseScript } from '../../cues/parse-script.ts';
import { readCueSheet } from '../../cues/read-cue-sheet.ts';
import { createEspeakEngine } from '../../src/tts/espeak-engine.ts';
import { scratchNarration } from '../../src/tts/scratch-narration.ts';
import { SAMPLE_SEED } from '../support/paths.ts';
import { runCli } from '../support/run-cli.ts';
import { tempDir } from '../support/signals.ts';

const seed = parseScript(readFileSync(SAMPLE_SEED, 'utf8'));
let audio: PcmAudio;
let sheet: CueSheet;

beforeAll(async () => {
  ({ audio, sheet } = await scratchNarration(seed));
}, 120_000);

function rmsBetween(samples: Float32Array, rate: number, start: number, end: number): number {
  const part = samples.subarray(Math.round(start * rate), Math.round(end * rate));
  let sum = 0;
  for (const x of part) sum += x * x;
  return Math.sqrt(sum / Math.max(1, part.length));
}

describe('scratch narration of the seed', () => {
  it('times every spoken cue, in script order, without overlaps', () => {
    const spoken = sheet.cues.filter((c) => c.kind !== 'separator');
    expect(spoken.every((c) => c.start !== undefined && c.end !== undefined && c.end > c.start)).toBe(true);
    for (let i = 1; i < spoken.length; i++)
      expect(spoken[i]!.start!).toBeGreaterThanOrEqual(spoken[i - 1]!.end!);
    expect(sheet.chapters[0]!.start).toBe(spoken[0]!.start);
    expect(spoken[spoken.length - 1]!.end!).toBeLessThanOrEqual(audio.channels[0]!.length / audio.sampleRate);
    expect(readCueSheet(JSON.stringify(sheet)).cues).toHaveLength(seed.cues.length);
  });

  it('puts speech inside each cue and silence between cues, which pause detection finds', () => {
    const samples = audio.channels[0]!;
    const spoken = sheet.cues.filter((c) => c.start !== undefined);
    for (const cue of spoken)
      expect(rmsBetween(samples, audio.sampleRate, cue.start!, cue.end!)).toBeGreaterThan(0.02);
    const envelope = new EnergyEnvelope(audio.sampleRate);
    envelope.push(audio.channels);
    const pauses = findPauses(envelope, { minPause: 0.3 });
    for (let i = 1; i < spoken.length; i++) {
      const gap = { start: spoken[i - 1]!.end!, end: spoken[i]!.start! };
      expect(rmsBetween(samples, audio.sampleRate, gap.start, gap.end)).toBe(0);
      const found = pauses.find((p) => p.start <= gap.start + 0.02 && p.end >= gap.end - 0.02);
      expect(found, `pause before cue ${i}`).toBeDefined();
    }
  });

  it('gives each speaker their own voice and sings the lyrics differently', () => {
    const plan = planScratch(seed);
    const voiceOf = (id: string) => plan.find((u) => u.cueId === id)!.voice;
    const byKind = (kind: string, speaker?: string) =>
      seed.cues
        .filter((c) => c.kind === kind && (speaker === undefined || c.speaker === speaker))
        .map((c) => voiceOf(c.id));
    const narrator = byKind('narration')[0]!;
    const spike = byKind('dialogue', 'Spike')[0]!;
    const buffy = byKind('dialogue', 'Buffy')[0]!;
    const lyric = byKind('lyric')[0]!;
    expect(new Set([narrator.voice, spike.voice, buffy.voice]).size).toBe(3);
    expect(lyric.range).toBeGreaterThan(narrator.range);
    expect(lyric.rate).toBeLessThan(narrator.rate);
  });

  it('has every voice of the palette available in the engine', async () => {
    const engine = await createEspeakEngine();
    for (const voice of SPEAKER_VOICES) {
      expect(engine.speak('Hello.', { voice, rate: 165, pitch: 50, range: 50 }).length).toBeGreaterThan(1000);
    }
  });
});

describe('cuewright scratch and analyze', () => {
  const dir = tempDir('scratch-cli');

  it('writes the table read and its cue times, then analyzes it per the contract', () => {
    const wav = join(dir, 'seed.wav');
    const cues = join(dir, 'seed.cues.json');
    const result = runCli(['scratch', SAMPLE_SEED, '-o', wav, '--cues', cues]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Chapter 1/);
    const timed = readCueSheet(readFileSync(cues, 'utf8'));
    expect(timed.cues.filter((c) => c.start !== undefined).length).toBeGreaterThan(30);

    const analysis = runCli(['analyze', wav, '--json']);
    expect(analysis.status).toBe(0);
    const report = JSON.parse(analysis.stdout);
    expect(report).toMatchObject({ sampleRate: 22_050, channels: 1, format: 'WAV' });
    const lastEnd = Math.max(...timed.cues.map((c) => c.end ?? 0));
    expect(report.duration).toBeGreaterThan(lastEnd);
    expect(report.loudness.integrated).toBeLessThan(-10);
    expect(report.loudness.integrated).toBeGreaterThan(-30);
    expect(typeof report.loudness.range).toBe('number');
    expect(typeof report.loudness.truePeak).toBe('number');
    expect(report.acx).toMatchObject({ noiseFloor: -120 });
    expect(typeof report.acx.pass).toBe('boolean');
  });

  it('gives the same samples on every run (eSpeak seeds its breath noise from the clock)', () => {
    // Two processes, as two runs of the sample production: its f3 voice's cues differed.
    const runs = ['one.wav', 'two.wav'].map((name) => {
      const wav = join(dir, name);
      expect(runCli(['scratch', SAMPLE_SEED, '-o', wav]).status).toBe(0);
      return readFileSync(wav);
    });
    expect(runs[0]!.length).toBeGreaterThan(1_000_000);
    expect(runs[0]!.equals(runs[1]!)).toBe(true);
  });

  it('exits 2 naming the file for audio it cannot read', () => {
    const result = runCli(['analyze', SAMPLE_SEED, '--json']);
    expect(result.status).toBe(2);
    expect(result.stderr.trim()).toMatch(
      /^cuewright: .*seed-chapter\.txt: unknown audio format \(the file starts with/,
    );
    expect(runCli(['scratch', SAMPLE_SEED, '-o', join(dir, 'x.mp3')]).stderr).toMatch(
      /name the output \.wav/,
    );
  });
});
