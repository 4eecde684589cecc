import { cueAtTime } from '../../cues/cue-at-time.ts';
import { removeBed, updateBed } from '../../cues/edit/bed-edits.ts';
import { renameChapter } from '../../cues/edit/chapter-edits.ts';
import { setCueTimes } from '../../cues/edit/cue-timing.ts';
import { clockTime } from '../../cues/sidecars/timecode.ts';
import type { ProjectView } from '../../src/shared/ipc.ts';
import { bindKeys } from './actions.ts';
import { type ApiClient, connectApi } from './api/api-client.ts';
import { createActions } from './app-actions.ts';
import { Playback } from './playback/playback.ts';
import { ProjectStore } from './state/project-store.ts';
import { ExportDialog } from './views/export-dialog.ts';
import { Inspector } from './views/inspector.ts';
import { PeakLevels } from './views/peak-levels.ts';
import { ScriptPanel } from './views/script-panel.ts';
import { renderToolbar } from './views/toolbar.ts';
import { WaveformView } from './views/waveform-view.ts';

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
    updateBed: (id, change) => store.edit('change music bed', (s) => updateBed(s, id, change)),
    removeBed: (id) => store.edit('remove music bed', (s) => removeBed(s, id)),
  });

  const duration = () => store.project?.audio.duration ?? 0;
  const report = (error: unknown) => store.setStatus((error as Error).message ?? String(error));

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
      const { drawn } = await waveform.load(view.audio.url, levels, view.audio.duration);
      void drawn.then(
        () => performance.mark('cuewright:waveform-drawn'),
        (error: unknown) => report(error),
      );
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

  const actions = createActions({
    api,
    store,
    playback,
    waveform,
    exportDialog,
    openView,
    pickCue,
    report,
    duration,
  });
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
