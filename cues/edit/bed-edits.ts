import { type Bed, type CueSheet, MAX_SECONDS } from '../cue-sheet.ts';
import { fnv1a } from '../text/hash.ts';
import { EditError } from './edit-error.ts';

export const DEFAULT_BED_GAIN_DB = -14;
export const DEFAULT_BED_DUCK_DB = -14;

/** How a bed is placed: a sound effect is never ducked; `cueId` links it to its script cue. */
export interface BedPlacing {
  sfx?: boolean;
  cueId?: string;
}

/** Adds `path` as a bed at `start` (the playhead), at the default level and ducking. */
export function addBed(sheet: CueSheet, path: string, start: number, placing: BedPlacing = {}): CueSheet {
  const beds = sheet.beds ?? [];
  const taken = new Set(beds.map((b) => b.id));
  let id = `bed-${fnv1a(path)}`;
  for (let n = 2; taken.has(id); n++) id = `bed-${fnv1a(path)}-${n}`;
  const bed: Bed = {
    id,
    path,
    start: toMillisecond(Math.min(MAX_SECONDS, Math.max(0, start))),
    gainDb: DEFAULT_BED_GAIN_DB,
    duckDb: DEFAULT_BED_DUCK_DB,
    ...(placing.sfx ? { sfx: true as const, gainDb: 0 } : {}),
    ...(placing.cueId ? { cueId: placing.cueId } : {}),
  };
  return { ...sheet, beds: [...beds, bed] };
}

/**
 * Places `path` for a script's sound or music cue, at the cue's time: an `sfx` cue becomes an
 * effect at full level, never ducked; a `music` cue a bed ducked under speech. A file already
 * picked for the cue is replaced (one sound per cue).
 */
export function placeCueSound(sheet: CueSheet, cueId: string, path: string): CueSheet {
  const cue = sheet.cues.find((c) => c.id === cueId);
  if (!cue) throw new EditError(`no cue "${cueId}"`);
  if (cue.kind !== 'sfx' && cue.kind !== 'music')
    throw new EditError('only a sound or music cue ([SFX: …], [MUSIC: …]) takes a picked sound');
  if (cue.start === undefined) throw new EditError('this cue has no time yet: align the script first');
  const others = { ...sheet, beds: (sheet.beds ?? []).filter((b) => b.cueId !== cueId) };
  return addBed(others, path, cue.start, { sfx: cue.kind === 'sfx', cueId });
}

/** A change to a bed's numbers; `loop: false` turns looping off. */
export type BedChange = Partial<Omit<Bed, 'id' | 'path' | 'loop'>> & { loop?: boolean };

export function updateBed(sheet: CueSheet, id: string, change: BedChange): CueSheet {
  const beds = sheet.beds ?? [];
  const index = beds.findIndex((b) => b.id === id);
  if (index < 0) throw new EditError(`no music bed "${id}"`);
  const next = { ...beds[index]!, ...change };
  // Within what the schema accepts, so a typed value never makes the project unsaveable.
  next.start = toMillisecond(Math.min(MAX_SECONDS, Math.max(0, next.start)));
  next.gainDb = Math.min(12, Math.max(-60, next.gainDb));
  next.duckDb = Math.min(0, Math.max(-60, next.duckDb));
  if (next.offset !== undefined) next.offset = toMillisecond(Math.min(MAX_SECONDS, Math.max(0, next.offset)));
  if (next.length !== undefined)
    next.length = toMillisecond(Math.min(MAX_SECONDS, Math.max(0.05, next.length)));
  if (next.fadeIn !== undefined) next.fadeIn = toMillisecond(Math.min(MAX_SECONDS, Math.max(0, next.fadeIn)));
  if (next.fadeOut !== undefined)
    next.fadeOut = toMillisecond(Math.min(MAX_SECONDS, Math.max(0, next.fadeOut)));
  // `loop: false` means no loop: the schema only holds `true`.
  const { loop, ...rest } = next;
  const copy = beds.slice();
  copy[index] = loop ? { ...rest, loop: true } : rest;
  return { ...sheet, beds: copy };
}

export function removeBed(sheet: CueSheet, id: string): CueSheet {
  const beds = sheet.beds ?? [];
  if (!beds.some((b) => b.id === id)) throw new EditError(`no music bed "${id}"`);
  return { ...sheet, beds: beds.filter((b) => b.id !== id) };
}

/** Bed starts come from the playhead (32.372999…): kept to the millisecond, like cue times. */
function toMillisecond(t: number): number {
  return Math.round(t * 1000) / 1000;
}
