import { type ScriptMatch, searchScript, stepMatch } from '../../../cues/lists/script-search.ts';
import type { ProjectStore } from '../state/project-store.ts';

// Find in the script: Ctrl+F opens the bar, typing lists every match (all underlined in the
// script, the current one marked), Enter or F3 goes to the next, Shift+Enter or Shift+F3 to the
// previous, wrapping round; going to a match selects its cue. Escape closes the bar.

/** CSS custom highlight names (styles.css gives them their look). */
const ALL = 'script-search';
const CURRENT = 'script-search-current';

export class ScriptSearch {
  readonly element: HTMLElement;
  private readonly input: HTMLInputElement;
  private readonly count: HTMLElement;
  private matches: ScriptMatch[] = [];
  private current = -1;

  private readonly store: ProjectStore;
  private readonly script: HTMLElement;
  private readonly onPick: (cueId: string) => void;

  constructor(
    store: ProjectStore,
    /** The script panel's root: the matches are found in its cue spans. */
    script: HTMLElement,
    onPick: (cueId: string) => void,
  ) {
    this.store = store;
    this.script = script;
    this.onPick = onPick;
    this.element = document.createElement('div');
    this.element.className = 'script-search';
    this.element.setAttribute('role', 'search');
    this.element.hidden = true;
    this.input = document.createElement('input');
    this.input.type = 'search';
    this.input.placeholder = 'Find in script';
    this.input.dataset.testid = 'search-input';
    this.count = document.createElement('span');
    this.count.className = 'search-count';
    this.count.dataset.testid = 'search-count';
    this.count.setAttribute('aria-live', 'polite');
    const previous = barButton('↑', 'Previous match (Shift+F3)', () => this.step(-1));
    const next = barButton('↓', 'Next match (F3)', () => this.step(1));
    const close = barButton('×', 'Close (Escape)', () => this.close());
    this.element.append(this.input, this.count, previous, next, close);
    this.input.addEventListener('input', () => this.search());
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        this.step(event.shiftKey ? -1 : 1);
      } else if (event.key === 'F3') {
        // Here too (a text field lets only plain F-keys through to the app's shortcuts).
        event.preventDefault();
        event.stopPropagation();
        this.step(event.shiftKey ? -1 : 1);
      } else if (event.key === 'Escape') {
        event.preventDefault();
        this.close();
      }
    });
    store.subscribe((change) => {
      // The script was drawn again: the matches are found in the new spans (after it is drawn).
      if ((change === 'project' || change === 'sheet') && !this.element.hidden)
        queueMicrotask(() => this.search(true));
    });
  }

  /** Shows the bar with the focus in it (the text selected, to type a new search). */
  open(): void {
    this.element.hidden = false;
    this.input.focus();
    this.input.select();
  }

  close(): void {
    this.element.hidden = true;
    this.matches = [];
    this.current = -1;
    highlights()?.delete(ALL);
    highlights()?.delete(CURRENT);
    this.script.focus({ preventScroll: true });
  }

  /** Next (1) or previous (-1) match; opens the bar first when it is closed. */
  step(direction: 1 | -1): void {
    if (this.element.hidden) {
      this.open();
      if (this.input.value === '') return;
    }
    if (this.matches.length === 0) this.search();
    this.current = stepMatch(this.current, this.matches.length, direction);
    this.show();
    const match = this.matches[this.current];
    if (match?.cueId) this.onPick(match.cueId);
    this.rangeOf(match)?.startContainer.parentElement?.scrollIntoView({ block: 'center' });
  }

  private search(keepPlace = false): void {
    if (!this.store.hasProject) return;
    const at = this.matches[this.current]?.start;
    this.matches = searchScript(this.store.project!.scriptText, this.store.sheet, this.input.value);
    this.current = keepPlace && at !== undefined ? this.matches.findIndex((m) => m.start >= at) : -1;
    this.show();
  }

  private show(): void {
    const n = this.matches.length;
    this.count.textContent =
      this.input.value.trim() === ''
        ? ''
        : n === 0
          ? 'no match'
          : `${this.current < 0 ? '–' : this.current + 1} of ${n}`;
    const registry = highlights();
    if (!registry) return;
    const ranges = this.matches.map((m) => this.rangeOf(m)).filter((r): r is Range => r !== undefined);
    registry.set(ALL, new Highlight(...ranges));
    const current = this.rangeOf(this.matches[this.current]);
    if (current) registry.set(CURRENT, new Highlight(current));
    else registry.delete(CURRENT);
  }

  /** The match's place in the script panel (inside its cue's span), if it is in one. */
  private rangeOf(match: ScriptMatch | undefined): Range | undefined {
    if (!match?.cueId) return undefined;
    const cue = this.store.sheet.cues.find((c) => c.id === match.cueId);
    const text = this.script.querySelector(`[data-cue="${CSS.escape(match.cueId)}"]`)?.firstChild;
    if (!cue || !(text instanceof Text)) return undefined;
    const range = document.createRange();
    range.setStart(text, Math.min(text.length, match.start - cue.source.start));
    range.setEnd(text, Math.min(text.length, match.end - cue.source.start));
    return range;
  }
}

/** The page's highlight registry (absent where the browser has none: matches are then counted only). */
function highlights(): HighlightRegistry | undefined {
  return typeof CSS !== 'undefined' && 'highlights' in CSS ? CSS.highlights : undefined;
}

function barButton(label: string, title: string, run: () => void): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = label;
  button.title = title;
  button.setAttribute('aria-label', title);
  button.addEventListener('click', run);
  return button;
}
