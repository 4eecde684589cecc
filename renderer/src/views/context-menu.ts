// A right-click menu of commands of the shared table, each shown with its keys, so what the menu
// does is what the keyboard does. Escape or a click elsewhere closes it (not a scroll: opening it
// on a cue selects the cue, which scrolls the script to it); arrows move
// between its items.

export interface MenuItem {
  label: string;
  /** Keys as the command table writes them (`Shift+C`), shown beside the label. */
  keys?: readonly string[];
  /** Shown but not clickable (the command cannot act now). */
  disabled?: boolean;
  /** The item's tooltip. */
  title?: string;
  run(): void | Promise<void>;
}

/** A key as people read it: arrows as arrows. */
export function readableKey(key: string): string {
  return key
    .replace('ArrowLeft', '←')
    .replace('ArrowRight', '→')
    .replace('ArrowUp', '↑')
    .replace('ArrowDown', '↓');
}

export class ContextMenu {
  readonly element: HTMLElement;
  private readonly onError: (error: unknown) => void;
  /** Called each time the open menu closes. */
  onClose?: () => void;

  constructor(onError: (error: unknown) => void) {
    this.onError = onError;
    this.element = document.createElement('div');
    this.element.className = 'context-menu';
    this.element.setAttribute('role', 'menu');
    this.element.dataset.testid = 'context-menu';
    this.element.tabIndex = -1;
    this.element.hidden = true;
    document.body.append(this.element);
    const close = () => this.close();
    window.addEventListener('pointerdown', (event) => {
      if (!this.element.contains(event.target as Node)) close();
    });
    window.addEventListener('blur', close);
    window.addEventListener('resize', close);
    this.element.addEventListener('keydown', (event) => {
      const items = [...this.element.querySelectorAll<HTMLButtonElement>('button:not(:disabled)')];
      const at = items.indexOf(document.activeElement as HTMLButtonElement);
      if (event.key === 'Escape') close();
      else if (event.key === 'ArrowDown') items[(at + 1) % items.length]?.focus();
      else if (event.key === 'ArrowUp') items[(at - 1 + items.length) % items.length]?.focus();
      else return;
      event.preventDefault();
      event.stopPropagation();
    });
  }

  get open(): boolean {
    return !this.element.hidden;
  }

  /** Shows `items` under a heading at the pointer (kept inside the window). */
  show(x: number, y: number, heading: string, items: MenuItem[]): void {
    const title = document.createElement('div');
    title.className = 'context-heading';
    title.textContent = heading;
    this.element.replaceChildren(
      title,
      ...items.map((item) => {
        const button = document.createElement('button');
        button.type = 'button';
        button.setAttribute('role', 'menuitem');
        button.disabled = item.disabled ?? false;
        if (item.title) button.title = item.title;
        const label = document.createElement('span');
        label.textContent = item.label;
        const keys = document.createElement('kbd');
        keys.textContent = (item.keys ?? []).map(readableKey).join(', ');
        button.append(label, keys);
        button.addEventListener('click', () => {
          this.close();
          Promise.resolve()
            .then(() => item.run())
            .catch(this.onError);
        });
        return button;
      }),
    );
    this.element.hidden = false;
    const { width, height } = this.element.getBoundingClientRect();
    this.element.style.left = `${Math.max(0, Math.min(x, window.innerWidth - width - 4))}px`;
    this.element.style.top = `${Math.max(0, Math.min(y, window.innerHeight - height - 4))}px`;
    // The first item that can act takes the keys; with none, the menu itself (Escape still closes).
    (this.element.querySelector<HTMLElement>('button:not(:disabled)') ?? this.element).focus({
      preventScroll: true,
    });
  }

  close(): void {
    if (this.element.hidden) return;
    this.element.hidden = true;
    this.onClose?.();
  }
}
