import { ContextMenu } from './context-menu.ts';

// A bar of buttons (the top bar, the transport bar) stays one row however narrow the window:
// first it is made compact (the `compact` class: each bar's stylesheet says what that drops or
// narrows), then the buttons that still do not fit go, last first, into a "More" menu at the row's
// end, each with its keys as in a right-click menu; a disabled button's item is disabled too. The
// top bar wrapped onto two rows below about 1400 px, the transport bar below about 1306 px.

/** A button of a bar and what its menu item says and does. */
export interface OverflowItem {
  button: HTMLButtonElement;
  label: string;
  keys: readonly string[];
  run(): void | Promise<void>;
}

/** Which bar: the More button's id (its menu's test id is the id and `-menu`) and the menu's heading. */
export interface OverflowNames {
  id: string;
  heading: string;
}

/**
 * Adds the More button to `root` (a single-row flex box holding groups of buttons, which must not
 * wrap and hides what overflows) and keeps the row fitted: called again whenever `root` changes
 * size. Returns `refit`, to call when the row's widths may have changed.
 */
export function overflowIntoMenu(
  root: HTMLElement,
  items: OverflowItem[],
  onError: (error: unknown) => void,
  names: OverflowNames = { id: 'toolbar-more', heading: 'More commands' },
): { more: HTMLButtonElement; refit(): void } {
  const more = document.createElement('button');
  more.type = 'button';
  more.id = names.id;
  more.className = 'toolbar-more';
  more.textContent = 'More ▾';
  more.setAttribute('aria-haspopup', 'menu');
  more.setAttribute('aria-expanded', 'false');
  root.append(more);
  const menu = new ContextMenu(onError);
  menu.element.dataset.testid = `${names.id}-menu`;
  const hidden = () => items.filter((item) => item.button.hidden);
  const title = () =>
    `${names.heading}: ${hidden()
      .map((item) => item.label.replace(/…$/, ''))
      .join(', ')}`;

  function refit(): void {
    for (const item of items) item.button.hidden = false;
    for (const group of root.querySelectorAll<HTMLElement>('[role="group"]')) group.hidden = false;
    more.hidden = true;
    root.classList.remove('compact');
    if (root.scrollWidth <= root.clientWidth) return;
    root.classList.add('compact');
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
      names.heading,
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
  // What the row holds changes width too (a clock given its length, a field opened in it): then
  // it is refitted the next frame, outside the observer's delivery (refit resizes what it watches).
  let queued = false;
  const content = new ResizeObserver(() => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      refit();
    });
  });
  for (const child of root.children) if (child !== more) content.observe(child);
  void document.fonts?.ready.then(refit);
  return { more, refit };
}
