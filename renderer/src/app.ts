import { cueAtTime } from '../../cues/cue-at-time.ts';
import { addBed } from '../../cues/edit/bed-edits.ts';
import { addChapterAt, removeChapter, renameChapter } from '../../cues/edit/chapter-edits.ts';
import { applyCueTimes, nudgeCue, setCueTimes, snapCueToPauses } from '../../cues/edit/cue-timing.ts';
import { confirmCue, needsReview, nextToReview } from '../../cues/edit/review.ts';
import { mergeWithNext, splitCue } from '../../cues/edit/split-merge.ts';
import { markSung } from '../../cues/edit/sung-sections.ts';
import { clockTime } from '../../cues/sidecars/timecode.ts';
import type { ProjectView } from '../../src/shared/ipc.ts';
import { type Action, bindKeys } from './actions.ts';
import { type ApiClient, connectApi } from './api/api-client.ts';
import { Playback } from './playback/playback.ts';
import { ProjectStore } from './state/project-store.ts';
import { ExportDialog } from './views/export-dialog.ts';
import { Inspector } from './views/inspector.ts';
import { PeakLevels } from './views/peak-levels.ts';
import { ScriptPanel } from './views/script-panel.ts';
import { renderToolbar } from './views/toolbar.ts';
import { WaveformView } from './views/waveform-view.ts';

const FINE_NUDGE = 0.01;
const COARSE_NUDGE = 0.1;
const AUTOSAVE_AFTER_MS = 2000;

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;

export interface App {
  api: ApiClient;
  store: ProjectStore;
  playback: Playback;
  waveform: WaveformView;
  ready: Promise<void>;
}

export function startApp(): App {
  const api = connectApi();
  const store = new ProjectStore();
  const playback = new Playback();
  const waveform = new WaveformView($('#waveform'), $('#minimap'), store, playback);
  const script = new ScriptPanel($('#script'), store, (id, extend) => pickCue(id, extend));
  const exportDialog = new ExportDialog($<HTMLDialogElement>('#export-dialog'), api, store);
  new Inspector($('#inspector'), store, {
    setTimes: (id, start, end) =>
      store.edit('set cue times', (s) => setCueTimes(s, id, start, end, duration())),
    renameChapter: (id, title) => store.edit('rename chapter', (s) => renameChapter(s, id, title)),
  });

  const duration = () => store.project?.audio.duration ?? 0;
  const report = (error: unknown) => store.setStatus((error as Error).message ?? String(error));
  const selectedId = () => store.selection.cueIds[0];

  function pickCue(id: string, extend: boolean) {
    const ids =
      extend && store.selection.cueIds.length > 0 ? store.cueRange(store.selection.cueIds[0]!, id) : [id];
    store.select(ids);
    const cue = store.sheet.cues.find((c) => c.id === id);
    if (cue?.start !== undefined && !extend) {
      playback.stopLooping();
      playback.seek(cue.start);
      waveform.reveal(cue.start);
    }
  }

  // --- redraw from the store ---------------------------------------------------------------
  let autosaveTimer: ReturnType<typeof setTimeout> | undefined;
  store.subscribe((change) => {
    if (change === 'project' || change === 'sheet') {
      script.render(store.project!.scriptText, store.sheet, store.selection.cueIds);
      waveform.syncRegions(store.sheet);
      const sheet = store.sheet;
      void playback.beds
        .update(sheet, (path) => api.call('mediaFor', { path }))
        .then(() => sheet === store.sheet && waveform.syncRegions(sheet))
        .catch(report);
      clearTimeout(autosaveTimer);
      if (change === 'sheet') autosaveTimer = setTimeout(() => void autosave(), AUTOSAVE_AFTER_MS);
    }
    if (change === 'selection') waveform.syncRegions(store.sheet);
    $('#status-text').textContent = store.status;
    $('#undo-label').textContent = store.undoLabel ? `Undo: ${store.undoLabel}` : '';
    const name =
      store.project?.projectPath?.split(/[\\/]/).pop() ??
      (store.project?.isSample ? 'Sample production' : 'Untitled');
    document.title = `${store.dirty ? '• ' : ''}${name} — Cuewright`;
  });

  async function autosave() {
    if (!store.hasProject || !store.dirty) return;
    await api.call('autosave', { sheet: store.sheet }).catch(report);
  }

  // --- progress of long tasks -----------------------------------------------------------------
  const taskBar = $<HTMLProgressElement>('#task-progress');
  api.onEvent((event) => {
    if (event.type === 'progress') {
      taskBar.hidden = false;
      taskBar.value = event.fraction;
      $('#task-label').textContent = `${event.phase} ${Math.round(event.fraction * 100)} %`;
    } else if (event.type === 'task-done') {
      taskBar.hidden = true;
      $('#task-label').textContent = '';
    }
  });

  // --- playback follows along -----------------------------------------------------------------
  waveform.wavesurfer.on('timeupdate', (time) => {
    $('#time').textContent = `${clockTime(time)} / ${clockTime(duration())}`;
    if (store.hasProject) script.follow(cueAtTime(store.sheet, time)?.id);
  });
  waveform.wavesurfer.on('play', () => $('#play').classList.add('playing'));
  waveform.wavesurfer.on('pause', () => $('#play').classList.remove('playing'));

  async function openView(view: ProjectView) {
    performance.mark('cuewright:view-received');
    playback.pause();
    store.open(view);
    performance.mark('cuewright:script-shown');
    if (view.audio.missing) {
      store.setStatus(`the audio ${view.audio.path} is missing: use Relink audio to point at its new place`);
    } else {
      const levels = new PeakLevels(
        (samplesPerPixel) => api.call('peaks', { samplesPerPixel }),
        view.audio.sampleRate,
        view.audio.duration * view.audio.sampleRate,
      );
      await waveform.load(view.audio.url, levels, view.audio.duration);
      performance.mark('cuewright:peaks-received');
    }
    $('#time').textContent = `${clockTime(0)} / ${clockTime(view.audio.duration)}`;
    // Marks for the benchmark (open time is measured to the first frame painted with the project).
    await new Promise(requestAnimationFrame);
    performance.mark('cuewright:project-shown');
    if (
      view.recovery &&
      confirm(`Unsaved changes from ${view.recovery.savedAt} were recovered. Open them?`)
    ) {
      await openView(await api.call('recoverProject', { recoveryPath: view.recovery.recoveryPath }));
    }
  }

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

  const actions: Action[] = [
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
  renderToolbar($('#toolbar'), actions, report);
  bindKeys(actions, report);

  const ready = (async () => {
    document.body.classList.add('busy');
    try {
      await openView(await api.call('openSample'));
      store.setStatus('sample production ready: Space plays, click a cue to jump, drag a cue edge to adjust');
    } catch (error) {
      report(error);
    } finally {
      document.body.classList.remove('busy');
      document.body.dataset.ready = 'true';
    }
  })();

  return { api, store, playback, waveform, ready };
}
