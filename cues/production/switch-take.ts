import type { CueSheet } from '../cue-sheet.ts';
import { EditError } from '../edit/edit-error.ts';
import { type LineTake, takeReview } from './pick-takes.ts';
import { placementsOf, sheetOnTimeline } from './place-on-recordings.ts';
import { takeClip } from './place-takes.ts';
import { type Clip, type Placement, placeClips, toRecordingTime } from './timeline.ts';

// Comping an assembled drama: a line's picked take swapped for another of its takes. The clip
// that played the line now plays the other take (its gap before kept), the line's placement moves
// onto that take's words, and every later line follows on the timeline; the review flag of the
// take left goes with it, the new take's own comes (switchedReview).

/** What the swap needs of a take: where its words lie on its recording (seconds). */
export interface TakeSpan {
  recording: string;
  start: number;
  end: number;
  complete: boolean;
}

/** What the swap needs of a line's takes (`takes` in a project file). */
export interface LineTakes {
  cue: string;
  takes: TakeSpan[];
  pick?: number;
}

/**
 * The index of the next complete take after the picked one (`direction` 1) or before it (-1),
 * going round; undefined when the line has no other complete take.
 */
export function stepTake(line: LineTakes, direction: 1 | -1): number | undefined {
  const n = line.takes.length;
  const from = line.pick ?? (direction === 1 ? -1 : n);
  for (let k = 1; k <= n; k++) {
    const i = (((from + direction * k) % n) + n) % n;
    if (i !== line.pick && line.takes[i]!.complete) return i;
  }
  return undefined;
}

/** What a swap gives: the timeline, the placements and the sheet with the line on its new take. */
export interface SwappedTake {
  clips: Clip[];
  placements: Placement[];
  sheet: CueSheet;
}

/**
 * Plays take `index` of `line` instead of its pick. `durations` gives each recording's length
 * (seconds). EditError when the line is not on the timeline (no take was picked, or its clip was
 * taken out) or the index names no take.
 */
export function swapTake(
  sheet: CueSheet,
  clips: Clip[],
  placements: Placement[],
  line: LineTakes,
  index: number,
  durations: ReadonlyMap<string, number>,
): SwappedTake {
  const take = line.takes[index];
  if (!take) throw new EditError(`the line has no take ${index + 1} (it has ${line.takes.length})`);
  const cue = sheet.cues.find((c) => c.id === line.cue);
  if (!cue) throw new EditError(`no cue ${line.cue} in the script`);
  const at = cue.start === undefined ? undefined : toRecordingTime(placeClips(clips), cue.start);
  if (!at) throw new EditError('the line is not on the timeline (no take plays it): nothing to swap');
  const duration = durations.get(take.recording);
  if (duration === undefined) throw new EditError(`take ${index + 1} is in a recording the project lacks`);
  const placed = placementsOf(sheet, clips, placements);
  const old = clips[at.clip]!;
  const swapped = takeClip({ ...take, duration }, old.gapBefore ?? 0);
  const nextClips = clips.map((c, i) => (i === at.clip ? { ...c, ...swapped } : c));
  const nextPlacements = placed.map((p) =>
    p.kind === 'cue' && p.id === line.cue
      ? { ...p, recording: take.recording, start: take.start, end: take.end }
      : p,
  );
  return {
    clips: nextClips,
    placements: nextPlacements,
    sheet: sheetOnTimeline(sheet, nextPlacements, nextClips),
  };
}

/** What the review of a switch needs of a line: its takes as heard, and the pick's review. */
export interface ReviewedLine {
  cue: string;
  takes: Array<Pick<LineTake, 'fit' | 'words' | 'of'>>;
  /** The review assemble gave the take that plays now (absent: it was trusted). */
  review?: string;
}

/**
 * The review flag after `line` switched to take `index`: the flag that belonged to the take left
 * (the line's `review`) goes with it, and the new take brings its own (pick-takes.ts takeReview),
 * also onto a line the producer had confirmed. A flag of another origin on the cue stays.
 *
 * @returns the sheet with the cue's `review` so, and the line's new `review` (undefined: trusted)
 */
export function switchedReview(
  sheet: CueSheet,
  line: ReviewedLine,
  index: number,
): { sheet: CueSheet; review: string | undefined } {
  const take = line.takes[index];
  if (!take) throw new EditError(`the line has no take ${index + 1} (it has ${line.takes.length})`);
  const review = takeReview(take);
  const cues = sheet.cues.map((cue) => {
    if (cue.id !== line.cue) return cue;
    if (cue.review !== undefined && cue.review !== line.review) return cue;
    const { review: _old, ...rest } = cue;
    return review ? { ...rest, review } : rest;
  });
  return { sheet: { ...sheet, cues }, review };
}
