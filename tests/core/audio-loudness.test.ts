import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kWeightingStages } from '../../audio/loudness/k-weighting.ts';
import { integratedLoudness, LoudnessMeter, loudnessRange } from '../../audio/loudness/loudness-meter.ts';
import { analyzeAudio } from '../../src/audio-io/analyze-audio.ts';
import { ffmpegLoudness, segments, sine, tempDir, toneOf, writeWav } from '../support/signals.ts';

const dir = tempDir('loudness');

function measure(channels: Float32Array[], rate: number) {
  const meter = new LoudnessMeter(rate, channels.length);
  for (let at = 0; at < channels[0]!.length; at += 4096)
    meter.push(channels.map((c) => c.subarray(at, at + 4096)));
  return meter.result();
}

function concat(...parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The mean-square energy of a block that reads `lufs` (BS.1770: L = -0.691 + 10 log10 of it). */
const energy = (lufs: number) => 10 ** ((lufs + 0.691) / 10);
const db = (ratio: number) => 10 * Math.log10(ratio);

describe('loudness (ITU-R BS.1770-4)', () => {
  // A second of tone is seven 400 ms gating blocks: the K-weighting's design per rate is what this
  // checks. A steady tone's loudness range (3 s blocks) is checked in 'loudness range' below.
  it('reads a stereo 1 kHz sine at -23 dBFS as -23 LUFS at any sample rate', () => {
    for (const rate of [44_100, 48_000, 96_000]) {
      const result = measure(sine(rate, 2, 1, 1000, 10 ** (-23 / 20)), rate);
      expect(Math.abs(result.integrated + 23)).toBeLessThan(0.05);
    }
  });

  it('designs at 48 kHz the K-weighting filter BS.1770-4 tabulates (Tables 1 and 2)', () => {
    const [shelf, highPass] = kWeightingStages(48_000);
    const coefficients = (f: typeof shelf) => [f.b0, f.b1, f.b2, f.a1, f.a2];
    const table1 = [
      1.53512485958697, -2.69169618940638, 1.19839281085285, -1.69065929318241, 0.73248077421585,
    ];
    const table2 = [1, -2, 1, -1.99004745483398, 0.99007225036621];
    for (const [i, c] of coefficients(shelf).entries()) expect(c).toBeCloseTo(table1[i]!, 12);
    for (const [i, c] of coefficients(highPass).entries()) expect(c).toBeCloseTo(table2[i]!, 12);
  });

  it('finds the true peak between samples (a quarter-rate sine sampled at +-45 degrees)', () => {
    const rate = 48_000;
    const result = measure(sine(rate, 1, 0.1, rate / 4, 0.5, Math.PI / 4), rate);
    expect(result.samplePeak).toBeCloseTo(20 * Math.log10(0.5 * Math.SQRT1_2), 2);
    expect(Math.abs(result.truePeak - 20 * Math.log10(0.5))).toBeLessThan(0.2);
  });

  it('reads a lone click at its own height, and a negative peak by its magnitude', () => {
    const rate = 48_000;
    // Between the samples of a lone click the interpolation is lower than the click itself: the
    // true peak is the sample, which lies on the oversampled grid too.
    const click = new Float32Array(4800);
    click[2000] = 0.5;
    const clicked = measure([click], rate);
    expect(clicked.truePeak).toBeCloseTo(20 * Math.log10(0.5), 6);
    expect(clicked.samplePeak).toBeCloseTo(20 * Math.log10(0.5), 6);
    // Lopsided: the largest magnitude is a negative sample (-0.8 against +0.3 at most).
    const lopsided = toneOf(0.1, 440, 0.3, rate);
    lopsided[3000] = -0.8;
    const meter = new LoudnessMeter(rate, 1);
    meter.push([lopsided]);
    expect(meter.samplePeakSoFar).toBeCloseTo(0.8, 6);
    expect(meter.result().samplePeak).toBeCloseTo(20 * Math.log10(0.8), 6);
  });

  it('finds peaks between samples of either sign: a pair of equal samples, up or down', () => {
    const rate = 48_000;
    const pair = (sign: number) => {
      const x = new Float32Array(4800);
      x[2400] = sign * 0.5;
      x[2401] = sign * 0.5;
      return measure([x], rate);
    };
    const up = pair(1);
    const down = pair(-1);
    // Half way between two equal samples the band-limited signal rises past them (about +2 dB).
    expect(up.truePeak).toBeGreaterThan(up.samplePeak + 1);
    expect(down.truePeak).toBeCloseTo(up.truePeak, 9);
    expect(down.samplePeak).toBeCloseTo(20 * Math.log10(0.5), 6);
  });

  it('finds a peak between samples that are all under the peak so far', () => {
    // A click at 0.6, then a quarter-rate sine of amplitude 0.8 sampled at +-45 degrees: its
    // samples (0.57) are under the click, its true peak (0.8) over it.
    const rate = 48_000;
    const signal = sine(rate, 1, 0.1, rate / 4, 0.8, Math.PI / 4)[0]!;
    signal.fill(0, 0, 2400);
    signal[100] = 0.6;
    const result = measure([signal], rate);
    expect(result.samplePeak).toBeCloseTo(20 * Math.log10(0.6), 6);
    expect(Math.abs(result.truePeak - 20 * Math.log10(0.8))).toBeLessThan(0.2);
  });

  it('reads the same however the audio arrives (sub-blocks and true-peak segments carried across pushes)', () => {
    const rate = 44_100;
    const noise = segments(rate, 2, [{ seconds: 3.4, db: -20 }], 7);
    // Clicks across the segments of the true-peak filter and the edges of the pushes.
    for (const at of [1023, 1024, 4095, 44_099, 100_000]) noise[1]![at] = 0.9 * (at % 2 ? -1 : 1);
    const byBlock = (block: number) => {
      const meter = new LoudnessMeter(rate, 2);
      for (let at = 0; at < noise[0]!.length; at += block)
        meter.push(noise.map((c) => c.subarray(at, at + block)));
      return meter.result();
    };
    const whole = byBlock(noise[0]!.length);
    expect(Number.isFinite(whole.integrated)).toBe(true);
    expect(whole.range).toBeGreaterThanOrEqual(0);
    for (const block of [4096, 1000, 333]) {
      const pieces = byBlock(block);
      expect(pieces.integrated).toBeCloseTo(whole.integrated, 9);
      expect(pieces.range).toBeCloseTo(whole.range, 9);
      expect(pieces.truePeak).toBeCloseTo(whole.truePeak, 9);
      expect(pieces.samplePeak).toBe(whole.samplePeak);
    }
    expect(whole.samplePeak).toBeCloseTo(20 * Math.log10(0.9), 6);
  });

  // A steady 1 kHz tone at 48 kHz has the same energy E in every 100 ms sub-block (100 whole
  // periods), so the gating can be worked by hand. Two seconds of it followed by two seconds of
  // something else make 37 blocks of 400 ms (one per 100 ms): 17 all tone, 3 across the change
  // (3/4, 1/2 and 1/4 of the tone's), 17 all the other part.
  describe('gating (BS.1770-4: -70 LUFS absolute, -10 LU relative)', () => {
    const rate = 48_000;
    const tone = toneOf(2, 1000, 0.1, rate);
    const alone = measure([tone], rate).integrated;

    it('reads the tone alone at -23 LUFS', () => {
      expect(alone).toBeCloseTo(-23.01, 1);
    });

    it('gates silence out: 18.5 tones of energy over the 20 blocks kept (17 silent ones gated)', () => {
      const withSilence = measure([concat(tone, new Float32Array(2 * rate))], rate).integrated;
      // Counted in, the 17 silent blocks would take it to 18.5/37 of the tone's: -3.01 LU.
      expect(withSilence - alone).toBeCloseTo(db(18.5 / 20), 3);
      expect(measure([new Float32Array(2 * rate)], rate).integrated).toBe(Number.NEGATIVE_INFINITY);
    });

    it('gates out what is more than 10 LU under the absolute-gated mean (a part 20 dB down)', () => {
      const quiet = toneOf(2, 1000, 0.01, rate);
      const withQuiet = measure([concat(tone, quiet)], rate).integrated;
      // All 37 pass -70 LUFS: their mean is (18.5 + 18.5/100)/37 E, and the relative gate 10 LU under
      // it (0.0505 E) keeps the 17 tone blocks and the 3 across (0.7525, 0.505, 0.2575 E), not the
      // 17 quiet ones (0.01 E). Counted in, they would take it to 0.505 E: -2.97 LU.
      expect(withQuiet - alone).toBeCloseTo(db(18.515 / 20), 3);
    });

    it('keeps a tone just over -70 LUFS and gates one just under it', () => {
      // A sine's mean square is half its amplitude squared, and K-weighting's +0.691 dB at 1 kHz
      // cancels BS.1770's -0.691: amplitude sqrt(2) x 10^(L/20) reads L LUFS.
      const at = (lufs: number) => toneOf(1, 1000, Math.SQRT2 * 10 ** (lufs / 20), rate);
      expect(measure([at(-68)], rate).integrated).toBeCloseTo(-68, 1);
      expect(measure([at(-72)], rate).integrated).toBe(Number.NEGATIVE_INFINITY);
    });

    it('integratedLoudness: the mean energy of the blocks passing both gates', () => {
      // 4 blocks at -20 LUFS, 4 at -40, 2 at -80: the absolute gate keeps 8 (mean -22.97 LUFS), the
      // relative gate at -32.97 keeps the 4 at -20.
      const blocks = [-20, -40, -80, -20, -40, -20, -80, -40, -20, -40].map(energy);
      expect(integratedLoudness(blocks)).toBeCloseTo(-20, 9);
      // Both within 10 LU: the mean of their energies, -20 + 10 log10((1 + 10^-0.5) / 2).
      expect(integratedLoudness([energy(-20), energy(-25)])).toBeCloseTo(-20 + db((1 + 10 ** -0.5) / 2), 9);
      expect(integratedLoudness([energy(-69)])).toBeCloseTo(-69, 9);
      expect(integratedLoudness([energy(-75), energy(-71)])).toBe(Number.NEGATIVE_INFINITY);
      expect(integratedLoudness([])).toBe(Number.NEGATIVE_INFINITY);
    });
  });

  // EBU Tech 3342: short-term (3 s) loudness every 100 ms, those above -70 LUFS and within 20 LU of
  // their mean energy, the 95th percentile less the 10th.
  describe('loudness range (EBU Tech 3342)', () => {
    it('reads a steady tone as 0 LU and a tone that drops 10 dB half way as 10 LU', () => {
      // 16 kHz keeps whole periods of 1 kHz in every 100 ms. 4 s + 4 s: 51 short-term blocks, the
      // 11 loudest all loud, the 11 quietest all quiet; the 10th percentile (the 6th lowest) and the
      // 95th (the 49th) fall in them.
      const rate = 16_000;
      expect(measure([toneOf(3.5, 1000, 0.1, rate)], rate).range).toBeLessThan(1e-6);
      const drop = concat(toneOf(4, 1000, 0.1, rate), toneOf(4, 1000, 0.1 / Math.sqrt(10), rate));
      expect(measure([drop], rate).range).toBeCloseTo(10, 4);
      // Under 3 s there is no short-term block: no range.
      expect(measure([toneOf(2.9, 1000, 0.1, rate)], rate).range).toBe(0);
    });

    it('loudnessRange: 95th less 10th percentile of the sorted levels', () => {
      // -39 ... -20 LUFS, shuffled: the 10th percentile is index round(19 x 0.1) = 2 (-37), the
      // 95th index round(19 x 0.95) = 18 (-21).
      const levels = Array.from({ length: 20 }, (_, i) => -39 + ((i * 7) % 20));
      expect(loudnessRange(levels.map(energy))).toBeCloseTo(16, 9);
      expect(loudnessRange([energy(-30)])).toBe(0);
    });

    it('loudnessRange: gates 20 LU under the mean energy and at -70 LUFS', () => {
      // 20 blocks each at -20, -30 and -45: the mean is -24.35 LUFS, the gate -44.35; the -45s are
      // out and the range is 10 (counted in, the 10th percentile would be -45: 25 LU).
      const three = [-20, -30, -45].flatMap((l) => Array.from({ length: 20 }, () => energy(l)));
      expect(loudnessRange(three)).toBeCloseTo(10, 9);
      // 10 at -60, 10 at -75: the relative gate (-80) would keep the -75s, the absolute one does not
      // (counted in: 15 LU).
      const low = [-60, -75].flatMap((l) => Array.from({ length: 10 }, () => energy(l)));
      expect(loudnessRange(low)).toBe(0);
      expect(loudnessRange([energy(-75), energy(-71)])).toBe(0);
      expect(loudnessRange([])).toBe(0);
    });
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
    const tone = toneOf(1, 997, 0.1, RATE);
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
      for (const i of [0, 1, 2]) expect(measure(only(5, [i]), RATE).integrated).toBeCloseTo(front, 6);
      expect(measure(only(4, [3]), RATE).integrated).toBeCloseTo(front, 6);
      const path = writeWav(join(dir, 'surround.wav'), only(6, [0, 1, 2, 4, 5]), RATE);
      const ours = measure(only(6, [0, 1, 2, 4, 5]), RATE).integrated!;
      expect(Math.abs(ffmpegLoudness(path).integrated - ours)).toBeLessThanOrEqual(0.1);
    });
  });
});
