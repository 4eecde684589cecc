import { cueAtTime } from '../../cues/cue-at-time.ts';
import { removeBed, updateBed } from '../../cues/edit/bed-edits.ts';
import { renameChapter } from '../../cues/edit/chapter-edits.ts';
import { setCueTimesExactly } from '../../cues/edit/cue-timing.ts';
import { unmarkSung } from '../../cues/edit/sung-passages.ts';
import { setSectionTimes } from '../../cues/edit/sung-sections.ts';
import { clipsOf } from '../../cues/production/recording-edits.ts';
import { timelineDuration } from '../../cues/production/timeline.ts';
import { clockTime } from '../../cues/sidecars/timecode.ts';
import { counted } from '../../cues/text/counted.ts';
import type { ProjectView } from '../../src/shared/ipc.ts';
import { type Action, bindKeys, keyName } from './actions.ts';
import { type ApiClient, connectApi } from './api/api-client.ts';
import { applyAlignment, createActions } from './app-actions.ts';
import { mountEditorPanels } from './editor-panels.ts';
import { bindFileDrop } from './files/file-drop.ts';
import type { GoToTarget } from './playback/go-to.ts';
import { OutputMeter } from './playback/output-meter.ts';
import { Playback } from './playback/playback.ts';
import { Transport } from './playback/transport.ts';
import { bindDramaSounds, soundsEnd } from './session/drama-sounds.ts';
import { bindLaneMixer } from './session/lane-mixer.ts';
import { ProductionView } from './session/production-view.ts';
import { recordingActions } from './session/recording-actions.ts';
import { offerRecovery } from './session/recovery-offer.ts';
import { createSaving } from './session/saving.ts';
import { TaskProgress } from './session/task-progress.ts';
import { mayLeave, projectName } from './session/unsaved-guard.ts';
import { ProjectStore } from './state/project-store.ts';
import { AppDialog } from './views/app-dialog.ts';
import { ExportDialog } from './views/export-dialog.ts';
import { Inspector } from './views/inspector.ts';
import { LevelMeter } from './views/level-meter.ts';
import { Notices } from './views/notices.ts';
import { RecordingsPanel } from './views/recordings-panel.ts';
import { ScriptPanel } from './views/script-panel.ts';
import { addSideTab, bindSideTabKeys } from './views/side-tabs.ts';
import { makeSplitter } from './views/splitter.ts';
import { TimeDisplay } from './views/time-display.ts';
import { renderToolbar } from './views/toolbar.ts';
import { renderTransportBar } from './views/transport-bar.ts';
import { renderTransportControls } from './views/transport-controls.ts';
import { WaveformView } from './views/waveform-view.ts';

const AUTOSAVE_AFTER_MS = 2000;

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;

export interface App {
  api: ApiClient;
  store: ProjectStore;
  playback: Playback;
  waveform: WaveformView;
  /** The side area's tabs (views/side-tabs.ts), for panels and tests. */
  addSideTab: typeof addSideTab;
  ready: Promise<void>;
}

