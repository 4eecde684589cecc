import { clipsOf, MAX_RECORDING_NAME } from '../../../cues/production/recording-edits.ts';
import { placeClips } from '../../../cues/production/timeline.ts';
import { clockTime } from '../../../cues/sidecars/timecode.ts';
import { shownName } from '../playback/production-layout.ts';
import type { ProjectStore } from '../state/project-store.ts';
import { rowButton } from './chapters-panel.ts';

// The recordings of the production in running order: name, length, format and where each plays.
// Rename one (its name on the clip band and here), remove one, or move it (drag the row, Alt+↑/↓ on it, or its ↑ ↓ buttons); each change is one
// undoable edit of the store, and the cues follow their recording. "Add recordings…" and "Align
// across recordings" are the commands of the same names (src/shared/commands.ts).

export interface RecordingsPanelHandlers {
  add(): void;
  align(): void;
  /** Replaces the selected cues with a pickup (a re-recording picked next). */
  pickup(): void;
  remove(id: string): void;
  /** Renames recording `id` (empty: its file name again). */
  rename(id: string, title: string): void;
  /** Moves recording `id` to `index` in running order. */
  move(id: string, index: number): void;
  relink(id: string): void;
  /** Moves the playhead to a production time. */
  jump(time: number): void;
}

export class RecordingsPanel {
  readonly element: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly store: ProjectStore;
  private readonly handlers: RecordingsPanelHandlers;
  private dragged?: string;

  constructor(store: ProjectStore, handlers: RecordingsPanelHandlers) {
    this.store = store;
    this.handlers = handlers;
    this.element = document.createElement('section');
    this.element.className = 'list-panel recordings-panel';
    this.element.setAttribute('aria-label', 'Recordings');
    const bar = document.createElement('div');
    bar.className = 'panel-bar';
    const add = rowButton('Add recordings…', 'add');
    const align = rowButton('Align across recordings', 'align');
    const pickup = rowButton('Replace with pickup…', 'pickup');
    pickup.title = 'Replace the selected cues with a re-recording of them';
    bar.append(add, align, pickup);
    this.list = document.createElement('ol');
    this.list.dataset.testid = 'recording-list';
    const hint = document.createElement('p');
    hint.className = 'panel-hint';
    hint.textContent = 'Drag a recording, or Alt+↑/↓ on it, to change the running order.';
    const style = document.createElement('style');
    style.textContent = PANEL_STYLE;
    this.element.append(style, bar, this.list, hint);
    bar.addEventListener('click', (event) => {
      const action = (event.target as HTMLElement).closest<HTMLElement>('[data-action]')?.dataset.action;
      if (action === 'add') handlers.add();
      if (action === 'align') handlers.align();
      if (action === 'pickup') handlers.pickup();
    });
    this.list.addEventListener('click', (event) => this.clicked(event));
    this.list.addEventListener('keydown', (event) => this.key(event));
    this.list.addEventListener('dragstart', (event) => {
      this.dragged = rowOf(event.target)?.dataset.recording;
      if (this.dragged) event.dataTransfer?.setData('text/plain', this.dragged);
    });
    this.list.addEventListener('dragover', (event) => {
      if (this.dragged) event.preventDefault();
    });
    this.list.addEventListener('drop', (event) => {
      const target = rowOf(event.target)?.dataset.recording;
      const id = this.dragged;
      this.dragged = undefined;
      if (!id || !target) return;
      event.preventDefault();
      this.handlers.move(id, this.indexOf(target));
    });
    store.subscribe((change) => {
      if (change === 'project' || change === 'sheet') this.render();
    });
  }

  private indexOf(id: string): number {
    return this.store.production.recordings.findIndex((r) => r.id === id);
  }

