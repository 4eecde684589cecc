import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LoudnessMeter } from '../../audio/loudness/loudness-meter.ts';
import { analyzeAudio } from '../../src/audio-io/analyze-audio.ts';
import { ffmpegLoudness, segments, sine, tempDir, toneOf, writeWav } from '../support/signals.ts';

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
      const result = measure(sine(rate, 2, 4, 1000, 10 ** (-23 / 20)), rate);
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
    expect(measure(segments(rate, 1, [{ seconds: 2, db: -Infinity }]), rate).integrated).toBe(
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
    it(`agrees with ffmpeg's ebur128 filter: ${name}`, async () => {
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

  // BS.1770-4 table 3: in 5.1 (L R C LFE Ls Rs) the LFE is left out and the surrounds weigh 1.41
  // (+1.5 dB); with five channels (L R C Ls Rs) the last two are the surrounds.
  describe('channel weights', () => {
    const RATE = 48_000;
    const tone = toneOf(3, 997, 0.1, RATE);
    const silent = new Float32Array(tone.length);
    const only = (count: number, lit: number[]) =>
      Array.from({ length: count }, (_, i) => (lit.includes(i) ? tone : silent));
    const front = measure(only(6, [0]), RATE).integrated!;

    it('leaves the LFE of 5.1 out, as ffmpeg does', () => {
      expect(measure(only(6, [3]), RATE).integrated).toBe(Number.NEGATIVE_INFINITY);
      const lfeAndFront = measure(only(6, [0, 3]), RATE).integrated!;
      expect(lfeAndFront).toBeCloseTo(front, 6);
      const path = writeWav(join(dir, 'lfe-and-front.wav'), only(6, [0, 3]), RATE);
      expect(Math.abs(ffmpegLoudness(path).integrated - lfeAndFront)).toBeLessThanOrEqual(0.1);
    });

    it('weighs the surrounds of 5.1 and of five channels 1.41 (+1.5 dB), the fronts and centre 1', () => {
      const plus = 10 * Math.log10(1.41);
      for (const i of [4, 5]) expect(measure(only(6, [i]), RATE).integrated! - front).toBeCloseTo(plus, 4);
      for (const i of [3, 4]) expect(measure(only(5, [i]), RATE).integrated! - front).toBeCloseTo(plus, 4);
      for (const i of [1, 2]) expect(measure(only(6, [i]), RATE).integrated).toBeCloseTo(front, 6);
      expect(measure(only(4, [3]), RATE).integrated).toBeCloseTo(front, 6);
      const path = writeWav(join(dir, 'surround.wav'), only(6, [0, 1, 2, 4, 5]), RATE);
      const ours = measure(only(6, [0, 1, 2, 4, 5]), RATE).integrated!;
      expect(Math.abs(ffmpegLoudness(path).integrated - ours)).toBeLessThanOrEqual(0.1);
    });
  });
});