export function startApp(): App {
  const api = connectApi();
  const store = new ProjectStore();
  const playback = new Playback();
  playback.beds.peaksFrom = (path) => api.call('bedPeaks', { path });
  playback.roomTone.toneFrom = async (id) => {
    const recording = store.recordings.get(id);
    return recording && !recording.missing ? api.call('roomTone', { path: recording.path }) : null;
  };
  const transport = new Transport(playback);
  const dialog = new AppDialog($<HTMLDialogElement>('#app-dialog'));
  const notices = new Notices($('#notices'));
  // The side area's tabs: Script first; other panels add theirs with addSideTab.
  bindSideTabKeys();
  addSideTab('script', 'Script', $('#script'));
  const waveform = new WaveformView($('#waveform'), $('#minimap'), store, playback);
  // A drama's lanes levelled as its export levels them (measured by the back end, the picks as edited).
  bindLaneMixer(
    store,
    playback,
    waveform.dramaLanes,
    () => api.call('dramaLevels', { sheet: store.sheet, production: production.payload() }),
    (error) => report(error),
  );
  bindDramaSounds(store, playback, waveform.dramaLanes, notices, (error) => report(error));
  const script = new ScriptPanel($('#script'), store, (id, extend) => pickCue(id, extend));
  const exportDialog = new ExportDialog($<HTMLDialogElement>('#export-dialog'), api, store, dialog);
  const inspector = new Inspector($('#inspector'), store, {
    // A typed time is taken exactly or refused with the reason (never bent to fit).
    setTimes: (id, start, end) =>
      store.edit('set cue times', (s) => setCueTimesExactly(s, id, start, end, duration())),
    renameChapter: (id, title) => store.edit('rename chapter', (s) => renameChapter(s, id, title)),
    updateBed: (id, change) => store.edit('change music bed', (s) => updateBed(s, id, change)),
    removeBed: (id) => store.edit('remove music bed', (s) => removeBed(s, id)),
    unmarkSung: (id) => store.edit('unmark sung', (s) => unmarkSung(s, id)),
    setSectionTimes: (id, start, end) =>
      store.edit('move sung passage', (s) => setSectionTimes(s, id, start, end)),
    refuse: (message) => store.refuse(message),
    severalCues: (ids) => panels.severalCues(ids),
  });

  /** The production's length: its recordings end to end (as edited). */
  const duration = () => (store.hasProject ? timelineDuration(clipsOf(store.production)) : 0);
  /** How long it plays: a drama runs on past its last line while its sounds play (its mix does). */
  const played = () => (store.hasProject ? Math.max(duration(), soundsEnd(store)) : 0);
  /** An error: a notice naming the file and the problem until dismissed, and the status line. */
  const report = (error: unknown) => {
    const message = (error as Error)?.message ?? String(error);
    store.setStatus(message);
    notices.show({ id: `error:${message}`, kind: 'error', text: message, dismissable: true });
  };
  const production = new ProductionView({
    api,
    store,
    playback,
    waveform,
    notices,
    report,
    clock: $('#time'),
  });
  const saving = createSaving(api, store, report, () => production.payload());
  // The recordings of the production: a side tab, and the commands Add recordings… / Align across recordings.
  const recordings = recordingActions(api, store, () => production.payload());
  const recordingsPanel = new RecordingsPanel(store, {
    add: () => void recordings.add().catch(report),
    align: () => void recordings.align().catch(report),
    pickup: () => void recordings.pickup().catch(report),
    remove: (id) => recordings.remove(id),
    rename: (id, title) => recordings.rename(id, title),
    move: (id, index) => recordings.move(id, index),
    relink: (id) => void production.relink(id).catch(report),
    jump: (time) => {
      playback.stopLooping();
      playback.seek(time);
      waveform.reveal(time);
    },
  });
  addSideTab('recordings', 'Recordings', recordingsPanel.element);
  // Chapters, Speakers, Cues and Review tabs, the find bar, the multi-cue inspector, context menus.
  const panels = mountEditorPanels({
    store,
    dialog,
    script: $('#script'),
    timeline: $('#timeline'),
    pickCue,
    seek: (time) => {
      playback.stopLooping();
      playback.seek(time);
      waveform.reveal(time);
    },
    actions: () => actions,
    duration,
    report,
  });

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
    // Recordings added, removed or reordered (or that undone): the timeline is laid out again.
    if (change === 'sheet') void production.refresh().catch(report);
    if (change === 'project' || change === 'sheet') {
      script.render(store.project!.scriptText, store.sheet, store.selection.cueIds);
      waveform.syncRegions(store.sheet);
      const sheet = store.sheet;
      void playback.beds
        .update(sheet, (path) => api.call('mediaFor', { path }))
        .then(() => sheet === store.sheet && waveform.syncRegions(sheet))
        .catch(report);
      clearTimeout(autosaveTimer);
      if (change === 'sheet') {
        notices.dismiss('refusal');
        // Back to the saved state (undone): the autosave of the undone work is thrown away, so it
        // is never offered back as unsaved work.
        if (store.dirty) autosaveTimer = setTimeout(() => void autosave(), AUTOSAVE_AFTER_MS);
        else
          void autosaving
            .then(() => (store.dirty ? undefined : api.call('discardRecovery', {})))
            .catch(report);
      }
    }
    if (change === 'selection') {
      waveform.syncRegions(store.sheet);
      // A refusal was about what was selected then.
      notices.dismiss('refusal');
    }
    if (change === 'refused') {
      // The view goes back to what the sheet says (a region dragged, a flag moved) and says why.
      if (store.hasProject) waveform.syncRegions(store.sheet);
      notices.show({ id: 'refusal', kind: 'info', text: store.refusal, dismissable: true });
    }
    $('#status-text').textContent = store.status;
    $('#undo-label').textContent = store.undoLabel ? `Undo: ${store.undoLabel}` : '';
    document.title = `${store.dirty ? '• ' : ''}${projectName(store)} — Cuewright`;
  });

  /** The autosave on its way (a discard waits for it, or the undone work would be written after). */
  let autosaving: Promise<unknown> = Promise.resolve();
  async function autosave() {
    if (!store.hasProject || !store.dirty) return;
    autosaving = api.call('autosave', { sheet: store.sheet, production: production.payload() }).catch(report);
    await autosaving;
  }

  // Reload and window close: the browser (or Electron's main process) asks before unsaved work
  // goes; the autosave is written at once, so what is left behind can be recovered.
  window.addEventListener('beforeunload', (event) => {
    // A value typed but not committed is work too: taken now, so it is asked about and autosaved.
    if (store.hasProject) inspector.commitPending();
    if (!store.hasProject || !store.dirty) return;
    clearTimeout(autosaveTimer);
    void autosave();
    event.preventDefault();
    event.returnValue = '';
  });

  // --- progress of long tasks -----------------------------------------------------------------
  new TaskProgress($<HTMLProgressElement>('#task-progress'), $('#task-label'), api);

  // --- playback follows along -----------------------------------------------------------------
  waveform.wavesurfer.on('timeupdate', (time) => {
    $('#time').textContent = `${clockTime(time)} / ${clockTime(played())}`;
    if (store.hasProject) script.follow(cueAtTime(store.sheet, time)?.id);
  });
  waveform.wavesurfer.on('play', () => $('#play').classList.add('playing'));
  waveform.wavesurfer.on('pause', () => $('#play').classList.remove('playing'));

  /** Shows a project: every view is reset first, so nothing of the previous one stays on screen. */
  async function openView(
    view: ProjectView,
    options: { unsaved?: boolean; offerAlignment?: boolean } = {},
  ): Promise<void> {
    performance.mark('cuewright:view-received');
    clearTimeout(autosaveTimer);
    playback.reset();
    waveform.clear();
    notices.clear();
    store.open(view, options);
    store.setStatus(`opened ${projectName(store)}${options.unsaved ? ' (recovered, not saved yet)' : ''}`);
    performance.mark('cuewright:script-shown');
    await production.show();
    // Marks for the benchmark (open time is measured to the first frame painted with the project).
    await new Promise(requestAnimationFrame);
    performance.mark('cuewright:project-shown');
    if (view.recovery) {
      const answer = await offerRecovery(dialog, {
        savedAt: view.recovery.savedAt,
        ...(view.projectPath ? { projectPath: view.projectPath } : {}),
      });
      if (answer === 'recover')
        await openView(await api.call('recoverProject', { recoveryPath: view.recovery.recoveryPath }), {
          unsaved: true,
        });
      else if (answer === 'discard')
        await api.call('discardRecovery', { recoveryPath: view.recovery.recoveryPath });
    }
    if (options.offerAlignment && !view.audio.missing) await offerAlignment();
  }

  /** Points a recording (the first missing one) at its new place: checked to be as long, cue times kept. */
  const relink = () => production.relink();

  async function align(cueIds?: string[]): Promise<void> {
    store.setStatus(cueIds ? `re-aligning ${counted(cueIds.length, 'cue')}…` : 'aligning every cue…');
    const times = await api.call('align', { sheet: store.sheet, ...(cueIds ? { cueIds } : {}) });
    applyAlignment(store, cueIds ? 're-align range' : 'align', times);
    notices.dismiss('not-aligned');
  }

  /** A new project has nothing placed: alignment is offered at once, or left with a hint. */
  async function offerAlignment(): Promise<void> {
    if (store.sheet.cues.some((c) => c.start !== undefined)) return;
    const answer = await dialog.ask(
      'Align the recording now?',
      'Nothing is placed on the timeline yet. Alignment finds where each cue is spoken (a minute or two for an hour of audio); the progress shows below.',
      [
        { value: 'later', label: 'Later' },
        { value: 'align', label: 'Align now', primary: true },
      ],
      'later',
    );
    if (answer === 'align') return align();
    notices.show({
      id: 'not-aligned',
      kind: 'info',
      text: 'Nothing is aligned yet: the cues have no times.',
      actions: [
        { label: 'Align now (Ctrl+Shift+A)', testid: 'align-now', run: () => void align().catch(report) },
      ],
      dismissable: true,
    });
    store.setStatus('nothing aligned yet: Align all (Ctrl+Shift+A) places every cue');
  }

  async function showShortcuts(): Promise<void> {
    const table = document.createElement('table');
    table.className = 'shortcuts';
    for (const action of actions.filter((a) => a.keys.length > 0)) {
      const row = table.insertRow();
      row.insertCell().textContent = action.keys.map(keyName).join(', ');
      row.insertCell().textContent = action.label;
    }
    await dialog.ask(
      'Keyboard shortcuts',
      'They act when the focus is not in a field or on a button (the Ctrl ones act everywhere).',
      [{ value: 'ok', label: 'Close', primary: true }],
      'ok',
      table,
    );
  }

  const leave = {
    store,
    dialog,
    save: saving.save,
    discard: async () => {
      clearTimeout(autosaveTimer);
      await api.call('discardRecovery', {}).catch(report);
    },
  };

  const actions = withFieldsCommitted(
    createActions({
      api,
      store,
      playback,
      waveform,
      exportDialog,
      dialog,
      openView,
      mayLeave: (doing) => mayLeave(leave, doing),
      save: saving.save,
      saveAs: saving.saveAs,
      relink,
      recordings,
      align,
      showShortcuts,
      pickCue,
      report,
      duration,
      transport,
      goTo: () => clock?.open(),
      search: panels.search,
    }),
  );
  /** The transport bar's clock, made with the bar. */
  let clock: TimeDisplay | undefined;
  const toolbar = renderToolbar($('#toolbar'), actions, report);
  const transportBar = renderTransportBar($('#transport'), actions, report);
  clock = new TimeDisplay(transportBar.time, goTo, (message) => store.refuse(message));
  renderTransportControls(transportBar.extras, transport, (message) => store.refuse(message));
  // The output's level and loudness while playing; another project starts them afresh.
  const levelMeter = new LevelMeter(transportBar.extras, new OutputMeter(), playback.media);
  store.subscribe((change) => change === 'project' && levelMeter.reset());
  // Buttons follow what can run now: the store (selection, history, project) and playback; the
  // Loop cue button shows whether a loop is on.
  const updateButtons = () => {
    toolbar.update();
    transportBar.update();
    const loop = document.getElementById('loop-cue');
    loop?.setAttribute('aria-pressed', String(playback.looping !== undefined));
  };
  store.subscribe(updateButtons);
  transport.onChange(updateButtons);
  for (const event of ['play', 'pause'] as const) waveform.wavesurfer.on(event, updateButtons);
  updateButtons();
  const editor = $('#editor');
  makeSplitter($('#side-splitter'), {
    axis: 'x',
    layout: editor,
    variable: '--side-width',
    sized: $('#side'),
    min: 220,
    max: () => editor.clientWidth - 360,
  });
  makeSplitter($('#timeline-splitter'), {
    axis: 'y',
    layout: editor,
    variable: '--timeline-height',
    sized: $('#timeline'),
    min: 140,
    max: () => $('#centre').clientHeight - 60,
  });
  bindKeys(actions, report);
  // The desktop app's menu sends the command's id (src/main/app-menu.ts).
  api.onEvent((event) => {
    if (event.type !== 'command' || dialog.open) return;
    const action = actions.find((a) => a.id === event.command);
    if (action)
      void Promise.resolve()
        .then(() => action.run())
        .catch(report);
  });

  /** Goes where the clock was told: a time, or a cue by its number (selected, as a click would). */
  function goTo(target: GoToTarget): boolean {
    if (!store.hasProject) return false;
    const refuse = (message: string) => {
      store.refuse(message);
      return false;
    };
    // A jump that worked clears what an earlier try was refused for, in the notice and the status.
    const went = (message: string) => {
      notices.dismiss('refusal');
      store.setStatus(message);
      return true;
    };
    if ('time' in target) {
      if (target.time > played())
        return refuse(`${clockTime(target.time)} is past the end (${clockTime(played())})`);
      playback.stopLooping();
      playback.seek(target.time);
      waveform.reveal(target.time);
      return went(`went to ${clockTime(target.time)}`);
    }
    const cue = store.sheet.cues[target.cueNumber - 1];
    if (!cue) return refuse(`there is no cue ${target.cueNumber}: the script has ${store.sheet.cues.length}`);
    if (cue.start === undefined) return refuse(`cue ${target.cueNumber} is not placed yet: align it first`);
    pickCue(cue.id, false);
    return went(`went to cue ${target.cueNumber} at ${clockTime(cue.start)}`);
  }

  /** Untitled work kept by autosave (a crash, a reload) is offered back when the app starts. */
  async function offerUntitledRecovery(): Promise<void> {
    const untitled = (await api.call('listRecoveries')).filter((r) => !r.projectPath);
    for (const recovery of untitled) {
      const answer = await offerRecovery(dialog, recovery);
      if (answer === 'recover') {
        await openView(await api.call('recoverProject', { recoveryPath: recovery.recoveryPath }), {
          unsaved: true,
        });
        return;
      }
      if (answer === 'discard') await api.call('discardRecovery', { recoveryPath: recovery.recoveryPath });
    }
  }

  /**
   * Every command takes what is typed in a field first (Ctrl+S saved without the title being
   * typed; a way out did not count it): one refused waits, its reason shown, and nothing runs.
   */
  function withFieldsCommitted(list: Action[]): Action[] {
    return list.map((action) => ({
      ...action,
      run: () => {
        const done = inspector.commitPending() ? action.run() : undefined;
        // What a command changed outside the store (a loop stopped) shows on the buttons too.
        queueMicrotask(() => updateButtons?.());
        return done;
      },
    }));
  }

  // Files dropped on the window: a project, a script and its recording, chapters, a bed.
  bindFileDrop(document.body, {
    api,
    store,
    mayLeave: (doing) => mayLeave(leave, doing),
    openView,
    playhead: () => playback.time,
    report,
  });

  const ready = (async () => {
    document.body.classList.add('busy');
    try {
      // The desktop app starts with the project last opened or saved; else (or if it fails) the sample.
      const last = await api.call('lastProject');
      const reopened = last
        ? await api.call('openRecent', { path: last }).catch((error: unknown) => void report(error))
        : undefined;
      await openView(reopened ?? (await api.call('openSample')));
      if (!reopened)
        store.setStatus(
          'sample production ready: Space plays, click a cue to jump, drag a cue edge to adjust',
        );
    } catch (error) {
      report(error);
    } finally {
      document.body.classList.remove('busy');
      document.body.dataset.ready = 'true';
    }
    await offerUntitledRecovery().catch(report);
  })();

  return { api, store, playback, waveform, addSideTab, ready };
}
