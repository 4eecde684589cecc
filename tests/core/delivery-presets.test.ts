import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOUDNESS_PRESETS } from '../../audio/export/loudness-target.ts';
import { infoTagOf } from '../../audio/export/mp3-info-frame.ts';
import { parseScript } from '../../cues/parse-script.ts';
import { analyzeAudio } from '../../src/audio-io/analyze-audio.ts';
import { exportAudio } from '../../src/export/export-audio.ts';
import { ffmpegReference } from '../support/ffmpeg-reference.ts';
import { runCli } from '../support/run-cli.ts';
import {
  ffmpeg,
  ffmpegInstalled,
  ffmpegLoudness,
  ffprobe,
  segments,
  tempDir,
  writeWav,
} from '../support/signals.ts';
import { speechBook } from '../support/speech-book.ts';

// A preset's name is a promise about the delivered file: "Podcast stereo" wrote a mono M4B from a
// mono recording, "ACX audiobook" a 64 kbps 22.05 kHz MP3. Each preset's files are read back here
// by ffprobe (and our own analyze), never taken from what the export meant to write.

const dir = tempDir('presets-delivered');

it('has ffmpeg to read the files back (these tests fail without it, never pass quietly)', () => {
  expect(ffmpegInstalled).toBe(true);
});

/** Speech-like phrases of noise and tones, 9.2 s. */
function phrases(rate: number, channels: number, seed: number): Float32Array[] {
  const parts = Array.from({ length: 12 }, (_, i) =>
    i % 3 === 2 ? { seconds: 0.3, db: -60 } : { seconds: 1, db: -24 - (i % 4) * 3, tone: 180 + i * 40 },
  );
  return segments(rate, channels, parts, seed);
}

const monoSource = writeWav(join(dir, 'mono-22k.wav'), phrases(22_050, 1, 3), 22_050);
const stereoSource = writeWav(join(dir, 'stereo-48k.wav'), phrases(48_000, 2, 4), 48_000);
const parsed = parseScript('# One\n\nA line.\n\n# Two\n\nAnother line.', { format: 'fountain' });
const sheet = { ...parsed, cues: parsed.cues.map((c, i) => ({ ...c, start: i * 2.5, end: i * 2.5 + 2 })) };

interface Promise_ {
  preset: keyof typeof LOUDNESS_PRESETS;
  source: string;
  channels: number;
  /** Hz, for MP3, M4B, FLAC and WAV (Opus plays at 48 kHz). */
  sampleRate: number;
  /** Bits per second of MP3 and AAC; Opus's when it differs. */
  bitrate: number;
  opusBitrate?: number;
}

const PROMISES: Promise_[] = [
  // A mono recording: stereo is what the name says.
  { preset: 'podcast', source: monoSource, channels: 2, sampleRate: 44_100, bitrate: 128_000 },
  // A stereo 48 kHz recording: mono at 44.1 kHz.
  { preset: 'podcast-mono', source: stereoSource, channels: 1, sampleRate: 44_100, bitrate: 64_000 },
  // Loudness only: channels and rate as recorded, the codec's speech default bitrate.
  {
    preset: 'ebu-r128',
    source: stereoSource,
    channels: 2,
    sampleRate: 48_000,
    bitrate: 128_000,
    opusBitrate: 64_000,
  },
];

