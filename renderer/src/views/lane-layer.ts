import type { CueSheet } from '../../../cues/cue-sheet.ts';
import { moveChapterStart } from '../../../cues/edit/chapter-edits.ts';
import { sungPassages } from '../../../cues/edit/sung-passages.ts';
import type { ProjectStore } from '../state/project-store.ts';
import { BED_LANE_STYLE, BedLane, type BedLaneSources } from './bed-lane.ts';

// Chapter flags along the top, sung sections above the bottom row and the beds' own row
// (bed-lane.ts) at the bottom, placed in percent of the wrapper's width: the wrapper grows with
// zoom, so the lanes stay in step without redrawing.

export class LaneLayer {
  private readonly chapters: HTMLElement;
  private readonly sections: HTMLElement;
  private readonly wrapper: HTMLElement;
  private readonly store: ProjectStore;
  private duration = 0;
  private readonly onChapterPicked: (time: number) => void;
  private readonly beds: BedLane;

  /**
   * `onChapterPicked` gets the start of a chapter whose flag was clicked (the playhead goes there);
   * `bedSources` tells the beds' row each bed's span and waveform once its file is loaded.
   */
  constructor(
    wrapper: HTMLElement,
    store: ProjectStore,
    onChapterPicked: (time: number) => void,
    bedSources: BedLaneSources,
  ) {
    this.onChapterPicked = onChapterPicked;
    // wavesurfer lives in a shadow root: page styles do not reach in, so the lanes bring their own.
    const style = document.createElement('style');
    style.textContent = LANE_STYLE + BED_LANE_STYLE;
    wrapper.appendChild(style);
    this.chapters = lane(wrapper, 'lane-chapters');
    this.sections = lane(wrapper, 'lane-sections');
    this.beds = new BedLane(wrapper, store, bedSources);
    this.wrapper = wrapper;
    this.chapters.addEventListener('pointerdown', (event) => this.dragFlag(event, store));
    this.chapters.addEventListener('click', (event) => event.stopPropagation());
    this.sections.addEventListener('click', (event) => {
      const band = (event.target as HTMLElement).closest<HTMLElement>('[data-section]');
      if (!band) return;
      event.stopPropagation();
      store.selectSection(band.dataset.section!);
    });
    this.store = store;
  }

  /**
   * Click a flag to select its chapter; drag it (any chapter but the first) to move the chapter's
   * start: it lands on the cue starting nearest to where it is dropped, as one undoable edit.
   */
  private dragFlag(event: PointerEvent, store: ProjectStore): void {
    const flag = (event.target as HTMLElement).closest<HTMLElement>('[data-chapter]');
    if (!flag) return;
    event.stopPropagation();
    event.preventDefault();
    const chapter = store.sheet.chapters.find((c) => c.id === flag.dataset.chapter);
    if (!chapter) return;
    const movable = store.sheet.chapters[0]!.id !== chapter.id;
    const startX = event.clientX;
    const startLeft = flag.offsetLeft;
    flag.setPointerCapture(event.pointerId);
    const move = (e: PointerEvent) => {
      if (movable) flag.style.left = `${startLeft + e.clientX - startX}px`;
    };
    const up = (e: PointerEvent) => {
      flag.removeEventListener('pointermove', move);
      flag.removeEventListener('pointerup', up);
      if (Math.abs(e.clientX - startX) < 3) {
        store.select(chapter.cueIds.slice(0, 1), chapter.id);
        this.onChapterPicked(movable ? (chapter.start ?? 0) : 0);
        return;
      }
      if (!movable) return store.refuse('the first chapter always starts at 0:00: it cannot move');
      const time = ((startLeft + e.clientX - startX) / this.wrapper.scrollWidth) * this.duration;
      const target = nearestCueStart(store.sheet, time);
      const moved = target && store.edit('move chapter', (s) => moveChapterStart(s, chapter.id, target));
      if (!moved) this.render(store.sheet, this.duration);
    };
    flag.addEventListener('pointermove', move);
    flag.addEventListener('pointerup', up);
  }

