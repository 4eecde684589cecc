import { clipsOf } from '../../../cues/production/recording-edits.ts';
import { stepTake, swapTake, switchedReview } from '../../../cues/production/switch-take.ts';
import type { LineTakesEntry } from '../../../src/project/takes-schema.ts';
import type { ProjectStore } from './project-store.ts';

// Comping a drama assembled from takes: the line selected plays another of its takes (T the next
// complete one, Shift+T the one before, or a take clicked in the inspector's list), each switch
// one undo step that carries the timeline, the placements, the sheet, the pick and the line's
// review flag (the take left takes its flag along; the new take's own is set) together.

/** The takes of a line, when the open project is a drama assembled from takes and lists it. */
export function takesOfLine(store: ProjectStore, cueId: string): LineTakesEntry | undefined {
  return store.hasProject ? store.doc.takes?.find((line) => line.cue === cueId) : undefined;
}

/** Plays take `index` of the line; false (and said) when it cannot, or it plays already. */
export function pickTake(store: ProjectStore, cueId: string, index: number): boolean {
  const line = takesOfLine(store, cueId);
  if (!line) {
    store.refuse('this cue has no takes (only the lines of a drama assembled from takes have)');
    return false;
  }
  if (line.pick === index) return false;
  return store.editDoc(`switch to take ${index + 1} of ${line.takes.length}`, (doc) => {
    const durations = new Map(doc.production.recordings.map((r) => [r.id, r.duration]));
    const swapped = swapTake(doc.sheet, clipsOf(doc.production), doc.placements, line, index, durations);
    // The old take's review flag goes with it; the new take brings its own (undo gives it back).
    const flagged = switchedReview(swapped.sheet, line, index);
    const { review: _old, ...rest } = line;
    const switched = { ...rest, pick: index, ...(flagged.review ? { review: flagged.review } : {}) };
    return {
      ...doc,
      sheet: flagged.sheet,
      production: { ...doc.production, timeline: swapped.clips },
      placements: swapped.placements,
      takes: doc.takes!.map((l) => (l === line ? switched : l)),
    };
  });
}

/** The selected line plays its next complete take (`direction` 1) or the one before (-1). */
export function stepSelectedTake(store: ProjectStore, direction: 1 | -1): boolean {
  const cueId = store.selection.cueIds[0];
  if (!cueId) {
    store.refuse('select a line first (click it in the script or on the timeline)');
    return false;
  }
  const line = takesOfLine(store, cueId);
  if (!line) {
    store.refuse('this cue has no takes (only the lines of a drama assembled from takes have)');
    return false;
  }
  const next = stepTake(line, direction);
  if (next === undefined) {
    store.refuse(
      line.takes.some((t) => t.complete)
        ? 'this line has no other complete take'
        : 'this line has no complete take: it is missing',
    );
    return false;
  }
  return pickTake(store, cueId, next);
}
