// Unlimited undo/redo over immutable states. Edits return new sheets that share unchanged cues,
// so each step costs one array of references, not a copy of the script.

export interface ApplyOptions {
  /** Consecutive edits with the same key within `coalesceMs` form one undo step (held-down nudges). */
  coalesce?: string;
  now?: number;
}

interface Step<T> {
  state: T;
  label: string;
  key?: string;
  at: number;
}

const COALESCE_MS = 1000;

export class EditHistory<T> {
  private past: Step<T>[] = [];
  private future: Step<T>[] = [];
  private current: Step<T>;

  constructor(initial: T) {
    this.current = { state: initial, label: 'open', at: 0 };
  }

  get state(): T {
    return this.current.state;
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  /** What undo would take back, for menus and the status line. */
  get undoLabel(): string | undefined {
    return this.past.length > 0 ? this.current.label : undefined;
  }

  get redoLabel(): string | undefined {
    return this.future.at(-1)?.label;
  }

  /** Records `next` as one undoable step (or folds it into the last one, see `coalesce`). */
  apply(label: string, next: T, options: ApplyOptions = {}): void {
    if (next === this.current.state) return;
    const now = options.now ?? Date.now();
    const folds =
      options.coalesce !== undefined &&
      this.current.key === options.coalesce &&
      this.past.length > 0 &&
      now - this.current.at <= COALESCE_MS;
    if (!folds) this.past.push(this.current);
    this.current = { state: next, label, key: options.coalesce, at: now };
    this.future = [];
  }

  undo(): string | undefined {
    const previous = this.past.pop();
    if (!previous) return undefined;
    const label = this.current.label;
    this.future.push(this.current);
    this.current = previous;
    return label;
  }

  redo(): string | undefined {
    const next = this.future.pop();
    if (!next) return undefined;
    this.past.push(this.current);
    this.current = { ...next, key: undefined };
    return next.label;
  }
}