describe('each preset delivers what its name promises', () => {
  for (const promise of PROMISES) {
    for (const format of ['mp3', 'm4b', 'opus', 'flac'] as const) {
      it(`${promise.preset} as ${format}: ${promise.channels} ch, its rate and bitrate, its loudness`, async () => {
        const target = LOUDNESS_PRESETS[promise.preset];
        const output = join(dir, `${promise.preset}.${format}`);
        const result = await exportAudio({
          audio: promise.source,
          output,
          sheet,
          tags: {},
          loudness: target,
        });
        const rate = format === 'opus' ? 48_000 : promise.sampleRate;
        const stream = audioStream(output);
        expect(Number(stream.channels)).toBe(promise.channels);
        expect(Number(stream.sample_rate)).toBe(rate);
        expect(stream.codec_name).toBe({ mp3: 'mp3', m4b: 'aac', opus: 'opus', flac: 'flac' }[format]);
        if (format === 'mp3') expect(Number(stream.bit_rate)).toBe(promise.bitrate);
        if (format === 'm4b' || format === 'opus') {
          // AAC and Opus are average bitrates: ffmpeg's own AAC encoder lands up to 12 % over on speech.
          const average = Number(ffprobe(output, 'format=bit_rate').bit_rate);
          const promised = format === 'opus' ? (promise.opusBitrate ?? promise.bitrate) : promise.bitrate;
          expect(average / promised).toBeGreaterThan(0.85);
          expect(average / promised).toBeLessThan(1.15);
        }
        expect([result.sampleRate, result.channels]).toEqual([rate, promise.channels]);
        const ours = await analyzeAudio(output);
        expect([ours.sampleRate, ours.channels]).toEqual([rate, promise.channels]);
        expect(Math.abs(ours.loudness.integrated! - target.integrated)).toBeLessThanOrEqual(0.1);
        expect(Math.abs(ffmpegLoudness(output).integrated - target.integrated)).toBeLessThanOrEqual(0.2);
        // The recording's length, on the delivered rate (within one codec frame).
        expect(Math.abs(ours.duration - 9.2)).toBeLessThanOrEqual(1152 / rate + 0.001);
      });
    }
  }
});

describe('ACX audiobook', () => {
  it('writes one MP3 per chapter that ACX accepts: 192 kbps CBR, 44.1 kHz, room tone, RMS, peak, noise floor; each checked and said so', async () => {
    const bookDir = join(dir, 'acx');
    mkdirSync(bookDir);
    // Pauses a narrator leaves: 2.5 s before the first word, 6 s before each chapter, 9 s at the end.
    const book = await speechBook(bookDir, {
      titles: ['Harbour', 'Lamps', 'Morning'],
      lead: 2.5,
      gap: 6,
      trail: 9,
      noiseDb: -75,
    });
    const out = join(bookDir, 'out');
    mkdirSync(out);
    const run = runCli([
      'export',
      book.script,
      book.audio,
      '--cues',
      book.cues,
      '-o',
      join(out, 'book.mp3'),
      '--loudness',
      'acx',
    ]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const files = readdirSync(out).sort();
    expect(files).toEqual(['book 01 - Harbour.mp3', 'book 02 - Lamps.mp3', 'book 03 - Morning.mp3']);
    // The export says, file by file, that each passes.
    expect(run.stdout.match(/ACX: pass/g)).toHaveLength(3);
    for (const name of files) {
      const path = join(out, name);
      const stream = audioStream(path);
      expect(stream).toMatchObject({
        codec_name: 'mp3',
        sample_rate: '44100',
        channels: '1',
        bit_rate: '192000',
      });
      // CBR: every audio frame is a 192 kbps frame (626 or 627 bytes at 44.1 kHz), and the
      // first frame's tag says Info (CBR), not Xing (VBR).
      const sizes = new Set(packetSizes(path));
      expect(
        [...sizes].every((s) => s === 626 || s === 627),
        [...sizes].join(','),
      ).toBe(true);
      expect(infoTagOf(firstFrame(path))).toBe('Info');
      // Levels as ffmpeg's astats measures them, room tone as its silencedetect finds it.
      const { rms, peak, head, tail } = ffmpegAcxFigures(path);
      expect(rms, name).toBeGreaterThanOrEqual(-23);
      expect(rms, name).toBeLessThanOrEqual(-18);
      expect(peak, name).toBeLessThanOrEqual(-3);
      expect(head, name).toBeGreaterThanOrEqual(0.5);
      expect(head, name).toBeLessThanOrEqual(1);
      expect(tail, name).toBeGreaterThanOrEqual(1);
      expect(tail, name).toBeLessThanOrEqual(5);
      const ours = await analyzeAudio(path);
      expect(ours.acx.noiseFloor, name).toBeLessThanOrEqual(-60);
      expect(ours.acx.pass, name).toBe(true);
    }
  });

  it('names the files that fail and why (a noise floor of -50 dB fails every one)', async () => {
    const bookDir = join(dir, 'acx-noisy');
    mkdirSync(bookDir);
    const book = await speechBook(bookDir, {
      titles: ['One', 'Two'],
      lead: 1,
      gap: 2,
      trail: 2,
      noiseDb: -50,
      sentences: 1,
    });
    const run = runCli([
      'export',
      book.script,
      book.audio,
      '--cues',
      book.cues,
      '-o',
      join(bookDir, 'noisy.mp3'),
      '--loudness',
      'acx',
      '--json',
    ]);
    expect(run.status).toBe(0);
    const { files } = JSON.parse(run.stdout) as {
      files: Array<{ output: string; check: { verdict: { pass: boolean; problems: string[] } } }>;
    };
    expect(files).toHaveLength(2);
    for (const file of files) {
      expect(file.check.verdict.pass).toBe(false);
      expect(file.check.verdict.problems.join('\n')).toMatch(/noise floor -\d+\.\d dB is above -60 dB/);
    }
  });

  it('refuses what ACX does not take: another format, a lower bitrate, a single file', async () => {
    const args = ['export', join(dir, 'missing.txt'), monoSource, '--loudness', 'acx'];
    const m4b = runCli([...args, '-o', join(dir, 'acx.m4b')]);
    expect(m4b.status).toBe(2);
    expect(m4b.stderr).toMatch(/ACX audiobook .* delivers MP3, not M4B: name the output \.mp3/);
    const low = runCli([...args, '-o', join(dir, 'acx.mp3'), '--bitrate', '128k']);
    expect(low.status).toBe(2);
    expect(low.stderr).toMatch(/needs 192 kbps or more; --bitrate 128k is too low/);
    await expect(
      exportAudio({
        audio: monoSource,
        output: join(dir, 'one.mp3'),
        sheet,
        tags: {},
        loudness: LOUDNESS_PRESETS.acx,
      }),
    ).rejects.toThrow(/delivers one file per chapter/);
  });
});

function packetSizes(path: string): number[] {
  const out = spawnSync(
    'ffprobe',
    ['-v', 'error', '-select_streams', 'a', '-show_entries', 'packet=size', '-of', 'csv=p=0', path],
    {
      encoding: 'utf8',
    },
  );
  return out.stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => Number.parseInt(l, 10));
}

