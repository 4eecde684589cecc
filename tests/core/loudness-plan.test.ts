import { describe, expect, it } from 'vitest';
import {
  correctForDelivered,
  DELIVERY_TOLERANCE,
  type GainPlan,
  LOUDNESS_PRESETS,
  type LoudnessTarget,
  MISSED_BY,
  planGain,
  targetMissed,
} from '../../audio/export/loudness-target.ts';
import { PeakLimiter } from '../../audio/export/peak-limiter.ts';
import type { LoudnessResult } from '../../audio/loudness/loudness-meter.ts';

// The loudness gain plan (EBU R 128 / ITU-R BS.1770 targets: gain in dB is target minus measured,
// a true-peak ceiling in dBTP, dB to linear as 10^(dB/20)) and the lookahead peak limiter's gain
// curve, each value worked out by hand from the formulas in the modules' comments.

const measured = (integrated: number, truePeak: number): LoudnessResult => ({
  integrated,
  truePeak,
  range: 0,
  samplePeak: truePeak,
});
const PODCAST: LoudnessTarget = { name: 'p', integrated: -16, truePeakCeiling: -1 };
const lin = (db: number) => 10 ** (db / 20);

describe('the presets', () => {
  it('name their loudness, peak ceiling and delivery', () => {
    const p = LOUDNESS_PRESETS;
    expect([p.podcast.integrated, p.podcast.truePeakCeiling]).toEqual([-16, -1]);
    expect(p.podcast.delivery).toEqual({ channels: 2, sampleRate: 44_100, bitrate: 128_000 });
    expect(p.podcast.name).toBe('podcast stereo (-16 LUFS, 44.1 kHz, 128 kbps)');
    expect([p['podcast-mono'].integrated, p['podcast-mono'].truePeakCeiling]).toEqual([-19, -1]);
    expect(p['podcast-mono'].delivery).toEqual({ channels: 1, sampleRate: 44_100, bitrate: 64_000 });
    expect(p['podcast-mono'].name).toBe('podcast mono (-19 LUFS, 44.1 kHz, 64 kbps)');
    expect(p['ebu-r128']).toEqual({ name: 'EBU R128 (-23 LUFS)', integrated: -23, truePeakCeiling: -1 });
    expect([p.acx.integrated, p.acx.truePeakCeiling]).toEqual([-20, -3.5]);
    expect(p.acx.delivery.fileRms).toBe(-20.5);
    expect(p.acx.name).toBe('ACX audiobook (MP3 192 kbps CBR, 44.1 kHz, a file per chapter)');
    expect(DELIVERY_TOLERANCE).toBe(0.1);
  });
});

describe('planGain', () => {
  it('keeps silence (no integrated loudness) as it is', () => {
    expect(planGain(measured(Number.NEGATIVE_INFINITY, -120), PODCAST)).toStrictEqual({
      gainDb: 0,
      expectedIntegrated: Number.NEGATIVE_INFINITY,
      expectedTruePeak: -120,
      limitedByCeiling: false,
    });
    expect(planGain(measured(Number.NaN, -3), PODCAST).gainDb).toBe(0);
  });

  it('gives the gain to the target when the peaks stay under the ceiling (up to it exactly)', () => {
    // -20 LUFS, -6 dBTP: +4 dB reaches -16 with the peaks at -2.
    expect(planGain(measured(-20, -6), PODCAST)).toStrictEqual({
      gainDb: 4,
      expectedIntegrated: -16,
      expectedTruePeak: -2,
      limitedByCeiling: false,
    });
    // Peaks at -5: +4 dB puts them on the ceiling, not past it.
    expect(planGain(measured(-20, -5), PODCAST)).toStrictEqual({
      gainDb: 4,
      expectedIntegrated: -16,
      expectedTruePeak: -1,
      limitedByCeiling: false,
    });
    // Too loud: the gain is negative.
    expect(planGain(measured(-10, 0), PODCAST).gainDb).toBe(-6);
  });

  it('reaches the target with a limiter 1 dB under the ceiling when the peaks would pass it', () => {
    // -30 LUFS, -3 dBTP: +14 dB would put the peaks at +11; headroom is 2.
    expect(planGain(measured(-30, -3), PODCAST)).toStrictEqual({
      gainDb: 14,
      expectedIntegrated: -16,
      expectedTruePeak: -1,
      limitedByCeiling: false,
      limiterCeiling: lin(-2),
    });
    expect(planGain(measured(-30, -3), PODCAST, { limit: true }).limiterCeiling).toBeCloseTo(0.794_328, 6);
  });

  it('stops the gain at the ceiling with limiting off, and says so', () => {
    expect(planGain(measured(-30, -3), PODCAST, { limit: false })).toStrictEqual({
      gainDb: 2,
      expectedIntegrated: -28,
      expectedTruePeak: -1,
      limitedByCeiling: true,
    });
  });
});

