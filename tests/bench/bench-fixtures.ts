import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { encodeWavSamples, wavHeader } from '../../audio/wav/wav-writer.ts';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { parseScript } from '../../cues/parse-script.ts';
import { scratchNarration } from '../../src/tts/scratch-narration.ts';
import { SAMPLE_SEED } from '../support/paths.ts';

// One hour of realistic narration for the benchmark: the seed's scratch read, upsampled to
// 44.1 kHz and repeated to an hour, 16-bit mono (ACX's delivery format). Cached between runs.

export const BENCH_DIR = process.env.CUEWRIGHT_BENCH_DIR ?? join(homedir(), '.cache', 'cuewright-bench');
const RATE = 44_100;

export async function hourOfNarration(hours = 1): Promise<string> {
  mkdirSync(BENCH_DIR, { recursive: true });
  const path = join(BENCH_DIR, `narration-${hours}h-44k-mono.wav`);
  if (existsSync(path)) return path;
  const { audio } = await scratchNarration(parseScript(readFileSync(SAMPLE_SEED, 'utf8')));
  const source = audio.channels[0]!;
  const step = audio.sampleRate / RATE;
  const frames = Math.round(hours * 3600 * RATE);
  const spec = { sampleRate: RATE, channels: 1, bitsPerSample: 16 as const };
  const temp = `${path}.tmp`;
  const file = await open(temp, 'w');
  await file.write(wavHeader(spec, frames));
  const block = new Float32Array(RATE * 10);
  for (let done = 0; done < frames; done += block.length) {
    const n = Math.min(block.length, frames - done);
    for (let i = 0; i < n; i++) {
      const t = ((done + i) * step) % (source.length - 1);
      const k = Math.floor(t);
      block[i] = source[k]! + (source[k + 1]! - source[k]!) * (t - k);
    }
    await file.write(encodeWavSamples([block.subarray(0, n)], spec));
  }
  await file.close();
  await rename(temp, path);
  return path;
}

export function mp3Of(wav: string): string {
  const path = wav.replace(/\.wav$/, '.mp3');
  if (!existsSync(path)) {
    const result = spawnSync('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-i',
      wav,
      '-c:a',
      'libmp3lame',
      '-b:a',
      '64k',
      `${path}.tmp.mp3`,
    ]);
    if (result.status !== 0) throw new Error(`ffmpeg could not make the MP3 fixture: ${result.stderr}`);
    spawnSync('mv', [`${path}.tmp.mp3`, path]);
  }
  return path;
}

/**
 * The seed's scratch reading repeated `copies` times, at its own rate (22.05 kHz, 16-bit): a long
 * recording whose every cue time is known (the reading's times plus whole loops), for aligning
 * an hour (10 copies) or ten (95). The script to align is the seed repeated as often.
 */
export async function loopedReading(
  copies: number,
): Promise<{ path: string; loopSeconds: number; truth: CueSheet }> {
  mkdirSync(BENCH_DIR, { recursive: true });
  const seed = parseScript(readFileSync(SAMPLE_SEED, 'utf8'));
  const { audio, sheet } = await scratchNarration(seed);
  const source = audio.channels[0]!;
  const loopSeconds = source.length / audio.sampleRate;
  const path = join(BENCH_DIR, `reading-x${copies}-22k.wav`);
  if (!existsSync(path)) {
    const spec = { sampleRate: audio.sampleRate, channels: 1, bitsPerSample: 16 as const };
    const temp = `${path}.tmp`;
    const file = await open(temp, 'w');
    await file.write(wavHeader(spec, source.length * copies));
    const bytes = encodeWavSamples([source], spec);
    for (let c = 0; c < copies; c++) await file.write(bytes);
    await file.close();
    await rename(temp, path);
  }
  return { path, loopSeconds, truth: sheet };
}
