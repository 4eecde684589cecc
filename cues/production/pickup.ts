import type { CueSheet } from '../cue-sheet.ts';
import { InputError } from '../input-error.ts';
import type { Clip, Placement } from './timeline.ts';

// A pickup replaces a run of cues: the clip that holds them is cut in the pauses around the run
// (half of each pause kept on either side, so the rhythm of the reading stays), the pickup's own
// stretch goes in between, and each join overlaps by a short crossfade. The original recording
// and its placements are kept in the edit, so taking the pickup out restores exactly what was.

/** The crossfade at each side of a pickup, seconds: long enough to hide the room tone's change. */
export const PICKUP_CROSSFADE = 0.05;

export interface PickupPlan {
  /** The original recording and where it is cut (its own clock): out before the run, back in after. */
  original: string;
  cutOut: number;
  cutIn: number;
  /** The pickup's stretch that plays (its own clock). */
  from: number;
  to: number;
}

/**
 * Where to cut, from the run's placements on the original (`first`..`last` of `sheetCues`, in
 * order) and on the pickup: the pause before the run and after it is split in half, and the
 * pickup keeps as much pause on each side of its lines as the original had (as far as it has it).
 */
export function planPickup(
  cueIds: string[],
  first: string,
  last: string,
  onOriginal: Placement[],
  onPickup: Placement[],
  durations: { original: number; pickup: number },
): PickupPlan {
  const i = cueIds.indexOf(first);
  const j = cueIds.indexOf(last);
  if (i < 0 || j < 0 || j < i)
    throw new InputError(`the pickup's cues must run from ${first} to ${last}, in order`);
  const placed = new Map(onOriginal.map((p) => [p.id, p]));
  const a = placed.get(first);
  const b = placed.get(last);
  if (!a || !b) throw new InputError('the cues the pickup replaces are not placed on a recording');
  if (a.recording !== b.recording)
    throw new InputError('the cues the pickup replaces lie in two recordings: pick up each part on its own');
  const before = cueIds
    .slice(0, i)
    .map((id) => placed.get(id))
    .filter((p) => p?.recording === a.recording)
    .at(-1);
  const after = cueIds
    .slice(j + 1)
    .map((id) => placed.get(id))
    .find((p) => p?.recording === a.recording);
  const pauseBefore = Math.max(0, a.start - (before?.end ?? before?.start ?? 0));
  const lastEnd = b.end ?? b.start;
  const pauseAfter = Math.max(0, (after?.start ?? durations.original) - lastEnd);
  const mine = new Map(onPickup.map((p) => [p.id, p]));
  const pa = mine.get(first);
  const pb = mine.get(last);
  if (!pa || !pb) throw new InputError('the pickup could not be aligned to its first and last cue');
  const cutOut = a.start - pauseBefore / 2;
  const cutIn = Math.min(durations.original, lastEnd + pauseAfter / 2);
  const from = Math.max(0, pa.start - pauseBefore / 2);
  const to = Math.min(durations.pickup, (pb.end ?? pb.start) + pauseAfter / 2);
  if (!(to > from)) throw new InputError('the pickup holds no audio for those cues');
  return { original: a.recording, cutOut, cutIn, from, to };
}

/** What dropping a pickup in did, to take it out again. */
export interface PickupChange {
  index: number;
  before: Clip[];
  after: Clip[];
}

/**
 * The timeline with the pickup dropped in: the clip of the original holding the cut is split
 * around it. Fails when no clip plays the whole cut.
 */
export function dropInPickup(
  clips: Clip[],
  plan: PickupPlan,
  pickup: string,
  crossfade = PICKUP_CROSSFADE,
): { clips: Clip[]; change: PickupChange } {
  const index = clips.findIndex(
    (c) => c.recording === plan.original && c.from <= plan.cutOut + 1e-9 && c.to >= plan.cutIn - 1e-9,
  );
  if (index < 0) throw new InputError('no clip of the timeline plays the stretch the pickup replaces');
  const clip = clips[index]!;
  const after: Clip[] = [];
  if (plan.cutOut - clip.from > crossfade) after.push({ ...clip, to: plan.cutOut });
  after.push({
    recording: pickup,
    from: plan.from,
    to: plan.to,
    ...(after.length > 0
      ? { gapBefore: -crossfade }
      : clip.gapBefore !== undefined
        ? { gapBefore: clip.gapBefore }
        : {}),
  });
  if (clip.to - plan.cutIn > crossfade)
    after.push({ recording: clip.recording, from: plan.cutIn, to: clip.to, gapBefore: -crossfade });
  return {
    clips: [...clips.slice(0, index), ...after, ...clips.slice(index + 1)],
    change: { index, before: [clip], after },
  };
}

/** The timeline with a pickup taken out; fails when the timeline changed there since. */
export function takeOutPickup(clips: Clip[], change: PickupChange): Clip[] {
  const here = clips.slice(change.index, change.index + change.after.length);
  if (JSON.stringify(here) !== JSON.stringify(change.after))
    throw new InputError('the timeline changed where this pickup is: take out the later edits first');
  return [
    ...clips.slice(0, change.index),
    ...change.before,
    ...clips.slice(change.index + change.after.length),
  ];
}

/** The ids of the cues from `first` to `last` in the sheet's order. */
export function cueRun(sheet: CueSheet, first: string, last: string): string[] {
  const ids = sheet.cues.map((c) => c.id);
  const i = ids.indexOf(first);
  const j = ids.indexOf(last);
  if (i < 0) throw new InputError(`no cue "${first}" in the project`);
  if (j < 0) throw new InputError(`no cue "${last}" in the project`);
  if (j < i) throw new InputError(`cue "${last}" comes before "${first}"`);
  return ids.slice(i, j + 1);
}
