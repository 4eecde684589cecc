import { addBed } from '../../cues/edit/bed-edits.ts';
import { addChapterAt, removeChapter } from '../../cues/edit/chapter-edits.ts';
import { applyCueTimes, nudgeCue, snapCueToPauses } from '../../cues/edit/cue-timing.ts';
import { confirmCue, needsReview, nextToReview, reviewPosition } from '../../cues/edit/review.ts';
import { mergeWithNext, splitCue } from '../../cues/edit/split-merge.ts';
import { markSung } from '../../cues/edit/sung-sections.ts';
import type { ProjectView } from '../../src/shared/ipc.ts';
import type { Action } from './actions.ts';
import type { ApiClient } from './api/api-client.ts';
import type { Playback } from './playback/playback.ts';
import type { ProjectStore } from './state/project-store.ts';
import type { ExportDialog } from './views/export-dialog.ts';
import type { WaveformView } from './views/waveform-view.ts';

// The app's commands (toolbar, keys, tooltips all come from this table) and the few helpers
// they share. Each command is an edit through the store (one undo step) or a call to the API.

const FINE_NUDGE = 0.01;
const COARSE_NUDGE = 0.1;

export interface ActionContext {
  api: ApiClient;
  store: ProjectStore;
  playback: Playback;
  waveform: WaveformView;
  exportDialog: ExportDialog;
  openView(view: ProjectView): Promise<void>;
  pickCue(id: string, extend: boolean): void;
  report(error: unknown): void;
  duration(): number;
}

