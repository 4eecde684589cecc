import { clockTime } from '../../../cues/sidecars/timecode.ts';
import type { ProjectStore } from '../state/project-store.ts';

// The selected cue's facts (kind, speaker, times, confidence) and the selected chapter's title,
// editable in place; typing a time is an edit like any drag, with its own undo step.

export interface InspectorHandlers {
  setTimes(id: string, start: number, end: number): void;
  renameChapter(id: string, title: string): void;
  updateBed(id: string, change: { start?: number; gainDb?: number; duckDb?: number }): void;
  removeBed(id: string): void;
}

export class Inspector {
  private readonly root: HTMLElement;
  private readonly store: ProjectStore;
  private readonly handlers: InspectorHandlers;

  constructor(root: HTMLElement, store: ProjectStore, handlers: InspectorHandlers) {
    this.root = root;
    this.store = store;
    this.handlers = handlers;
    store.subscribe((change) => {
      if (change !== 'status') this.render();
    });
  }

  render(): void {
    if (!this.store.hasProject) {
      this.root.replaceChildren();
      return;
    }
    const cue = this.store.selectedCue;
    const chapterId = this.store.selection.chapterId;
    const chapter =
      this.store.sheet.chapters.find((c) => c.id === chapterId) ??
      (cue ? this.store.sheet.chapters.find((c) => c.cueIds.includes(cue.id)) : undefined);
    const rows: HTMLElement[] = [];
    if (cue) {
      rows.push(field('Cue', `${cue.kind}${cue.speaker ? ` · ${cue.speaker}` : ''}`, 'inspector-kind'));
      rows.push(
        numberInput(
          'Start',
          cue.start,
          'cue-start',
          0.01,
          (t) => this.handlers.setTimes(cue.id, t, cue.end ?? t),
          3,
        ),
      );
      rows.push(
        numberInput(
          'End',
          cue.end,
          'cue-end',
          0.01,
          (t) => this.handlers.setTimes(cue.id, cue.start ?? t, t),
          3,
        ),
      );
      rows.push(
        field(
          'Length',
          cue.start !== undefined && cue.end !== undefined
            ? `${(cue.end - cue.start).toFixed(3)} s`
            : 'not placed',
          'cue-length',
        ),
      );
      rows.push(
        field(
          'Confidence',
          cue.confidence === undefined ? '—' : `${Math.round(cue.confidence * 100)} %`,
          'cue-confidence',
        ),
      );
    } else {
      rows.push(field('Cue', 'click a cue in the script or on the timeline', 'inspector-kind'));
    }
    if (chapter) {
      const label = document.createElement('label');
      label.textContent = 'Chapter';
      const input = document.createElement('input');
      input.value = chapter.title;
      input.dataset.testid = 'chapter-title';
      input.addEventListener('change', () => this.handlers.renameChapter(chapter.id, input.value));
      label.append(input);
      rows.push(label);
      rows.push(
        field('Starts', chapter.start === undefined ? '—' : clockTime(chapter.start), 'chapter-start'),
      );
    }
    const bed = this.store.sheet.beds?.find((b) => b.id === this.store.selection.bedId);
    if (bed) {
      rows.length = 0;
      rows.push(field('Music bed', bed.path.split(/[\\/]/).pop() ?? bed.path, 'bed-file'));
      rows.push(
        numberInput('Starts at (s)', bed.start, 'bed-start', 0.1, (v) =>
          this.handlers.updateBed(bed.id, { start: v }),
        ),
      );
      rows.push(
        numberInput('Level (dB)', bed.gainDb, 'bed-gain', 1, (v) =>
          this.handlers.updateBed(bed.id, { gainDb: v }),
        ),
      );
      rows.push(
        numberInput('Under speech (dB more)', bed.duckDb, 'bed-duck', 1, (v) =>
          this.handlers.updateBed(bed.id, { duckDb: v }),
        ),
      );
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.textContent = 'Remove bed';
      remove.dataset.testid = 'bed-remove';
      remove.addEventListener('click', () => this.handlers.removeBed(bed.id));
      rows.push(remove);
    }
    this.root.replaceChildren(...rows);
  }
}

/** A number field that reports finite values only; `digits` fixes how a time is shown. */
function numberInput(
  name: string,
  value: number | undefined,
  testid: string,
  step: number,
  onChange: (v: number) => void,
  digits?: number,
): HTMLElement {
  const label = document.createElement('label');
  label.textContent = name;
  const input = document.createElement('input');
  input.type = 'number';
  input.step = String(step);
  input.value = value === undefined ? '' : digits === undefined ? String(value) : value.toFixed(digits);
  input.dataset.testid = testid;
  input.addEventListener('change', () => {
    const v = Number(input.value);
    if (input.value !== '' && Number.isFinite(v)) onChange(v);
  });
  label.append(input);
  return label;
}

function field(name: string, value: string, testid: string): HTMLElement {
  const row = document.createElement('div');
  row.className = 'field';
  const label = document.createElement('span');
  label.textContent = name;
  const output = document.createElement('output');
  output.textContent = value;
  output.dataset.testid = testid;
  row.append(label, output);
  return row;
}
