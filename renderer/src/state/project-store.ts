import type { CueSheet } from '../../../cues/cue-sheet.ts';
import { EditError } from '../../../cues/edit/edit-error.ts';
import { type ApplyOptions, EditHistory } from '../../../cues/edit/edit-history.ts';
import { selectionAfter } from '../../../cues/edit/selection-after.ts';
import { sungPassages } from '../../../cues/edit/sung-passages.ts';
import { type Production, retime } from '../../../cues/production/recording-edits.ts';
import type { Placement } from '../../../cues/production/timeline.ts';
import type { LineTakesEntry } from '../../../src/project/takes-schema.ts';
import type { ProjectView } from '../../../src/shared/ipc.ts';
import type { RecordingView } from '../../../src/shared/project-view.ts';

// The renderer's single source of truth: the open project, its edit history and the selection.
// Views subscribe and redraw from it; they never keep their own copy of a cue's times.

/** `refused`: an edit was refused; views redraw from the sheet (a field typed into shows its value again). */
export type StoreChange = 'project' | 'sheet' | 'selection' | 'status' | 'refused';

export interface Selection {
  cueIds: string[];
  chapterId?: string;
  bedId?: string;
  sectionId?: string;
}

/**
 * What one undo step holds: the sheet (times on the production), the recordings in running order
 * with the timeline that plays them, and where everything lies on its recording's clock.
 */
export interface ProjectDoc {
  sheet: CueSheet;
  production: Production;
  placements: Placement[];
  /** The pickups dropped in, as the project file keeps them. */
  pickups?: ProjectView['pickups'];
  /** An assembled drama's takes per line and the one that plays (a switch of take is one step). */
  takes?: LineTakesEntry[];
  /** A drama's mixer per lane (gain, pan, mute, solo); each change is one step. */
  lanes?: ProjectView['lanes'];
  /** A drama's sounds with where each is moved, its loop and fades (sound-edits.ts); each change is one step. */
  sounds?: ProjectView['sounds'];
  /** A drama's dialogue levelled per actor in the preview and the export (absent: yes); one step. */
  levelDialogue?: boolean;
}

export class ProjectStore {
  project?: ProjectView;
  private history = new EditHistory<ProjectDoc | undefined>(undefined);
  /** Every recording known this session by id (removed ones too, for undo): where it plays from. */
  readonly recordings = new Map<string, RecordingView>();
  selection: Selection = { cueIds: [] };
  status = '';
  /** Sheet state at the last save: the title bar shows unsaved changes against it. */
  private savedDoc?: ProjectDoc;
  /** A change that is not in the sheet (the audio relinked) waits for a save too. */
  private projectChanged = false;
  /** Why the last edit was refused (for the notice where the user is working). */
  refusal = '';
  private listeners = new Set<(change: StoreChange) => void>();

  subscribe(listener: (change: StoreChange) => void): void {
    this.listeners.add(listener);
  }

  private notify(change: StoreChange): void {
    for (const listener of this.listeners) listener(change);
  }

  get sheet(): CueSheet {
    return this.doc.sheet;
  }

  /** The recordings in running order and the timeline that plays them. */
  get production(): Production {
    return this.doc.production;
  }

  get doc(): ProjectDoc {
    const doc = this.history.state;
    if (!doc) throw new Error('no project is open');
    return doc;
  }

  get hasProject(): boolean {
    return this.history.state !== undefined;
  }

  get dirty(): boolean {
    return this.projectChanged || this.history.state !== this.savedDoc;
  }

  get undoLabel(): string | undefined {
    return this.history.undoLabel;
  }

  get redoLabel(): string | undefined {
    return this.history.redoLabel;
  }

  /** A project opened; `unsaved` for recovered work (not in any file yet: the title bar says so). */
  open(project: ProjectView, options: { unsaved?: boolean } = {}): void {
    this.project = project;
    this.recordings.clear();
    for (const r of project.recordings) this.recordings.set(r.id, r);
    const doc: ProjectDoc = {
      sheet: project.sheet,
      production: {
        recordings: project.recordings.map(({ id, path, size, duration, title, pickup }) => ({
          id,
          path,
          size,
          duration,
          ...(title !== undefined ? { title } : {}),
          ...(pickup ? { pickup } : {}),
        })),
        ...(project.timeline ? { timeline: project.timeline } : {}),
      },
      placements: project.placements ?? [],
      ...(project.pickups ? { pickups: project.pickups } : {}),
      ...(project.takes ? { takes: project.takes } : {}),
      ...(project.lanes ? { lanes: project.lanes } : {}),
      ...(project.sounds ? { sounds: project.sounds } : {}),
      ...(project.levelDialogue === false ? { levelDialogue: false } : {}),
    };
    this.history = new EditHistory<ProjectDoc | undefined>(doc);
    this.savedDoc = options.unsaved ? undefined : doc;
    this.projectChanged = false;
    this.selection = { cueIds: [] };
    this.notify('project');
  }

