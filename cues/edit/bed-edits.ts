import { type Bed, type CueSheet, MAX_SECONDS } from '../cue-sheet.ts';
import { fnv1a } from '../text/hash.ts';
import { EditError } from './edit-error.ts';

export const DEFAULT_BED_GAIN_DB = -14;
export const DEFAULT_BED_DUCK_DB = -14;

export function addBed(sheet: CueSheet, path: string, start: number): CueSheet {
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
  };
  return { ...sheet, beds: [...beds, bed] };
}

export function updateBed(sheet: CueSheet, id: string, change: Partial<Omit<Bed, 'id' | 'path'>>): CueSheet {
  const beds = sheet.beds ?? [];
  const index = beds.findIndex((b) => b.id === id);
  if (index < 0) throw new EditError(`no music bed "${id}"`);
  const next = { ...beds[index]!, ...change };
  // Within what the schema accepts, so a typed value never makes the project unsaveable.
  next.start = toMillisecond(Math.min(MAX_SECONDS, Math.max(0, next.start)));
  next.gainDb = Math.min(12, Math.max(-60, next.gainDb));
  next.duckDb = Math.min(0, Math.max(-60, next.duckDb));
  const copy = beds.slice();
  copy[index] = next;
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