export function createActions(ctx: ActionContext): Action[] {
  const { api, store, playback, waveform, exportDialog, openView, pickCue, report, duration } = ctx;
  const selectedId = () => store.selection.cueIds[0];

  async function saveTo(path: string) {
    const saved = await api.call('saveProject', {
      path,
      sheet: store.sheet,
      exportSettings: store.project!.exportSettings,
    });
    store.markSaved(saved.path);
    store.setStatus(`saved ${saved.path}`);
  }

  async function saveAs() {
    const path = await api.call('pick', {
      purpose: 'save-project',
      suggestedName: `${store.sheet.title}.cwproj`,
    });
    if (path) await saveTo(path);
  }

  async function align(cueIds?: string[]) {
    store.setStatus(cueIds ? `re-aligning ${cueIds.length} cues…` : 'aligning every cue…');
    const times = await api.call('align', { sheet: store.sheet, ...(cueIds ? { cueIds } : {}) });
    const label = cueIds ? 're-align range' : 'align';
    if (!store.edit(label, (s) => applyCueTimes(s, times))) return;
    const review = store.sheet.cues.filter((c) => needsReview(c)).length;
    store.setStatus(
      `${label}: ${times.length} cues placed${review > 0 ? `, ${review} to review (press R)` : ''}`,
    );
  }

  function withCue(run: (id: string) => void) {
    const id = selectedId();
    if (!id) store.setStatus('select a cue first (click it in the script or on the timeline)');
    else run(id);
  }

  function selectNeighbour(step: number) {
    const cues = store.sheet.cues;
    const at = cues.findIndex((c) => c.id === selectedId());
    const next = cues[Math.max(0, Math.min(cues.length - 1, at < 0 ? 0 : at + step))];
    if (next) pickCue(next.id, false);
  }

  const nudge = (edge: 'start' | 'end', delta: number) => () =>
    withCue((id) =>
      store.edit(`nudge cue ${edge}`, (s) => nudgeCue(s, id, edge, delta, duration()), {
        coalesce: `nudge:${id}:${edge}:${delta}`,
      }),
    );

  return [
    {
      id: 'new',
      label: 'New project…',
      keys: ['Ctrl+N'],
      toolbar: true,
      run: async () => {
        const scriptPath = await api.call('pick', { purpose: 'script' });
        const audioPath = scriptPath ? await api.call('pick', { purpose: 'audio' }) : null;
        if (scriptPath && audioPath) await openView(await api.call('newProject', { scriptPath, audioPath }));
      },
    },
    {
      id: 'open',
      label: 'Open…',
      keys: ['Ctrl+O'],
      toolbar: true,
      run: async () => {
        const path = await api.call('pick', { purpose: 'project' });
        performance.mark('cuewright:open-requested');
        if (path) await openView(await api.call('openProject', { path }));
      },
    },
    {
      id: 'save',
      label: 'Save',
      keys: ['Ctrl+S'],
      toolbar: true,
      run: async () => {
        const path = store.project?.projectPath;
        return !path || store.project?.isSample ? saveAs() : saveTo(path);
      },
    },
    { id: 'save-as', label: 'Save as…', keys: ['Ctrl+Shift+S'], run: saveAs },
    {
      id: 'relink',
      label: 'Relink audio…',
      keys: [],
      run: async () => {
        const audioPath = await api.call('pick', { purpose: 'audio' });
        if (audioPath) await openView(await api.call('relinkAudio', { audioPath, sheet: store.sheet }));
      },
    },
    { id: 'undo', label: 'Undo', keys: ['Ctrl+Z'], toolbar: true, run: () => store.undo() },
    { id: 'redo', label: 'Redo', keys: ['Ctrl+Shift+Z', 'Ctrl+Y'], toolbar: true, run: () => store.redo() },
    {
      id: 'play',
      label: 'Play / pause',
      keys: ['Space'],
      toolbar: true,
      run: () => {
        playback.stopLooping();
        return playback.toggle();
      },
    },
    {
      id: 'play-cue',
      label: 'Play cue',
      keys: ['Enter'],
      toolbar: true,
      run: () =>
        withCue((id) => {
          const cue = store.sheet.cues.find((c) => c.id === id)!;
          if (cue.start !== undefined && cue.end !== undefined)
            void playback.playRange(cue.start, cue.end).catch(report);
        }),
    },
    {
      id: 'loop-cue',
      label: 'Loop cue',
      keys: ['L'],
      toolbar: true,
      run: () =>
        withCue((id) => {
          const cue = store.sheet.cues.find((c) => c.id === id)!;
          if (playback.looping) return playback.stopLooping();
          if (cue.start !== undefined && cue.end !== undefined)
            void playback.playRange(cue.start, cue.end, true).catch(report);
        }),
    },
    { id: 'prev-cue', label: 'Previous cue', keys: ['ArrowUp'], run: () => selectNeighbour(-1) },
    { id: 'next-cue', label: 'Next cue', keys: ['ArrowDown'], run: () => selectNeighbour(1) },
    {
      id: 'nudge-start-left',
      label: 'Start earlier 10 ms',
      keys: ['ArrowLeft'],
      run: nudge('start', -FINE_NUDGE),
    },
    {
      id: 'nudge-start-right',
      label: 'Start later 10 ms',
      keys: ['ArrowRight'],
      run: nudge('start', FINE_NUDGE),
    },
    {
      id: 'nudge-start-left-coarse',
      label: 'Start earlier 100 ms',
      keys: ['Shift+ArrowLeft'],
      run: nudge('start', -COARSE_NUDGE),
    },
    {
      id: 'nudge-start-right-coarse',
      label: 'Start later 100 ms',
      keys: ['Shift+ArrowRight'],
      run: nudge('start', COARSE_NUDGE),
    },
    {
      id: 'nudge-end-left',
      label: 'End earlier 10 ms',
      keys: ['Alt+ArrowLeft'],
      run: nudge('end', -FINE_NUDGE),
    },
    {
      id: 'nudge-end-right',
      label: 'End later 10 ms',
      keys: ['Alt+ArrowRight'],
      run: nudge('end', FINE_NUDGE),
    },
    {
      id: 'nudge-end-left-coarse',
      label: 'End earlier 100 ms',
      keys: ['Alt+Shift+ArrowLeft'],
      run: nudge('end', -COARSE_NUDGE),
    },
    {
      id: 'nudge-end-right-coarse',
      label: 'End later 100 ms',
      keys: ['Alt+Shift+ArrowRight'],
      run: nudge('end', COARSE_NUDGE),
    },
    {
      id: 'split',
      label: 'Split at playhead',
      keys: ['S'],
      toolbar: true,
      run: () => withCue((id) => store.edit('split cue', (s) => splitCue(s, id, playback.time))),
    },
    {
      id: 'merge',
      label: 'Merge with next',
      keys: ['M'],
      toolbar: true,
      run: () =>
        withCue((id) => store.edit('merge cues', (s) => mergeWithNext(s, store.project!.scriptText, id))),
    },
    {
      id: 'snap',
      label: 'Snap to pauses',
      keys: ['P'],
      toolbar: true,
      run: () =>
        withCue(async (id) => {
          const pauses = await api.call('pauses');
          store.edit('snap to pauses', (s) => snapCueToPauses(s, id, pauses));
        }),
    },
    {
      id: 'chapter',
      label: 'Chapter here',
      keys: ['C'],
      toolbar: true,
      run: () =>
        withCue((id) => {
          const title = prompt('Chapter title', `Chapter ${store.sheet.chapters.length + 1}`);
          if (title !== null) store.edit('add chapter', (s) => addChapterAt(s, id, title));
        }),
    },
    {
      id: 'remove-chapter',
      label: 'Remove chapter marker',
      keys: ['Shift+C'],
      run: () => {
        const chapterId = store.selection.chapterId;
        if (!chapterId) return store.setStatus('click a chapter flag first');
        store.edit('remove chapter', (s) => removeChapter(s, chapterId));
      },
    },
    {
      id: 'sung',
      label: 'Mark as sung',
      keys: ['G'],
      toolbar: true,
      run: () => {
        const cues = store.sheet.cues.filter(
          (c) => store.selection.cueIds.includes(c.id) && c.start !== undefined,
        );
        if (cues.length === 0)
          return store.setStatus('select the sung cues first (shift-click to select a range)');
        store.edit('mark sung', (s) => markSung(s, cues[0]!.start!, cues.at(-1)!.end!));
      },
    },
    {
      id: 'bed',
      label: 'Add music bed…',
      keys: ['B'],
      toolbar: true,
      run: async () => {
        const path = await api.call('pick', { purpose: 'audio' });
        if (path) store.edit('add music bed', (s) => addBed(s, path, playback.time));
      },
    },
    {
      id: 'review',
      label: 'Next to review',
      keys: ['R'],
      toolbar: true,
      run: () => {
        const cue = nextToReview(store.sheet, selectedId());
        if (!cue) return store.setStatus('every cue is confident: nothing to review');
        pickCue(cue.id, false);
        const { index, total, reason } = reviewPosition(store.sheet, cue.id);
        store.setStatus(`review ${index} of ${total}: ${reason} (Y confirms, R goes on)`);
        if (cue.start !== undefined && cue.end !== undefined)
          void playback.playRange(cue.start, cue.end).catch(report);
      },
    },
    {
      id: 'confirm',
      label: 'Confirm cue',
      keys: ['Y'],
      run: () => withCue((id) => store.edit('confirm cue', (s) => confirmCue(s, id))),
    },
    {
      id: 'align-range',
      label: 'Re-align selection',
      keys: ['A'],
      toolbar: true,
      run: () => {
        if (store.selection.cueIds.length === 0) return store.setStatus('select the cues to re-align');
        return align(store.selection.cueIds);
      },
    },
    { id: 'align-all', label: 'Align all', keys: ['Ctrl+Shift+A'], run: () => align() },
    {
      id: 'zoom-in',
      label: 'Zoom in',
      keys: ['=', '+', 'Shift++'],
      toolbar: true,
      run: () => waveform.zoom(waveform.zoomLevel * 1.5),
    },
    {
      id: 'zoom-out',
      label: 'Zoom out',
      keys: ['-'],
      toolbar: true,
      run: () => waveform.zoom(waveform.zoomLevel / 1.5),
    },
    { id: 'export', label: 'Export…', keys: ['Ctrl+E'], toolbar: true, run: () => exportDialog.open() },
  ];
}
