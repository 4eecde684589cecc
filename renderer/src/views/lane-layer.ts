import type { CueSheet } from '../../../cues/cue-sheet.ts';
import type { ProjectStore } from '../state/project-store.ts';

// Chapter flags along the top and sung sections along the bottom, placed in percent of the
// wrapper's width: the wrapper grows with zoom, so the lanes stay in step without redrawing.

export class LaneLayer {
  private readonly chapters: HTMLElement;
  private readonly sections: HTMLElement;

  constructor(wrapper: HTMLElement, store: ProjectStore) {
    // wavesurfer lives in a shadow root: page styles do not reach in, so the lanes bring their own.
    const style = document.createElement('style');
    style.textContent = LANE_STYLE;
    wrapper.appendChild(style);
    this.chapters = lane(wrapper, 'lane-chapters');
    this.sections = lane(wrapper, 'lane-sections');
    this.chapters.addEventListener('click', (event) => {
      const flag = (event.target as HTMLElement).closest<HTMLElement>('[data-chapter]');
      if (!flag) return;
      event.stopPropagation();
      const chapter = store.sheet.chapters.find((c) => c.id === flag.dataset.chapter);
      if (chapter) store.select(chapter.cueIds.slice(0, 1), chapter.id);
    });
  }

  render(
    sheet: CueSheet,
    duration: number,
    bedLength: (id: string) => number | undefined = () => undefined,
  ): void {
    if (!(duration > 0)) return;
    const percent = (t: number) => `${(100 * t) / duration}%`;
    this.chapters.replaceChildren(
      ...sheet.chapters.map((chapter, i) => {
        const flag = document.createElement('div');
        flag.className = 'chapter-flag';
        flag.dataset.chapter = chapter.id;
        flag.style.left = percent(i === 0 ? 0 : (chapter.start ?? 0));
        flag.textContent = chapter.title;
        flag.title = chapter.title;
        return flag;
      }),
    );
    const beds = (sheet.beds ?? []).map((bed) => {
      const band = document.createElement('div');
      band.className = 'section-band section-bed';
      band.dataset.bed = bed.id;
      band.style.left = percent(bed.start);
      band.style.width = percent(Math.min(duration - bed.start, bedLength(bed.id) ?? 10));
      band.title = `music bed ${bed.path} (${bed.gainDb} dB, ducked ${bed.duckDb} dB under speech)`;
      band.textContent = `♫ ${bed.path.split(/[\\/]/).pop()}`;
      return band;
    });
    this.sections.replaceChildren(
      ...beds,
      ...(sheet.sections ?? []).map((section) => {
        const band = document.createElement('div');
        band.className = `section-band section-${section.kind}`;
        band.dataset.section = section.id;
        band.style.left = percent(section.start);
        band.style.width = percent(section.end - section.start);
        band.title = `${section.kind} (${section.origin})`;
        band.textContent = section.kind === 'sung' ? '♪ sung' : '♫ music';
        return band;
      }),
    );
  }
}

const LANE_STYLE = `
.lane { position: absolute; left: 0; width: 100%; height: 18px; z-index: 6; pointer-events: none; }
.lane-chapters { top: 0; }
.lane-sections { bottom: 0; }
.chapter-flag { position: absolute; top: 0; height: 16px; max-width: 220px; padding: 0 6px; overflow: hidden;
  white-space: nowrap; text-overflow: ellipsis; font: 11px system-ui, sans-serif; color: #0f172a;
  background: #fbbf24; border-left: 2px solid #b45309; border-radius: 0 3px 3px 0; pointer-events: all; cursor: pointer; }
.section-band { position: absolute; bottom: 0; height: 14px; font: 10px system-ui, sans-serif; color: #fdf4ff;
  background: rgba(192, 38, 211, 0.75); border-radius: 2px; padding-left: 4px; overflow: hidden; white-space: nowrap; }
.section-music { background: rgba(13, 148, 136, 0.75); }
.section-bed { background: rgba(13, 148, 136, 0.55); bottom: 15px; }
`;

function lane(wrapper: HTMLElement, className: string): HTMLElement {
  const element = document.createElement('div');
  element.className = `lane ${className}`;
  wrapper.appendChild(element);
  return element;
}
