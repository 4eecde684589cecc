import type { CueSheet } from '../../cues/cue-sheet.ts';
import { spokenText } from '../../cues/spoken-text.ts';
import { REVIEW } from './acoustic/place-cues.ts';
import { wordTokens } from './acoustic/script-words.ts';

// A reader's pace is steady: a spoken cue that takes several times longer per word than the
// recording's typical cue has swallowed something (an ad-lib, a retake, a long gap), and one that
// takes a fraction of it was squeezed. Either engine's placement is checked this way.

/** How far from the typical seconds per word a cue may be before it is flagged. */
const PACE_FACTOR = 3;
/** Shorter cues are left alone: a two-word line's pace says little. */
const MIN_WORDS = 3;

/** The sheet with cues of an implausible pace flagged `stretched` or `squeezed` (others unchanged). */
export function flagOddDurations(sheet: CueSheet): CueSheet {
  const paces = sheet.cues.map((cue) => {
    if (cue.kind === 'lyric' || cue.start === undefined || cue.end === undefined) return undefined;
    const words = wordTokens(spokenText(cue)).length;
    return words >= MIN_WORDS ? (cue.end - cue.start) / words : undefined;
  });
  const known = paces.filter((p): p is number => p !== undefined).sort((a, b) => a - b);
  if (known.length < 3) return sheet;
  const typical = known[known.length >> 1]!;
  const cues = sheet.cues.map((cue, i) => {
    const pace = paces[i];
    if (pace === undefined || cue.review !== undefined) return cue;
    if (pace > typical * PACE_FACTOR) return { ...cue, review: REVIEW.stretched };
    if (pace < typical / PACE_FACTOR) return { ...cue, review: REVIEW.squeezed };
    return cue;
  });
  return { ...sheet, cues };
}
