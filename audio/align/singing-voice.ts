import type { PitchTrack } from '../pitch/pitch-tracker.ts';
import type { Span } from './sung-sections.ts';

// Where a voice sings unaccompanied. sung-sections.ts finds song over music by its lack of pauses;
// a cappella singing breathes between lines like speech, so here the evidence is the pitch: a
// singer holds notes (the smoothed pitch stays within 0.8 semitone for 200 ms and more, vibrato
// included), a speaker glides from syllable to syllable and rarely holds one. The recording is cut into
// phrases at its pauses and each phrase is judged on its share of time spent on held notes;
// runs of sung phrases are the sections, so their edges fall on the pauses around the song.

export interface SungPhrase extends Span {
  /** Share of the phrase's time on held notes. */
  held: number;
}

/** Smoothing half-width (frames): 90 ms evens out vibrato (5-7 Hz) and jitter. */
const SMOOTH = 4;
/** A held note keeps its smoothed pitch within HELD_RANGE semitones for 2·HOLD+1 frames (110 ms). */
const HOLD = 5;
const HELD_RANGE = 0.8;
/** Held centres must run this long (frames) to count: a note, not a pitch passing through. */
const MIN_NOTE_FRAMES = 10;
/** Unvoiced frames that end a phrase: 200 ms (consonants inside a sung line are shorter). */
const PAUSE_FRAMES = 20;
/** A phrase is sung when at least this share of its time is on held notes (sung lines: 0.45-0.85). */
const SUNG_SHARE = 0.4;
/** A phrase between two sung ones stays in the song down to this share (a quicker line). */
const BRIDGE_SHARE = 0.2;
/**
 * Phrases shorter than this are not judged (a few held frames swing their share: eSpeak's short
 * phrases reach 0.48, its longer ones stay under 0.3); they neither start nor break a section.
 */
const MIN_JUDGED_SECONDS = 1.5;
/** Phrases of a section further apart than this start another. */
const MAX_GAP_SECONDS = 2.5;
const MIN_SECTION_SECONDS = 3;

export function detectSinging(track: PitchTrack): Span[] {
  return sungRuns(judgePhrases(track));
}

/** Every phrase of the recording with its held-note share (exposed for tests and tuning). */
export function judgePhrases(track: PitchTrack): SungPhrase[] {
  const step = track.frameSeconds;
  const held = longRuns(heldFrames(track.f0), MIN_NOTE_FRAMES);
  const f0 = track.f0;
  const phrases: SungPhrase[] = [];
  let i = 0;
  while (i < f0.length) {
    if (!(f0[i]! > 0)) {
      i++;
      continue;
    }
    const start = i;
    let last = i;
    let unvoiced = 0;
    for (; i < f0.length && unvoiced < PAUSE_FRAMES; i++) {
      if (f0[i]! > 0) {
        last = i;
        unvoiced = 0;
      } else unvoiced++;
    }
    let count = 0;
    for (let k = start; k <= last; k++) count += held[k]!;
    phrases.push({ start: start * step, end: (last + 1) * step, held: count / (last + 1 - start) });
  }
  return phrases;
}

/** The flags, kept only in runs of at least `length` (a speaker's pitch rests only briefly). */
function longRuns(flags: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(flags.length);
  for (let i = 0; i < flags.length; ) {
    if (!flags[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j < flags.length && flags[j]) j++;
    if (j - i >= length) out.fill(1, i, j);
    i = j;
  }
  return out;
}

/** 1 for frames on a held note. */
function heldFrames(f0: Float32Array): Uint8Array {
  const n = f0.length;
  const semitones = new Float32Array(n).fill(Number.NaN);
  for (let i = 0; i < n; i++) if (f0[i]! > 0) semitones[i] = 12 * Math.log2(f0[i]! / 55);
  // A lone octave slip of the tracker is not a change of note.
  for (let i = 1; i + 1 < n; i++) {
    const [a, b, c] = [semitones[i - 1]!, semitones[i]!, semitones[i + 1]!];
    if (Math.abs(b - a) > 9 && Math.abs(b - c) > 9 && Math.abs(a - c) < 2) semitones[i] = (a + c) / 2;
  }
  const smoothed = new Float32Array(n).fill(Number.NaN);
  for (let i = 0; i < n; i++) {
    if (Number.isNaN(semitones[i]!)) continue;
    let sum = 0;
    let count = 0;
    for (let k = Math.max(0, i - SMOOTH); k <= Math.min(n - 1, i + SMOOTH); k++) {
      const v = semitones[k]!;
      if (!Number.isNaN(v)) {
        sum += v;
        count++;
      }
    }
    if (count > SMOOTH * 1.5) smoothed[i] = sum / count;
  }
  const held = new Uint8Array(n);
  for (let i = HOLD; i + HOLD < n; i++) {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let k = i - HOLD; k <= i + HOLD; k++) {
      const v = smoothed[k]!;
      if (Number.isNaN(v)) {
        hi = Number.POSITIVE_INFINITY;
        break;
      }
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if (hi - lo <= HELD_RANGE) held[i] = 1;
  }
  return held;
}

/**
 * Runs of sung phrases, long enough to be a song. Phrases too short to judge, or a little under
 * the mark, are kept when sung phrases stand on both sides; a section starts and ends on a sung one.
 */
function sungRuns(phrases: SungPhrase[]): Span[] {
  const sections: Span[] = [];
  let run: Span | undefined;
  let lastSung: Span | undefined;
  let lastKept: Span | undefined;
  const close = () => {
    if (run && lastSung) {
      run.end = lastSung.end;
      if (run.end - run.start >= MIN_SECTION_SECONDS) sections.push(run);
    }
    run = lastSung = lastKept = undefined;
  };
  for (const phrase of phrases) {
    const judged = phrase.end - phrase.start >= MIN_JUDGED_SECONDS;
    const sung = judged && phrase.held >= SUNG_SHARE;
    const bridges = !judged || phrase.held >= BRIDGE_SHARE;
    if (lastKept && phrase.start - lastKept.end > MAX_GAP_SECONDS) close();
    if (sung) {
      run ??= { start: phrase.start, end: phrase.end };
      lastSung = lastKept = phrase;
    } else if (bridges) {
      if (run) lastKept = phrase;
    } else close();
  }
  close();
  return sections;
}
