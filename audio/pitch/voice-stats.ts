import type { PitchTrack } from './pitch-tracker.ts';

// A voice summed up by its pitch: the median F0 of the voiced frames and how widely it moves
// (interquartile range in semitones). A pickup read by another voice (a synthesiser standing in
// for the narrator, another reader) differs from the reading it replaces in one or both.

export interface VoiceStats {
  /** Median F0 of the voiced frames, Hz (0 when none is voiced). */
  medianHz: number;
  /** Interquartile range of F0, semitones. */
  spreadSemitones: number;
  voicedFrames: number;
}

/** A pitch this many semitones away is another voice (a reader's median moves less in one session). */
const PITCH_APART = 3;
/** A melody this much narrower or wider (ratio of spreads) is another voice. */
const SPREAD_APART = 2;
/** Fewer voiced frames than this (0.3 s) say nothing about a voice. */
const MIN_VOICED = 30;

export function voiceStats(track: PitchTrack): VoiceStats {
  const voiced = Array.from(track.f0)
    .filter((f) => f > 0)
    .sort((a, b) => a - b);
  if (voiced.length === 0) return { medianHz: 0, spreadSemitones: 0, voicedFrames: 0 };
  const at = (q: number) => voiced[Math.min(voiced.length - 1, Math.floor(q * voiced.length))]!;
  return {
    medianHz: at(0.5),
    spreadSemitones: 12 * Math.log2(at(0.75) / at(0.25)),
    voicedFrames: voiced.length,
  };
}

/** Why `pickup` sounds like another voice than `original`, or undefined when it does not. */
export function voiceDifference(original: VoiceStats, pickup: VoiceStats): string | undefined {
  if (original.voicedFrames < MIN_VOICED || pickup.voicedFrames < MIN_VOICED) return undefined;
  const apart = 12 * Math.log2(pickup.medianHz / original.medianHz);
  if (Math.abs(apart) >= PITCH_APART)
    return `another voice? its pitch is ${Math.round(pickup.medianHz)} Hz, the reading's ${Math.round(original.medianHz)} Hz`;
  const ratio = (pickup.spreadSemitones + 0.5) / (original.spreadSemitones + 0.5);
  if (ratio >= SPREAD_APART || ratio <= 1 / SPREAD_APART)
    return `another voice? its pitch moves over ${pickup.spreadSemitones.toFixed(1)} semitones, the reading's over ${original.spreadSemitones.toFixed(1)}`;
  return undefined;
}
