import { dramaLanes } from '../../../cues/production/drama-lanes.ts';
import { clipLane, laneStrips } from '../playback/lane-strips.ts';
import type { Playback } from '../playback/playback.ts';
import { setLane } from '../state/lane-settings.ts';
import type { ProjectStore } from '../state/project-store.ts';
import { setLevelling } from '../state/sound-edits.ts';
import type { DramaLaneView } from '../views/drama-lane-view.ts';

// A drama's lane mixer wired up: the headers' controls change the project's `lanes` (one undo
// step each), the headers show them, and the preview plays every line through its lane's strip,
// each dialogue lane levelled as the export levels it (measured again whenever the picks change)
// while the drama's "Level the dialogue" is on (its `levelDialogue`, switched over the headers or
// in the export dialog, one undo step); off, the preview plays the lanes as recorded, as the export does.

/** A dialogue lane's levelling as the export gives it (the back end's dramaLevels). */
export interface LaneLevelling {
  lane: string;
  gainDb: number;
  measured: number | null;
  clamped: boolean;
}

/**
 * Binds the lanes' headers and the preview to the store's `lanes` (after every change, undo
 * included). `measure` asks for the export's levelling of the drama as it is now (absent: the
 * preview plays the lanes unlevelled); `report` hears a failed measurement.
 */
export function bindLaneMixer(
  store: ProjectStore,
  playback: Playback,
  view: DramaLaneView,
  measure?: () => Promise<LaneLevelling[]>,
  report?: (error: unknown) => void,
): void {
  const drama = () => store.hasProject && store.doc.takes !== undefined;
  playback.laneOfClip = (clip) => (drama() ? clipLane(clip, store.sheet.cues) : undefined);
  view.onLaneChange = (lane, change) => {
    setLane(store, lane, change);
  };
  view.onLevelling = (on) => {
    setLevelling(store, on);
  };
  let levels: LaneLevelling[] = [];
  /** The project and picks the levels were measured for (a new measurement when they change). */
  let measuredFor: string | undefined;
  /** Counts projects opened: a measurement of the one before is dropped. */
  let generation = 0;
  /** One measurement at a time (a pass over every take): T pressed five times measures twice. */
  let measuring = false;
  const wanted = () =>
    `${generation}:${JSON.stringify(store.doc.takes!.map((line) => [line.cue, line.pick ?? null]))}`;
  const remeasure = () => {
    if (measuring || !drama() || !measure) return;
    const key = wanted();
    if (key === measuredFor) return;
    measuring = true;
    void measure()
      .then((measured) => {
        if (!drama() || key !== wanted()) return;
        measuredFor = key;
        levels = measured;
        apply();
      })
      .catch((error: unknown) => {
        // Not asked again for the same picks (the failure is said once).
        measuredFor = key;
        report?.(error);
      })
      .finally(() => {
        measuring = false;
        remeasure();
      });
  };
  const apply = () => {
    const lanes = drama() ? (store.doc.lanes ?? {}) : {};
    const levelled = !drama() || store.doc.levelDialogue !== false;
    view.showMix(lanes);
    view.showLevelling(levelled);
    view.showLevels(levels, levelled);
    const gains = new Map(levelled ? levels.map((l) => [l.lane, l.gainDb]) : []);
    playback.setLanes(drama() ? laneStrips(dramaLanes(store.sheet.cues), lanes, gains) : new Map());
  };
  store.subscribe((change) => {
    if (change !== 'project' && change !== 'sheet') return;
    if (change === 'project') {
      levels = [];
      measuredFor = undefined;
      generation++;
    }
    apply();
    remeasure();
  });
}