  /** The audio was relinked: same sheet, same history, one more change to save. */
  relinked(project: ProjectView): void {
    for (const r of project.recordings) this.recordings.set(r.id, r);
    // The same recording at a new place (its length checked): every step of the history sees it
    // there, with the length measured now (a missing one had only the length last saved).
    for (const r of this.production.recordings) {
      const now = this.recordings.get(r.id);
      if (now && !now.missing) Object.assign(r, { path: now.path, size: now.size, duration: now.duration });
    }
    this.project = { ...project, sheet: this.sheet };
    this.projectChanged = true;
    this.notify('project');
  }

  markSaved(path: string): void {
    if (this.project) this.project = { ...this.project, projectPath: path, isSample: false };
    this.savedDoc = this.history.state;
    this.projectChanged = false;
    this.notify('status');
  }

  /** Says why something was refused, and has every view show the sheet as it is. */
  refuse(message: string): void {
    this.refusal = message;
    this.setStatus(message);
    this.notify('refused');
  }

  /**
   * Runs an edit; an EditError is a refusal (said, and every view shows the sheet as it is) and
   * changes nothing. The selection follows the edit (a split cue's first half, a merged cue).
   */
  edit(label: string, change: (sheet: CueSheet) => CueSheet, options?: ApplyOptions): boolean {
    return this.applyDoc(
      label,
      (doc) => {
        const sheet = change(doc.sheet);
        return sheet === doc.sheet ? doc : { ...doc, sheet };
      },
      options,
    );
  }

  /**
   * Changes the recordings (add, remove, reorder) as one undo step: every cue keeps its place on
   * its recording, and its time on the production follows (recording-edits.ts retime). An
   * EditError is a refusal, as for `edit`.
   */
  editProduction(label: string, change: (production: Production) => Production): boolean {
    return this.applyDoc(label, (doc) => {
      const production = change(doc.production);
      if (production === doc.production) return doc;
      const { sheet, placements } = retime(doc.sheet, doc.placements, doc.production, production);
      return { ...doc, sheet, production, placements };
    });
  }

  /**
   * The document `change` makes, applied as one undo step (the selection follows, the status
   * names it); the same document back changes nothing, and an EditError is a refusal.
   */
  private applyDoc(label: string, change: (doc: ProjectDoc) => ProjectDoc, options?: ApplyOptions): boolean {
    const before = this.doc;
    try {
      const next = change(before);
      if (next === before) return false;
      this.history.apply(label, next, options);
      this.followSelection(before.sheet);
      this.setStatus(label);
      this.notify('sheet');
      return true;
    } catch (error) {
      if (error instanceof EditError) {
        this.refuse(error.message);
        return false;
      }
      throw error;
    }
  }

  /**
   * Any change of the document (a drama's take switched: timeline, placements, sheet and pick at
   * once) as one undo step; an EditError is a refusal, as for `edit`.
   */
  editDoc(label: string, change: (doc: ProjectDoc) => ProjectDoc, options?: ApplyOptions): boolean {
    return this.applyDoc(label, change, options);
  }

  /** A whole new state as one undo step (a pickup dropped in: sheet, recordings and timeline at once). */
  replaceDoc(label: string, next: ProjectDoc): void {
    const before = this.sheet;
    this.history.apply(label, next);
    this.followSelection(before);
    this.setStatus(label);
    this.notify('sheet');
  }

  undo(): void {
    const before = this.sheet;
    const label = this.history.undo();
    this.setStatus(label ? `undid ${label}` : 'nothing to undo');
    if (label) {
      this.followSelection(before);
      this.notify('sheet');
    }
  }

  redo(): void {
    const before = this.sheet;
    const label = this.history.redo();
    this.setStatus(label ? `redid ${label}` : 'nothing to redo');
    if (label) {
      this.followSelection(before);
      this.notify('sheet');
    }
  }

  /** Points the selection at what exists after a change of sheet. */
  private followSelection(before: CueSheet): void {
    const after = this.sheet;
    const { cueIds, chapterId, bedId, sectionId } = this.selection;
    this.selection = {
      cueIds: selectionAfter(before, after, cueIds),
      ...(chapterId && after.chapters.some((c) => c.id === chapterId) ? { chapterId } : {}),
      ...(bedId && after.beds?.some((b) => b.id === bedId) ? { bedId } : {}),
      ...(sectionId && sungPassages(after).some((p) => p.id === sectionId) ? { sectionId } : {}),
    };
  }

  /** A music bed alone (clicked in the lane): the inspector shows its levels. */
  selectBed(bedId: string): void {
    this.selection = { cueIds: [], bedId };
    this.notify('selection');
  }

  /** A sung or music section alone (clicked in the lane): the inspector shows it, Delete removes it. */
  selectSection(sectionId: string): void {
    this.selection = { cueIds: [], sectionId };
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
