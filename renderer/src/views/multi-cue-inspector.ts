import { clockTime } from '../../../cues/sidecars/timecode.ts';
import type { ProjectStore } from '../state/project-store.ts';
import { button, parseSeconds } from './inspector.ts';

// The inspector for several cues at once (shown by the inspector when more than one is selected):
// how many, the stretch they cover, and what can be done to all of them as one undo step — move
// them together by a typed offset, give them a speaker, mark them sung, mark them not recorded.

export interface MultiCueHandlers {
  /** Moves the selected cues by `offset` seconds (negative: earlier), or refuses with the reason. */
  moveBy(offset: number): void;
  setSpeaker(name: string): void;
  markSung(): void;
  notRecorded(): void;
  recorded(): void;
  refuse(message: string): void;
}

export class MultiCueInspector {
  readonly element: HTMLElement;
  private readonly summary: HTMLOutputElement;
  private readonly span: HTMLOutputElement;
  private readonly offset: HTMLInputElement;
  private readonly speaker: HTMLInputElement;
  private readonly recordedButton: HTMLButtonElement;
  private readonly store: ProjectStore;

  constructor(store: ProjectStore, handlers: MultiCueHandlers) {
    this.store = store;
    this.element = document.createElement('div');
    this.element.className = 'multi-cue';
    this.element.dataset.testid = 'multi-cue';
    this.summary = output('multi-count');
    this.span = output('multi-span');
    // Short placeholders (the long ones were cut off: "seconds, e.g. 0."); the whole hint is the tooltip.
    this.offset = input('multi-offset', 'e.g. -1.5');
    this.offset.title = 'Seconds to move the cues by, e.g. 0.25 or -1.5 (Enter moves)';
    this.speaker = input('multi-speaker', 'a name');
    this.speaker.title = 'The speaker for every selected cue (empty: none; Enter sets)';
    const move = () => {
      const seconds = parseSeconds(this.offset.value);
      if (seconds === undefined)
        return handlers.refuse(
          `not moved: "${this.offset.value.trim()}" is not a number of seconds (like 0.25, -1,5 or 0:02)`,
        );
      handlers.moveBy(seconds);
    };
    onEnter(this.offset, move);
    onEnter(this.speaker, () => handlers.setSpeaker(this.speaker.value));
    this.recordedButton = button('Mark as recorded', 'multi-recorded', () => handlers.recorded());
    this.element.append(
      row('Selected', this.summary),
      row('Span', this.span),
      row('Move by (s)', this.offset, button('Move', 'multi-move', move)),
      row(
        'Speaker',
        this.speaker,
        button('Set', 'multi-set-speaker', () => handlers.setSpeaker(this.speaker.value)),
      ),
      row(
        'Mark',
        button('Sung (G)', 'multi-sung', () => handlers.markSung()),
        button('Not recorded (X)', 'multi-not-recorded', () => handlers.notRecorded()),
        this.recordedButton,
      ),
    );
  }

  /** Shows the facts of the cues `ids` (their count, their stretch of the timeline). */
  render(ids: readonly string[]): HTMLElement {
    const wanted = new Set(ids);
    const cues = this.store.sheet.cues.filter((c) => wanted.has(c.id));
    const placed = cues.filter((c) => c.start !== undefined && c.end !== undefined);
    const cut = cues.filter((c) => c.notRecorded).length;
    this.summary.textContent = `${cues.length} cues${placed.length < cues.length ? ` (${cues.length - placed.length} not placed)` : ''}`;
    this.span.textContent =
      placed.length === 0
        ? '—'
        : `${clockTime(Math.min(...placed.map((c) => c.start!)))} – ${clockTime(Math.max(...placed.map((c) => c.end!)))}`;
    const speakers = new Set(cues.map((c) => c.speaker ?? ''));
    this.speaker.placeholder = speakers.size === 1 ? 'a name' : 'several';
    if (speakers.size === 1 && document.activeElement !== this.speaker)
      this.speaker.value = [...speakers][0]!;
    this.recordedButton.hidden = cut === 0;
    return this.element;
  }
}

function output(testid: string): HTMLOutputElement {
  const element = document.createElement('output');
  element.dataset.testid = testid;
  return element;
}

function input(testid: string, placeholder: string): HTMLInputElement {
  const element = document.createElement('input');
  element.type = 'text';
  element.autocomplete = 'off';
  element.spellcheck = false;
  element.placeholder = placeholder;
  element.dataset.testid = testid;
  return element;
}

function onEnter(field: HTMLInputElement, run: () => void): void {
  field.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter') return;
    event.preventDefault();
    run();
  });
}

function row(name: string, ...content: HTMLElement[]): HTMLElement {
  const element = document.createElement('div');
  element.className = 'field multi-row';
  const label = document.createElement('span');
  label.textContent = name;
  element.append(label, ...content);
  return element;
}
