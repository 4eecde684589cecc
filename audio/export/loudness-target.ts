import type { LoudnessResult } from '../loudness/loudness-meter.ts';
import { ACX_DELIVERY } from './acx-delivery.ts';
import type { DeliverySpec } from './delivery-spec.ts';

// Delivery loudness: a target and a true-peak ceiling. One constant gain reaches the target; where
// that would break the ceiling, a lookahead limiter (peak-limiter.ts) holds the peaks down, or,
// with limiting off, the gain stops short and the plan says so.

export interface LoudnessTarget {
  name: string;
  /** Integrated loudness to reach, LUFS. */
  integrated: number;
  /** True peak not to pass, dBTP. */
  truePeakCeiling: number;
  /** What a preset promises of the delivered file besides loudness (delivery-spec.ts). */
  delivery?: DeliverySpec;
}

// Each preset's name says what its files are; the export makes them so and tests read them back.
export const LOUDNESS_PRESETS = {
  podcast: {
    name: 'podcast stereo (-16 LUFS, 44.1 kHz, 128 kbps)',
    integrated: -16,
    truePeakCeiling: -1,
    delivery: { channels: 2, sampleRate: 44_100, bitrate: 128_000 },
  },
  'podcast-mono': {
    name: 'podcast mono (-19 LUFS, 44.1 kHz, 64 kbps)',
    integrated: -19,
    truePeakCeiling: -1,
    delivery: { channels: 1, sampleRate: 44_100, bitrate: 64_000 },
  },
  'ebu-r128': { name: 'EBU R128 (-23 LUFS)', integrated: -23, truePeakCeiling: -1 },
  // ACX measures RMS per file (-23..-18 dB) and sample peaks (<= -3 dB): each chapter file gets
  // its own gain to -20.5 dB RMS (acx-delivery.ts); the ceiling leaves room for codec overs.
  acx: {
    name: 'ACX audiobook (MP3 192 kbps CBR, 44.1 kHz, a file per chapter)',
    integrated: -20,
    truePeakCeiling: -3.5,
    delivery: ACX_DELIVERY,
  },
} as const satisfies Record<string, LoudnessTarget>;

export type LoudnessPreset = keyof typeof LOUDNESS_PRESETS;

export interface GainPlan {
  gainDb: number;
  expectedIntegrated: number;
  expectedTruePeak: number;
  /** The gain stopped short of the target to respect the ceiling (limiting off). */
  limitedByCeiling: boolean;
  /** Peaks above this linear sample level are limited (the ceiling less a margin for overs). */
  limiterCeiling?: number;
}

/** Margin under the true-peak ceiling for the limiter's sample peaks: inter-sample and codec overs. */
const LIMITER_MARGIN_DB = 1;

export function planGain(
  measured: LoudnessResult,
  target: LoudnessTarget,
  options: { limit?: boolean } = {},
): GainPlan {
  if (!Number.isFinite(measured.integrated)) {
    return {
      gainDb: 0,
      expectedIntegrated: measured.integrated,
      expectedTruePeak: measured.truePeak,
      limitedByCeiling: false,
    };
  }
  const toTarget = target.integrated - measured.integrated;
  const headroom = target.truePeakCeiling - measured.truePeak;
  if (toTarget <= headroom) {
    return {
      gainDb: toTarget,
      expectedIntegrated: target.integrated,
      expectedTruePeak: measured.truePeak + toTarget,
      limitedByCeiling: false,
    };
  }
  if (options.limit ?? true) {
    return {
      gainDb: toTarget,
      expectedIntegrated: target.integrated,
      expectedTruePeak: target.truePeakCeiling,
      limitedByCeiling: false,
      limiterCeiling: 10 ** ((target.truePeakCeiling - LIMITER_MARGIN_DB) / 20),
    };
  }
  return {
    gainDb: headroom,
    expectedIntegrated: measured.integrated + headroom,
    expectedTruePeak: target.truePeakCeiling,
    limitedByCeiling: true,
  };
}

/** How close the delivered file must come to the target (LU) before it is accepted. */
export const DELIVERY_TOLERANCE = 0.1;

/**
 * The plan corrected by what the delivered (encoded, decoded back) file measures, or undefined
 * when it already meets the target: within DELIVERY_TOLERANCE LU, true peak under the ceiling.
 * Encoders shift loudness (MP3/AAC low-pass what K-weighting counts most: 0.5-1 LU at speech
 * bitrates) and grow inter-sample peaks; the gain moves by the shortfall, and any true-peak
 * excess brings the limiter's sample ceiling down by as much (a limiter is added when needed).
 * `limit: false`: the gain only ever comes down to hold the ceiling.
 * `previous`: the round before, when there was one. Under a limiter the loudness answers gain by
 * less than 1 LU per dB (a drama's thunder held 5 dB down gained 0.28 LU per dB), so a step of
 * the shortfall alone crept up on the target and 5 rounds ended 1 LU short. Where the two rounds
 * had the same limiter, the step is the shortfall over their measured slope (a secant step).
 */
