import type { ToolbarGroup } from '../../../src/shared/commands.ts';
import { type Action, keyName } from '../actions.ts';
import { type OverflowItem, overflowIntoMenu } from './toolbar-overflow.ts';

/** The top bar's groups, in order; each is labelled for screen readers and set apart on screen. */
export const TOP_GROUPS: ToolbarGroup[] = ['File', 'Edit', 'Cue', 'Review'];

/** The tooltip of a command: its label and its keys as the shortcut sheet writes them. */
export function tooltipOf(action: Action): string {
  return action.keys.length ? `${action.label} (${action.keys.map(keyName).join(', ')})` : action.label;
}

/** One button for an action: tooltip with its keys; a click runs it without taking the focus. */
export function actionButton(action: Action, onError: (error: unknown) => void): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.id = action.id;
  button.textContent = action.label;
  button.title = tooltipOf(action);
  if (action.keys[0]) button.setAttribute('aria-keyshortcuts', action.keys.join(' '));
  // A click does not take the keyboard focus (as in desktop toolbars): Space after clicking
  // Play still plays, and keys stay with the editor. Tab still reaches every button.
  button.addEventListener('mousedown', (event) => event.preventDefault());
  button.addEventListener('click', () => {
    Promise.resolve()
      .then(() => action.run())
      .catch(onError);
  });
  return button;
}

/**
 * The top bar: the toolbar commands grouped File | Edit | Cue | Review (a command's `group`, else
 * its menu), on one row: what does not fit is in its More menu (toolbar-overflow.ts). Transport
 * and View commands are left to the transport bar. Returns `update`, which disables the buttons
 * whose command cannot act now (call it when the state changes).
 */
export function renderToolbar(
  root: HTMLElement,
  actions: Action[],
  onError: (error: unknown) => void,
): { buttons: HTMLButtonElement[]; update(): void } {
  const buttons: Array<{ button: HTMLButtonElement; action: Action }> = [];
  root.replaceChildren(
    ...TOP_GROUPS.map((name) => {
      const group = document.createElement('div');
      group.className = 'command-group';
      group.setAttribute('role', 'group');
      group.setAttribute('aria-label', name);
      group.dataset.group = name;
      for (const action of actions.filter((a) => a.toolbar && (a.group ?? a.menu) === name)) {
        const button = actionButton(action, onError);
        buttons.push({ button, action });
        group.append(button);
      }
      return group;
    }),
  );
  overflowIntoMenu(root, overflowItems(buttons), onError);
  return {
    buttons: buttons.map((b) => b.button),
    update: () => updateEnabled(buttons),
  };
}

/** The More menu's item of each action's button: its label and keys; it runs as a click. */
export function overflowItems(buttons: Array<{ button: HTMLButtonElement; action: Action }>): OverflowItem[] {
  return buttons.map(({ button, action }) => ({
    button,
    label: action.label,
    keys: action.keys.map(keyName),
    run: () => button.click(),
  }));
}

/** Disables each button whose action says it cannot act now (`enabled` false). */
export function updateEnabled(buttons: Array<{ button: HTMLButtonElement; action: Action }>): void {
  for (const { button, action } of buttons) {
    button.disabled = action.enabled ? !action.enabled() : false;
    if (action.tooltip) button.title = action.tooltip();
  }
}
