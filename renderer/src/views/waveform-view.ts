import WaveSurfer from 'wavesurfer.js';
import RegionsPlugin, { type Region } from 'wavesurfer.js/dist/plugins/regions.esm.js';
import type { CueSheet } from '../../../cues/cue-sheet.ts';
import { setCueTimes } from '../../../cues/edit/cue-timing.ts';
import type { Playback } from '../playback/playback.ts';
import type { ProjectStore } from '../state/project-store.ts';
import { KIND_COLORS, SELECTED_COLOR } from './cue-colors.ts';
import { drawMinMax } from './draw-min-max.ts';
import { LaneLayer } from './lane-layer.ts';
import { OverviewStrip } from './overview-strip.ts';
import { maxMagnitude, type PeakLevels } from './peak-levels.ts';
import { TimeRuler } from './time-ruler.ts';

// The waveform timeline: wavesurfer draws precomputed peaks (never decodes the audio), one region
// per placed cue (drag to move, edges to resize; one undo step per gesture), lanes for chapters and
// sung sections inside the scrolling wrapper so they zoom with it, a ruler and an overview strip.
// Ruler and overview are ours: on a 3-hour project the Timeline plugin laid out every label of
// the file and the Minimap plugin rebuilt a second waveform on each zoom step (40-120 ms each).

export const MIN_ZOOM = 1;
export const MAX_ZOOM = 1000;
const ZOOM_SETTLE_MS = 120;

export class WaveformView {
  readonly wavesurfer: WaveSurfer;
  private readonly regions: ReturnType<typeof RegionsPlugin.create>;
  private readonly lanes: LaneLayer;
  private readonly byId = new Map<string, Region>();
  private readonly store: ProjectStore;
  private readonly playback: Playback;
  private duration = 0;
  private sheet?: CueSheet;
  private windowPending = false;
  private levels?: PeakLevels;
  private readonly overview: OverviewStrip;
  private level = 0;
  private maxPeak = 1;
  private zoomTimer?: ReturnType<typeof setTimeout>;
  private zoomCenter?: number;
  zoomLevel = 20;

  constructor(container: HTMLElement, minimap: HTMLElement, store: ProjectStore, playback: Playback) {
    this.store = store;
    this.playback = playback;
    this.regions = RegionsPlugin.create();
    this.wavesurfer = WaveSurfer.create({
      container,
      media: playback.media,
      height: 160,
      waveColor: '#64748b',
      progressColor: '#334155',
      cursorColor: '#f97316',
      cursorWidth: 2,
      minPxPerSec: this.zoomLevel,
      autoScroll: true,
      autoCenter: false,
      dragToSeek: false,
      normalize: true,
      // One filled path of per-pixel min/max bars: cheaper than wavesurfer's line renderer,
      // which matters for the redraw at the end of a zoom.
      renderFunction: (peaks, ctx) => drawMinMax(peaks[0]!, ctx, this.maxPeak),
      plugins: [this.regions],
    });
    this.lanes = new LaneLayer(this.wavesurfer.getWrapper(), store);
    new TimeRuler(container, this.wavesurfer);
    this.overview = new OverviewStrip(minimap, this.wavesurfer);
    this.wavesurfer.on('timeupdate', () => playback.checkRange());
    this.wavesurfer.on('scroll', () => this.scheduleWindow());
    this.wavesurfer.on('zoom', () => this.scheduleWindow());

    this.regions.on('region-updated', (region, side) => {
      const label = side ? `move cue ${side}` : 'move cue';
      const changed = store.edit(label, (sheet) =>
        setCueTimes(sheet, region.id, region.start, region.end, this.duration),
      );
      // A clamped or refused drag snaps the region back to what the sheet says.
      if (!changed) this.syncRegions(store.sheet);
    });
    // The click also reaches wavesurfer, which moves the playhead there: select and place in one go.
    this.regions.on('region-clicked', (region, event) => {
      const ids =
        event.shiftKey && store.selection.cueIds[0]
          ? store.cueRange(store.selection.cueIds[0], region.id)
          : [region.id];
      store.select(ids);
    });
  }

  /**
   * Shows the project at once on a flat line (regions, lanes, playback all work), then draws the
   * waveform when its peaks arrive: the first open of a long recording computes them meanwhile.
   * Resolves once the project is shown; `drawn` settles when the waveform is.
   */
  async load(url: string, levels: PeakLevels, duration: number): Promise<{ drawn: Promise<void> }> {
    this.duration = duration;
    this.levels = levels;
    this.regions.clearRegions();
    this.byId.clear();
    this.level = levels.levelFor(this.zoomLevel);
    const level = this.level;
    this.maxPeak = 1;
    this.wavesurfer.setOptions({ maxPeak: 1 });
    await this.wavesurfer.load(url, [new Float32Array(2)], duration);
    this.wavesurfer.zoom(this.zoomLevel);
    this.syncRegions(this.store.sheet);
    const drawn = Promise.all([levels.get(level), levels.get(levels.levelFor(0))]).then(
      ([peaks, overview]) => {
        if (this.levels !== levels) return; // another project opened meanwhile
        // Normalising with a known peak: otherwise wavesurfer scans every peak again on each zoom step.
        const maxPeak = maxMagnitude(overview);
        this.maxPeak = maxPeak;
        this.wavesurfer.setOptions({ maxPeak });
        if (this.level === level) this.showPeaks(peaks);
        this.overview.show(overview, maxPeak);
      },
    );
    return { drawn };
  }

