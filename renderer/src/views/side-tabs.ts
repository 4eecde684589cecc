// The tabs of the editor's left side area (index.html's #side): Script first, then whatever panels
// register (Chapters, Speakers, Cues, Recordings…). One panel shows at a time; the tabs follow the
// ARIA tabs pattern (arrows move between tabs, Home/End jump to the ends, Tab goes into the panel).

export interface SideTab {
  id: string;
  button: HTMLButtonElement;
  panel: HTMLElement;
}

const tabs: SideTab[] = [];
const listeners: Array<(id: string) => void> = [];

function parts(): { list: HTMLElement; panels: HTMLElement } {
  const list = document.getElementById('side-tabs');
  const panels = document.getElementById('side-panels');
  if (!list || !panels) throw new Error('side-tabs: the page has no #side-tabs / #side-panels');
  return { list, panels };
}

/**
 * Adds a tab titled `title` whose panel is `panel` (moved into the side area). `id` names the tab
 * (button id `tab-<id>`); the panel keeps its own element id, or gets `panel-<id>`. The first tab
 * added is shown; later ones stay hidden until picked (or `select` is set). Adding an id twice
 * throws: two panels under one name would hide each other.
 */
export function addSideTab(
  id: string,
  title: string,
  panel: HTMLElement,
  options: { select?: boolean } = {},
): HTMLButtonElement {
  if (tabs.some((t) => t.id === id)) throw new Error(`side tab "${id}" is added twice`);
  const { list, panels } = parts();
  const button = document.createElement('button');
  button.type = 'button';
  button.id = `tab-${id}`;
  button.className = 'side-tab';
  button.setAttribute('role', 'tab');
  button.textContent = title;
  if (!panel.id) panel.id = `panel-${id}`;
  button.setAttribute('aria-controls', panel.id);
  panel.setAttribute('role', 'tabpanel');
  panel.setAttribute('aria-labelledby', button.id);
  panel.classList.add('side-panel');
  button.addEventListener('click', () => selectSideTab(id));
  list.append(button);
  panels.append(panel);
  tabs.push({ id, button, panel });
  if (tabs.length === 1 || options.select) selectSideTab(id);
  else show(tabs.find((t) => t.button.getAttribute('aria-selected') === 'true')?.id ?? tabs[0]!.id);
  return button;
}

/** Shows one tab's panel; an unknown id throws (a typo would otherwise show nothing). */
export function selectSideTab(id: string): void {
  if (!tabs.some((t) => t.id === id)) throw new Error(`no side tab "${id}"`);
  show(id);
  for (const listener of listeners) listener(id);
}

/** The tab shown now (undefined before any is added). */
export function selectedSideTab(): SideTab | undefined {
  return tabs.find((t) => t.button.getAttribute('aria-selected') === 'true');
}

/** Called with the tab's id whenever a tab is picked (a panel may render lazily then). */
export function onSideTabSelected(listener: (id: string) => void): void {
  listeners.push(listener);
}

function show(id: string): void {
  for (const tab of tabs) {
    const on = tab.id === id;
    tab.button.setAttribute('aria-selected', String(on));
    // Roving tabindex: Tab reaches the tab list once, the arrows move inside it.
    tab.button.tabIndex = on ? 0 : -1;
    tab.panel.hidden = !on;
  }
}

/** Arrow keys between tabs; they stop here, so the editor's arrow shortcuts do not also act. */
export function bindSideTabKeys(): void {
  const { list } = parts();
  list.setAttribute('role', 'tablist');
  list.setAttribute('aria-label', 'Side panels');
  list.addEventListener('keydown', (event) => {
    const at = tabs.findIndex((t) => t.button === document.activeElement);
    if (at < 0) return;
    const to =
      event.key === 'ArrowRight' || event.key === 'ArrowDown'
        ? (at + 1) % tabs.length
        : event.key === 'ArrowLeft' || event.key === 'ArrowUp'
          ? (at - 1 + tabs.length) % tabs.length
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? tabs.length - 1
              : undefined;
    if (to === undefined) return;
    event.preventDefault();
    event.stopPropagation();
    selectSideTab(tabs[to]!.id);
    tabs[to]!.button.focus();
  });
}
