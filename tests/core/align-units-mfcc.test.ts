import { describe, expect, it } from 'vitest';
import {
  COEFFICIENTS,
  FEATURE_RATE,
  FEATURE_SCALE,
  HOP_SECONDS,
  MfccExtractor,
  mfcc,
} from '../../audio/align/mfcc.ts';

// MFCC features checked against a plain reference written from the definition (Davis &
// Mermelstein 1980, as HTK computes them): 25 ms frames every 10 ms at 16 kHz, a Hamming window,
// the power spectrum by a direct DFT of the frame zero-padded to 512 points, 26 triangular
// filters spaced evenly on the mel scale (2595 log10(1 + f/700)) from 80 to 7600 Hz, natural log
// energies, a DCT-II to 13 coefficients; then, per recording, each coefficient brought to mean 0
// and variance 1, stored x2048 in 16 bits (raw coefficients are kept to 1/40 before that).

const FRAME = 400;
const HOP = 160;
const N_FFT = 512;
const BANDS = 26;

function melFilterWeights(): number[][] {
  const mel = (f: number) => 2595 * Math.log10(1 + f / 700);
  const hz = (m: number) => 700 * (10 ** (m / 2595) - 1);
  const points = Array.from({ length: BANDS + 2 }, (_, i) =>
    hz(mel(80) + ((mel(7600) - mel(80)) * i) / (BANDS + 1)),
  );
  return Array.from({ length: BANDS }, (_, b) => {
    const [left, centre, right] = [points[b]!, points[b + 1]!, points[b + 2]!];
    return Array.from({ length: N_FFT / 2 + 1 }, (_, k) => {
      const f = (k * FEATURE_RATE) / N_FFT;
      if (f <= left || f >= right) return 0;
      return f <= centre ? (f - left) / (centre - left) : (right - f) / (right - centre);
    });
  });
}

const COS = Array.from({ length: N_FFT }, (_, n) => Math.cos((2 * Math.PI * n) / N_FFT));
const SIN = Array.from({ length: N_FFT }, (_, n) => Math.sin((2 * Math.PI * n) / N_FFT));

/** Reference features of a 16 kHz signal, by the definition above (a direct DFT). */
function referenceMfcc(x: Float32Array): { data: number[]; frames: number } {
  const frames = x.length < FRAME ? 0 : Math.floor((x.length - FRAME) / HOP) + 1;
  const filters = melFilterWeights();
  const raw: number[][] = [];
  for (let f = 0; f < frames; f++) {
    const frame = Array.from(
      { length: FRAME },
      (_, i) => x[f * HOP + i]! * (0.54 - 0.46 * Math.cos((2 * Math.PI * i) / (FRAME - 1))),
    );
    const power = Array.from({ length: N_FFT / 2 + 1 }, (_, k) => {
      let re = 0;
      let im = 0;
      for (let i = 0; i < FRAME; i++) {
        re += frame[i]! * COS[(k * i) % N_FFT]!;
        im -= frame[i]! * SIN[(k * i) % N_FFT]!;
      }
      return re * re + im * im;
    });
    const logs = filters.map((w) => Math.log(w.reduce((s, wk, k) => s + wk * power[k]!, 0) + 1e-10));
    raw.push(
      Array.from({ length: COEFFICIENTS }, (_, c) => {
        const v = logs.reduce((s, e, b) => s + e * Math.cos((Math.PI * c * (b + 0.5)) / BANDS), 0);
        return Math.max(-32768, Math.min(32767, Math.round(v * 40)));
      }),
    );
  }
  const data = new Array<number>(frames * COEFFICIENTS).fill(0);
  for (let c = 0; c < COEFFICIENTS; c++) {
    const column = raw.map((r) => r[c]!);
    const mean = column.reduce((s, v) => s + v, 0) / Math.max(1, frames);
    const variance = column.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(1, frames);
    const scale = FEATURE_SCALE / Math.sqrt(variance + 1e-9);
    column.forEach((v, f) => {
      data[f * COEFFICIENTS + c] = Math.max(-32768, Math.min(32767, Math.round((v - mean) * scale)));
    });
  }
  return { data, frames };
}

/** A signal that changes from frame to frame in every band: a rising chirp, a tone, noise bursts. */
function testSignal(samples: number): Float32Array {
  let seed = 12345;
  const noise = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648 - 0.5;
  };
  return Float32Array.from({ length: samples }, (_, n) => {
    const t = n / FEATURE_RATE;
    const chirp = 0.3 * Math.sin(2 * Math.PI * (100 * t + 3000 * t * t));
    const tone = 0.2 * Math.sin(2 * Math.PI * 440 * t) * (n % 2400 < 1200 ? 1 : 0.1);
    const burst = n % 1600 < 500 ? 0.4 * noise() : 0.01 * noise();
    return chirp + tone + burst;
  });
}

