import type { CueSheet } from '../cue-sheet.ts';
import { EditError } from '../edit/edit-error.ts';
import { placementsOf, sheetOnTimeline } from './place-on-recordings.ts';
import { type Clip, defaultTimeline, type Placement, type Recording } from './timeline.ts';

// The recordings panel's edits: append, remove and reorder recordings. Each returns a new
// production; the sheet's times then follow through the placements (retimed below), so a cue
// stays on its recording's clock wherever that recording moves. A project with its own timeline
// (pickups) keeps its clips: a moved recording takes its clips and the pickups inside them along.

/** The recordings and, when the project has its own, the timeline that plays them. */
export interface Production {
  recordings: Recording[];
  timeline?: Clip[];
}

/** The clips that play: the project's own timeline, or every recording whole, end to end. */
export function clipsOf(production: Production): Clip[] {
  return production.timeline ?? defaultTimeline(production.recordings);
}

/** Appends recordings (each whole, after the last clip). Ids must be new to the project. */
export function appendRecordings(production: Production, added: Recording[]): Production {
  const ids = new Set(production.recordings.map((r) => r.id));
  for (const r of added) if (ids.has(r.id)) throw new EditError(`recording id "${r.id}" is already used`);
  const recordings = [...production.recordings, ...added];
  if (!production.timeline) return { recordings };
  const clips = added.filter((r) => !r.pickup).map((r) => ({ recording: r.id, from: 0, to: r.duration }));
  return { recordings, timeline: [...production.timeline, ...clips] };
}

/** The longest name a recording may be given, characters. */
export const MAX_RECORDING_NAME = 200;

/**
 * Renames recording `id` (the name shown on its clip band and in the Recordings panel, and a
 * no-script export's chapter title): `title` trimmed; empty gives back its file name (no title).
 * The same name back returns `production` itself (no edit). EditError: no such recording, or a
 * name over MAX_RECORDING_NAME characters.
 */
export function renameRecording(production: Production, id: string, title: string): Production {
  const recording = production.recordings.find((r) => r.id === id);
  if (!recording) throw new EditError(`no recording "${id}"`);
  const name = title.trim();
  if (name.length > MAX_RECORDING_NAME)
    throw new EditError(`a recording's name is at most ${MAX_RECORDING_NAME} characters`);
  if ((recording.title ?? '') === name) return production;
  const recordings = production.recordings.map((r) => {
    if (r.id !== id) return r;
    const { title: _t, ...rest } = r;
    return name ? { ...rest, title: name } : rest;
  });
  return { ...production, recordings };
}

/** Takes a recording off the project (its cues become unplaced until the removal is undone). */
export function removeRecording(production: Production, id: string): Production {
  const recordings = production.recordings.filter((r) => r.id !== id);
  if (recordings.length === production.recordings.length) throw new EditError(`no recording "${id}"`);
  if (production.recordings.find((r) => r.id === id)?.pickup)
    throw new EditError('a pickup is taken out with Undo, or with cuewright pickup PROJECT --undo ID');
  if (recordings.filter((r) => !r.pickup).length === 0)
    throw new EditError('a project needs at least one recording: add another before removing this one');
  if (!production.timeline) return { recordings };
  const timeline = production.timeline
    .filter((c) => c.recording !== id)
    .map((c) => {
      if (c.roomTone?.recording !== id) return c;
      const { roomTone: _gone, ...rest } = c;
      return rest;
    });
  if (timeline.length === 0) throw new EditError('a project needs at least one clip that plays');
  return { recordings, timeline };
}

/**
 * Moves a recording to `index` in running order (0 first; clamped to the list). With the
 * project's own timeline, each clip belongs to the non-pickup recording it follows (a pickup
 * sits inside the reading it replaces) and the clips are regrouped in the new order.
 */
export function moveRecording(production: Production, id: string, index: number): Production {
  const from = production.recordings.findIndex((r) => r.id === id);
  if (from < 0) throw new EditError(`no recording "${id}"`);
  const to = Math.max(0, Math.min(production.recordings.length - 1, index));
  if (to === from) return production;
  const recordings = [...production.recordings];
  recordings.splice(to, 0, ...recordings.splice(from, 1));
  if (!production.timeline) return { recordings };
  const rank = new Map(recordings.map((r, i) => [r.id, i]));
  const pickups = new Set(recordings.filter((r) => r.pickup).map((r) => r.id));
  let owner = production.timeline[0]?.recording ?? '';
  const owned = production.timeline.map((clip, i) => {
    if (!pickups.has(clip.recording)) owner = clip.recording;
    return { clip, owner: rank.get(owner) ?? 0, i };
  });
  owned.sort((a, b) => a.owner - b.owner || a.i - b.i);
  return { recordings, timeline: owned.map((o) => o.clip) };
}

/**
 * The sheet and placements after the production changed from `before` to `after`: everything is
 * placed on its recording through the old clips (what the sheet's times meant), then its time on
 * the new production derived through the new ones. Unplaced things keep their old placements.
 */
export function retime(
  sheet: CueSheet,
  placements: Placement[],
  before: Production,
  after: Production,
): { sheet: CueSheet; placements: Placement[] } {
  const placed = placementsOf(sheet, clipsOf(before), placements);
  return { sheet: sheetOnTimeline(sheet, placed, clipsOf(after)), placements: placed };
}
