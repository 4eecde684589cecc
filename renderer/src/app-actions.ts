import { addBed, placeCueSound, removeBed } from '../../cues/edit/bed-edits.ts';
import { addChapterAt, addChapterBlocker, removeChapter } from '../../cues/edit/chapter-edits.ts';
import {
  applyCueTimes,
  nudgeCue,
  pauseEdges,
  snapCueToPauses,
  timingProblem,
} from '../../cues/edit/cue-timing.ts';
import { importChapters } from '../../cues/edit/import-chapters.ts';
import { markNotRecorded } from '../../cues/edit/not-recorded.ts';
import { confirmCue, needsReview, nextToReview, reviewPosition } from '../../cues/edit/review.ts';
import { mergeWithNext, splitCue } from '../../cues/edit/split-merge.ts';
import { unmarkSung } from '../../cues/edit/sung-passages.ts';
import { markSung } from '../../cues/edit/sung-sections.ts';
import { counted } from '../../cues/text/counted.ts';
import { COMMANDS, type CommandId } from '../../src/shared/commands.ts';
import { fileNameOf } from '../../src/shared/file-name-of.ts';
import type { ProjectView } from '../../src/shared/ipc.ts';
import type { Action } from './actions.ts';
import type { ApiClient } from './api/api-client.ts';
import type { Playback } from './playback/playback.ts';
import type { Transport } from './playback/transport.ts';
import type { ProjectStore } from './state/project-store.ts';
import { nudgeSound, nudgeSoundEnd, soundOf } from './state/sound-edits.ts';
import { stepSelectedTake } from './state/take-switch.ts';
import type { AppDialog } from './views/app-dialog.ts';
import type { ExportDialog } from './views/export-dialog.ts';
import { cyclePanels } from './views/panel-cycle.ts';
import type { WaveformView } from './views/waveform-view.ts';

// What each command of the shared table does. Each is an edit through the store (one undo step)
// or a call to the API; a command that cannot act says why instead of doing nothing.

const FINE_NUDGE = 0.01;
const COARSE_NUDGE = 0.1;
/** How far Snap to pauses looks for a pause from each edge. */
const SNAP_WITHIN = 0.25;

export interface ActionContext {
  api: ApiClient;
  store: ProjectStore;
  playback: Playback;
  waveform: WaveformView;
  exportDialog: ExportDialog;
  dialog: AppDialog;
  openView(view: ProjectView, options?: { offerAlignment?: boolean }): Promise<void>;
  /** Asks to save unsaved changes before `doing`; false when the user cancelled. */
  mayLeave(doing: string): Promise<boolean>;
  save(): Promise<boolean>;
  saveAs(): Promise<boolean>;
  relink(): Promise<void>;
  /** "Add recordings…" and "Align across recordings" (session/recording-actions.ts). */
  recordings: { add(): Promise<void>; align(): Promise<void>; pickup(): Promise<void> };
  align(cueIds?: string[]): Promise<void>;
  showShortcuts(): Promise<void>;
  pickCue(id: string, extend: boolean): void;
  report(error: unknown): void;
  duration(): number;
  /** Speed, shuttle, rolls and stop (playback/transport.ts). */
  transport: Transport;
  /** Opens the clock for typing a time or a cue number (views/time-display.ts). */
  goTo(): void;
  /** The script's find bar (Ctrl+F, F3, Shift+F3). */
  search: { open(): void; step(direction: 1 | -1): void };
}