export function correctForDelivered(
  plan: GainPlan,
  delivered: LoudnessResult,
  target: LoudnessTarget,
  options: { limit?: boolean } = {},
  previous?: DeliveryRound,
): GainPlan | undefined {
  const short = target.integrated - delivered.integrated;
  const excess = delivered.truePeak - target.truePeakCeiling;
  if (!Number.isFinite(short)) return undefined;
  const onTarget = Math.abs(short) <= DELIVERY_TOLERANCE || (plan.limitedByCeiling && short > 0);
  if (onTarget && excess <= 0) return undefined;
  if (!(options.limit ?? true)) {
    // No limiter: hold the ceiling first, the target only as far as it allows.
    const room = -excess - 0.05;
    const gainDb = plan.gainDb + Math.min(short, room);
    return {
      ...plan,
      gainDb,
      limitedByCeiling: short > room,
      expectedIntegrated: delivered.integrated + gainDb - plan.gainDb,
    };
  }
  const step = short / limitedSlope(plan, delivered, previous);
  const peakAfter = delivered.truePeak + short;
  const needsLimiter = plan.limiterCeiling !== undefined || peakAfter > target.truePeakCeiling;
  const ceiling = plan.limiterCeiling ?? 10 ** ((target.truePeakCeiling - LIMITER_MARGIN_DB) / 20);
  return {
    gainDb: plan.gainDb + step,
    expectedIntegrated: target.integrated,
    expectedTruePeak: Math.min(peakAfter, target.truePeakCeiling),
    limitedByCeiling: false,
    ...(needsLimiter
      ? { limiterCeiling: excess > 0 ? ceiling * 10 ** (-(excess + 0.05) / 20) : ceiling }
      : {}),
  };
}

/** One encode of a delivery: the plan it was made with and what the file measured. */
export interface DeliveryRound {
  plan: GainPlan;
  delivered: LoudnessResult;
}

/** Slopes outside these (LU per dB of gain) are measurement noise, not the limiter's answer. */
const MIN_SLOPE = 0.2;
const MAX_SLOPE = 1;

/**
 * How many LU the delivered loudness moves per dB of gain: measured between this round and the
 * previous one when both ran the same limiter at different gains, else 1 (a plain gain).
 */
function limitedSlope(plan: GainPlan, delivered: LoudnessResult, previous?: DeliveryRound): number {
  if (!previous || plan.limiterCeiling === undefined) return 1;
  if (previous.plan.limiterCeiling !== plan.limiterCeiling) return 1;
  const gained = plan.gainDb - previous.plan.gainDb;
  if (Math.abs(gained) < 0.01) return 1;
  const slope = (delivered.integrated - previous.delivered.integrated) / gained;
  return Number.isFinite(slope) ? Math.min(MAX_SLOPE, Math.max(MIN_SLOPE, slope)) : 1;
}

/** How far (LU) a delivered file may land from its target before the export says it missed. */
export const MISSED_BY = 0.5;

/**
 * What a producer must be told when the delivered file (as measured: encoded, decoded back) is not
 * what the target asked, else undefined: a recording with nothing to measure (silent, or under
 * 0.4 s of sound: BS.1770-4 gates it all away) took no gain; a file more than MISSED_BY LU from
 * the target (a target the ceiling leaves no room for: -5 LUFS under -1 dBTP), or with its true
 * peak over the ceiling, missed it. The file is still written: the figures say what it is.
 */
export function targetMissed(target: LoudnessTarget, delivered: LoudnessResult): string | undefined {
  // A per-file RMS target (ACX) is checked by its own verdict, not by integrated loudness.
  if (target.delivery && 'fileRms' in target.delivery) return undefined;
  if (!Number.isFinite(delivered.integrated))
    return `the loudness target was not applied: the audio is silent or too short to measure (BS.1770-4 gates it all away)`;
  const off = delivered.integrated - target.integrated;
  const problems = [
    ...(Math.abs(off) > MISSED_BY
      ? [
          `${delivered.integrated.toFixed(1)} LUFS delivered, ${Math.abs(off).toFixed(1)} LU ${off < 0 ? 'short of' : 'over'} the ${target.integrated} LUFS target`,
        ]
      : []),
    ...(delivered.truePeak > target.truePeakCeiling + 0.05
      ? [`true peak ${delivered.truePeak.toFixed(1)} dBTP over the ${target.truePeakCeiling} dBTP ceiling`]
      : []),
  ];
  return problems.length > 0 ? `target missed: ${problems.join('; ')}` : undefined;
}
