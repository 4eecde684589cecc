import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeWav, type WavSpec } from '../../audio/wav/wav-writer.ts';

// Deterministic test audio made in code, written as real files, and ffmpeg as the reference.

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Segment {
  seconds: number;
  /** RMS level of the noise, dBFS; -Infinity for digital silence. */
  db: number;
  /** Add a sine at this frequency (same RMS as the noise). */
  tone?: number;
}

/** Noise (and tones) in segments of given levels; each channel gets its own noise. */
export function segments(sampleRate: number, channels: number, parts: Segment[], seed = 1): Float32Array[] {
  const frames = Math.round(parts.reduce((n, p) => n + p.seconds, 0) * sampleRate);
  const random = rng(seed);
  const out = Array.from({ length: channels }, () => new Float32Array(frames));
  let at = 0;
  for (const part of parts) {
    const n = Math.round(part.seconds * sampleRate);
    const rms = Number.isFinite(part.db) ? 10 ** (part.db / 20) : 0;
    for (let c = 0; c < channels; c++) {
      for (let i = 0; i < n; i++) {
        // Uniform noise has RMS 1/sqrt(3) of its amplitude.
        let x = (random() * 2 - 1) * Math.sqrt(3) * rms;
        if (part.tone)
          x = x / Math.SQRT2 + Math.sin((2 * Math.PI * part.tone * (at + i)) / sampleRate + c) * rms;
        out[c]![at + i] = x;
      }
    }
    at += n;
  }
  return out;
}

export function sine(
  sampleRate: number,
  channels: number,
  seconds: number,
  frequency: number,
  amplitude: number,
  phase = 0,
): Float32Array[] {
  const n = Math.round(seconds * sampleRate);
  return Array.from({ length: channels }, () => {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++)
      out[i] = amplitude * Math.sin((2 * Math.PI * frequency * i) / sampleRate + phase);
    return out;
  });
}

/** The folders tempDir made in this process: a test file's go when it ends (temp-cleanup.setup.ts). */
export const madeTempDirs = new Set<string>();

/** A new empty folder under the system's temp folder, named `cuewright-PREFIX-…`. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `cuewright-${prefix}-`));
  madeTempDirs.add(dir);
  return dir;
}

export function writeWav(
  path: string,
  channels: Float32Array[],
  sampleRate: number,
  format: Omit<WavSpec, 'sampleRate' | 'channels'> = { bitsPerSample: 32, float: true },
): string {
  writeFileSync(path, encodeWav(channels, sampleRate, format));
  return path;
}

/** A float WAV's samples, all channels interleaved (the export's stems: a 'data' chunk of 32-bit floats). */
export function floatWavSamples(bytes: Buffer): Float32Array {
  const data = bytes.indexOf('data') + 8;
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset + data, bytes.byteOffset + bytes.length));
}

export const ffmpegInstalled = spawnSync('ffmpeg', ['-version']).status === 0;

export function ffmpeg(args: string[]): string {
  const result = spawnSync('ffmpeg', ['-hide_banner', '-nostdin', '-y', ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`ffmpeg ${args.join(' ')} failed: ${result.stderr}`);
  return `${result.stdout}${result.stderr}`;
}

export function ffprobe(path: string, entries: string): Record<string, string> {
  const result = spawnSync(
    'ffprobe',
    ['-v', 'error', '-show_entries', entries, '-of', 'default=noprint_wrappers=1', path],
    {
      encoding: 'utf8',
    },
  );
  if (result.status !== 0) throw new Error(`ffprobe ${path}: ${result.stderr}`);
  return Object.fromEntries(
    result.stdout
      .trim()
      .split('\n')
      .map((l) => l.split('=') as [string, string]),
  );
}

/** ffmpeg's ebur128 filter: the last frame's integrated loudness, range and true peak. */
export function ffmpegLoudness(path: string): { integrated: number; range: number; truePeak: number } {
  const out = ffmpeg([
    '-nostats',
    '-i',
    path,
    '-af',
    'ebur128=peak=true:metadata=1,ametadata=mode=print:file=-',
    '-f',
    'null',
    '-',
  ]);
  const last = (key: string) => {
    const values = [...out.matchAll(new RegExp(`lavfi\\.r128\\.${key}=(-?[\\d.]+|-?inf)`, 'g'))];
    return Number.parseFloat(values[values.length - 1]![1]!);
  };
  return { integrated: last('I'), range: last('LRA'), truePeak: 20 * Math.log10(last('true_peak')) };
}

/** Amplitude of one frequency over a stretch of samples (Goertzel): reads a tone under other sound. */
export function toneAmplitude(
  samples: Float32Array,
  sampleRate: number,
  hz: number,
  from: number,
  to: number,
): number {
  const a = Math.max(0, Math.round(from * sampleRate));
  const b = Math.min(samples.length, Math.round(to * sampleRate));
  const w = (2 * Math.PI * hz) / sampleRate;
  let re = 0;
  let im = 0;
  for (let i = a; i < b; i++) {
    re += samples[i]! * Math.cos(w * i);
    im -= samples[i]! * Math.sin(w * i);
  }
  return (2 * Math.hypot(re, im)) / Math.max(1, b - a);
}

/** A sine tone, mono. */
export function toneOf(seconds: number, hz: number, amplitude: number, sampleRate: number): Float32Array {
  const out = new Float32Array(Math.round(seconds * sampleRate));
  for (let i = 0; i < out.length; i++) out[i] = amplitude * Math.sin((2 * Math.PI * hz * i) / sampleRate);
  return out;
}
