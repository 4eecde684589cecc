// The recordings on the timeline: each clip a band with its recording's name, a line at every
// join. Placed in percent of wavesurfer's wrapper (as the chapter and sung lanes are), so it
// zooms with the waveform; it takes no clicks (regions and seeking stay as they are).

export interface ShownClip {
  recording: string;
  name: string;
  /** Production seconds. */
  at: number;
  length: number;
}

export class ClipLane {
  private readonly lane: HTMLElement;

  constructor(wrapper: HTMLElement) {
    const style = document.createElement('style');
    style.textContent = CLIP_STYLE;
    wrapper.appendChild(style);
    this.lane = document.createElement('div');
    this.lane.className = 'clip-lane';
    this.lane.setAttribute('part', 'clip-lane');
    wrapper.appendChild(this.lane);
  }

  /** Draws the clips; with a single clip covering everything nothing is drawn (one recording). */
  show(clips: ShownClip[], duration: number): void {
    if (clips.length < 2 || !(duration > 0)) {
      this.clear();
      return;
    }
    const percent = (t: number) => `${(100 * t) / duration}%`;
    this.lane.replaceChildren(
      ...clips.map((clip, i) => {
        const band = document.createElement('div');
        band.className = `clip-band${i % 2 ? ' odd' : ''}`;
        band.setAttribute('part', 'clip-band');
        band.dataset.recording = clip.recording;
        band.dataset.at = String(clip.at);
        band.style.left = percent(clip.at);
        band.style.width = percent(clip.length);
        const label = document.createElement('span');
        label.className = 'clip-name';
        label.textContent = clip.name;
        band.title = `${clip.name}: plays from ${clip.at.toFixed(2)} s for ${clip.length.toFixed(2)} s`;
        band.append(label);
        return band;
      }),
    );
  }

  clear(): void {
    this.lane.replaceChildren();
  }
}

const CLIP_STYLE = `
.clip-lane { position: absolute; left: 0; top: 0; width: 100%; height: 100%; pointer-events: none; z-index: 2; }
.clip-band { position: absolute; top: 0; bottom: 0; border-left: 2px solid #0ea5e9; box-sizing: border-box;
  background: rgba(14, 165, 233, 0.05); }
.clip-band.odd { background: rgba(14, 165, 233, 0.12); }
/* Low in the band: the cue regions' labels take the top, the sung and bed lanes the bottom. */
.clip-name { position: absolute; bottom: 34px; left: 3px; max-width: calc(100% - 6px); overflow: hidden; white-space: nowrap;
  text-overflow: ellipsis; font: 11px system-ui, sans-serif; color: #e0f2fe; background: rgba(3, 105, 161, 0.85);
  padding: 0 4px; border-radius: 2px; }
`;
