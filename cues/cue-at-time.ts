import type { Cue, CueSheet } from './cue-sheet.ts';

// Sheets are immutable, so the placed cues of one sheet can be kept for the playhead's many lookups.
const PLACED = new WeakMap<CueSheet, Cue[]>();

/**
 * The placed cue playing at `time` (binary search: cues are in timeline order), or the last one
 * started before it when `time` falls in a gap, so the script keeps its place between lines.
 */
export function cueAtTime(sheet: CueSheet, time: number): Cue | undefined {
  let placed = PLACED.get(sheet);
  if (!placed) {
    placed = sheet.cues.filter((c) => c.start !== undefined);
    PLACED.set(sheet, placed);
  }
  let lo = 0;
  let hi = placed.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (placed[mid]!.start! <= time) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found >= 0 ? placed[found] : undefined;
}
