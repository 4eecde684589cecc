import type { Cue } from '../../cues/cue-sheet.ts';
import { InputError } from '../../cues/input-error.ts';
import { cueRun, dropInPickup, planPickup, takeOutPickup } from '../../cues/production/pickup.ts';
import type { Placement, Recording } from '../../cues/production/timeline.ts';
import type { ProjectFile } from './project-schema.ts';
import { timelineOf, withDerivedTimes } from './project-timeline.ts';

// Pickups on a project: one edit each, undoable. Dropping one in adds its recording (marked a
// pickup), cuts the timeline around the cues it replaces and places those cues on it; the
// original recording and the cues' placements on it are kept in the edit.

export interface PickupTake {
  id: string;
  recording: Recording;
  first: string;
  last: string;
  /** The replaced cues as aligned on the pickup: placements on its clock, with their review flags. */
  aligned: Array<{ cue: Cue; placement: Placement }>;
  /** Gain bringing the pickup to the reading around it, dB. */
  gainDb?: number;
  /** The original's room tone mixed under the pickup at this gain, dB (a quieter room filled up). */
  roomToneDb?: number;
}

export function applyPickup(project: ProjectFile, take: PickupTake): ProjectFile {
  if (project.recordings.some((r) => r.id === take.recording.id))
    throw new InputError(`the project already has a recording "${take.recording.id}"`);
  const ids = project.sheet.cues.map((c) => c.id);
  const run = new Set(cueRun(project.sheet, take.first, take.last));
  const placements = project.placements ?? [];
  const original = placements.find((p) => p.kind === 'cue' && p.id === take.first);
  const duration = project.recordings.find((r) => r.id === original?.recording)?.duration ?? 0;
  const plan = planPickup(
    ids,
    take.first,
    take.last,
    placements.filter((p) => p.kind === 'cue'),
    take.aligned.map((a) => a.placement),
    { original: duration, pickup: take.recording.duration },
  );
  const { clips, change } = dropInPickup(timelineOf(project), plan, take.recording.id);
  const timeline = clips.map((c) =>
    c.recording === take.recording.id
      ? {
          ...c,
          ...(take.gainDb ? { gainDb: take.gainDb } : {}),
          ...(take.roomToneDb !== undefined
            ? { roomTone: { recording: plan.original, gainDb: take.roomToneDb } }
            : {}),
        }
      : c,
  );
  const after = timeline.slice(change.index, change.index + change.after.length);
  const replaced = (p: Placement) => p.kind === 'cue' && run.has(p.id);
  const flags = new Map(take.aligned.map((a) => [a.cue.id, a.cue]));
  const next: ProjectFile = {
    ...project,
    recordings: [...project.recordings, { ...take.recording, pickup: true }],
    timeline,
    placements: [...placements.filter((p) => !replaced(p)), ...take.aligned.map((a) => a.placement)],
    pickups: [
      ...(project.pickups ?? []),
      {
        id: take.id,
        recording: take.recording.id,
        firstCue: take.first,
        lastCue: take.last,
        index: change.index,
        before: change.before,
        after,
        placementsBefore: placements.filter(replaced),
        flagsBefore: project.sheet.cues
          .filter((c) => run.has(c.id))
          .map((c) => ({
            id: c.id,
            ...(c.confidence !== undefined ? { confidence: c.confidence } : {}),
            ...(c.review !== undefined ? { review: c.review } : {}),
          })),
      },
    ],
    sheet: {
      ...project.sheet,
      cues: project.sheet.cues.map((c) => {
        if (!run.has(c.id)) return c;
        const { review: _r, confidence: _c, ...rest } = c;
        const aligned = flags.get(c.id);
        return {
          ...rest,
          ...(aligned?.confidence !== undefined ? { confidence: aligned.confidence } : {}),
          ...(aligned?.review ? { review: aligned.review } : {}),
        };
      }),
    },
  };
  return withDerivedTimes(next);
}

/**
 * The project with pickup `id` taken out: the original plays again, its cues where they were with
 * the review flags and confidence they had before it.
 */
export function removePickup(project: ProjectFile, id: string): ProjectFile {
  const edit = (project.pickups ?? []).find((p) => p.id === id);
  if (!edit) {
    const kept = project.recordings.some((r) => r.id === id && r.pickup);
    throw new InputError(
      kept ? `pickup "${id}" is already taken out (the original plays)` : `the project has no pickup "${id}"`,
    );
  }
  const timeline = takeOutPickup(timelineOf(project), {
    index: edit.index,
    before: edit.before,
    after: edit.after,
  });
  const back = new Set(edit.placementsBefore.map((p) => p.id));
  const flags = new Map((edit.flagsBefore ?? []).map((f) => [f.id, f]));
  return withDerivedTimes({
    ...project,
    sheet: {
      ...project.sheet,
      cues: project.sheet.cues.map((c) => {
        const was = flags.get(c.id);
        if (!was) return c;
        const { review: _r, confidence: _c, ...rest } = c;
        return {
          ...rest,
          ...(was.confidence !== undefined ? { confidence: was.confidence } : {}),
          ...(was.review !== undefined ? { review: was.review } : {}),
        };
      }),
    },
    timeline,
    placements: [
      ...(project.placements ?? []).filter((p) => !(p.kind === 'cue' && back.has(p.id))),
      ...edit.placementsBefore,
    ],
    pickups: (project.pickups ?? []).filter((p) => p.id !== id),
  });
}

/**
 * The project with taken-out pickup `id`'s recording dropped (its file no longer needed). Throws
 * InputError when there is no such pickup, or when it still plays (take it out first, --undo) or
 * an edit still names it.
 */
export function dropPickup(project: ProjectFile, id: string): ProjectFile {
  if (!project.recordings.some((r) => r.id === id && r.pickup))
    throw new InputError(`the project has no pickup "${id}"`);
  const edits = project.pickups ?? [];
  if (edits.some((p) => p.id === id || p.recording === id))
    throw new InputError(`pickup "${id}" plays: take it out first (--undo ${id})`);
  const named = (clips: Array<{ recording: string }>) => clips.some((c) => c.recording === id);
  if (named(project.timeline ?? []) || edits.some((p) => named(p.before) || named(p.after)))
    throw new InputError(`pickup "${id}" is still part of another pickup's edit: undo that one first`);
  return {
    ...project,
    recordings: project.recordings.filter((r) => r.id !== id),
    ...(project.placements ? { placements: project.placements.filter((p) => p.recording !== id) } : {}),
  };
}
