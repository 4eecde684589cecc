import type WaveSurfer from 'wavesurfer.js';
import { drawMinMax } from './draw-min-max.ts';
import { oncePerFrame } from './once-per-frame.ts';

/**
 * The waveform as one canvas the width of the view, pinned inside wavesurfer's scrolling wrapper
 * (position: sticky) and redrawn for the visible stretch in each frame that scrolls, zooms or
 * resizes: about one min/max pair per pixel, a millisecond or two. wavesurfer draws no waveform of its own
 * (height 0): its view-wide canvases, drawn lazily as they scrolled in, cost 1-3 frames each.
 */
export class ViewportWaveform {
  /** One redraw per frame however many events arrive (see once-per-frame.ts). */
  readonly schedule = oncePerFrame(() => this.draw());
  private readonly canvas: HTMLCanvasElement;
  private readonly wavesurfer: WaveSurfer;
  private height: number;
  private peaks?: Float32Array;
  private maxPeak = 1;

  constructor(wavesurfer: WaveSurfer, height: number, color: string) {
    this.wavesurfer = wavesurfer;
    this.height = height;
    this.canvas = document.createElement('canvas');
    this.canvas.setAttribute('part', 'viewport-waveform');
    const style = this.canvas.style;
    style.position = 'sticky';
    style.left = '0';
    style.display = 'block';
    style.height = `${height}px`;
    style.pointerEvents = 'none';
    this.canvas.dataset.color = color;
    wavesurfer.getWrapper().prepend(this.canvas);
    for (const event of ['scroll', 'zoom', 'redrawcomplete', 'resize'] as const) {
      wavesurfer.on(event, () => this.schedule());
    }
  }

  /** The drawn height in CSS px (the timeline's splitter sets it); regions and lanes follow it. */
  setHeight(height: number): void {
    const next = Math.max(40, Math.round(height));
    if (next === this.height) return;
    this.height = next;
    this.canvas.style.height = `${next}px`;
    // A changed height needs a new backing store: force it at the next draw.
    this.canvas.width = 0;
    this.schedule();
  }

  /** Peaks (interleaved min/max pairs spanning the whole recording) to draw from now on. */
  show(peaks: Float32Array | undefined, maxPeak: number): void {
    this.peaks = peaks;
    this.maxPeak = maxPeak;
    this.draw();
  }

  draw(): void {
    const width = this.wavesurfer.getWidth();
    const ratio = window.devicePixelRatio || 1;
    if (!(width > 0)) return;
    const canvas = this.canvas;
    if (canvas.width !== Math.round(width * ratio)) {
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(this.height * ratio);
      canvas.style.width = `${width}px`;
    }
    const ctx = canvas.getContext('2d')!;
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    const peaks = this.peaks;
    const scrollWidth = this.wavesurfer.getWrapper().scrollWidth;
    if (!peaks || !(scrollWidth > 0)) return;
    // Which pairs are in view: the wrapper is the whole recording, the view a window onto it.
    const pairsPerPx = peaks.length / 2 / scrollWidth;
    const from = this.wavesurfer.getScroll() * pairsPerPx;
    ctx.fillStyle = canvas.dataset.color!;
    drawMinMax(peaks, ctx, this.maxPeak, from, from + width * pairsPerPx);
  }
}