describe('correctForDelivered', () => {
  const plan: GainPlan = {
    gainDb: 4,
    expectedIntegrated: -16,
    expectedTruePeak: -2,
    limitedByCeiling: false,
  };

  it('accepts a file within 0.1 LU with its peaks at or under the ceiling', () => {
    expect(correctForDelivered(plan, measured(-16.05, -2), PODCAST)).toBeUndefined();
    expect(correctForDelivered(plan, measured(-15.95, -1), PODCAST)).toBeUndefined();
    // Exactly 0.1 LU short (0 - -0.1 is 0.1 in binary too): on target.
    const zero: LoudnessTarget = { name: 'z', integrated: 0, truePeakCeiling: 0 };
    expect(correctForDelivered(plan, measured(-0.1, -1), zero)).toBeUndefined();
    expect(correctForDelivered(plan, measured(0.1, -1), zero)).toBeUndefined();
    expect(correctForDelivered(plan, measured(-0.125, -1), zero)).toBeDefined();
    expect(correctForDelivered(plan, measured(Number.NEGATIVE_INFINITY, -1), PODCAST)).toBeUndefined();
  });

  it('accepts a file short of the target when the plan already stopped at the ceiling', () => {
    const limited = { ...plan, limitedByCeiling: true };
    expect(correctForDelivered(limited, measured(-18, -1), PODCAST, { limit: false })).toBeUndefined();
    // Too loud is still corrected.
    expect(correctForDelivered(limited, measured(-15, -2), PODCAST, { limit: false })?.gainDb).toBeCloseTo(
      3,
      9,
    );
  });

  it('moves the gain by the shortfall, with no limiter while the peaks stay under', () => {
    // 0.5 LU short, peaks at -3: after +0.5 they are at -2.5.
    expect(correctForDelivered(plan, measured(-16.5, -3), PODCAST)).toStrictEqual({
      gainDb: 4.5,
      expectedIntegrated: -16,
      expectedTruePeak: -2.5,
      limitedByCeiling: false,
    });
  });

  it('adds a limiter when the corrected gain would lift the peaks past the ceiling', () => {
    // Peaks at -1.2 plus 0.5: -0.7, over -1. The limiter sits 1 dB under the ceiling.
    const out = correctForDelivered(plan, measured(-16.5, -1.2), PODCAST)!;
    expect(out.gainDb).toBeCloseTo(4.5, 9);
    expect(out.expectedTruePeak).toBe(-1);
    expect(out.limiterCeiling).toBeCloseTo(lin(-2), 9);
  });

  it('brings the limiter down by a true-peak excess plus 0.05 dB', () => {
    const limited: GainPlan = { ...plan, limiterCeiling: 0.5 };
    // On target (0.05 short) but 0.5 dB over the ceiling.
    const out = correctForDelivered(limited, measured(-16.05, -0.5), PODCAST)!;
    expect(out.gainDb).toBeCloseTo(4.05, 9);
    expect(out.expectedIntegrated).toBe(-16);
    expect(out.expectedTruePeak).toBe(-1);
    expect(out.limitedByCeiling).toBe(false);
    expect(out.limiterCeiling).toBeCloseTo(0.5 * lin(-0.55), 9);
    // A plan's limiter is kept even when the peaks come out under the ceiling.
    const kept = correctForDelivered(limited, measured(-17, -6), PODCAST)!;
    expect(kept.limiterCeiling).toBe(0.5);
    expect(kept.expectedTruePeak).toBe(-5);
    // With no plan limiter and an excess, the excess lowers the default one.
    const fresh = correctForDelivered(plan, measured(-16, -0.8), PODCAST)!;
    expect(fresh.limiterCeiling).toBeCloseTo(lin(-2) * lin(-0.25), 9);
    expect(fresh.gainDb).toBe(4);
  });

  it('decides on the edges: room exactly the shortfall, peaks exactly at the ceiling, no excess', () => {
    const zero: LoudnessTarget = { name: 'z', integrated: 0, truePeakCeiling: 0 };
    // 1 LU short, the peaks 1.05 dB under: the room (1.05 - 0.05) is exactly the shortfall.
    const exact = correctForDelivered(plan, measured(-1, -1.05), zero, { limit: false })!;
    expect(exact.limitedByCeiling).toBe(false);
    expect(exact.gainDb).toBe(5);
    // 0.5 short with the peaks 0.5 under: after the gain they sit on the ceiling, no limiter.
    const onCeiling = correctForDelivered(plan, measured(-16.5, -1.5), PODCAST)!;
    expect(onCeiling).toStrictEqual({
      gainDb: 4.5,
      expectedIntegrated: -16,
      expectedTruePeak: -1,
      limitedByCeiling: false,
    });
    // Peaks exactly at the ceiling: no excess, the plan's limiter is kept as it was.
    const atCeiling = correctForDelivered({ ...plan, limiterCeiling: 0.5 }, measured(-16.5, -1), PODCAST)!;
    expect(atCeiling.limiterCeiling).toBe(0.5);
  });

  it('under one limiter, steps by the shortfall over the loudness gained per dB in the round before', () => {
    const limited: GainPlan = { ...plan, gainDb: 11, limiterCeiling: 0.5 };
    const roundBefore = (gainDb: number, integrated: number, limiterCeiling = 0.5) => ({
      plan: { ...limited, gainDb, limiterCeiling },
      delivered: measured(integrated, -3),
    });
    const now = measured(-16.7, -3);
    // 1 dB more gave 0.3 LU: the 0.7 LU left needs 0.7 / 0.3 dB.
    expect(correctForDelivered(limited, now, PODCAST, {}, roundBefore(10, -17))!.gainDb).toBeCloseTo(
      11 + 0.7 / 0.3,
      9,
    );
    // No round before, or another limiter before: the shortfall alone.
    expect(correctForDelivered(limited, now, PODCAST)!.gainDb).toBeCloseTo(11.7, 9);
    expect(correctForDelivered(limited, now, PODCAST, {}, roundBefore(10, -17, 0.6))!.gainDb).toBeCloseTo(
      11.7,
      9,
    );
    // The same gain twice says nothing about the slope.
    expect(correctForDelivered(limited, now, PODCAST, {}, roundBefore(11, -17))!.gainDb).toBeCloseTo(11.7, 9);
    // Slopes are held to 0.2..1 LU per dB: noise neither multiplies the step nor turns it round.
    expect(correctForDelivered(limited, now, PODCAST, {}, roundBefore(10, -16.71))!.gainDb).toBeCloseTo(
      11 + 0.7 / 0.2,
      9,
    );
    expect(correctForDelivered(limited, now, PODCAST, {}, roundBefore(10, -16.4))!.gainDb).toBeCloseTo(
      11 + 0.7 / 0.2,
      9,
    );
    expect(correctForDelivered(limited, now, PODCAST, {}, roundBefore(10, -18.7))!.gainDb).toBeCloseTo(
      11.7,
      9,
    );
    // Without a limiter the loudness follows the gain: the slope is not used.
    expect(correctForDelivered(plan, measured(-16.5, -3), PODCAST, {}, roundBefore(3, -17))!.gainDb).toBe(
      4.5,
    );
    // Not even when neither round had one and the loudness moved 0.4 LU a dB between them.
    const unlimitedBefore = { plan: { ...plan, gainDb: 3 }, delivered: measured(-16.9, -3) };
    expect(correctForDelivered(plan, measured(-16.5, -3), PODCAST, {}, unlimitedBefore)!.gainDb).toBe(4.5);
    // The slope is a quotient: 2 dB more gave 0.6 LU, so 0.3 LU a dB (a product would say 1.2).
    expect(correctForDelivered(limited, now, PODCAST, {}, roundBefore(9, -17.3))!.gainDb).toBeCloseTo(
      11 + 0.7 / 0.3,
      9,
    );
    // Gains under 0.01 dB apart say nothing; 0.01 dB apart is a slope (0.002 LU: held to 0.2).
    const near: GainPlan = { ...limited, gainDb: 0.01 };
    expect(
      correctForDelivered(near, now, PODCAST, {}, roundBefore(0.01 - 1 / 128, -16.702))!.gainDb,
    ).toBeCloseTo(0.71, 9);
    expect(correctForDelivered(near, now, PODCAST, {}, roundBefore(0, -16.702))!.gainDb).toBeCloseTo(
      0.01 + 0.7 / 0.2,
      9,
    );
  });

  it('with limiting off, holds the ceiling first (0.05 dB under) and the target as far as it allows', () => {
    // 0.5 short, 0.5 over: the room is -0.55, so the gain comes down.
    const down = correctForDelivered(plan, measured(-16.5, -0.5), PODCAST, { limit: false })!;
    expect(down.gainDb).toBeCloseTo(3.45, 9);
    expect(down.limitedByCeiling).toBe(true);
    expect(down.expectedIntegrated).toBeCloseTo(-17.05, 9);
    expect(down.expectedTruePeak).toBe(-2); // the plan's own
    // 0.5 short, peaks at -3: room 1.95, the whole 0.5 is taken.
    const up = correctForDelivered(plan, measured(-16.5, -3), PODCAST, { limit: false })!;
    expect(up).toStrictEqual({ ...plan, gainDb: 4.5, limitedByCeiling: false, expectedIntegrated: -16 });
    // 2 short, room 1.95: stops at the ceiling.
    const part = correctForDelivered(plan, measured(-18, -3), PODCAST, { limit: false })!;
    expect(part.gainDb).toBeCloseTo(5.95, 9);
    expect(part.limitedByCeiling).toBe(true);
    expect(part.expectedIntegrated).toBeCloseTo(-16.05, 9);
  });
});

