import WaveSurfer from 'wavesurfer.js';
import RegionsPlugin, { type Region } from 'wavesurfer.js/dist/plugins/regions.esm.js';
import type { CueSheet } from '../../../cues/cue-sheet.ts';
import { moveCue, moveProblem, setCueTimes, timingProblem } from '../../../cues/edit/cue-timing.ts';
import { dramaLanes, laneOf } from '../../../cues/production/drama-lanes.ts';
import type { Playback } from '../playback/playback.ts';
import { moveLine } from '../state/line-move.ts';
import type { ProjectStore } from '../state/project-store.ts';
import { ClipLane, type ShownClip } from './clip-lane.ts';
import { DramaLaneView, inLane } from './drama-lane-view.ts';
import { LaneLayer } from './lane-layer.ts';
import { OverviewStrip } from './overview-strip.ts';
import { maxMagnitude, type PeakLevels } from './peak-levels.ts';
import { labelKey, regionColor, regionLabel, speakerColors } from './region-look.ts';
import { TimeRuler } from './time-ruler.ts';
import { ViewportWaveform } from './viewport-waveform.ts';

// The waveform timeline: wavesurfer holds the scrolling wrapper, playhead, click-to-seek and one
// region per placed cue (drag to move, edges to resize; one undo step per gesture); lanes for
// chapters and sung sections sit inside the wrapper so they zoom with it. The waveform itself is
// drawn by ViewportWaveform from precomputed peaks (the audio is never decoded here), and the
// ruler and overview are ours too: on a 3-hour project the Timeline plugin laid out every label
// of the file and the Minimap plugin rebuilt a second waveform on each zoom step (40-120 ms each).

/** Low enough for any book to fit the view (wavesurfer then fills the width: zoom to fit). */
export const MIN_ZOOM = 0.01;
/** The waveform's vertical scale: 1 is the loudest peak at full height. */
const MAX_AMPLITUDE = 16;
export const MAX_ZOOM = 1000;
const ZOOM_SETTLE_MS = 120;
const HEIGHT = 160;
/** Room the ruler (18 px), the padding and the scroll bar take from the waveform's box. */
const CHROME_HEIGHT = 44;
/** Time a frame may spend creating regions. */
const REGION_BUDGET_MS = 4;

export class WaveformView {
  readonly wavesurfer: WaveSurfer;
  private readonly regions: ReturnType<typeof RegionsPlugin.create>;
  private readonly lanes: LaneLayer;
  private readonly clipLane: ClipLane;
  /** A drama assembled from takes: a row per lane (character, narration, SFX, music). */
  readonly dramaLanes: DramaLaneView;
  /** Per line of a drama, the take that plays ("take 2 of 3"), for the sheet shown. */
  private takeTexts = new Map<string, string>();
  private readonly byId = new Map<string, Region>();
  private readonly store: ProjectStore;
  private readonly playback: Playback;
  private duration = 0;
  private sheet?: CueSheet;
  private windowPending = false;
  private levels?: PeakLevels;
  private readonly overview: OverviewStrip;
  private readonly viewport: ViewportWaveform;
  private level = 0;
  private maxPeak = 1;
  private zoomTimer?: ReturnType<typeof setTimeout>;
  private zooming = false;
  zoomLevel = 20;
  /** The waveform's vertical zoom (1: the loudest peak fills the height). */
  amplitude = 1;
  private colorsFor?: CueSheet;
  private colors = new Map<string, string>();
  private readonly labels = new Map<string, string>();

