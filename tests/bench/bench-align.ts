import { readFileSync } from 'node:fs';
import { parseScript } from '../../cues/parse-script.ts';
import { alignRecording } from '../../src/align/align-recording.ts';
import { scratchNarration } from '../../src/tts/scratch-narration.ts';
import { SAMPLE_SEED } from '../support/paths.ts';
import { rng } from '../support/signals.ts';
import { row } from './measure.ts';

/** The alignment harness: the seed read by other voices with noise, errors against known times. */
export async function benchAlign(): Promise<void> {
  console.log('\nAlignment (seed chapter read by other voices, 15 % slower, pauses x0.6, noise -45 dB)');
  const seed = parseScript(readFileSync(SAMPLE_SEED, 'utf8'));
  const recording = await scratchNarration(seed, undefined, undefined, {
    narratorVoice: 'en-gb-x-rp',
    rateScale: 0.85,
    gapScale: 0.6,
    voiceOffset: 2,
  });
  const noise = rng(5);
  const channel = recording.audio.channels[0]!;
  for (let i = 0; i < channel.length; i++) channel[i]! += (noise() * 2 - 1) * Math.sqrt(3) * 10 ** (-45 / 20);
  const seconds = channel.length / recording.audio.sampleRate;
  const start = performance.now();
  const aligned = await alignRecording(seed, recording.audio);
  const elapsed = (performance.now() - start) / 1000;
  const errors: number[] = [];
  for (const cue of aligned.cues) {
    const known = recording.sheet.cues.find((c) => c.id === cue.id)!;
    if (known.start !== undefined)
      errors.push(Math.abs(cue.start! - known.start) * 1000, Math.abs(cue.end! - known.end!) * 1000);
  }
  errors.sort((a, b) => a - b);
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
    `${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB peak RSS (whole bench process)`,
  );
}
