import { moveClip } from '../../../cues/production/move-line.ts';
import { clipsOf } from '../../../cues/production/recording-edits.ts';
import { MAX_CROSSFADE, placeClips, toRecordingTime } from '../../../cues/production/timeline.ts';
import type { ProjectStore } from './project-store.ts';
import { takesOfLine } from './take-switch.ts';

// A line of a drama assembled from takes dragged along its lane: its take plays later or earlier
// (its clip moves, the next line stays put), one undo step. The words stay on the take: what the
// line says is not changed by where it plays, as it is by a cue's drag on one reading.

/**
 * Moves the drama line `cueId` so it starts at `start` (production seconds). Undefined when the
 * cue is not a line playing a take (the caller moves it as any cue); false when nothing moved.
 */
export function moveLine(store: ProjectStore, cueId: string, start: number): boolean | undefined {
  const line = takesOfLine(store, cueId);
  const cue = store.sheet.cues.find((c) => c.id === cueId);
  if (!line || line.pick === undefined || cue?.start === undefined) return undefined;
  const clips = clipsOf(store.production);
  const at = toRecordingTime(placeClips(clips), cue.start);
  if (!at) return undefined;
  let clamped = false;
  const moved = store.editProduction('move line', (production) => {
    const result = moveClip(clips, at.clip, start - cue.start!);
    clamped = result.clamped;
    return { ...production, timeline: result.clips };
  });
  if (clamped)
    store.refuse(
      `the line stops here: it may come in over the line either side by ${MAX_CROSSFADE} s at most (and not before 0:00)`,
    );
  return moved;
}
