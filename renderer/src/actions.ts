// Every command of the app, once: the toolbar buttons, the keyboard and the tooltips all come from
// this table, so a shortcut shown is a shortcut that works.

export interface Action {
  id: string;
  label: string;
  /** Keys as `Ctrl+Shift+Z` (Ctrl means Cmd on macOS), matched against KeyboardEvent.key / code. */
  keys: string[];
  run(): void | Promise<void>;
  /** Shown in the toolbar (others are keyboard or menu only). */
  toolbar?: boolean;
}

export function keyOf(event: KeyboardEvent): string {
  const parts: string[] = [];
  if (event.ctrlKey || event.metaKey) parts.push('Ctrl');
  if (event.altKey) parts.push('Alt');
  if (event.shiftKey) parts.push('Shift');
  const key = event.code === 'Space' ? 'Space' : event.key.length === 1 ? event.key.toUpperCase() : event.key;
  parts.push(key);
  return parts.join('+');
}

export function bindKeys(actions: Action[], onError: (error: unknown) => void): void {
  const byKey = new Map<string, Action>();
  for (const action of actions) for (const key of action.keys) byKey.set(key, action);
  window.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement | null;
    if (target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)))
      return;
    if (document.querySelector('dialog[open]')) return;
    const action = byKey.get(keyOf(event));
    if (!action) return;
    event.preventDefault();
    Promise.resolve()
      .then(() => action.run())
      .catch(onError);
  });
}
