import type { Action } from '../actions.ts';

/** Buttons for the toolbar actions, each with its shortcut in the tooltip. */
export function renderToolbar(root: HTMLElement, actions: Action[], onError: (error: unknown) => void): void {
  root.replaceChildren(
    ...actions
      .filter((a) => a.toolbar)
      .map((action) => {
        const button = document.createElement('button');
        button.type = 'button';
        button.id = action.id;
        button.textContent = action.label;
        button.title = action.keys.length ? `${action.label} (${action.keys.join(', ')})` : action.label;
        // A click does not take the keyboard focus (as in desktop toolbars): Space after clicking
        // Play still plays, and keys stay with the editor. Tab still reaches every button.
        button.addEventListener('mousedown', (event) => event.preventDefault());
        button.addEventListener('click', () => {
          Promise.resolve()
            .then(() => action.run())
            .catch(onError);
        });
        return button;
      }),
  );
}
