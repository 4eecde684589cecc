import type { EnergyEnvelope } from './energy-envelope.ts';

export interface Pause {
  start: number;
  end: number;
}

export interface PauseOptions {
  /** Shortest quiet run that counts as a pause, seconds. */
  minPause?: number;
  /** Threshold in dBFS; by default it adapts to the recording's own noise floor and speech level. */
  thresholdDb?: number;
}

const FLOOR_DB = -100;
/** Frames under this (dBFS, mean square) are quiet in any recording: 16-bit dither sits near -100. */
const SILENCE_DB = -90;

/**
 * Quiet runs between speech. The adaptive threshold sits a quarter of the way from the noise
 * floor (10th percentile of 10 ms frames) to the speech level (90th), at least 6 dB above the floor
 * and at least 10 dB below speech, and never under SILENCE_DB.
 */
export function findPauses(envelope: EnergyEnvelope, options: PauseOptions = {}): Pause[] {
  const levels = levelsDb(envelope);
  const threshold = options.thresholdDb ?? adaptiveThreshold(levels);
  const minFrames = Math.max(1, Math.round((options.minPause ?? 0.15) / envelope.frameSeconds));
  const pauses: Pause[] = [];
  let runStart = -1;
  for (let i = 0; i <= levels.length; i++) {
    const quiet = i < levels.length && levels[i]! < threshold;
    if (quiet && runStart < 0) runStart = i;
    if (!quiet && runStart >= 0) {
      if (i - runStart >= minFrames) {
        pauses.push({ start: runStart * envelope.frameSeconds, end: i * envelope.frameSeconds });
      }
      runStart = -1;
    }
  }
  return pauses;
}

export function adaptiveThreshold(levels: Float32Array): number {
  if (levels.length === 0) return FLOOR_DB;
  const sorted = levels.slice().sort();
  const floor = sorted[Math.floor(sorted.length * 0.1)]!;
  const speech = sorted[Math.floor(sorted.length * 0.9)]!;
  // A recording with no contrast (a steady tone, constant noise) has no pauses: stay 10 dB under speech.
  // But near-digital silence is always quiet: a file of silence was one "segment" of speech, and
  // the take search heard a false start in it (a tester's).
  return Math.max(SILENCE_DB, Math.min(floor + Math.max(6, (speech - floor) / 4), speech - 10));
}

// Both detectors read the same levels: computed once per envelope (ten hours are 3.6 M frames).
const LEVELS = new WeakMap<EnergyEnvelope, Float32Array>();

/** Frame energies in dB (floored), as the pause and sung-section detectors read them. */
export function levelsDb(envelope: EnergyEnvelope): Float32Array {
  let levels = LEVELS.get(envelope);
  if (!levels) {
    levels = Float32Array.from(envelope.energies, (e) =>
      e > 0 ? Math.max(FLOOR_DB, 10 * Math.log10(e)) : FLOOR_DB,
    );
    LEVELS.set(envelope, levels);
  }
  return levels;
}