  constructor(container: HTMLElement, minimap: HTMLElement, store: ProjectStore, playback: Playback) {
    this.store = store;
    this.playback = playback;
    this.regions = RegionsPlugin.create();
    this.wavesurfer = WaveSurfer.create({
      container,
      // The production's clock, duck-typed as a media element (production-media.ts).
      media: playback.media as unknown as HTMLMediaElement,
      // No waveform of wavesurfer's own: ViewportWaveform draws it.
      height: 0,
      cursorColor: '#f97316',
      cursorWidth: 2,
      minPxPerSec: this.zoomLevel,
      autoScroll: true,
      autoCenter: false,
      dragToSeek: false,
      plugins: [this.regions],
    });
    this.viewport = new ViewportWaveform(this.wavesurfer, HEIGHT, '#64748b');
    this.clipLane = new ClipLane(this.wavesurfer.getWrapper());
    this.dramaLanes = new DramaLaneView(this.wavesurfer.getWrapper(), container);
    // A chapter flag clicked moves the playhead to the chapter's start.
    this.lanes = new LaneLayer(
      this.wavesurfer.getWrapper(),
      store,
      (time) => {
        playback.stopLooping();
        playback.seek(time);
      },
      {
        spanOf: (id) => playback.beds.spanOf(id),
        fileSecondsOf: (id) => playback.beds.durationOf(id),
        peaksOf: (bed) => playback.beds.peaksOf(bed.id),
      },
    );
    new TimeRuler(container, this.wavesurfer);
    this.overview = new OverviewStrip(minimap, this.wavesurfer);
    // The waveform fills the timeline's box: the splitter above the inspector sets its height.
    new ResizeObserver(() => {
      this.viewport.setHeight(container.clientHeight - CHROME_HEIGHT);
      this.dramaLanes.layout();
    }).observe(container);
    this.wavesurfer.on('timeupdate', (time) => {
      playback.checkRange();
      this.overview.showPlayhead(time, this.duration);
    });
    // Ctrl+wheel zooms about the mouse (the time under it stays under it).
    container.addEventListener(
      'wheel',
      (event) => {
        if (!event.ctrlKey) return;
        event.preventDefault();
        // From the timeline's left edge (right of a drama's lane headers).
        const x = event.clientX - container.getBoundingClientRect().left - this.dramaLanes.headerWidth;
        const drawn = this.drawnPxPerSec();
        if (!(drawn > 0)) return;
        const time = (this.wavesurfer.getScroll() + x) / drawn;
        this.zoom(this.zoomLevel * (event.deltaY < 0 ? 1.25 : 0.8), { time, x });
      },
      { passive: false },
    );
    // Mid-zoom the regions in hand scale with the wrapper; new ones wait for the burst to end
    // (scheduleWindow stands down while zooming).
    this.wavesurfer.on('scroll', () => this.scheduleWindow());

    this.regions.on('region-updated', (region, side) => {
      if (!side) return this.moveWhole(region.id, region.start);
      // Let go (wavesurfer clears this only after telling us): the sync below may snap it back.
      region.updatingSide = undefined;
      const label = `move cue ${side}`;
      // A drag past a neighbour stops at it and says so (it stopped there without a word).
      const problem = timingProblem(store.sheet, region.id, region.start, region.end, this.duration);
      const changed = store.edit(label, (sheet) =>
        setCueTimes(sheet, region.id, region.start, region.end, this.duration),
      );
      if (problem) store.refuse(`the cue stops here: ${problem}`);
      // A clamped or refused drag snaps the region back to what the sheet says.
      else if (!changed) this.syncRegions(store.sheet);
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
    this.clear();
    this.duration = duration;
    this.levels = levels;
    this.level = levels.levelFor(this.zoomLevel);
    const level = this.level;
    // wavesurfer gets a stand-in for the peaks: it only needs the duration to lay out the timeline.
    await this.wavesurfer.load(url, [new Float32Array(2)], duration);
    // The playhead starts at 0 (it was drawn where the previous project's stood).
    this.wavesurfer.setTime(0);
    this.wavesurfer.zoom(this.zoomLevel);
    this.syncRegions(this.store.sheet);
    const drawn = Promise.all([levels.get(level), levels.get(levels.levelFor(0))]).then(
      ([peaks, overview]) => {
        if (this.levels !== levels) return; // another project opened meanwhile
        // Every level has the same largest magnitude (min/max survive halving): scale by it.
        this.maxPeak = maxMagnitude(overview);
        if (this.level === level) this.showPeaks(peaks);
        this.overview.show(overview, this.maxPeak);
      },
    );
    return { drawn };
  }

  /**
   * Forgets the project shown: no regions, no waveform, no overview, no media. Done first on every
   * open, so a project that fails to show never leaves the previous one on screen.
   */
  /**
   * A region dragged whole: the cue moves keeping its length; one dragged into a neighbour stops
   * (all of it) where it meets it, and says so; with no room it stays where it was. A drama's
   * line moves its take instead (state/line-move.ts).
   */
  private moveWhole(id: string, start: number): void {
    const store = this.store;
    // A drama's line moves its take along the lane (the line after it stays put).
    if (this.dramaLanes.shown.length > 0) {
      const moved = moveLine(store, id, start);
      if (moved !== undefined) {
        if (!moved) this.syncRegions(store.sheet);
        return;
      }
    }
    const problem = moveProblem(store.sheet, id, start, this.duration);
    const changed = store.edit('move cue', (sheet) => moveCue(sheet, id, 'both', start, this.duration));
    if (problem) store.refuse(problem);
    else if (!changed) this.syncRegions(store.sheet);
  }

  clear(): void {
    this.levels = undefined;
    this.sheet = undefined;
    this.regions.clearRegions();
    this.byId.clear();
    this.maxPeak = 1;
    this.shownPeaks = undefined;
    this.colorsFor = undefined;
    this.labels.clear();
    this.viewport.show(undefined, 1);
    this.overview.clear();
    this.lanes.clear();
    this.clipLane.clear();
    this.dramaLanes.clear();
    this.takeTexts.clear();
  }

  /** The recordings as clips along the timeline, named, with a line at each join. */
  showClips(clips: ShownClip[]): void {
    this.clipLane.show(clips, this.duration);
  }

  /**
   * A project whose audio is missing: its cues on an empty timeline of the length it last had
   * (no waveform, nothing to play) until the audio is relinked.
   */
  async showWithoutAudio(duration: number): Promise<void> {
    this.clear();
    this.duration = Math.max(duration, 1);
    // An empty URL: wavesurfer drops the media element's source and loads nothing.
    await this.wavesurfer.load('', [new Float32Array(2)], this.duration);
    this.wavesurfer.setTime(0);
    this.wavesurfer.zoom(this.zoomLevel);
    if (this.store.hasProject) this.syncRegions(this.store.sheet);
  }

  /**
   * Brings regions in line with the sheet, for the cues in and around the visible stretch only:
   * each live region costs work on every scroll (2,000 of them cost 5 ms a frame), so regions
   * come and go as the view moves. Only regions whose cue changed are touched. Creating one is
   * DOM work and a zoom out can call for hundreds: those nearest the middle of the view come
   * first, a few milliseconds' worth a frame.
   */
  syncRegions(sheet: CueSheet): void {
    this.sheet = sheet;
    const selected = new Set(this.store.selection.cueIds);
    const takes = this.store.hasProject ? this.store.doc.takes : undefined;
    if (this.colorsFor !== sheet || this.takesFor !== takes) {
      this.colorsFor = sheet;
      this.takesFor = takes;
      this.colors = speakerColors(sheet);
      // A drama assembled from takes shows a row per lane; any other production its one lane.
      this.dramaLanes.show(takes ? dramaLanes(sheet.cues) : [], this.colors);
      this.takeTexts = new Map(
        (takes ?? []).flatMap((line) =>
          // A line read once says nothing of takes; one with others says which plays.
          line.pick === undefined || line.takes.length < 2
            ? []
            : [[line.cue, `take ${line.pick + 1} of ${line.takes.length}`]],
        ),
      );
      this.overview.showChapters(
        sheet.chapters.flatMap((c, i) => (i === 0 ? [0] : c.start !== undefined ? [c.start] : [])),
        this.duration,
      );
    }
    const colors = this.colors;
    const drawn = this.drawnPxPerSec();
    const { from, to } = this.window();
    const seen = new Set<string>();
    const missing: Array<{ cue: CueSheet['cues'][number]; color: string }> = [];
    for (const cue of sheet.cues) {
      if (cue.start === undefined || cue.end === undefined) continue;
      const region = this.byId.get(cue.id);
      // A region in the hand (moved whole, or an edge dragged: updatingSide) keeps where the
      // mouse has it until it is let go: a sync mid-drag put the edge back where the sheet had it,
      // and the rest of the drag went on from there (a 40 px drag moved the edge 30 px).
      const inHand = region !== undefined && (region.isDragging || region.updatingSide !== undefined);
      if ((cue.end < from || cue.start > to) && !inHand) continue;
      seen.add(cue.id);
      const color = regionColor(cue, colors, selected.has(cue.id));
      if (!region) missing.push({ cue, color });
      else if (inHand) {
        if (region.color !== color) region.setOptions({ color });
      } else if (region.start !== cue.start || region.end !== cue.end || region.color !== color) {
        region.setOptions({ start: cue.start, end: cue.end, color });
      }
      // The label (speaker, text, review flag) is rebuilt only when what it says changed.
      if (region && this.labels.get(cue.id) !== this.labelKeyOf(cue)) {
        this.labels.set(cue.id, this.labelKeyOf(cue));
        region.setContent(this.labelOf(cue, colors));
      }
      if (region) {
        fitLabel(region, (cue.end - cue.start) * drawn);
        this.placeInLane(region, cue);
      }
    }
    for (const [id, region] of this.byId) {
      if (!seen.has(id)) {
        region.remove();
        this.byId.delete(id);
        this.labels.delete(id);
      }
    }
    const middle = (from + to) / 2;
    const off = (c: { start?: number; end?: number }) =>
      Math.abs(((c.start ?? 0) + (c.end ?? 0)) / 2 - middle);
    missing.sort((a, b) => off(a.cue) - off(b.cue));
    const until = performance.now() + REGION_BUDGET_MS;
    for (const [i, { cue, color }] of missing.entries()) {
      if (i > 0 && performance.now() > until) {
        this.scheduleWindow();
        break;
      }
      const region = {
        id: cue.id,
        start: cue.start!,
        end: cue.end!,
        color,
        minLength: 0.05,
        content: this.labelOf(cue, colors),
      };
      this.labels.set(cue.id, this.labelKeyOf(cue));
      const added = this.regions.addRegion(region);
      fitLabel(added, (cue.end! - cue.start!) * drawn);
      this.placeInLane(added, cue);
      this.byId.set(cue.id, added);
    }
    this.lanes.render(sheet, this.duration);
  }

  private takesFor?: unknown;

  /** What a cue's label says, as a key: rebuilt only when it changes (the take it plays too). */
  private labelKeyOf(cue: CueSheet['cues'][number]): string {
    const lanes = this.dramaLanes.shown.length > 0;
    return `${labelKey(cue)}|${lanes ? 'lane' : ''}|${this.takeTexts.get(cue.id) ?? ''}`;
  }

  private labelOf(cue: CueSheet['cues'][number], colors: Map<string, string>): HTMLElement {
    const label = regionLabel(cue, colors);
    return this.dramaLanes.shown.length > 0 ? inLane(label, this.takeTexts.get(cue.id)) : label;
  }

  /** A drama's cue in its lane's row; any other cue the whole height. */
  private placeInLane(region: Region, cue: CueSheet['cues'][number]): void {
    if (!region.element) return;
    this.dramaLanes.place(region.element, this.dramaLanes.shown.length > 0 ? laneOf(cue) : undefined);
  }

  /** The visible stretch plus half a view's width either side, in seconds. */
  private window(): { from: number; to: number } {
    const pxPerSec = this.duration > 0 ? this.wavesurfer.getWrapper().scrollWidth / this.duration : 0;
    if (!(pxPerSec > 0)) return { from: 0, to: this.duration };
    const width = this.wavesurfer.getWidth() / pxPerSec;
    const start = this.wavesurfer.getScroll() / pxPerSec;
    return { from: start - width / 2, to: start + 1.5 * width };
  }

  private scheduleWindow(): void {
    if (this.windowPending || !this.sheet) return;
    this.windowPending = true;
    requestAnimationFrame(() => {
      this.windowPending = false;
      // Mid-zoom the window is a moving target: the burst's settle brings regions in line.
      if (this.sheet && !this.zooming) this.syncRegions(this.sheet);
    });
  }

  /**
   * Zooms about the centre of the view, redrawing at once (the view is one canvas: cheap). The
   * peaks at the new zoom's detail are fetched once the steps of a burst (a held key, a wheel)
   * stop; until then the level in hand is drawn stretched or squeezed, and the regions in hand
   * (placed in percent) scale with the wrapper: creating hundreds as a zoom out reveals them
   * cost frames at every step.
   */
  zoom(pxPerSec: number, anchor?: { time: number; x: number }): void {
    const target = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, pxPerSec));
    const drawn = this.drawnPxPerSec();
    this.zoomLevel = target;
    if (!(drawn > 0)) return;
    // The time that stays put: the anchor's (the mouse, the playhead), else the view's middle.
    const x = anchor?.x ?? this.wavesurfer.getWidth() / 2;
    const center = anchor?.time ?? (this.wavesurfer.getScroll() + x) / drawn;
    // Before zooming: wavesurfer's zoom emits a scroll at once, which must not queue regions for
    // a window ten times wider than the last (creating them dropped frames mid-burst).
    this.zooming = true;
    this.wavesurfer.zoom(target);
    this.wavesurfer.setScroll(Math.max(0, center * this.drawnPxPerSec() - x));
    clearTimeout(this.zoomTimer);
    this.zoomTimer = setTimeout(() => this.settleZoom(), ZOOM_SETTLE_MS);
  }

