import type { LoudnessResult } from '../loudness/loudness-meter.ts';

// Delivery loudness: a target and a true-peak ceiling. Gain is one constant (no limiter), so if
// reaching the target would break the ceiling the result stays quieter and says so.

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
  limitedByCeiling: boolean;
}

export function planGain(measured: LoudnessResult, target: LoudnessTarget): GainPlan {
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
  const gainDb = Math.min(toTarget, headroom);
  return {
    gainDb,
    expectedIntegrated: measured.integrated + gainDb,
    expectedTruePeak: measured.truePeak + gainDb,
    limitedByCeiling: headroom < toTarget,
  };
}
