import { dramaLanes } from '../../../cues/production/drama-lanes.ts';
import { clipLane, laneStrips } from '../playback/lane-strips.ts';
import type { Playback } from '../playback/playback.ts';
import { setLane } from '../state/lane-settings.ts';
import type { ProjectStore } from '../state/project-store.ts';
import type { DramaLaneView } from '../views/drama-lane-view.ts';

// A drama's lane mixer wired up: the headers' controls change the project's `lanes` (one undo
// step each), the headers show them, and the preview plays every line through its lane's strip.

/** Binds the lanes' headers and the preview to the store's `lanes` (after every change, undo included). */
export function bindLaneMixer(store: ProjectStore, playback: Playback, view: DramaLaneView): void {
  const drama = () => store.hasProject && store.doc.takes !== undefined;
  playback.laneOfClip = (clip) => (drama() ? clipLane(clip, store.sheet.cues) : undefined);
  view.onLaneChange = (lane, change) => {
    setLane(store, lane, change);
  };
  store.subscribe((change) => {
    if (change !== 'project' && change !== 'sheet') return;
    const lanes = drama() ? (store.doc.lanes ?? {}) : {};
    view.showMix(lanes);
    playback.setLanes(drama() ? laneStrips(dramaLanes(store.sheet.cues), lanes) : new Map());
  });
}
