// The multitrack view of an audio drama assembled from takes: the timeline split into one row per
// lane (each character, then narration, SFX and music; cues/production/drama-lanes.ts), every
// cue's region drawn in its lane's row, and the lane names pinned at the left as the view scrolls.
// Rows are placed in percent of wavesurfer's wrapper (as the clip band and chapter lane are), so
// they follow its height; the names ride a sticky box, as the waveform's own canvas does.

/** The wrapper's bottom strip the beds' and sections' rows keep (bed-lane.ts: regions stop above it). */
const BED_ROOM_PX = 35;

/** The wrapper's top strip the chapter flags keep (lane-layer.ts). */
const CHAPTER_ROOM_PX = 18;
const ROOM = `(100% - ${BED_ROOM_PX + CHAPTER_ROOM_PX}px)`;

/** Row `i` of `n` as CSS: top and height between the chapter flags' strip and the beds'. */
function rowBox(i: number, n: number): { top: string; height: string } {
  return { top: `calc(${CHAPTER_ROOM_PX}px + ${ROOM} * ${i} / ${n})`, height: `calc(${ROOM} / ${n})` };
}

export class DramaLaneView {
  private readonly rows: HTMLElement;
  private readonly names: HTMLElement;
  private readonly wrapper: HTMLElement;
  private lanes: string[] = [];

  constructor(wrapper: HTMLElement) {
    this.wrapper = wrapper;
    const style = document.createElement('style');
    style.textContent = DRAMA_LANE_STYLE;
    wrapper.appendChild(style);
    this.rows = document.createElement('div');
    this.rows.className = 'drama-rows';
    this.rows.setAttribute('part', 'drama-rows');
    wrapper.appendChild(this.rows);
    // Before the waveform's canvas, with no height: it takes no room in the wrapper's flow.
    this.names = document.createElement('div');
    this.names.className = 'drama-names';
    this.names.setAttribute('part', 'drama-names');
    wrapper.prepend(this.names);
  }

  /** The lanes shown, top to bottom (empty: a production of one reading, no lanes). */
  get shown(): readonly string[] {
    return this.lanes;
  }

  /** Shows `lanes` (in order) with each character's colour; an empty list takes the rows away. */
  show(lanes: string[], colors: ReadonlyMap<string, string>): void {
    if (lanes.join('\n') === this.lanes.join('\n') && this.rows.childElementCount === lanes.length) {
      this.layout();
      return;
    }
    this.lanes = lanes;
    this.rows.replaceChildren(
      ...lanes.map((lane, i) => {
        const row = document.createElement('div');
        row.className = `drama-row${i % 2 ? ' odd' : ''}`;
        row.setAttribute('part', 'drama-row');
        row.dataset.lane = lane;
        const box = rowBox(i, lanes.length);
        row.style.top = box.top;
        row.style.height = box.height;
        return row;
      }),
    );
    this.names.replaceChildren(
      ...lanes.map((lane) => {
        const name = document.createElement('div');
        name.className = 'drama-name';
        name.setAttribute('part', 'drama-name');
        name.dataset.lane = lane;
        name.textContent = lane;
        name.title = `${lane} lane`;
        const color = colors.get(lane);
        if (color) name.style.borderLeftColor = color;
        return name;
      }),
    );
    this.layout();
  }

  /** Places the names on their rows (after the timeline's height changed). */
  layout(): void {
    const height = this.wrapper.clientHeight - BED_ROOM_PX - CHAPTER_ROOM_PX;
    const share = height / Math.max(1, this.lanes.length);
    for (const [i, name] of [...this.names.children].entries()) {
      const element = name as HTMLElement;
      // Halfway down its row: the regions' labels take the top, the clips' names the foot.
      element.style.top = `${Math.round(CHAPTER_ROOM_PX + (i + 0.5) * share - 8)}px`;
    }
  }

  /**
   * Puts a cue's region in its lane's row (`lane` absent: the lane is not shown, or there are no
   * lanes: the region takes the whole height, as on the timeline of one reading).
   */
  place(region: HTMLElement, lane: string | undefined): void {
    const i = lane === undefined ? -1 : this.lanes.indexOf(lane);
    if (i < 0) {
      // As wavesurfer made it: the whole height (the beds' strip keeps its own, bed-lane.ts).
      region.style.top = '0%';
      region.style.removeProperty('height');
      delete region.dataset.lane;
      delete region.dataset.lanes;
      return;
    }
    const n = String(this.lanes.length);
    if (region.dataset.lane === lane && region.dataset.lanes === n) return;
    region.dataset.lanes = n;
    const box = rowBox(i, this.lanes.length);
    region.style.top = box.top;
    // Important: the beds' style keeps every region above their strip the same way.
    region.style.setProperty('height', box.height, 'important');
    region.dataset.lane = lane;
  }

  clear(): void {
    this.lanes = [];
    this.rows.replaceChildren();
    this.names.replaceChildren();
  }
}

const DRAMA_LANE_STYLE = `
.drama-rows { position: absolute; left: 0; top: 0; width: 100%; height: 100%; pointer-events: none; z-index: 1; }
.drama-row { position: absolute; left: 0; width: 100%; box-sizing: border-box; border-bottom: 1px solid rgba(148, 163, 184, 0.28);
  background: rgba(15, 23, 42, 0.35); }
.drama-row.odd { background: rgba(30, 41, 59, 0.35); }
.drama-names { position: sticky; left: 0; width: 0; height: 0; z-index: 7; pointer-events: none; }
.drama-name { position: absolute; left: 0; max-width: 110px; height: 16px; box-sizing: border-box; padding: 1px 6px; overflow: hidden;
  white-space: nowrap; text-overflow: ellipsis; font: 600 11px system-ui, sans-serif; color: #e2e8f0;
  background: rgba(15, 23, 42, 0.85); border-left: 3px solid #64748b; border-radius: 0 3px 3px 0; }
`;

/**
 * A region's label as a lane shows it: at the top of its short row, with the take that plays
 * ("take 2 of 3") in front.
 */
export function inLane(label: HTMLElement, take: string | undefined): HTMLElement {
  label.style.top = '1px';
  if (take) {
    const chip = document.createElement('span');
    chip.className = 'region-take';
    chip.textContent = take;
    chip.title = `Plays ${take}: T the next complete take, Shift+T the one before (the inspector lists them)`;
    chip.style.cssText =
      'display:inline-block;margin-right:4px;padding:0 4px;border-radius:3px;background:#0ea5e9;color:#0f172a;font-weight:600;text-shadow:none';
    label.prepend(chip);
  }
  return label;
}
