import type { CueSheet } from '../../cues/cue-sheet.ts';
import { spokenText } from '../../cues/spoken-text.ts';
import type { PitchTrack } from '../pitch/pitch-tracker.ts';
import { REVIEW, SQUEEZED_PER_WORD } from './acoustic/place-cues.ts';
import { wordTokens } from './acoustic/script-words.ts';

// The TTS engine's DTW lays a script over any audio: over 50 s of silence, of white noise, or a
// 0.05 s beep it placed every cue with confidence 0.7-0.96 and no flag (a tester's). A cue with
// (almost) no voice in its span, or less time than its words can be said in, cannot be vouched
// for, whatever the path's distance says; the acoustic engine flags such cues itself.

/** Seconds of voiced frames (a pitch found) a cue's span must hold, at most... */
const MIN_VOICED = 0.1;
/** ...or this share of its span, for a short cue. */
const MIN_VOICED_SHARE = 0.25;
/** No word is said in less (seconds): a one-word cue shorter than this was squeezed. */
const SHORTEST_WORD = 0.05;

/**
 * The sheet with each unflagged cue that has words and a span flagged `squeezed` when shorter than
 * SQUEEZED_PER_WORD seconds a word (SHORTEST_WORD for one word), and `no voice heard here` when its span holds less voiced time
 * (`pitch`: YIN's f0 per frame, 0 where unvoiced) than MIN_VOICED s or MIN_VOICED_SHARE of it.
 */
export function flagVoicelessCues(sheet: CueSheet, pitch: PitchTrack): CueSheet {
  const voicedBetween = (start: number, end: number): number => {
    let frames = 0;
    const last = Math.min(pitch.f0.length, Math.ceil(end / pitch.frameSeconds));
    for (let i = Math.max(0, Math.floor(start / pitch.frameSeconds)); i < last; i++)
      if (pitch.f0[i]! > 0) frames++;
    return frames * pitch.frameSeconds;
  };
  const cues = sheet.cues.map((cue) => {
    if (cue.review !== undefined || cue.start === undefined || cue.end === undefined) return cue;
    const words = wordTokens(spokenText(cue)).length;
    if (words === 0) return cue;
    const span = cue.end - cue.start;
    const squeezed = words >= 2 ? span / words < SQUEEZED_PER_WORD : span < SHORTEST_WORD;
    if (squeezed) return { ...cue, review: REVIEW.squeezed };
    if (voicedBetween(cue.start, cue.end) < Math.min(MIN_VOICED, MIN_VOICED_SHARE * span))
      return { ...cue, review: REVIEW.noVoice };
    return cue;
  });
  return { ...sheet, cues };
}
