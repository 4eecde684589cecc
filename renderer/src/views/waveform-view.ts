import WaveSurfer from 'wavesurfer.js';
import MinimapPlugin from 'wavesurfer.js/dist/plugins/minimap.esm.js';
import RegionsPlugin, { type Region } from 'wavesurfer.js/dist/plugins/regions.esm.js';
import TimelinePlugin from 'wavesurfer.js/dist/plugins/timeline.esm.js';
import type { CueSheet } from '../../../cues/cue-sheet.ts';
import { setCueTimes } from '../../../cues/edit/cue-timing.ts';
import type { PeaksData } from '../../../src/shared/ipc.ts';
import type { Playback } from '../playback/playback.ts';
import type { ProjectStore } from '../state/project-store.ts';
import { KIND_COLORS, SELECTED_COLOR } from './cue-colors.ts';
import { LaneLayer } from './lane-layer.ts';

// The waveform timeline: wavesurfer draws precomputed peaks (never decodes the audio), one region
// per placed cue (drag to move, edges to resize; one undo step per gesture), lanes for chapters and
// sung sections inside the scrolling wrapper so they zoom with it, a ruler and a minimap.

export const MIN_ZOOM = 1;
export const MAX_ZOOM = 1000;

export class WaveformView {
  readonly wavesurfer: WaveSurfer;
  private readonly regions: ReturnType<typeof RegionsPlugin.create>;
  private readonly lanes: LaneLayer;
  private readonly byId = new Map<string, Region>();
  private readonly store: ProjectStore;
  private duration = 0;
  zoomLevel = 20;

  constructor(container: HTMLElement, minimap: HTMLElement, store: ProjectStore, playback: Playback) {
    this.store = store;
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
      plugins: [
        this.regions,
        TimelinePlugin.create({ height: 18, style: { fontSize: '11px', color: '#94a3b8' } }),
        MinimapPlugin.create({
          container: minimap,
          height: 36,
          waveColor: '#475569',
          progressColor: '#1e293b',
          overlayColor: 'rgba(249, 115, 22, 0.15)',
        }),
      ],
    });
    this.lanes = new LaneLayer(this.wavesurfer.getWrapper(), store);
    this.wavesurfer.on('timeupdate', () => playback.checkRange());

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

  async load(url: string, peaks: PeaksData, duration: number): Promise<void> {
    this.duration = duration;
    this.regions.clearRegions();
    this.byId.clear();
    const values = new Int16Array(peaks.data.buffer, peaks.data.byteOffset, peaks.data.byteLength / 2);
    const floats = new Float32Array(values.length);
    for (let i = 0; i < values.length; i++) floats[i] = values[i]! / 32767;
    await this.wavesurfer.load(url, [floats], duration);
    this.wavesurfer.zoom(this.zoomLevel);
    this.syncRegions(this.store.sheet);
  }

  /** Brings regions in line with the sheet: only regions whose cue changed are touched. */
  syncRegions(sheet: CueSheet): void {
    const selected = new Set(this.store.selection.cueIds);
    const seen = new Set<string>();
    for (const cue of sheet.cues) {
      if (cue.start === undefined || cue.end === undefined) continue;
      seen.add(cue.id);
      const color = selected.has(cue.id) ? SELECTED_COLOR : KIND_COLORS[cue.kind];
      const region = this.byId.get(cue.id);
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
    this.lanes.render(sheet, this.duration);
  }

  zoom(pxPerSec: number): void {
    this.zoomLevel = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, pxPerSec));
    this.wavesurfer.zoom(this.zoomLevel);
  }

  /** Scrolls so a time is in view (selection from the script panel, review). */
  reveal(time: number): void {
    const width = this.wavesurfer.getWidth();
    const x = time * this.zoomLevel;
    const scroll = this.wavesurfer.getScroll();
    if (x < scroll || x > scroll + width) this.wavesurfer.setScroll(Math.max(0, x - width / 3));
  }
}
