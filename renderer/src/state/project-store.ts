import type { CueSheet } from '../../../cues/cue-sheet.ts';
import { EditError } from '../../../cues/edit/edit-error.ts';
import { type ApplyOptions, EditHistory } from '../../../cues/edit/edit-history.ts';
import type { ProjectView } from '../../../src/shared/ipc.ts';

// The renderer's single source of truth: the open project, its edit history and the selection.
// Views subscribe and redraw from it; they never keep their own copy of a cue's times.

export type StoreChange = 'project' | 'sheet' | 'selection' | 'status';

export interface Selection {
  cueIds: string[];
  chapterId?: string;
  bedId?: string;
}

export class ProjectStore {
  project?: ProjectView;
  private history = new EditHistory<CueSheet | undefined>(undefined);
  selection: Selection = { cueIds: [] };
  status = '';
  /** Sheet state at the last save: the title bar shows unsaved changes against it. */
  private savedSheet?: CueSheet;
  private listeners = new Set<(change: StoreChange) => void>();

  subscribe(listener: (change: StoreChange) => void): void {
    this.listeners.add(listener);
  }

  private notify(change: StoreChange): void {
    for (const listener of this.listeners) listener(change);
  }

  get sheet(): CueSheet {
    const sheet = this.history.state;
    if (!sheet) throw new Error('no project is open');
    return sheet;
  }

  get hasProject(): boolean {
    return this.history.state !== undefined;
  }

  get dirty(): boolean {
    return this.history.state !== this.savedSheet;
  }

  get undoLabel(): string | undefined {
    return this.history.undoLabel;
  }

  get redoLabel(): string | undefined {
    return this.history.redoLabel;
  }

  open(project: ProjectView): void {
    this.project = project;
    this.history = new EditHistory<CueSheet | undefined>(project.sheet);
    this.savedSheet = project.sheet;
    this.selection = { cueIds: [] };
    this.notify('project');
  }

  markSaved(path: string): void {
    if (this.project) this.project = { ...this.project, projectPath: path, isSample: false };
    this.savedSheet = this.history.state;
    this.notify('status');
  }

  /** Runs an edit; an EditError becomes the status message and changes nothing. */
  edit(label: string, change: (sheet: CueSheet) => CueSheet, options?: ApplyOptions): boolean {
    try {
      const next = change(this.sheet);
      if (next === this.sheet) return false;
      this.history.apply(label, next, options);
      this.setStatus(label);
      this.notify('sheet');
      return true;
    } catch (error) {
      if (error instanceof EditError) {
        this.setStatus(error.message);
        return false;
      }
      throw error;
    }
  }

  undo(): void {
    const label = this.history.undo();
    this.setStatus(label ? `undid ${label}` : 'nothing to undo');
    if (label) this.notify('sheet');
  }

  redo(): void {
    const label = this.history.redo();
    this.setStatus(label ? `redid ${label}` : 'nothing to redo');
    if (label) this.notify('sheet');
  }

  /** A music bed alone (clicked in the lane): the inspector shows its levels. */
  selectBed(bedId: string): void {
    this.selection = { cueIds: [], bedId };
    this.notify('selection');
  }

  select(cueIds: string[], chapterId?: string): void {
    this.selection = { cueIds, ...(chapterId ? { chapterId } : {}) };
    this.notify('selection');
  }

  /** The ids from one cue to another, in script order (shift-click selection). */
  cueRange(fromId: string, toId: string): string[] {
    const ids = this.sheet.cues.map((c) => c.id);
    const [a, b] = [ids.indexOf(fromId), ids.indexOf(toId)].sort((x, y) => x - y);
    return ids.slice(Math.max(0, a!), b! + 1);
  }

  get selectedCue() {
    const id = this.selection.cueIds[0];
    return id ? this.sheet.cues.find((c) => c.id === id) : undefined;
  }

  setStatus(message: string): void {
    this.status = message;
    this.notify('status');
  }
}
