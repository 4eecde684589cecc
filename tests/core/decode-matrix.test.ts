import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LoudnessMeter } from '../../audio/loudness/loudness-meter.ts';
import { probeAudio, streamAudio } from '../../src/audio-io/audio-source.ts';
import { ffmpegReference } from '../support/ffmpeg-reference.ts';
import { ffmpeg, ffmpegInstalled, segments, tempDir, writeWav } from '../support/signals.ts';

// Every codec and container we read, made by ffmpeg at the rates and layouts real files come in,
// read by us and by ffmpeg: the same rate and channels, the length within one codec frame of
// ffmpeg's decode, the loudness within 0.1 LU of its ebur128. Short files keep this quick.
const dir = tempDir('decode-matrix');
const SECONDS = 2;

interface Case {
  name: string;
  /** Source rate and channels (the encoder's input). */
  rate: number;
  channels: number;
  /** ffmpeg output arguments, and the file extension. */
  args: string[];
  ext: string;
  /** One codec frame, in samples at the decoded rate. */
  frame: number;
  /** Remux the encoded file into this container (stream copied) before reading it. */
  remux?: string;
}

const AAC_RATES = [8000, 11_025, 16_000, 22_050, 24_000, 32_000, 44_100, 48_000];
const MP3_RATES: Record<string, number[]> = {
  'MPEG-1': [32_000, 44_100, 48_000],
  'MPEG-2': [16_000, 22_050, 24_000],
  'MPEG-2.5': [8000, 11_025, 12_000],
};

const cases: Case[] = [];
for (const [i, rate] of AAC_RATES.entries()) {
  for (const channels of [1, 2]) {
    const aac = { rate, channels, args: ['-c:a', 'aac', '-b:a', `${24 * channels}k`], frame: 1024 };
    // ADTS and its MP4 remux leave SBR implicit; ffmpeg's own M4A says "no SBR" explicitly.
    cases.push({ ...aac, name: `AAC-LC ${rate} Hz ${channels} ch, ADTS (implicit SBR)`, ext: 'aac' });
    if ((i + channels) % 2 === 0)
      cases.push({ ...aac, name: `AAC-LC ${rate} Hz ${channels} ch, M4A (explicit no-SBR)`, ext: 'm4a' });
    else
      cases.push({
        ...aac,
        name: `AAC-LC ${rate} Hz ${channels} ch, ADTS remuxed to M4B`,
        ext: 'aac',
        remux: 'm4b',
      });
  }
}
for (const [version, rates] of Object.entries(MP3_RATES)) {
  for (const [i, rate] of rates.entries()) {
    const channels = 1 + (i % 2);
    const frame = version === 'MPEG-1' ? 1152 : 576;
    const modes = [
      ['CBR', ['-b:a', rate < 16_000 ? '32k' : '64k']],
      ['VBR', ['-q:a', '4']],
    ] as const;
    for (const [mode, rateArgs] of modes) {
      for (const xing of [true, false]) {
        cases.push({
          name: `MP3 ${version} ${rate} Hz ${channels} ch ${mode}, ${xing ? 'with' : 'no'} Xing/LAME header`,
          rate,
          channels,
          args: ['-c:a', 'libmp3lame', ...rateArgs, ...(xing ? [] : ['-write_xing', '0'])],
          ext: 'mp3',
          frame,
        });
      }
    }
  }
}
for (const channels of [1, 2]) {
  cases.push({
    name: `Opus ${channels} ch`,
    rate: 48_000,
    channels,
    args: ['-c:a', 'libopus'],
    ext: 'opus',
    frame: 960,
  });
  cases.push({
    name: `Vorbis ${channels} ch`,
    rate: 44_100,
    channels,
    args: ['-c:a', 'libvorbis'],
    ext: 'ogg',
    frame: 1024,
  });
}
cases.push({
  name: 'Opus from 16 kHz (decodes at 48 kHz)',
  rate: 16_000,
  channels: 1,
  args: ['-c:a', 'libopus'],
  ext: 'opus',
  frame: 960,
});
cases.push({
  name: 'Vorbis 22.05 kHz',
  rate: 22_050,
  channels: 1,
  args: ['-c:a', 'libvorbis'],
  ext: 'ogg',
  frame: 1024,
});
for (const bits of [16, 24]) {
  cases.push({
    name: `FLAC ${bits}-bit`,
    rate: 48_000,
    channels: 2,
    args: [
      '-c:a',
      'flac',
      '-sample_fmt',
      bits === 16 ? 's16' : 's32',
      ...(bits === 24 ? ['-bits_per_raw_sample', '24'] : []),
    ],
    ext: 'flac',
    frame: 0,
  });
}

it('has ffmpeg to compare with (these tests fail without it, never pass quietly)', () => {
  expect(ffmpegInstalled).toBe(true);
});

describe('every codec and container reads as ffmpeg reads it', () => {
  for (const [n, c] of cases.entries()) {
    it(c.name, async () => {
      const source = writeWav(
        join(dir, `source-${n}.wav`),
        segments(c.rate, c.channels, [{ seconds: SECONDS, db: -26, tone: 330 }], n + 1),
        c.rate,
      );
      let path = join(dir, `case-${n}.${c.ext}`);
      ffmpeg(['-i', source, ...c.args, path]);
      if (c.remux) {
        const remuxed = join(dir, `case-${n}.${c.remux}`);
        ffmpeg(['-i', path, '-c', 'copy', '-f', 'mp4', remuxed]);
        path = remuxed;
      }
      const reference = ffmpegReference(path);
      const probe = await probeAudio(path);
      const meter = new LoudnessMeter(probe.sampleRate, probe.channels);
      const ours = await streamAudio(probe, [meter]);
      expect({ rate: ours.sampleRate, channels: ours.channels }).toEqual({
        rate: reference.sampleRate,
        channels: reference.channels,
      });
      const frames = ours.frames;
      expect(
        Math.abs(frames - reference.frames),
        `${frames} frames, ffmpeg ${reference.frames}`,
      ).toBeLessThanOrEqual(c.frame);
      expect(Math.abs(meter.result().integrated - reference.integrated)).toBeLessThanOrEqual(0.1);
    });
  }
});