  /** Zooms by `factor` about the playhead when it is in view (else about the view's middle). */
  zoomBy(factor: number): void {
    const drawn = this.drawnPxPerSec();
    const time = this.playback.time;
    const x = time * drawn - this.wavesurfer.getScroll();
    const inView = drawn > 0 && x >= 0 && x <= this.wavesurfer.getWidth();
    this.zoom(this.zoomLevel * factor, inView ? { time, x } : undefined);
  }

  /** Zoom to fit: the whole recording across the view. */
  zoomToFit(): void {
    if (!(this.duration > 0)) return;
    this.zoom(this.wavesurfer.getWidth() / this.duration);
    this.wavesurfer.setScroll(0);
  }

  /** Zooms so start..end fills the view, with a little room either side. */
  zoomToRange(start: number, end: number): void {
    const length = Math.max(0.1, end - start);
    const margin = length * 0.05;
    const width = this.wavesurfer.getWidth();
    this.zoom(width / (length + 2 * margin), { time: start - margin, x: 0 });
  }

  /** The waveform's vertical zoom, 1 to 16 (the loudest peak at full height at 1). */
  setAmplitude(amplitude: number): void {
    this.amplitude = Math.max(1, Math.min(MAX_AMPLITUDE, amplitude));
    this.viewport.show(this.shownPeaks, this.maxPeak / this.amplitude);
  }

