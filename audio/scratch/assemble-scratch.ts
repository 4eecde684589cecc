import { withChapterStarts } from '../../cues/chapter-starts.ts';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import type { PcmAudio } from '../pcm.ts';
import type { Utterance } from './scratch-plan.ts';

export interface SpokenUtterance {
  utterance: Utterance;
  samples: Float32Array;
}

const EDGE_THRESHOLD = 0.003; // about -50 dBFS: where synthesized speech starts and stops
const TAIL_SECONDS = 0.5;

/**
 * Lays the spoken cues end to end with their gaps and returns the audio and the sheet with the
 * exact time of every cue: each cue runs from its first audible sample to its last.
 */
export function assembleScratch(
  sheet: CueSheet,
  spoken: SpokenUtterance[],
  sampleRate: number,
): { audio: PcmAudio; sheet: CueSheet } {
  const trimmed = spoken.map(({ utterance, samples }) => ({ utterance, samples: trimSilence(samples) }));
  const total =
    trimmed.reduce((n, t) => n + Math.round(t.utterance.gapBefore * sampleRate) + t.samples.length, 0) +
    Math.round(TAIL_SECONDS * sampleRate);
  const out = new Float32Array(total);
  const times = new Map<string, { start: number; end: number }>();
  let at = 0;
  for (const { utterance, samples } of trimmed) {
    at += Math.round(utterance.gapBefore * sampleRate);
    out.set(samples, at);
    times.set(utterance.cueId, { start: at / sampleRate, end: (at + samples.length) / sampleRate });
    at += samples.length;
  }
  const cues = sheet.cues.map((cue) => {
    const time = times.get(cue.id);
    return time ? { ...cue, start: round(time.start), end: round(time.end), confidence: 1 } : cue;
  });
  return { audio: { sampleRate, channels: [out] }, sheet: withChapterStarts({ ...sheet, cues }) };
}

export function trimSilence(samples: Float32Array): Float32Array {
  let start = 0;
  let end = samples.length;
  while (start < end && Math.abs(samples[start]!) < EDGE_THRESHOLD) start++;
  while (end > start && Math.abs(samples[end - 1]!) < EDGE_THRESHOLD) end--;
  return samples.subarray(start, end);
}

/** Microsecond precision: exact to well under a sample at any rate, and tidy in JSON. */
function round(seconds: number): number {
  return Math.round(seconds * 1e6) / 1e6;
}