export function createActions(ctx: ActionContext): Action[] {
  const { api, store, playback, waveform, exportDialog, dialog, openView, pickCue, report, duration } = ctx;
  const selectedId = () => store.selection.cueIds[0];

  function withCue(run: (id: string) => void | Promise<void>) {
    const id = selectedId();
    if (!id) store.refuse('select a cue first (click it in the script or on the timeline)');
    else return run(id);
  }

  /** Plays, unless there is nothing to play (the audio is missing): then says so. */
  function canPlay(): boolean {
    if (!store.project?.audio.missing) return true;
    store.refuse('the audio is missing: relink it to play (the Relink audio… button above)');
    return false;
  }

  function selectNeighbour(step: number) {
    const cues = store.sheet.cues;
    const at = cues.findIndex((c) => c.id === selectedId());
    const next = cues[Math.max(0, Math.min(cues.length - 1, at < 0 ? 0 : at + step))];
    if (next) pickCue(next.id, false);
  }

  /** The selected cues that are placed, first to last: what Enter, L and G act on. */
  function selectedSpan(): { start: number; end: number } | undefined {
    const cues = store.sheet.cues.filter(
      (c) => store.selection.cueIds.includes(c.id) && c.start !== undefined && c.end !== undefined,
    );
    if (cues.length === 0) return undefined;
    return { start: cues[0]!.start!, end: Math.max(...cues.map((c) => c.end!)) };
  }

  // A nudge stops at a neighbour, the start of the recording or its end, and says which. A drama's
  // sound cue moves its sound instead (its end: the sound's length), as its block's drag does.
  const nudge = (edge: 'start' | 'end', delta: number) => () =>
    withCue((id) => {
      if (store.doc.takes && soundOf(store, id)) {
        if (edge === 'start') nudgeSound(store, id, delta);
        else nudgeSoundEnd(store, id, delta);
        return;
      }
      const cue = store.sheet.cues.find((c) => c.id === id)!;
      if (cue.start === undefined || cue.end === undefined)
        return store.refuse('this cue is not placed yet: align it first');
      const asked = edge === 'start' ? [cue.start + delta, cue.end] : [cue.start, cue.end + delta];
      const problem = timingProblem(store.sheet, id, asked[0]!, asked[1]!, duration());
      store.edit(`nudge cue ${edge}`, (s) => nudgeCue(s, id, edge, delta, duration()), {
        coalesce: `nudge:${id}:${edge}:${delta}`,
      });
      if (problem) store.refuse(`the ${edge} stops here: ${problem}`);
    });

  const runs: Record<CommandId, () => void | Promise<void>> = {
    new: async () => {
      if (!(await ctx.mayLeave('starting a new project'))) return;
      const scriptPath = await api.call('pick', { purpose: 'script' });
      const audioPath = scriptPath ? await api.call('pick', { purpose: 'audio' }) : null;
      if (scriptPath && audioPath)
        await openView(await api.call('newProject', { scriptPath, audioPath }), { offerAlignment: true });
    },
    open: async () => {
      if (!(await ctx.mayLeave('opening another project'))) return;
      const path = await api.call('pick', { purpose: 'project' });
      performance.mark('cuewright:open-requested');
      if (path) await openView(await api.call('openProject', { path }));
    },
    'open-recent': async () => {
      const recent = await api.call('recentProjects');
      if (recent.length === 0) return store.setStatus('no recent projects yet: Open… (Ctrl+O) opens one');
      const list = document.createElement('ol');
      list.className = 'recent-projects';
      for (const path of recent)
        list.append(Object.assign(document.createElement('li'), { textContent: path }));
      const answer = await dialog.ask(
        'Open a recent project',
        'Opened or saved lately, newest first:',
        [
          { value: 'cancel', label: 'Cancel' },
          ...recent.map((path, i) => ({ value: String(i), label: fileNameOf(path), primary: i === 0 })),
        ],
        'cancel',
        list,
      );
      const path = recent[Number(answer)];
      if (answer === 'cancel' || !path || !(await ctx.mayLeave('opening another project'))) return;
      await openView(await api.call('openRecent', { path }));
    },
    save: async () => void (await ctx.save()),
    'save-as': async () => void (await ctx.saveAs()),
    relink: () => ctx.relink(),
    'add-recordings': () => ctx.recordings.add(),
    'align-recordings': () => ctx.recordings.align(),
    pickup: () => ctx.recordings.pickup(),
    export: () => exportDialog.open(),
    undo: () => store.undo(),
    redo: () => store.redo(),
    play: () => {
      if (!canPlay()) return;
      playback.stopLooping();
      return playback.toggle();
    },
    'play-cue': () =>
      withCue(() => {
        const span = selectedSpan();
        if (!span) return store.refuse('this cue is not placed yet: align it first');
        // With the pre-roll and post-roll around it: the cue heard in its context.
        const rolled = ctx.transport.rolled(span.start, span.end, duration());
        if (canPlay()) void playback.playRange(rolled.start, rolled.end).catch(report);
      }),
    'loop-cue': () =>
      withCue(() => {
        if (playback.looping) return playback.stopLooping();
        const span = selectedSpan();
        if (!span) return store.refuse('this cue is not placed yet: align it first');
        if (canPlay()) void playback.playRange(span.start, span.end, true).catch(report);
      }),
    stop: () => ctx.transport.stop(),
    'shuttle-back': () => ctx.transport.back(),
    'shuttle-stop': () => ctx.transport.halt(),
    'shuttle-forward': () => (canPlay() ? ctx.transport.forward() : undefined),
    'go-start': () => {
      playback.stopLooping();
      playback.seek(0);
      waveform.reveal(0);
    },
    'go-end': () => {
      playback.stopLooping();
      // The production's end: a drama's sounds may play on past its last recording.
      const end = Math.max(duration(), playback.media.duration || 0);
      playback.seek(end);
      waveform.reveal(end);
    },
    'go-to': () => ctx.goTo(),
    'prev-cue': () => selectNeighbour(-1),
    'next-cue': () => selectNeighbour(1),
    'nudge-start-left': nudge('start', -FINE_NUDGE),
    'nudge-start-right': nudge('start', FINE_NUDGE),
    'nudge-start-left-coarse': nudge('start', -COARSE_NUDGE),
    'nudge-start-right-coarse': nudge('start', COARSE_NUDGE),
    'nudge-end-left': nudge('end', -FINE_NUDGE),
    'nudge-end-right': nudge('end', FINE_NUDGE),
    'nudge-end-left-coarse': nudge('end', -COARSE_NUDGE),
    'nudge-end-right-coarse': nudge('end', COARSE_NUDGE),
    split: () => withCue((id) => void store.edit('split cue', (s) => splitCue(s, id, playback.time))),
    merge: () =>
      withCue((id) => void store.edit('merge cues', (s) => mergeWithNext(s, store.project!.scriptText, id))),
    snap: () =>
      withCue(async (id) => {
        const cue = store.sheet.cues.find((c) => c.id === id)!;
        if (cue.start === undefined || cue.end === undefined)
          return store.refuse('this cue is not placed yet: align it first');
        if (!canPlay()) return;
        const pauses = await api.call('pauses');
        const found = pauseEdges({ start: cue.start, end: cue.end }, pauses, SNAP_WITHIN);
        const changed = store.edit('snap to pauses', (s) => snapCueToPauses(s, id, pauses, SNAP_WITHIN));
        // Neither edge near a pause: the edit was refused, with that reason.
        if (found.start === undefined && found.end === undefined) return;
        const missed = found.start === undefined ? 'start' : found.end === undefined ? 'end' : undefined;
        const other = missed === 'start' ? 'end' : 'start';
        if (missed)
          store.refuse(
            `${changed ? `snapped the ${other} only` : `the ${other} already sits on a pause`}: no pause within ${SNAP_WITHIN * 1000} ms of the ${missed}, which stays where it was`,
          );
        else if (!changed) store.setStatus('snap to pauses: the cue already sits on its pauses');
      }),
    chapter: () =>
      withCue(async (id) => {
        // Checked before asking: the user is not asked for a title for nothing.
        const blocker = addChapterBlocker(store.sheet, id);
        if (blocker) return store.refuse(blocker);
        const title = await dialog.askText(
          'New chapter',
          'A chapter starts at the selected cue. Its title:',
          `Chapter ${store.sheet.chapters.length + 1}`,
          'Add chapter',
        );
        if (title !== null) store.edit('add chapter', (s) => addChapterAt(s, id, title));
      }),
    'remove-chapter': () => {
      const chapterId = store.selection.chapterId;
      if (!chapterId) return store.refuse('click a chapter flag first');
      store.edit('remove chapter', (s) => removeChapter(s, chapterId));
    },
    sung: () => {
      const span = selectedSpan();
      if (!span) return store.refuse('select the sung cues first (shift-click to select a range)');
      store.edit('mark sung', (s) => markSung(s, span.start, span.end));
    },
    'remove-selected': () => {
      const { sectionId, bedId } = store.selection;
      if (sectionId) return void store.edit('unmark sung', (s) => unmarkSung(s, sectionId));
      if (bedId) return void store.edit('remove music bed', (s) => removeBed(s, bedId));
      store.refuse('click a sung passage or a music bed in the lower lane first');
    },
    'import-chapters': async () => {
      // A CUE sheet, ffmetadata, Audacity labels, WebVTT, Podcasting 2.0 JSON or an audio file with
      // chapters: they replace the sheet's chapters as one undoable step; warnings are shown.
      const path = await api.call('pick', { purpose: 'chapters' });
      if (!path) return;
      const { chapters, warnings } = await api.call('readChapters', { path });
      const done = store.edit(`import ${counted(chapters.length, 'chapter')}`, (s) =>
        importChapters(s, chapters),
      );
      if (done && warnings.length > 0)
        store.setStatus(
          `imported ${counted(chapters.length, 'chapter')}; ${counted(warnings.length, 'warning')}: ${warnings.join('; ')}`,
        );
    },
    bed: async () => {
      const path = await api.call('pick', { purpose: 'audio' });
      if (!path) return;
      const at = playback.time;
      // Checked before anything changes: a file that is not audio adds no band and no undo step.
      await api.call('audioInfo', { path });
      store.edit('add music bed', (s) => addBed(s, path, at));
    },
    // A script's [SFX: …] or MUSIC cue gets its file: placed at the cue's time, linked to it.
    'cue-sound': async () => {
      const cue = store.sheet.cues.find((c) => c.id === selectedId());
      if (!cue || (cue.kind !== 'sfx' && cue.kind !== 'music'))
        return store.refuse('select a sound or music cue of the script ([SFX: …], [MUSIC: …]) first');
      if (cue.start === undefined) return store.refuse('this cue has no time yet: align the script first');
      const path = await api.call('pick', { purpose: 'audio' });
      if (!path) return;
      await api.call('audioInfo', { path });
      store.edit(cue.kind === 'sfx' ? 'place sound effect' : 'place music', (s) =>
        placeCueSound(s, cue.id, path),
      );
    },
    review: () => {
      const cue = nextToReview(store.sheet, selectedId());
      if (!cue) return store.setStatus('every cue is confident: nothing to review');
      pickCue(cue.id, false);
      const { index, total, reason } = reviewPosition(store.sheet, cue.id);
      store.setStatus(`review ${index} of ${total}: ${reason} (Y confirms, R goes on)`);
      if (cue.start !== undefined && cue.end !== undefined && !store.project?.audio.missing)
        void playback.playRange(cue.start, cue.end).catch(report);
    },
    confirm: () =>
      withCue((id) => {
        const cue = store.sheet.cues.find((c) => c.id === id)!;
        // Only a cue waiting for review: a stray Y (typing into the script) confirms nothing.
        if (!needsReview(cue)) return store.refuse('this cue is not waiting for review: nothing to confirm');
        store.edit('confirm cue', (s) => confirmCue(s, id));
      }),
    'align-range': () => {
      if (store.selection.cueIds.length === 0) return store.refuse('select the cues to re-align');
      if (canPlay()) return ctx.align(store.selection.cueIds);
    },
    'align-all': () => (canPlay() ? ctx.align() : undefined),
    'zoom-in': () => waveform.zoomBy(1.5),
    'zoom-out': () => waveform.zoomBy(1 / 1.5),
    'zoom-selection': () => {
      const span = selectedSpan();
      if (!span) return store.refuse('select placed cues first: the view zooms to them');
      waveform.zoomToRange(span.start, span.end);
    },
    'zoom-fit': () => waveform.zoomToFit(),
    'amplitude-in': () => showAmplitude(waveform.amplitude * 1.5),
    'amplitude-out': () => showAmplitude(waveform.amplitude / 1.5),
    'next-panel': () => cyclePanels(1),
    'prev-panel': () => cyclePanels(-1),
    shortcuts: () => ctx.showShortcuts(),
    'select-all': () => store.select(store.sheet.cues.map((c) => c.id)),
    find: () => ctx.search.open(),
    'find-next': () => ctx.search.step(1),
    'find-prev': () => ctx.search.step(-1),
    // One key through the queue: the cue listened to is confirmed, the next one selected and played.
    'confirm-next': () => {
      const selected = store.selectedCue;
      if (selected && needsReview(selected)) store.edit('confirm cue', (s) => confirmCue(s, selected.id));
      return runs.review();
    },
    'not-recorded': () => {
      const ids = store.selection.cueIds;
      if (ids.length === 0) return store.refuse('select the cues that were not recorded first');
      store.edit(ids.length === 1 ? 'mark not recorded' : `mark ${ids.length} cues not recorded`, (s) =>
        markNotRecorded(s, ids),
      );
    },
    // A drama assembled from takes: the selected line plays its next (or previous) complete take.
    'next-take': () => void stepSelectedTake(store, 1),
    'prev-take': () => void stepSelectedTake(store, -1),
  };

  /** Sets the waveform's amplitude and says the factor it is drawn at (the sound is not changed). */
  function showAmplitude(factor: number): void {
    waveform.setAmplitude(factor);
    store.setStatus(
      `waveform amplitude ×${Number(waveform.amplitude.toFixed(2))} (drawing only; ] up, [ down)`,
    );
  }

  // When a button may be pressed: a disabled button says "not now" before the click (the keys
  // still run the command, which says why not).
  const project = () => store.hasProject;
  const audible = () => store.hasProject && !store.project?.audio.missing;
  const cue = () => selectedId() !== undefined;
  const can: Partial<Record<CommandId, () => boolean>> = {
    save: project,
    'save-as': project,
    export: project,
    relink: project,
    'import-chapters': project,
    undo: () => store.undoLabel !== undefined,
    redo: () => store.redoLabel !== undefined,
    play: audible,
    'play-cue': () => audible() && selectedSpan() !== undefined,
    'loop-cue': () => audible() && (playback.looping !== undefined || selectedSpan() !== undefined),
    split: cue,
    merge: cue,
    snap: () => audible() && selectedSpan() !== undefined,
    chapter: cue,
    sung: () => selectedSpan() !== undefined,
    bed: project,
    review: () => store.sheet.cues.some((c) => needsReview(c)),
    confirm: () => {
      const selected = store.selectedCue;
      return selected !== undefined && needsReview(selected);
    },
    'align-range': () => audible() && cue(),
    'align-all': audible,
    stop: audible,
    'zoom-selection': () => selectedSpan() !== undefined,
    'select-all': project,
    'confirm-next': () => store.sheet.cues.some((c) => needsReview(c)),
    'not-recorded': cue,
    'next-take': () => cue() && store.doc.takes !== undefined,
    'prev-take': () => cue() && store.doc.takes !== undefined,
  };

  // Undo and Redo name the step they will take ("Undo move cue (Ctrl+Z)").
  const stepTooltip = (name: string, label: string | undefined, keys: readonly string[]) =>
    `${name}${label ? ` ${label}` : `: nothing to ${name.toLowerCase()}`} (${keys.join(', ')})`;
  const tooltips: Partial<Record<CommandId, (keys: readonly string[]) => string>> = {
    undo: (keys) => stepTooltip('Undo', store.undoLabel, keys),
    redo: (keys) => stepTooltip('Redo', store.redoLabel, keys),
  };

  return COMMANDS.map((command) => {
    const allowed = can[command.id];
    const tooltip = tooltips[command.id];
    return {
      ...command,
      keys: [...command.keys],
      run: runs[command.id],
      // Every guarded command needs a project (the sheet is read only when there is one).
      ...(allowed ? { enabled: () => store.hasProject && allowed() } : {}),
      ...(tooltip ? { tooltip: () => tooltip(command.keys) } : {}),
    };
  });
}

/** Applies aligned times as one edit and says what happened. */
export function applyAlignment(
  store: ProjectStore,
  label: string,
  times: Parameters<typeof applyCueTimes>[1],
) {
  if (!store.edit(label, (s) => applyCueTimes(s, times))) {
    store.setStatus(`${label}: no cue changed`);
    return;
  }
  const review = store.sheet.cues.filter((c) => needsReview(c)).length;
  const unplaced = store.sheet.cues.filter((c) => c.start === undefined && c.kind !== 'separator').length;
  store.setStatus(
    `${label}: ${counted(times.length, 'cue')} placed${review > 0 ? `, ${review} to review (press R)` : ''}${
      unplaced > 0 ? `, ${unplaced} not placed` : ''
    }`,
  );
}
