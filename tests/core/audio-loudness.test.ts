import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LoudnessMeter } from '../../audio/loudness/loudness-meter.ts';
import { analyzeAudio } from '../../src/audio-io/analyze-audio.ts';
import { ffmpegInstalled, ffmpegLoudness, segments, sine, tempDir, writeWav } from '../support/signals.ts';

const dir = tempDir('loudness');

function measure(channels: Float32Array[], rate: number) {
  const meter = new LoudnessMeter(rate, channels.length);
  for (let at = 0; at < channels[0]!.length; at += 4096)
    meter.push(channels.map((c) => c.subarray(at, at + 4096)));
  return meter.result();
}

describe('loudness (ITU-R BS.1770-4)', () => {
  it('reads a stereo 1 kHz sine at -23 dBFS as -23 LUFS at any sample rate', () => {
    for (const rate of [44_100, 48_000, 96_000]) {
      const result = measure(sine(rate, 2, 10, 1000, 10 ** (-23 / 20)), rate);
      expect(Math.abs(result.integrated + 23)).toBeLessThan(0.05);
      expect(result.range).toBeLessThan(0.1);
    }
  });

  it('finds the true peak between samples (a quarter-rate sine sampled at +-45 degrees)', () => {
    const rate = 48_000;
    const result = measure(sine(rate, 1, 1, rate / 4, 0.5, Math.PI / 4), rate);
    expect(result.samplePeak).toBeCloseTo(20 * Math.log10(0.5 * Math.SQRT1_2), 2);
    expect(Math.abs(result.truePeak - 20 * Math.log10(0.5))).toBeLessThan(0.2);
  });

  it('gates silence out of the integrated loudness', () => {
    const rate = 48_000;
    const speech = measure(segments(rate, 1, [{ seconds: 20, db: -25 }]), rate).integrated;
    const withSilence = measure(
      segments(rate, 1, [
        { seconds: 20, db: -25 },
        { seconds: 20, db: -Infinity },
      ]),
      rate,
    ).integrated;
    expect(Math.abs(withSilence - speech)).toBeLessThan(0.05);
    expect(measure(segments(rate, 1, [{ seconds: 5, db: -Infinity }]), rate).integrated).toBe(
      Number.NEGATIVE_INFINITY,
    );
  });

  const SIGNALS: Array<[string, number, number, Parameters<typeof segments>[2]]> = [
    [
      'stereo 44.1 kHz, varied levels and silence',
      44_100,
      2,
      [
        { seconds: 8, db: -20, tone: 220 },
        { seconds: 4, db: -35 },
        { seconds: 3, db: -Infinity },
        { seconds: 8, db: -14, tone: 880 },
        { seconds: 6, db: -28 },
        { seconds: 5, db: -45 },
        { seconds: 6, db: -18 },
      ],
    ],
    [
      'mono 48 kHz speech-like bursts',
      48_000,
      1,
      Array.from({ length: 24 }, (_, i) => ({
        seconds: 0.4 + (i % 5) * 0.3,
        db: i % 2 ? -60 : -22 + (i % 7),
      })),
    ],
    [
      'stereo 22.05 kHz loud, near full scale',
      22_050,
      2,
      [
        { seconds: 15, db: -9, tone: 3000 },
        { seconds: 15, db: -16 },
      ],
    ],
  ];

  for (const [name, rate, channels, parts] of SIGNALS) {
    it.runIf(ffmpegInstalled)(`agrees with ffmpeg's ebur128 filter: ${name}`, async () => {
      const path = writeWav(
        join(dir, `${rate}-${channels}.wav`),
        segments(rate, channels, parts, rate),
        rate,
      );
      const ours = (await analyzeAudio(path)).loudness;
      const reference = ffmpegLoudness(path);
      expect(Math.abs(ours.integrated! - reference.integrated), 'integrated LUFS').toBeLessThanOrEqual(0.1);
      // ffmpeg bins short-term loudness into a 0.1 LU histogram for LRA, and true-peaks by resampling
      // to 192 kHz where we use the BS.1770 4x FIR: allow for those method differences.
      expect(Math.abs(ours.range - reference.range), 'loudness range LU').toBeLessThanOrEqual(0.2);
      expect(Math.abs(ours.truePeak! - reference.truePeak), 'true peak dBTP').toBeLessThanOrEqual(0.3);
    });
  }
});
