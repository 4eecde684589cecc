import type { LoudnessResult } from '../loudness/loudness-meter.ts';

// Delivery loudness: a target and a true-peak ceiling. One constant gain reaches the target; where
// that would break the ceiling, a lookahead limiter (peak-limiter.ts) holds the peaks down, or,
// with limiting off, the gain stops short and the plan says so.

export interface LoudnessTarget {
  name: string;
  /** Integrated loudness to reach, LUFS. */
  integrated: number;
  /** True peak not to pass, dBTP. */
  truePeakCeiling: number;
}

export const LOUDNESS_PRESETS = {
  podcast: { name: 'podcast (-16 LUFS stereo)', integrated: -16, truePeakCeiling: -1 },
  'podcast-mono': { name: 'podcast mono (-19 LUFS)', integrated: -19, truePeakCeiling: -1 },
  'ebu-r128': { name: 'EBU R128 (-23 LUFS)', integrated: -23, truePeakCeiling: -1 },
  // ACX asks RMS -23..-18 dB and peaks <= -3 dB; -20 LUFS lands speech near -20 dB RMS.
  acx: { name: 'ACX (-20 LUFS, -3 dBTP)', integrated: -20, truePeakCeiling: -3.5 },
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