  /** Once a zoom burst settles: regions for what is now in view, peaks at the new detail. */
  private settleZoom(): void {
    this.zooming = false;
    this.scheduleWindow();
    const levels = this.levels;
    // The detail of what is drawn: zoomed out past the fit the view is drawn at the fit's width,
    // and the zoom asked for (down to MIN_ZOOM) fetched the coarsest peaks: blocky, too dark.
    const drawn = this.drawnPxPerSec();
    const wanted = levels?.levelFor(drawn > 0 ? drawn : this.zoomLevel);
    if (!levels || wanted === undefined || wanted === this.level) return;
    this.level = wanted;
    void levels.get(wanted).then((peaks) => {
      // Only if no later zoom asked for another level meanwhile.
      if (this.level === wanted) this.showPeaks(peaks);
    });
  }

  private shownPeaks?: Float32Array;

  /** The peaks' detail asked for last, in samples per pixel; undefined mid-zoom (not settled yet). */
  get peakDetail(): number | undefined {
    return this.zooming ? undefined : this.level;
  }

  private showPeaks(peaks: Float32Array): void {
    this.shownPeaks = peaks;
    this.viewport.show(peaks, this.maxPeak / this.amplitude);
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

/** Regions narrower than this (px) show no label: at a whole-book zoom they were a smear of letters. */
const LABEL_MIN_PX = 40;

function fitLabel(region: Region, widthPx: number): void {
  const hidden = widthPx < LABEL_MIN_PX;
  if (region.content && region.content.hidden !== hidden) region.content.hidden = hidden;
}