  clear(): void {
    this.chapters.replaceChildren();
    this.sections.replaceChildren();
    this.beds.clear();
  }

  render(sheet: CueSheet, duration: number): void {
    if (!(duration > 0)) return;
    this.duration = duration;
    const percent = (t: number) => `${(100 * t) / duration}%`;
    // A chapter with no time yet (its cues are not placed) has no place on the timeline: drawn
    // at 0:00 they stacked there, and the last one's title covered the first's.
    this.chapters.replaceChildren(
      ...sheet.chapters.flatMap((chapter, i) => {
        if (i > 0 && chapter.start === undefined) return [];
        const flag = document.createElement('div');
        flag.className = `chapter-flag${this.store.selection.chapterId === chapter.id ? ' selected' : ''}`;
        flag.dataset.chapter = chapter.id;
        flag.style.left = percent(i === 0 ? 0 : chapter.start!);
        flag.textContent = chapter.title;
        flag.title = chapter.title;
        return [flag];
      }),
    );
    const selected = this.store.selection;
    const band = (id: string, kind: string, start: number, end: number, text: string, title: string) => {
      const element = document.createElement('div');
      element.className = `section-band section-${kind}${selected.sectionId === id ? ' selected' : ''}`;
      element.dataset.section = id;
      element.style.left = percent(start);
      element.style.width = percent(end - start);
      element.title = title;
      element.textContent = text;
      return element;
    };
    this.beds.render(sheet, duration);
    this.sections.replaceChildren(
      ...sungPassages(sheet).map((p) =>
        band(p.id, 'sung', p.start, p.end, '♪ sung', 'sung passage: click to select, Delete unmarks it'),
      ),
      ...(sheet.sections ?? [])
        .filter((s) => s.kind === 'music')
        .map((s) => band(s.id, 'music', s.start, s.end, '♫ music', `music (${s.origin})`)),
    );
  }
}

const LANE_STYLE = `
.lane { position: absolute; left: 0; width: 100%; height: 18px; z-index: 6; pointer-events: none; overflow: hidden; }
.lane-chapters { top: 0; }
.lane-sections { bottom: 35px; }
.chapter-flag { position: absolute; top: 0; height: 16px; max-width: 220px; padding: 0 6px; overflow: hidden;
  white-space: nowrap; text-overflow: ellipsis; font: 11px system-ui, sans-serif; color: #0f172a;
  background: #fbbf24; border-left: 2px solid #b45309; border-radius: 0 3px 3px 0; pointer-events: all; cursor: grab; touch-action: none; }
.chapter-flag.selected { background: #f97316; color: #fff; border-left-color: #fff; box-shadow: 0 0 0 1px #fff; z-index: 1; }
.section-band { position: absolute; bottom: 0; height: 14px; font: 10px system-ui, sans-serif; color: #fdf4ff;
  background: rgba(192, 38, 211, 0.75); border-radius: 2px; padding-left: 4px; overflow: hidden; white-space: nowrap; }
.section-music { background: rgba(13, 148, 136, 0.75); }
.section-sung { pointer-events: all; cursor: pointer; }
.section-band.selected { outline: 2px solid #f97316; z-index: 1; }
`;

function nearestCueStart(sheet: CueSheet, time: number): string | undefined {
  let best: { id: string; distance: number } | undefined;
  for (const cue of sheet.cues) {
    if (cue.start === undefined) continue;
    const distance = Math.abs(cue.start - time);
    if (!best || distance < best.distance) best = { id: cue.id, distance };
  }
  return best?.id;
}

function lane(wrapper: HTMLElement, className: string): HTMLElement {
  const element = document.createElement('div');
  element.className = `lane ${className}`;
  wrapper.appendChild(element);
  return element;
}