/** The first audio stream's fields as ffprobe reads them (an M4B also holds its chapter track). */
function audioStream(path: string): Record<string, string> {
  const out = spawnSync(
    'ffprobe',
    [
      '-v',
      'error',
      '-select_streams',
      'a:0',
      '-show_entries',
      'stream=codec_name,sample_rate,channels,bit_rate',
      '-of',
      'default=noprint_wrappers=1',
      path,
    ],
    { encoding: 'utf8' },
  );
  if (out.status !== 0) throw new Error(`ffprobe ${path}: ${out.stderr}`);
  return Object.fromEntries(
    out.stdout
      .trim()
      .split('\n')
      .map((l) => l.split('=') as [string, string]),
  );
}

/** The first MPEG frame after the ID3v2 tag. */
function firstFrame(path: string): Uint8Array {
  const bytes = readFileSync(path);
  const size =
    ((bytes[6]! & 127) << 21) | ((bytes[7]! & 127) << 14) | ((bytes[8]! & 127) << 7) | (bytes[9]! & 127);
  return bytes.subarray(10 + size, 10 + size + 1024);
}

/** RMS and peak (dBFS) by astats; room tone at head and tail by silencedetect at -50 dB. */
function ffmpegAcxFigures(path: string): { rms: number; peak: number; head: number; tail: number } {
  const log = ffmpeg([
    '-nostats',
    '-i',
    path,
    '-af',
    'astats=measure_overall=RMS_level+Peak_level:measure_perchannel=none,silencedetect=noise=-50dB:d=0.3',
    '-f',
    'null',
    '-',
  ]);
  const decoded = ffmpegReference(path);
  const duration = decoded.frames / decoded.sampleRate;
  const number = (re: RegExp) => Number(re.exec(log)?.[1]);
  const starts = [...log.matchAll(/silence_start: ([\d.]+)/g)].map((m) => Number(m[1]));
  const ends = [...log.matchAll(/silence_end: ([\d.]+)/g)].map((m) => Number(m[1]));
  return {
    rms: number(/RMS level dB: (-?[\d.]+)/),
    peak: number(/Peak level dB: (-?[\d.]+)/),
    head: starts[0] === 0 ? ends[0]! : 0,
    tail: duration - starts[starts.length - 1]!,
  };
}
