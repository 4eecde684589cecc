import type { EnergyEnvelope } from './energy-envelope.ts';
import { adaptiveThreshold, levelsDb } from './find-pauses.ts';

// Where sound above room tone begins and ends within a stretch of a recording: the room tone at
// the head and tail of a chapter file (ACX asks 0.5-1 s and 1-5 s) is what lies outside it.
// "Above room tone" is the pause detector's threshold (find-pauses.ts), from the recording's own
// noise floor and speech level, held for at least MIN_RUN frames: a lone 10 ms blip (a codec's
// ripple, a click) is no speech, and would otherwise move an edge by a second.

/** 10 ms frames a sound must last to count. */
const MIN_RUN = 5;

export interface SpeechSpan {
  /** First and one-past-last 10 ms frame above room tone, as envelope frame indices. */
  first: number;
  end: number;
}

/** The sound within frames [from, to) of `envelope`, or undefined when all of it is room tone. */
export function speechSpan(
  envelope: EnergyEnvelope,
  from = 0,
  to = envelope.energies.length,
  threshold = adaptiveThreshold(levelsDb(envelope)),
): SpeechSpan | undefined {
  const levels = levelsDb(envelope);
  const stop = Math.min(to, levels.length);
  let first = -1;
  let end = -1;
  let run = 0;
  for (let i = Math.max(0, from); i <= stop; i++) {
    if (i < stop && levels[i]! >= threshold) {
      run++;
      continue;
    }
    if (run >= MIN_RUN) {
      if (first < 0) first = i - run;
      end = i;
    }
    run = 0;
  }
  return first < 0 ? undefined : { first, end };
}

/** Seconds of room tone before the first sound and after the last (the whole length when silent). */
export function edgeRoomTone(envelope: EnergyEnvelope, duration: number): { head: number; tail: number } {
  const span = speechSpan(envelope);
  if (!span) return { head: duration, tail: duration };
  return {
    head: span.first * envelope.frameSeconds,
    tail: Math.max(0, duration - span.end * envelope.frameSeconds),
  };
}