function run(limiter: PeakLimiter, input: Float32Array[], block: number): Float32Array[] {
  const parts: Float32Array[][] = [];
  for (let at = 0; at < input[0]!.length; at += block)
    parts.push(limiter.process(input.map((c) => c.subarray(at, at + block))));
  parts.push(limiter.flush());
  return input.map((_, c) => Float32Array.from(parts.flatMap((p) => Array.from(p[c]!))));
}

/** The gain the limiter's comment defines, at 1000 Hz with lookahead L and release r, for `need`. */
function expectedGains(need: number[], L: number, r: number): number[] {
  const n = need.length;
  const m = need.map((_, j) => Math.min(...need.slice(j, j + L + 1)));
  const s = m.map((_, j) => {
    let sum = 0;
    // Before the start need is 1: m[k] for k in [-L, 0) is the minimum of what is already seen.
    for (let k = j - L; k <= j; k++) sum += k < 0 ? Math.min(...need.slice(0, k + L + 1)) : m[k]!;
    return Math.min(1, sum / (L + 1));
  });
  const gains: number[] = [];
  let e = 1;
  for (let j = 0; j < n; j++) {
    e = Math.min(s[j]!, e + (1 - e) * r);
    gains.push(e);
  }
  return gains;
}

describe('targetMissed', () => {
  it('says nothing of a file within MISSED_BY LU with its true peak at most 0.05 dB over the ceiling', () => {
    expect(MISSED_BY).toBe(0.5);
    expect(targetMissed(PODCAST, measured(-16, -1))).toBeUndefined();
    expect(targetMissed(PODCAST, measured(-16.5, -0.95))).toBeUndefined();
    expect(targetMissed(PODCAST, measured(-15.5, -3))).toBeUndefined();
    expect(targetMissed(PODCAST, measured(-16.5, -1))).toBeUndefined();
    expect(targetMissed(PODCAST, measured(-15.5, -0.95))).toBeUndefined();
  });

  it('names how far short of or over the target, and a true peak over the ceiling, in one line', () => {
    expect(targetMissed(PODCAST, measured(-17.25, -3))).toBe(
      'target missed: -17.3 LUFS delivered, 1.3 LU short of the -16 LUFS target',
    );
    expect(targetMissed(PODCAST, measured(-15.2, -3))).toBe(
      'target missed: -15.2 LUFS delivered, 0.8 LU over the -16 LUFS target',
    );
    expect(targetMissed(PODCAST, measured(-16.6, -2))).toBe(
      'target missed: -16.6 LUFS delivered, 0.6 LU short of the -16 LUFS target',
    );
    expect(targetMissed(PODCAST, measured(-15.3, -2))).toBe(
      'target missed: -15.3 LUFS delivered, 0.7 LU over the -16 LUFS target',
    );
    expect(targetMissed(PODCAST, measured(-16, -0.9))).toBe(
      'target missed: true peak -0.9 dBTP over the -1 dBTP ceiling',
    );
    expect(targetMissed(PODCAST, measured(-14, 0.5))).toBe(
      'target missed: -14.0 LUFS delivered, 2.0 LU over the -16 LUFS target; true peak 0.5 dBTP over the -1 dBTP ceiling',
    );
  });

  it('says a silent or too-short recording took no gain, and leaves ACX files to their RMS verdict', () => {
    expect(targetMissed(PODCAST, measured(Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY))).toBe(
      'the loudness target was not applied: the audio is silent or too short to measure (BS.1770-4 gates it all away)',
    );
    expect(targetMissed(PODCAST, measured(Number.NEGATIVE_INFINITY, -40))).toMatch(
      /^the loudness target was not applied: the audio is silent or too short to measure/,
    );
    expect(targetMissed(LOUDNESS_PRESETS.acx, measured(-30, 2))).toBeUndefined();
    expect(targetMissed(LOUDNESS_PRESETS.acx, measured(-25, -2))).toBeUndefined();
    expect(targetMissed(LOUDNESS_PRESETS.acx, measured(Number.NEGATIVE_INFINITY, -3))).toBeUndefined();
    // A preset with a delivery but no per-file RMS is held to its loudness.
    expect(targetMissed(LOUDNESS_PRESETS.podcast, measured(-30, -3))).toMatch(/^target missed: -30.0 LUFS/);
  });
});