  render(): void {
    if (!this.store.hasProject) {
      this.list.replaceChildren();
      return;
    }
    const { recordings } = this.store.production;
    const placed = placeClips(clipsOf(this.store.production));
    this.list.replaceChildren(
      ...recordings.map((recording, i) => {
        const view = this.store.recordings.get(recording.id);
        const row = document.createElement('li');
        row.dataset.recording = recording.id;
        row.draggable = !recording.pickup;
        const main = document.createElement('button');
        main.type = 'button';
        main.className = 'row-main';
        main.dataset.action = 'jump';
        const at = placed.find((c) => c.recording === recording.id)?.at;
        main.title =
          at === undefined
            ? 'Not on the timeline'
            : `Plays from ${clockTime(at)}: click to jump there; Alt+↑/↓ moves it`;
        const order = document.createElement('span');
        order.className = 'row-time';
        order.textContent = `${i + 1}.`;
        const name = document.createElement('span');
        name.className = 'row-title';
        name.dataset.testid = 'recording-name';
        name.textContent = shownName(recording, view);
        const details = document.createElement('span');
        details.className = 'row-count';
        details.dataset.testid = 'recording-details';
        const format = view?.missing
          ? 'missing'
          : `${view?.format ?? '?'} ${Number(((view?.sampleRate ?? 0) / 1000).toFixed(2))} kHz`;
        const where = recording.pickup ? 'pickup' : at === undefined ? 'not played' : `at ${clockTime(at)}`;
        details.textContent = `${clockTime(recording.duration)} · ${format} · ${where}`;
        // Name above, details below: both stay readable in a narrow side area.
        const text = document.createElement('span');
        text.className = 'recording-text';
        text.append(name, details);
        main.append(order, text);
        const up = rowButton('↑', 'up');
        up.title = 'Move earlier (Alt+↑)';
        up.disabled = i === 0;
        const down = rowButton('↓', 'down');
        down.title = 'Move later (Alt+↓)';
        down.disabled = i === recordings.length - 1;
        // A pickup plays inside the reading it replaced: it is not moved or removed on its own
        // (Undo, or cuewright pickup --undo, takes it out).
        // A pencil, so the row keeps room for where the recording plays.
        const rename = rowButton('✎', 'rename');
        rename.title = 'Rename this recording (its name on the timeline and here)';
        rename.setAttribute('aria-label', 'Rename');
        row.append(main);
        if (!recording.pickup) row.append(up, down);
        row.append(rename);
        if (view?.missing) row.append(rowButton('Relink…', 'relink'));
        if (!recording.pickup) row.append(rowButton('Remove', 'remove'));
        return row;
      }),
    );
  }

  private clicked(event: MouseEvent): void {
    const button = (event.target as HTMLElement).closest<HTMLElement>('[data-action]');
    const id = rowOf(button)?.dataset.recording;
    if (!button || !id) return;
    const i = this.indexOf(id);
    const action = button.dataset.action;
    if (action === 'up') this.handlers.move(id, i - 1);
    else if (action === 'down') this.handlers.move(id, i + 1);
    else if (action === 'remove') this.handlers.remove(id);
    else if (action === 'relink') this.handlers.relink(id);
    else if (action === 'rename') this.startRename(id);
    else if (action === 'jump') {
      const at = placeClips(clipsOf(this.store.production)).find((c) => c.recording === id)?.at;
      if (at !== undefined) this.handlers.jump(at);
    }
  }

  /**
   * Puts a text field in place of the recording's name and details: Enter (or leaving it) renames, Escape
   * leaves the name as it was.
   */
  private startRename(id: string): void {
    const row = this.list.querySelector<HTMLElement>(`[data-recording="${CSS.escape(id)}"]`);
    const main = row?.querySelector<HTMLElement>('.row-main');
    const name = main?.querySelector<HTMLElement>('.row-title');
    if (!row || !main || !name) return;
    const input = document.createElement('input');
    input.type = 'text';
    input.className = 'recording-rename';
    input.dataset.testid = 'recording-rename';
    input.setAttribute('aria-label', 'Recording name');
    input.maxLength = MAX_RECORDING_NAME;
    input.value = name.textContent ?? '';
    let done = false;
    const finish = (keep: boolean) => {
      if (done) return;
      done = true;
      const value = input.value;
      input.replaceWith(main);
      main.focus();
      if (keep && value.trim() !== (name.textContent ?? '')) this.handlers.rename(id, value);
    };
    input.addEventListener('keydown', (event) => {
      event.stopPropagation();
      if (event.key === 'Enter') finish(true);
      else if (event.key === 'Escape') finish(false);
    });
    input.addEventListener('blur', () => finish(true));
    input.addEventListener('click', (event) => event.stopPropagation());
    // In place of the row's button (a field inside a button would not take its keys).
    main.replaceWith(input);
    input.focus();
    input.select();
  }

  /** Alt+↑/↓ on a row moves its recording; the focus stays on it in its new place. */
  private key(event: KeyboardEvent): void {
    if (!event.altKey || (event.key !== 'ArrowUp' && event.key !== 'ArrowDown')) return;
    const id = rowOf(event.target)?.dataset.recording;
    if (!id) return;
    event.preventDefault();
    event.stopPropagation();
    this.handlers.move(id, this.indexOf(id) + (event.key === 'ArrowUp' ? -1 : 1));
    this.list.querySelector<HTMLElement>(`[data-recording="${CSS.escape(id)}"] .row-main`)?.focus();
  }
}

const PANEL_STYLE = `
.recordings-panel .panel-bar { display: flex; gap: 6px; flex-wrap: wrap; margin-bottom: 6px; }
.recordings-panel .recording-text { display: flex; flex-direction: column; flex: 1; min-width: 0; }
.recordings-panel .recording-text .row-count { overflow: hidden; text-overflow: ellipsis; }
.recordings-panel li[draggable="true"] { cursor: grab; }
.recordings-panel .recording-rename { flex: 1; min-width: 0; font: inherit; }
.recordings-panel .panel-hint { color: var(--muted); font-size: 12px; margin: 8px 0 0; }
`;

function rowOf(target: EventTarget | null): HTMLElement | undefined {
  return (target as HTMLElement | null)?.closest<HTMLElement>('[data-recording]') ?? undefined;
}
