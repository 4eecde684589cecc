import type WaveSurfer from 'wavesurfer.js';
import { oncePerFrame } from './once-per-frame.ts';
import { rulerTicks } from './ruler-ticks.ts';

/** A time ruler above the waveform: one canvas the width of the view, redrawn for what is visible. */
export class TimeRuler {
  /** One redraw per frame however many events arrive. */
  readonly schedule = oncePerFrame(() => this.draw());
  private readonly canvas: HTMLCanvasElement;
  private readonly wavesurfer: WaveSurfer;

  constructor(container: HTMLElement, wavesurfer: WaveSurfer) {
    this.wavesurfer = wavesurfer;
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'time-ruler';
    this.canvas.height = 18;
    container.prepend(this.canvas);
    for (const event of ['scroll', 'zoom', 'redrawcomplete', 'resize'] as const) {
      wavesurfer.on(event, () => this.schedule());
    }
  }

  private draw(): void {
    const duration = this.wavesurfer.getDuration();
    const width = this.wavesurfer.getWidth();
    const scrollWidth = this.wavesurfer.getWrapper().scrollWidth;
    if (!(duration > 0) || !(width > 0)) return;
    const ratio = window.devicePixelRatio || 1;
    if (this.canvas.width !== Math.round(width * ratio)) {
      this.canvas.width = Math.round(width * ratio);
      this.canvas.height = Math.round(18 * ratio);
      this.canvas.style.width = `${width}px`;
      this.canvas.style.height = '18px';
    }
    const pxPerSec = scrollWidth / duration;
    const start = this.wavesurfer.getScroll() / pxPerSec;
    const ctx = this.canvas.getContext('2d')!;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, width, 18);
    ctx.fillStyle = '#94a3b8';
    ctx.font = '11px system-ui, sans-serif';
    for (const tick of rulerTicks(start, Math.min(duration, start + width / pxPerSec), pxPerSec)) {
      const x = Math.round(tick.x) + 0.5;
      ctx.fillRect(x, tick.label ? 8 : 13, 1, tick.label ? 10 : 5);
      if (tick.label) ctx.fillText(tick.label, x + 3, 10);
    }
  }
}