describe('the peak limiter’s gain curve', () => {
  const RATE = 1000;
  /** 0.1 everywhere, a spike of `spike` at 20 in channel `channel` of two. */
  const withSpike = (spike: number, channel = 0, n = 80) =>
    [0, 1].map((c) => Float32Array.from({ length: n }, (_, i) => (c === channel && i === 20 ? spike : 0.1)));

  it('ramps down over the lookahead (5 ms: 5 frames), holds the ceiling, releases at 50 ms', () => {
    const input = withSpike(2);
    const out = run(new PeakLimiter({ sampleRate: RATE, channels: 2, ceiling: 1 }), input, 7);
    const need = Array.from(input[0]!, (x) => (Math.abs(x) > 1 ? 1 / Math.abs(x) : 1));
    const gains = expectedGains(need, 5, 1 - Math.exp(-1 / 50));
    expect(out[0]!.length).toBe(80);
    for (let i = 0; i < 80; i++) {
      expect(out[0]![i]!, `frame ${i}`).toBeCloseTo(input[0]![i]! * gains[i]!, 6);
      // Both channels take the same gain.
      expect(out[1]![i]!, `frame ${i}`).toBeCloseTo(input[1]![i]! * gains[i]!, 6);
    }
    // By hand: untouched before frame 15, 5.5/6 at 15 ... 0.5 at the spike, then the release.
    expect(out[1]![14]).toBe(input[1]![14]);
    expect(out[1]![15]! / input[1]![15]!).toBeCloseTo(5.5 / 6, 6);
    expect(out[1]![19]! / input[1]![19]!).toBeCloseTo(3.5 / 6, 6);
    expect(out[0]![20]).toBeCloseTo(1, 6);
    const r = 1 - Math.exp(-0.02);
    expect(out[1]![21]! / input[1]![21]!).toBeCloseTo(0.5 + 0.5 * r, 6);
    expect(out[1]![30]! / input[1]![30]!).toBeCloseTo(1 - 0.5 * (1 - r) ** 10, 6);
  });

  it('takes its lookahead and release from the options, and reads negative peaks', () => {
    const input = withSpike(-4, 1);
    const out = run(
      new PeakLimiter({
        sampleRate: RATE,
        channels: 2,
        ceiling: 1,
        lookaheadSeconds: 0.002,
        releaseSeconds: 0.01,
      }),
      input,
      80,
    );
    const gains = expectedGains(
      Array.from({ length: 80 }, (_, i) => (i === 20 ? 0.25 : 1)),
      2,
      1 - Math.exp(-0.1),
    );
    for (let i = 0; i < 80; i++) expect(out[0]![i]!, `frame ${i}`).toBeCloseTo(0.1 * gains[i]!, 6);
    expect(out[1]![20]).toBeCloseTo(-1, 6);
    expect(out[0]![17]).toBe(input[0]![17]);
    expect(out[0]![18]! / 0.1).toBeCloseTo(2.25 / 3, 6);
  });

  it('keeps a lookahead of at least one frame', () => {
    const input = withSpike(2, 0, 30);
    const out = run(
      new PeakLimiter({ sampleRate: RATE, channels: 2, ceiling: 1, lookaheadSeconds: 0 }),
      input,
      30,
    );
    const gains = expectedGains(
      Array.from({ length: 30 }, (_, i) => (i === 20 ? 0.5 : 1)),
      1,
      1 - Math.exp(-0.02),
    );
    for (let i = 0; i < 30; i++) expect(out[1]![i]!, `frame ${i}`).toBeCloseTo(0.1 * gains[i]!, 6);
    expect(out[1]![19]! / 0.1).toBeCloseTo(0.75, 6);
  });

  it('leaves a peak exactly at the ceiling alone', () => {
    const input = withSpike(0.5);
    const out = run(new PeakLimiter({ sampleRate: RATE, channels: 2, ceiling: 0.5 }), input, 13);
    expect(Array.from(out[0]!)).toEqual(Array.from(input[0]!));
  });

  it('returns input shorter than its lookahead from flush, in place', () => {
    const limiter = new PeakLimiter({ sampleRate: 44_100, channels: 1, ceiling: 0.5 });
    const head = limiter.process([Float32Array.of(0.1, 0.2, 0.3)]);
    expect(head[0]!.length).toBe(0);
    expect(Array.from(limiter.flush()[0]!)).toEqual(Array.from(Float32Array.of(0.1, 0.2, 0.3)));
    // A fresh limiter flushed at once gives nothing.
    expect(
      new PeakLimiter({ sampleRate: 44_100, channels: 2, ceiling: 0.5 }).flush().map((c) => c.length),
    ).toEqual([0, 0]);
  });

  it('takes a block of no channels as nothing', () => {
    const limiter = new PeakLimiter({ sampleRate: RATE, channels: 1, ceiling: 1 });
    expect(limiter.process([])).toEqual([]);
  });

  it('delays by exactly the lookahead inside process, whatever the block size', () => {
    const limiter = new PeakLimiter({ sampleRate: RATE, channels: 1, ceiling: 1 });
    const a = limiter.process([new Float32Array(3).fill(0.1)]);
    const b = limiter.process([new Float32Array(10).fill(0.1)]);
    expect([a[0]!.length, b[0]!.length, limiter.flush()[0]!.length]).toEqual([0, 8, 5]);
  });
});