describe('MFCC features (mfcc)', () => {
  it('uses 16 kHz, 10 ms hops, 13 coefficients stored x2048', () => {
    expect(FEATURE_RATE).toBe(16_000);
    expect(HOP_SECONDS).toBe(0.01);
    expect(COEFFICIENTS).toBe(13);
    expect(FEATURE_SCALE).toBe(2048);
  });

  it('matches the definition, coefficient for coefficient', () => {
    const x = testSignal(8000);
    const got = mfcc({ sampleRate: FEATURE_RATE, channels: [x] });
    const want = referenceMfcc(x);
    // (8000 - 400) / 160 + 1 = 48 frames.
    expect(got.frames).toBe(48);
    expect(want.frames).toBe(48);
    expect(got.data.length).toBe(48 * COEFFICIENTS);
    let worst = 0;
    for (let i = 0; i < want.data.length; i++)
      worst = Math.max(worst, Math.abs(got.data[i]! - want.data[i]!));
    expect(worst).toBeLessThanOrEqual(1);
    expect(got.sung).toBeUndefined();
  });

  it('gives every coefficient mean 0 and variance 1 over the recording', () => {
    const got = mfcc({ sampleRate: FEATURE_RATE, channels: [testSignal(8000)] });
    for (let c = 0; c < COEFFICIENTS; c++) {
      let sum = 0;
      let squares = 0;
      for (let f = 0; f < got.frames; f++) {
        const v = got.data[f * COEFFICIENTS + c]! / FEATURE_SCALE;
        sum += v;
        squares += v * v;
      }
      expect(Math.abs(sum / got.frames)).toBeLessThan(0.01);
      expect(squares / got.frames).toBeCloseTo(1, 2);
    }
  });

  it('holds a coefficient more than 16 σ out at the 16-bit limit', () => {
    // Ten seconds of silence with one click: the two or three frames that hear the click are
    // over 16 σ above the rest (in a recording of n frames, k outliers stand sqrt((n-k)/k) σ out).
    const x = new Float32Array(160_000);
    x[80_000] = 0.9;
    const got = mfcc({ sampleRate: FEATURE_RATE, channels: [x] });
    expect(got.frames).toBe(998);
    const c0 = Array.from({ length: got.frames }, (_, f) => got.data[f * COEFFICIENTS]!);
    expect(Math.max(...c0)).toBe(32767);
    // The silent frames are all alike, a little under the mean.
    const silent = c0.filter((v) => v < 0);
    expect(silent.length).toBeGreaterThanOrEqual(995);
    expect(new Set(silent).size).toBe(1);
    expect(silent[0]).toBeGreaterThan(-0.1 * FEATURE_SCALE);
  });

  it('makes no frame of under 25 ms of audio, and one of exactly 25 ms', () => {
    expect(mfcc({ sampleRate: FEATURE_RATE, channels: [testSignal(399)] })).toEqual({
      data: new Int16Array(0),
      frames: 0,
    });
    expect(mfcc({ sampleRate: FEATURE_RATE, channels: [testSignal(400)] }).frames).toBe(1);
    expect(mfcc({ sampleRate: FEATURE_RATE, channels: [testSignal(559)] }).frames).toBe(1);
    expect(mfcc({ sampleRate: FEATURE_RATE, channels: [testSignal(560)] }).frames).toBe(2);
  });

  it('gives the same features streamed in odd blocks, and mixes channels to mono', () => {
    const x = testSignal(6000);
    const whole = mfcc({ sampleRate: FEATURE_RATE, channels: [x] });
    const extractor = new MfccExtractor(FEATURE_RATE);
    for (let i = 0; i < x.length; i += 777) extractor.push([x.subarray(i, i + 777)]);
    expect(extractor.finish()).toEqual(whole);
    const stereo = mfcc({ sampleRate: FEATURE_RATE, channels: [x, x] });
    expect(stereo).toEqual(whole);
  });

  it('resamples other rates to 16 kHz first: a second is 98 frames at any rate', () => {
    const second = (rate: number) =>
      Float32Array.from({ length: rate }, (_, n) => Math.sin((2 * Math.PI * 300 * n) / rate));
    expect(mfcc({ sampleRate: 16_000, channels: [second(16_000)] }).frames).toBe(98);
    const resampled = mfcc({ sampleRate: 48_000, channels: [second(48_000)] }).frames;
    expect(resampled).toBeGreaterThanOrEqual(97);
    expect(resampled).toBeLessThanOrEqual(98);
  });
});
