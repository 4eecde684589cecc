import { ContextMenu } from './context-menu.ts';

// The top bar stays one row however narrow the window: the buttons that do not fit go, last
// first, into a "More" menu at the row's end, each with its keys as in a right-click menu; a
// disabled button's item is disabled too. The row wrapped onto two below about 1400 px.

/** A button of the top bar and what its menu item says and does. */
export interface OverflowItem {
  button: HTMLButtonElement;
  label: string;
  keys: readonly string[];
  run(): void | Promise<void>;
}

/**
 * Adds the More button to `root` (a single-row flex box of groups of buttons) and keeps the row
 * fitted: called again whenever `root` changes size. Returns `refit`, to call when the buttons'
 * widths may have changed.
 */
export function overflowIntoMenu(
  root: HTMLElement,
  items: OverflowItem[],
  onError: (error: unknown) => void,
): { more: HTMLButtonElement; refit(): void } {
  const more = document.createElement('button');
  more.type = 'button';
  more.id = 'toolbar-more';
  more.className = 'toolbar-more';
  more.textContent = 'More ▾';
  more.setAttribute('aria-haspopup', 'menu');
  more.setAttribute('aria-expanded', 'false');
  root.append(more);
  const menu = new ContextMenu(onError);
  menu.element.dataset.testid = 'toolbar-more-menu';
  const hidden = () => items.filter((item) => item.button.hidden);
  const title = () =>
    `More commands: ${hidden()
      .map((item) => item.label.replace(/…$/, ''))
      .join(', ')}`;

  function refit(): void {
    for (const item of items) item.button.hidden = false;
    for (const group of root.querySelectorAll<HTMLElement>('[role="group"]')) group.hidden = false;
    more.hidden = true;
    if (root.scrollWidth <= root.clientWidth) return;
    more.hidden = false;
    for (const item of [...items].reverse()) {
      item.button.hidden = true;
      const group = item.button.parentElement;
      if (group && [...group.querySelectorAll('button')].every((b) => b.hidden)) group.hidden = true;
      if (root.scrollWidth <= root.clientWidth) break;
    }
    more.title = title();
  }

  // Its own pointerdown would close the menu before the click that toggles it.
  more.addEventListener('pointerdown', (event) => event.stopPropagation());
  more.addEventListener('mousedown', (event) => event.preventDefault());
  more.addEventListener('click', () => {
    if (menu.open) return menu.close();
    const box = more.getBoundingClientRect();
    menu.show(
      box.left,
      box.bottom + 2,
      'More commands',
      hidden().map((item) => ({
        label: item.label,
        keys: item.keys,
        disabled: item.button.disabled,
        ...(item.button.title ? { title: item.button.title } : {}),
        run: item.run,
      })),
    );
    more.setAttribute('aria-expanded', 'true');
  });
  menu.onClose = () => more.setAttribute('aria-expanded', 'false');
  // Escape gives the keys back to the More button (the menu closes itself).
  menu.element.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') more.focus();
  });
  new ResizeObserver(() => {
    menu.close();
    refit();
  }).observe(root);
  void document.fonts?.ready.then(refit);
  return { more, refit };
}
