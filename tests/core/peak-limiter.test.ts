import { describe, expect, it } from 'vitest';
import { PeakLimiter } from '../../audio/export/peak-limiter.ts';
import { segments } from '../support/signals.ts';

const RATE = 44_100;

function run(limiter: PeakLimiter, channels: Float32Array[], block: number): Float32Array[] {
  const parts: Float32Array[][] = [];
  for (let at = 0; at < channels[0]!.length; at += block)
    parts.push(limiter.process(channels.map((c) => c.subarray(at, at + block))));
  parts.push(limiter.flush());
  return channels.map((_, c) => {
    const out = new Float32Array(parts.reduce((n, p) => n + p[c]!.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p[c]!, at);
      at += p[c]!.length;
    }
    return out;
  });
}

describe('the lookahead peak limiter', () => {
  const input = segments(
    RATE,
    2,
    [
      { seconds: 1, db: -30, tone: 200 },
      { seconds: 1, db: -6, tone: 900 },
      { seconds: 1, db: -30 },
    ],
    3,
  );
  for (let i = 0; i < 20; i++) input[0]![RATE / 2 + i * 100] = 0.99; // isolated clicks in the quiet part

  it('never passes the ceiling, keeps the length and lines up with the input', () => {
    const ceiling = 10 ** (-12 / 20);
    for (const block of [1, 777, 44_100]) {
      const output = run(new PeakLimiter({ sampleRate: RATE, channels: 2, ceiling }), input, block);
      expect(output[0]!.length).toBe(input[0]!.length);
      let peak = 0;
      for (const channel of output) for (const x of channel) peak = Math.max(peak, Math.abs(x));
      expect(peak).toBeLessThanOrEqual(ceiling * (1 + 1e-6));
      // Before any peak, audio passes through untouched and in place (the delay is removed);
      // 0.9 s after the loud part the release has brought the gain back to within 0.1 %.
      for (const i of [100, 2000]) expect(output[1]![i]).toBe(input[1]![i]);
      const late = RATE * 2.9;
      expect(Math.abs(output[1]![late]! / input[1]![late]! - 1)).toBeLessThan(1e-3);
    }
  });

  it('holds the ceiling for a peak in the very first frames (a click that opens a recording)', () => {
    // Real speech recordings open on a click (the casual corpus peaks at -5.6 dB in its first
    // 5 ms): a peak inside the first lookahead passed at nearly full gain, 6 dBTP over the target.
    const ceiling = 10 ** (-2 / 20);
    const L = Math.round(0.005 * RATE);
    for (const at of [0, 1, L - 1, L, L + 1]) {
      const x = [0, 1].map(() => Float32Array.from({ length: RATE / 10 }, (_, i) => 0.05 * Math.sin(i / 7)));
      x[1]![at] = -1;
      x[1]![at + 1] = 0.98;
      const output = run(new PeakLimiter({ sampleRate: RATE, channels: 2, ceiling }), x, 512);
      let peak = 0;
      for (const channel of output) for (const v of channel) peak = Math.max(peak, Math.abs(v));
      expect(peak, `a full-scale peak at frame ${at}`).toBeLessThanOrEqual(ceiling * (1 + 1e-6));
      // And the rest is not held down: one release time (0.05 s) on, most of the gain is back.
      const later = RATE / 20;
      expect(Math.abs(output[0]![later]! / x[0]![later]! - 1)).toBeLessThan(0.35);
    }
  });

  it('turns down gradually before a peak instead of stepping', () => {
    const ceiling = 0.5;
    const output = run(new PeakLimiter({ sampleRate: RATE, channels: 2, ceiling }), input, 4096);
    const click = RATE / 2;
    const gains = [-200, -150, -100, -50].map((d) => output[1]![click + d]! / input[1]![click + d]!);
    for (let i = 1; i < gains.length; i++) expect(gains[i]!).toBeLessThanOrEqual(gains[i - 1]! + 1e-6);
    expect(gains[0]!).toBeGreaterThan(gains[3]!);
    expect(output[0]![click]).toBeCloseTo(0.5, 3);
  });

  it('leaves audio under the ceiling exactly as it was', () => {
    const quiet = segments(RATE, 1, [{ seconds: 1, db: -30 }], 4);
    const output = run(new PeakLimiter({ sampleRate: RATE, channels: 1, ceiling: 0.9 }), quiet, 1000);
    expect(Array.from(output[0]!)).toEqual(Array.from(quiet[0]!));
  });
});
