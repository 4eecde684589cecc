import { type GoToTarget, parseGoTo } from '../playback/go-to.ts';

// The transport bar's clock (#time: playhead / length, written by whoever shows the time). Click
// it, or Ctrl+G, to type where to go: a time or a cue number (playback/go-to.ts); Enter goes,
// Escape or leaving the field does not.

export class TimeDisplay {
  private readonly clock: HTMLElement;
  private readonly input: HTMLInputElement;
  private readonly go: (target: GoToTarget) => boolean;
  private readonly refuse: (message: string) => void;

  /**
   * `clock` is the element showing the time (it becomes pressable); `go` moves there and says
   * whether it could; `refuse` says why something typed is not a place.
   */
  constructor(clock: HTMLElement, go: (target: GoToTarget) => boolean, refuse: (message: string) => void) {
    this.clock = clock;
    this.go = go;
    this.refuse = refuse;
    clock.classList.add('clock');
    clock.setAttribute('role', 'button');
    clock.tabIndex = 0;
    clock.title =
      'Go to a time or a cue (Ctrl+G): click and type 1:02:03.500 or 75.5 (seconds), or #12 for cue 12';
    this.input = document.createElement('input');
    this.input.id = 'time-entry';
    this.input.className = 'clock-entry';
    this.input.placeholder = 'h:mm:ss, seconds, or #cue';
    this.input.title = 'A time (1:02:03.500, or 75.5 seconds) or a cue number after # (#12 is cue 12)';
    this.input.setAttribute('aria-label', 'Go to time or cue number');
    this.input.hidden = true;
    clock.after(this.input);
    clock.addEventListener('click', () => this.open());
    clock.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      event.preventDefault();
      event.stopPropagation();
      this.open();
    });
    this.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        this.commit();
      } else if (event.key === 'Escape') {
        event.preventDefault();
        this.close();
      }
    });
    this.input.addEventListener('blur', () => this.close());
  }

  /** Shows the field in place of the clock, holding the time shown, selected for typing over. */
  open(): void {
    this.input.value = this.clock.textContent?.split(' / ')[0] ?? '';
    this.clock.hidden = true;
    this.input.hidden = false;
    this.input.focus();
    this.input.select();
  }

  private commit(): void {
    const typed = this.input.value;
    const target = parseGoTo(typed);
    if (!target) {
      this.refuse(`"${typed}" is not a time (like 1:02:03.500 or 75.5 seconds) or a cue (like #12)`);
      this.input.select();
      return;
    }
    if (this.go(target)) this.close();
    else this.input.select();
  }

  private close(): void {
    if (this.input.hidden) return;
    this.input.hidden = true;
    this.clock.hidden = false;
  }
}