  /**
   * Brings regions in line with the sheet, for the cues in and around the visible stretch only:
   * each live region costs work on every scroll (2,000 of them cost 5 ms a frame), so regions
   * come and go as the view moves. Only regions whose cue changed are touched.
   */
  syncRegions(sheet: CueSheet): void {
    this.sheet = sheet;
    const selected = new Set(this.store.selection.cueIds);
    const { from, to } = this.window();
    const seen = new Set<string>();
    for (const cue of sheet.cues) {
      if (cue.start === undefined || cue.end === undefined) continue;
      const region = this.byId.get(cue.id);
      if ((cue.end < from || cue.start > to) && !region?.isDragging) continue;
      seen.add(cue.id);
      const color = selected.has(cue.id) ? SELECTED_COLOR : KIND_COLORS[cue.kind];
      if (!region) {
        this.byId.set(
          cue.id,
          this.regions.addRegion({ id: cue.id, start: cue.start, end: cue.end, color, minLength: 0.05 }),
        );
      } else if (region.start !== cue.start || region.end !== cue.end || region.color !== color) {
        region.setOptions({ start: cue.start, end: cue.end, color });
      }
    }
    for (const [id, region] of this.byId) {
      if (!seen.has(id)) {
        region.remove();
        this.byId.delete(id);
      }
    }
    this.lanes.render(sheet, this.duration, (id) => this.playback.beds.durationOf(id));
  }

  /** The visible stretch plus one view's width either side, in seconds. */
  private window(): { from: number; to: number } {
    const pxPerSec = this.duration > 0 ? this.wavesurfer.getWrapper().scrollWidth / this.duration : 0;
    if (!(pxPerSec > 0)) return { from: 0, to: this.duration };
    const width = this.wavesurfer.getWidth() / pxPerSec;
    const start = this.wavesurfer.getScroll() / pxPerSec;
    return { from: start - width, to: start + 2 * width };
  }

  private scheduleWindow(): void {
    if (this.windowPending || !this.sheet) return;
    this.windowPending = true;
    requestAnimationFrame(() => {
      this.windowPending = false;
      if (this.sheet) this.syncRegions(this.sheet);
    });
  }

  /**
   * Zooms about the centre of the view. A burst of zoom steps (a held key, a wheel) is shown at
   * once by stretching what is drawn (a CSS transform, no redraw), and redrawn once, at the right
   * detail, when the steps stop: a full redraw of the waveform costs 2-3 frames.
   */
  zoom(pxPerSec: number): void {
    const target = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, pxPerSec));
    const wrapper = this.wavesurfer.getWrapper();
    const drawn = this.drawnPxPerSec();
    if (!(drawn > 0)) {
      this.zoomLevel = target;
      return;
    }
    this.zoomCenter ??= (this.wavesurfer.getScroll() + this.wavesurfer.getWidth() / 2) / drawn;
    this.zoomLevel = target;
    wrapper.style.transformOrigin = `${this.zoomCenter * drawn}px 0`;
    wrapper.style.transform = `scaleX(${target / drawn})`;
    clearTimeout(this.zoomTimer);
    this.zoomTimer = setTimeout(() => this.settleZoom(), ZOOM_SETTLE_MS);
  }

  private settleZoom(): void {
    const center = this.zoomCenter ?? 0;
    this.zoomCenter = undefined;
    const wrapper = this.wavesurfer.getWrapper();
    wrapper.style.transform = '';
    this.wavesurfer.zoom(this.zoomLevel);
    this.wavesurfer.setScroll(Math.max(0, center * this.drawnPxPerSec() - this.wavesurfer.getWidth() / 2));
    const levels = this.levels;
    const wanted = levels?.levelFor(this.zoomLevel);
    if (!levels || wanted === undefined || wanted === this.level) return;
    this.level = wanted;
    void levels.get(wanted).then((peaks) => {
      // Only if no later zoom asked for another level meanwhile.
      if (this.level === wanted) this.showPeaks(peaks);
    });
  }

  /**
   * New peaks for the same audio: setOptions swaps wavesurfer's data, but its renderer keeps
   * drawing the data it last rendered until told to render the new one.
   */
  private showPeaks(peaks: Float32Array): void {
    this.wavesurfer.setOptions({ peaks: [peaks], duration: this.duration });
    const data = this.wavesurfer.getDecodedData();
    if (data) void this.wavesurfer.getRenderer().render(data);
  }

  /** Pixels per second of the waveform as drawn now (fit to width when zoomed out). */
  private drawnPxPerSec(): number {
    return this.duration > 0 ? this.wavesurfer.getWrapper().scrollWidth / this.duration : 0;
  }

  /** Scrolls so a time is in view (selection from the script panel, review). */
  reveal(time: number): void {
    const width = this.wavesurfer.getWidth();
    const x = time * this.drawnPxPerSec();
    const scroll = this.wavesurfer.getScroll();
    if (x < scroll || x > scroll + width) this.wavesurfer.setScroll(Math.max(0, x - width / 3));
  }
}
