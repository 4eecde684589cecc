import type { Cue, CueSheet } from '../cue-sheet.ts';
import { cueIndex } from './cue-timing.ts';

/** Below this an aligned cue is worth a listen; hand-placed or confirmed cues carry 1. */
export const REVIEW_BELOW = 0.6;

export function needsReview(cue: Cue, threshold = REVIEW_BELOW): boolean {
  return cue.confidence !== undefined && cue.confidence < threshold;
}

/** The next cue to review after `afterId` (wrapping round), or undefined when none is left. */
export function nextToReview(sheet: CueSheet, afterId?: string, threshold = REVIEW_BELOW): Cue | undefined {
  const from = afterId ? cueIndex(sheet, afterId) + 1 : 0;
  const n = sheet.cues.length;
  for (let k = 0; k < n; k++) {
    const cue = sheet.cues[(from + k) % n]!;
    if (needsReview(cue, threshold)) return cue;
  }
  return undefined;
}

/** The producer listened and the placement is right. */
export function confirmCue(sheet: CueSheet, id: string): CueSheet {
  const index = cueIndex(sheet, id);
  const cues = sheet.cues.slice();
  cues[index] = { ...cues[index]!, confidence: 1 };
  return { ...sheet, cues };
}
