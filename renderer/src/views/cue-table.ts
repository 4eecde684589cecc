import type { Cue } from '../../../cues/cue-sheet.ts';
import { needsReview } from '../../../cues/edit/review.ts';
import {
  type CueSortKey,
  clickSelection,
  type SortDirection,
  sortCues,
} from '../../../cues/lists/cue-order.ts';
import { speakerOf } from '../../../cues/lists/speakers.ts';
import { clockTime } from '../../../cues/sidecars/timecode.ts';
import type { ProjectStore } from '../state/project-store.ts';
import { KIND_COLORS } from './cue-colors.ts';
import { speakerColors } from './region-look.ts';

// Every cue as a row (time, kind, speaker, confidence, text), sortable by any of the first four
// (click a heading; again reverses). Click selects a cue (and the playhead goes there), Ctrl-click
// adds or takes one away, Shift-click takes the range in the order shown. The selection is the
// store's: the script and the timeline show the same cues selected.

const COLUMNS: Array<{ key: CueSortKey | 'text'; label: string }> = [
  { key: 'time', label: 'Time' },
  { key: 'kind', label: 'Kind' },
  { key: 'speaker', label: 'Speaker' },
  { key: 'confidence', label: 'Conf.' },
  { key: 'text', label: 'Text' },
];

export class CueTable {
  readonly element: HTMLElement;
  private readonly body: HTMLTableSectionElement;
  private readonly head: HTMLTableRowElement;
  private sort: CueSortKey = 'time';
  private direction: SortDirection = 'ascending';
  /** The ids shown, in the order shown (what Shift-click ranges over). */
  private shown: string[] = [];
  private readonly rows = new Map<string, HTMLTableRowElement>();
  /** Each speaker's colour for the rows' swatches (set at each render). */
  private colors = new Map<string, string>();
  /** Solo: only these cues are listed. */
  private only?: Set<string>;

  private readonly store: ProjectStore;
  private readonly onPick: (cueId: string) => void;

  constructor(store: ProjectStore, onPick: (cueId: string) => void) {
    this.store = store;
    this.onPick = onPick;
    this.element = document.createElement('section');
    this.element.className = 'list-panel cue-table-panel';
    this.element.setAttribute('aria-label', 'Cues');
    const table = document.createElement('table');
    table.className = 'cue-table';
    table.dataset.testid = 'cue-table';
    this.head = table.createTHead().insertRow();
    for (const column of COLUMNS) {
      const th = document.createElement('th');
      th.scope = 'col';
      if (column.key === 'text') th.textContent = column.label;
      else {
        const button = document.createElement('button');
        button.type = 'button';
        button.textContent = column.label;
        button.dataset.sort = column.key;
        button.addEventListener('click', () => this.sortBy(column.key as CueSortKey));
        th.append(button);
      }
      this.head.append(th);
    }
    this.body = table.createTBody();
    this.element.append(table);
    // Shift-click extends the selection, not a text selection of the browser's.
    this.body.addEventListener('mousedown', (event) => {
      if (event.shiftKey) event.preventDefault();
    });
    this.body.addEventListener('click', (event) => {
      const id = (event.target as HTMLElement).closest<HTMLElement>('[data-cue]')?.dataset.cue;
      if (!id) return;
      const toggle = event.ctrlKey || event.metaKey;
      const range = event.shiftKey;
      if (!toggle && !range) return this.onPick(id);
      this.store.select(clickSelection(this.shown, this.store.selection.cueIds, id, { toggle, range }));
    });
    store.subscribe((change) => {
      if (change === 'project' || change === 'sheet') this.render();
      if (change === 'selection') this.showSelection();
    });
  }

  /** Lists only `ids` (a soloed speaker's cues), or every cue again. */
  setOnly(ids: readonly string[] | undefined): void {
    this.only = ids ? new Set(ids) : undefined;
    this.render();
  }

  /** The ids listed, in the order shown. */
  get shownIds(): readonly string[] {
    return this.shown;
  }

  private sortBy(key: CueSortKey): void {
    this.direction = this.sort === key && this.direction === 'ascending' ? 'descending' : 'ascending';
    this.sort = key;
    this.render();
  }

  render(): void {
    this.rows.clear();
    if (!this.store.hasProject) {
      this.shown = [];
      return void this.body.replaceChildren();
    }
    this.colors = speakerColors(this.store.sheet);
    const cues = this.store.sheet.cues.filter((c) => !this.only || this.only.has(c.id));
    const sorted = sortCues(cues, this.sort, this.direction);
    this.shown = sorted.map((c) => c.id);
    this.body.replaceChildren(...sorted.map((cue) => this.row(cue)));
    for (const th of this.head.querySelectorAll<HTMLButtonElement>('[data-sort]')) {
      const on = th.dataset.sort === this.sort;
      th.parentElement!.setAttribute('aria-sort', on ? this.direction : 'none');
      th.textContent = `${COLUMNS.find((c) => c.key === th.dataset.sort)!.label}${on ? (this.direction === 'ascending' ? ' ▲' : ' ▼') : ''}`;
    }
    this.showSelection();
  }

  private row(cue: Cue): HTMLTableRowElement {
    const row = document.createElement('tr');
    row.dataset.cue = cue.id;
    row.className = `${needsReview(cue) ? 'review' : ''}${cue.notRecorded ? ' not-recorded' : ''}`;
    row.dataset.kind = cue.kind;
    const time = cue.notRecorded ? 'not recorded' : cue.start === undefined ? '—' : clockTime(cue.start);
    const confidence = cue.confidence === undefined ? '' : `${Math.round(cue.confidence * 100)} %`;
    const text = (cue.spoken ?? cue.text).replace(/\s+/g, ' ').trim();
    for (const value of [time, cue.kind, speakerOf(cue) ?? '', confidence, text])
      row.insertCell().textContent = value;
    this.rows.set(cue.id, row);
    // The speaker's colour (else the kind's), as on the timeline and in the script.
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = this.colors.get(speakerOf(cue) ?? '') ?? KIND_COLORS[cue.kind];
    row.cells[1]!.prepend(swatch);
    return row;
  }

  private showSelection(): void {
    for (const row of this.body.querySelectorAll('tr.selected')) row.classList.remove('selected');
    const ids = this.store.hasProject ? this.store.selection.cueIds : [];
    for (const id of ids) this.rows.get(id)?.classList.add('selected');
    // Only when the table is on screen: a hidden tab must not scroll the page.
    if (!this.element.hidden) this.rows.get(ids.at(-1) ?? '')?.scrollIntoView({ block: 'nearest' });
  }
}
