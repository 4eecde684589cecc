import {
  appendRecordings,
  moveRecording,
  removeRecording,
  renameRecording,
} from '../../../cues/production/recording-edits.ts';
import { fileNameOf } from '../../../src/shared/file-name-of.ts';
import type { ApiArg } from '../../../src/shared/ipc.ts';
import type { ApiClient } from '../api/api-client.ts';
import { applyAlignment } from '../app-actions.ts';
import { recordingName } from '../playback/production-layout.ts';
import type { ProjectStore } from '../state/project-store.ts';

// What the recordings panel and its commands do: each change of the recordings is one edit of the
// store (undoable, autosaved like any edit); files are opened by the back end first, so a file
// that is not audio changes nothing.

export function recordingActions(
  api: ApiClient,
  store: ProjectStore,
  /** The recordings as edited, for the back end (session/production-view.ts payload). */
  payload: () => ApiArg<'alignRecordings'>['production'],
) {
  /** An id no recording of this session has used (a removed one may come back with undo). */
  const freshId = (taken: Set<string>) => {
    let n = store.recordings.size + 1;
    while (taken.has(`rec-${n}`)) n++;
    taken.add(`rec-${n}`);
    return `rec-${n}`;
  };

  return {
    /** "Add recordings…": picks one or more audio files and appends them in the order picked. */
    async add(): Promise<void> {
      const paths = await api.call('pickRecordings');
      if (paths.length === 0) return;
      const opened = await api.call('openRecordings', { paths });
      const taken = new Set([...store.recordings.keys(), ...store.production.recordings.map((r) => r.id)]);
      const added = opened.map((view) => ({ ...view, id: freshId(taken) }));
      for (const view of added) store.recordings.set(view.id, view);
      const names = added.map((r) => recordingName(r)).join(', ');
      store.editProduction(
        `add ${added.length === 1 ? 'recording' : `${added.length} recordings`} ${names}`,
        (p) =>
          appendRecordings(
            p,
            added.map(({ id, path, size, duration }) => ({ id, path, size, duration })),
          ),
      );
    },

    /** "Align across recordings": the whole script over the recordings in running order, one undo step. */
    async align(): Promise<void> {
      store.setStatus(`aligning the script across ${store.production.recordings.length} recordings…`);
      const times = await api.call('alignRecordings', { sheet: store.sheet, production: payload() });
      applyAlignment(store, 'align across recordings', times);
    },

    /**
     * "Replace with pickup…": the selected cues' re-recording, picked, aligned and dropped in by
     * the back end (as `cuewright pickup`); the result is one undoable edit here.
     */
    async pickup(): Promise<void> {
      const cueIds = store.selection.cueIds;
      if (cueIds.length === 0)
        return store.refuse('select the cues the pickup replaces first (shift-click to select a range)');
      const path = await api.call('pick', { purpose: 'audio' });
      if (!path) return;
      store.setStatus(`aligning the pickup of ${cueIds.length} cue${cueIds.length === 1 ? '' : 's'}…`);
      const done = await api.call('replaceWithPickup', {
        sheet: store.sheet,
        production: payload(),
        path,
        cueIds,
      });
      const { recording } = done;
      store.recordings.set(recording.id, recording);
      const { id, size, duration, title } = recording;
      store.replaceDoc(
        `replace ${cueIds.length} cue${cueIds.length === 1 ? '' : 's'} with pickup ${recordingName(recording)}`,
        {
          sheet: done.sheet,
          production: {
            recordings: [
              ...store.production.recordings,
              {
                id,
                path: recording.path,
                size,
                duration,
                ...(title !== undefined ? { title } : {}),
                pickup: true,
              },
            ],
            timeline: done.timeline,
          },
          placements: done.placements,
          pickups: done.pickups,
        },
      );
    },

    remove(id: string): void {
      const name = recordingName(store.recordings.get(id) ?? { path: id });
      store.editProduction(`remove recording ${name}`, (p) => removeRecording(p, id));
    },

    /** Renames a recording (empty: its file name again); one undoable edit, saved with the project. */
    rename(id: string, title: string): void {
      const recording = store.production.recordings.find((r) => r.id === id);
      const before = recordingName({
        path: recording?.path ?? id,
        ...(recording?.title ? { title: recording.title } : {}),
      });
      const after = (title.trim() || fileNameOf(recording?.path)) ?? id;
      store.editProduction(`rename recording ${before} to ${after}`, (p) => renameRecording(p, id, title));
    },

    move(id: string, index: number): void {
      const name = recordingName(store.recordings.get(id) ?? { path: id });
      store.editProduction(`move recording ${name}`, (p) => moveRecording(p, id, index));
    },
  };
}

export type RecordingActions = ReturnType<typeof recordingActions>;
