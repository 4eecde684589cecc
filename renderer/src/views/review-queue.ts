import { needsReview, reviewPosition, reviewReason } from '../../../cues/edit/review.ts';
import { clockTime } from '../../../cues/sidecars/timecode.ts';
import type { ProjectStore } from '../state/project-store.ts';

// The cues waiting for a listen, each with the reason alignment flagged it ("squeezed", "low
// acoustic match"… as stored in the cue). The selected one's place shows as "2 of 14"; one key
// (N) confirms it and goes to the next, R goes on without confirming, Y confirms only.

export interface ReviewQueueHandlers {
  /** Selects the cue and plays it (as R does). */
  pick(cueId: string): void;
  /** Runs a command of the shared table by id ('review', 'confirm', 'confirm-next'). */
  run(command: string): void;
  /** Whether the command can act now (a button that cannot is disabled). */
  enabled(command: string): boolean;
}

export class ReviewQueue {
  readonly element: HTMLElement;
  private readonly position: HTMLElement;
  private readonly reason: HTMLElement;
  private readonly list: HTMLOListElement;
  private readonly store: ProjectStore;
  private readonly handlers: ReviewQueueHandlers;
  private readonly buttons: HTMLButtonElement[] = [];

  constructor(store: ProjectStore, handlers: ReviewQueueHandlers) {
    this.store = store;
    this.handlers = handlers;
    this.element = document.createElement('section');
    this.element.className = 'list-panel review-queue';
    this.element.setAttribute('aria-label', 'Review');
    const head = document.createElement('div');
    head.className = 'review-head';
    this.position = document.createElement('strong');
    this.position.dataset.testid = 'review-position';
    this.reason = document.createElement('span');
    this.reason.className = 'review-reason';
    this.reason.dataset.testid = 'review-reason';
    const buttons = document.createElement('div');
    buttons.className = 'review-buttons';
    for (const [label, command] of [
      ['Confirm and next (N)', 'confirm-next'],
      ['Confirm (Y)', 'confirm'],
      ['Skip (R)', 'review'],
    ] as const) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = label;
      button.dataset.testid = `review-${command}`;
      // The keys stay with the editor (as in the toolbar).
      button.addEventListener('mousedown', (event) => event.preventDefault());
      button.addEventListener('click', () => handlers.run(command));
      buttons.append(button);
      this.buttons.push(button);
    }
    head.append(this.position, this.reason, buttons);
    this.list = document.createElement('ol');
    this.list.dataset.testid = 'review-list';
    this.element.append(head, this.list);
    this.list.addEventListener('click', (event) => {
      const id = (event.target as HTMLElement).closest<HTMLElement>('[data-cue]')?.dataset.cue;
      if (id) handlers.pick(id);
    });
    store.subscribe((change) => {
      if (change === 'project' || change === 'sheet') this.render();
      if (change === 'selection') this.showPosition();
    });
  }

  render(): void {
    if (!this.store.hasProject) return void this.list.replaceChildren();
    const queue = this.store.sheet.cues.filter((c) => needsReview(c));
    this.list.replaceChildren(
      ...queue.map((cue) => {
        const row = document.createElement('li');
        row.dataset.cue = cue.id;
        const time = document.createElement('span');
        time.className = 'row-time';
        time.textContent = cue.start === undefined ? '—' : clockTime(cue.start);
        const reason = document.createElement('span');
        reason.className = 'row-reason';
        reason.textContent = reviewReason(cue) ?? '';
        const text = document.createElement('span');
        text.className = 'row-title';
        text.textContent = (cue.spoken ?? cue.text).replace(/\s+/g, ' ').trim();
        row.append(time, reason, text);
        return row;
      }),
    );
    this.showPosition();
  }

  private showPosition(): void {
    if (!this.store.hasProject) return;
    const id = this.store.selection.cueIds[0];
    const total = this.list.children.length;
    // Nothing to review, or a cue not waiting for review: the buttons that cannot act say so.
    for (const button of this.buttons)
      button.disabled = !this.handlers.enabled(button.dataset.testid!.replace('review-', ''));
    const at = id ? reviewPosition(this.store.sheet, id) : undefined;
    for (const row of this.list.querySelectorAll<HTMLElement>('li'))
      row.classList.toggle('selected', row.dataset.cue === id);
    if (total === 0) {
      this.position.textContent = 'Nothing to review';
      this.reason.textContent = 'every cue is confident or confirmed';
    } else if (at && at.index > 0) {
      this.position.textContent = `${at.index} of ${at.total}`;
      this.reason.textContent = at.reason;
    } else {
      this.position.textContent = `${total} to review`;
      this.reason.textContent = 'R goes to the next one';
    }
  }
}
