import type { LaneSettings } from '../../../src/project/lanes-schema.ts';
import type { LaneChange } from '../views/drama-lane-view.ts';
import type { ProjectStore } from './project-store.ts';

// A drama's mixer per lane, edited in the lanes' headers: each change of gain, pan, mute or solo
// is one undo step of the document, saved in the project's `lanes` field (src/project/lanes-schema.ts).
// Defaults are not stored: 0 dB, centre, unmuted, not soloed leave the lane out of the field.

/** The lane's settings after `change`, defaults dropped (undefined: nothing left to store). */
export function changedLane(
  settings: LaneSettings | undefined,
  change: LaneChange,
): LaneSettings | undefined {
  const next: LaneSettings = { ...settings };
  if ('gainDb' in change) {
    const db = Math.round(change.gainDb * 10) / 10;
    if (db === 0) delete next.gainDb;
    else next.gainDb = db;
  }
  if ('pan' in change) {
    const pan = Math.round(change.pan * 100) / 100;
    if (pan === 0) delete next.pan;
    else next.pan = pan;
  }
  if ('mute' in change) {
    if (change.mute) next.mute = true;
    else delete next.mute;
  }
  if ('solo' in change) {
    if (change.solo) next.solo = true;
    else delete next.solo;
  }
  return Object.keys(next).length > 0 ? next : undefined;
}

/** What the undo menu says of a change to `lane`. */
function labelOf(lane: string, change: LaneChange): string {
  if ('gainDb' in change) return `set ${lane} gain to ${Math.round(change.gainDb * 10) / 10} dB`;
  if ('pan' in change)
    return change.pan === 0
      ? `pan ${lane} centre`
      : `pan ${lane} ${Math.round(Math.abs(change.pan) * 100)}% ${change.pan < 0 ? 'left' : 'right'}`;
  if ('mute' in change) return `${change.mute ? 'mute' : 'unmute'} ${lane}`;
  return `${change.solo ? 'solo' : 'unsolo'} ${lane}`;
}

/** Changes one lane's mixer as one undo step; false when it is so already (no step). */
export function setLane(store: ProjectStore, lane: string, change: LaneChange): boolean {
  if (!store.hasProject) return false;
  const lanes = store.doc.lanes ?? {};
  const next = changedLane(lanes[lane], change);
  if (JSON.stringify(next ?? {}) === JSON.stringify(lanes[lane] ?? {})) return false;
  return store.editDoc(labelOf(lane, change), (doc) => {
    const { [lane]: _old, ...rest } = doc.lanes ?? {};
    return { ...doc, lanes: next ? { ...rest, [lane]: next } : rest };
  });
}
