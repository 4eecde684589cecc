import type { Cue, CueSheet } from '../cue-sheet.ts';
import { cueIndex } from './cue-timing.ts';

/** Below this an aligned cue is worth a listen; hand-placed or confirmed cues carry 1. */
export const REVIEW_BELOW = 0.6;

/** A cue to listen to: flagged with a reason by alignment, or scored below the threshold. */
export function needsReview(cue: Cue, threshold = REVIEW_BELOW): boolean {
  return cue.review !== undefined || (cue.confidence !== undefined && cue.confidence < threshold);
}

/** Why a cue is worth a listen, for the review queue. */
export function reviewReason(cue: Cue, threshold = REVIEW_BELOW): string | undefined {
  if (cue.review !== undefined) return cue.review;
  if (cue.confidence !== undefined && cue.confidence < threshold) return 'low confidence';
  return undefined;
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
  const { review: _done, ...cue } = cues[index]!;
  cues[index] = { ...cue, confidence: 1 };
  return { ...sheet, cues };
}

/** Where a cue stands in the review queue: "n of N" and why it is in it. */
export function reviewPosition(
  sheet: CueSheet,
  id: string,
  threshold = REVIEW_BELOW,
): { index: number; total: number; reason: string } {
  const queue = sheet.cues.filter((c) => needsReview(c, threshold));
  const at = queue.findIndex((c) => c.id === id);
  const cue = queue[at];
  return { index: at + 1, total: queue.length, reason: (cue && reviewReason(cue, threshold)) ?? 'confident' };
}
