import type { CommandInfo } from '../../src/shared/commands.ts';

// A command of the shared table (src/shared/commands.ts) with what it does here; the toolbar,
// the keyboard, the tooltips and the desktop menu all come from that one table.

export interface Action extends CommandInfo {
  run(): void | Promise<void>;
  /** Whether the command can act now (its button is disabled otherwise); absent: always. */
  enabled?(): boolean;
  /** The tooltip as it reads now (Undo names what it will undo); absent: label and keys. */
  tooltip?(): string;
}

/** A key as people write it: arrows as arrows. */
export const keyName = (key: string) =>
  key.replace('ArrowLeft', '←').replace('ArrowRight', '→').replace('ArrowUp', '↑').replace('ArrowDown', '↓');

export function keyOf(event: KeyboardEvent): string {
  const parts: string[] = [];
  if (event.ctrlKey || event.metaKey) parts.push('Ctrl');
  if (event.altKey) parts.push('Alt');
  if (event.shiftKey) parts.push('Shift');
  const key = event.code === 'Space' ? 'Space' : event.key.length === 1 ? event.key.toUpperCase() : event.key;
  parts.push(key);
  return parts.join('+');
}

/**
 * Keys a text field uses itself. Undo and redo are the app's (the F1 sheet says Ctrl commands act
 * everywhere): the field's typing is taken first, then undone like any edit.
 */
const TEXT_FIELD_KEYS = new Set(['Ctrl+A']);
const PRESSABLE_INPUTS = new Set([
  'button',
  'submit',
  'reset',
  'checkbox',
  'radio',
  'range',
  'color',
  'file',
]);

/**
 * Where focus is, for the keys: in a text field only the app's Ctrl commands (save, open…) act;
 * on a button (or a checkbox…) Space and Enter press it; elsewhere every shortcut acts.
 */
export function focusKind(target: EventTarget | null): 'text' | 'pressable' | 'none' {
  const element = target as HTMLElement | null;
  if (!element || !(element instanceof HTMLElement)) return 'none';
  if (element.isContentEditable || element.tagName === 'TEXTAREA' || element.tagName === 'SELECT')
    return 'text';
  if (element.tagName === 'INPUT')
    return PRESSABLE_INPUTS.has((element as HTMLInputElement).type) ? 'pressable' : 'text';
  if (element.closest('button, a[href], summary, [role="button"]')) return 'pressable';
  return 'none';
}

export function shortcutApplies(key: string, focus: ReturnType<typeof focusKind>): boolean {
  if (focus === 'text') return (key.startsWith('Ctrl+') && !TEXT_FIELD_KEYS.has(key)) || /^F\d+$/.test(key);
  if (focus === 'pressable') return key !== 'Space' && key !== 'Enter';
  return true;
}

export function bindKeys(actions: Action[], onError: (error: unknown) => void): void {
  const byKey = new Map<string, Action>();
  for (const action of actions) for (const key of action.keys) byKey.set(key, action);
  window.addEventListener('keydown', (event) => {
    if (document.querySelector('dialog[open]')) return;
    const key = keyOf(event);
    const action = byKey.get(key);
    if (!action || !shortcutApplies(key, focusKind(event.target))) return;
    event.preventDefault();
    Promise.resolve()
      .then(() => action.run())
      .catch(onError);
  });
}
