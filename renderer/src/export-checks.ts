import { LOUDNESS_PRESETS, type LoudnessPreset } from '../../audio/export/loudness-target.ts';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { needsReview, reviewReason } from '../../cues/edit/review.ts';
import { clockTime } from '../../cues/sidecars/timecode.ts';

// What the export dialog says before anything is written (pure: tests/core/export-checks.test.ts):
// which cues nobody has listened to yet, and what the chosen loudness will do to the recording.

/** A cue still flagged for review, as the export warning lists it. */
export interface UnreviewedCue {
  id: string;
  /** "00:01:02.500" or "not placed". */
  at: string;
  reason: string;
  /** The first words, for finding it. */
  text: string;
}

/** The cues waiting for review (placed, not cut as not recorded), in script order. */
export function unreviewedCues(sheet: CueSheet): UnreviewedCue[] {
  return sheet.cues
    .filter((c) => !c.notRecorded && needsReview(c))
    .map((c) => ({
      id: c.id,
      at: c.start === undefined ? 'not placed' : clockTime(c.start),
      reason: reviewReason(c) ?? 'flagged',
      text: (c.spoken ?? c.text).replace(/\s+/g, ' ').trim().slice(0, 48),
    }));
}

/** The recording's loudness as measured (LUFS, LU, dBTP; null where there is too little sound). */
export interface MeasuredLoudness {
  integrated: number | null;
  range: number;
  truePeak: number | null;
}

/**
 * One line on what the loudness setting does to the measured recording: the gain to the preset's
 * target (before the limiter keeps true peaks under its ceiling), or that the level stays.
 */
export function loudnessPlanText(measured: MeasuredLoudness, loudness: string): string {
  const now = `${fmt(measured.integrated, 'LUFS')}, range ${measured.range.toFixed(1)} LU, true peak ${fmt(measured.truePeak, 'dBTP')}`;
  if (loudness === 'none') return `${now}: exported as it is (no loudness change)`;
  const preset = Object.hasOwn(LOUDNESS_PRESETS, loudness)
    ? LOUDNESS_PRESETS[loudness as LoudnessPreset]
    : undefined;
  if (!preset || measured.integrated === null) return now;
  const gain = preset.integrated - measured.integrated;
  const change =
    Math.abs(gain) < 0.05
      ? 'already at'
      : `${gain > 0 ? 'raised' : 'lowered'} ${Math.abs(gain).toFixed(1)} dB to`;
  return `${now}: ${change} ${preset.integrated} LUFS, true peak kept under ${preset.truePeakCeiling} dBTP`;
}

function fmt(value: number | null, unit: string): string {
  return value === null ? `— ${unit}` : `${value.toFixed(1)} ${unit}`;
}
