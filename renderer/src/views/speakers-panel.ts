import { filterSpeakers, NARRATOR, type SpeakerLines, speakersOf } from '../../../cues/lists/speakers.ts';
import type { ProjectStore } from '../state/project-store.ts';
import { speakerColor } from './speaker-colors.ts';

// The script's speakers (characters) with their colour and how many lines each has; a filter
// narrows the list by name. Clicking a speaker selects all their cues; Solo shows only theirs
// (the cue table lists only them, the script and the timeline dim the rest, the selection stays)
// until Solo is pressed again or the timeline's "End solo".

export class SpeakersPanel {
  readonly element: HTMLElement;
  private readonly filter: HTMLInputElement;
  private readonly list: HTMLUListElement;
  private soloed?: string;
  private readonly soloListeners: Array<(speaker: SpeakerLines | undefined) => void> = [];

  private readonly store: ProjectStore;

  constructor(store: ProjectStore) {
    this.store = store;
    this.element = document.createElement('section');
    this.element.className = 'list-panel speakers-panel';
    this.element.setAttribute('aria-label', 'Speakers');
    this.filter = document.createElement('input');
    this.filter.type = 'search';
    this.filter.placeholder = 'Filter speakers';
    this.filter.dataset.testid = 'speaker-filter';
    this.filter.addEventListener('input', () => this.render());
    this.list = document.createElement('ul');
    this.list.dataset.testid = 'speaker-list';
    this.element.append(this.filter, this.list);
    this.list.addEventListener('click', (event) => this.clicked(event));
    store.subscribe((change) => {
      if (change === 'project') this.solo(undefined);
      if (change === 'project' || change === 'sheet') this.render();
    });
  }

  /** Called with the soloed speaker (undefined when solo ends). */
  onSolo(listener: (speaker: SpeakerLines | undefined) => void): void {
    this.soloListeners.push(listener);
  }

  private speakers(): SpeakerLines[] {
    return this.store.hasProject ? speakersOf(this.store.sheet, { narrator: NARRATOR }) : [];
  }

  render(): void {
    const all = this.speakers();
    const colors = new Map(all.map((s, i) => [s.speaker, speakerColor(i)]));
    // A soloed speaker whose lines were all given to others is soloed no more.
    if (this.soloed && !all.some((s) => s.speaker === this.soloed)) this.solo(undefined);
    this.list.replaceChildren(
      ...filterSpeakers(all, this.filter.value).map((speaker) => {
        const row = document.createElement('li');
        row.dataset.speaker = speaker.speaker;
        row.classList.toggle('soloed', speaker.speaker === this.soloed);
        const pick = document.createElement('button');
        pick.type = 'button';
        pick.className = 'row-main';
        pick.dataset.action = 'select';
        pick.title = `Select ${speaker.speaker}’s lines`;
        const swatch = document.createElement('span');
        swatch.className = 'swatch';
        swatch.style.background = colors.get(speaker.speaker)!;
        const name = document.createElement('span');
        name.className = 'row-title';
        name.textContent = speaker.speaker;
        const count = document.createElement('span');
        count.className = 'row-count';
        count.dataset.testid = 'speaker-lines';
        count.textContent = `${speaker.lines} line${speaker.lines === 1 ? '' : 's'}`;
        pick.append(swatch, name, count);
        const solo = document.createElement('button');
        solo.type = 'button';
        solo.className = 'row-action';
        solo.dataset.action = 'solo';
        solo.textContent = 'Solo';
        solo.setAttribute('aria-pressed', String(speaker.speaker === this.soloed));
        row.append(pick, solo);
        return row;
      }),
    );
  }

  private clicked(event: MouseEvent): void {
    const button = (event.target as HTMLElement).closest<HTMLElement>('[data-action]');
    const name = button?.closest<HTMLElement>('[data-speaker]')?.dataset.speaker;
    const speaker = this.speakers().find((s) => s.speaker === name);
    if (!button || !speaker) return;
    // Solo is a way of looking, not a selection: what is selected (and the inspector) stays.
    if (button.dataset.action === 'solo') this.solo(this.soloed === speaker.speaker ? undefined : speaker);
    else this.store.select(speaker.cueIds);
    this.render();
  }

  /** Ends solo (the timeline's "End solo" button). */
  endSolo(): void {
    this.solo(undefined);
    this.render();
  }

  private solo(speaker: SpeakerLines | undefined): void {
    this.soloed = speaker?.speaker;
    for (const listener of this.soloListeners) listener(speaker);
  }
}
