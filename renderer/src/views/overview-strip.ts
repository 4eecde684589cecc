import type WaveSurfer from 'wavesurfer.js';
import { drawMinMax } from './draw-min-max.ts';

// The whole recording in one strip under the timeline, with the visible stretch outlined; click
// or drag to move there. Drawn once per project from the coarsest peaks: wavesurfer's Minimap
// plugin rebuilds a second waveform on every redraw, i.e. on every zoom step. The playhead and
// a tick per chapter are marked on it (whatever the length: short projects too).

const HEIGHT = 36;

export class OverviewStrip {
  private readonly canvas = document.createElement('canvas');
  private readonly viewport = document.createElement('div');
  private readonly playhead = document.createElement('div');
  private readonly ticks = document.createElement('div');
  private readonly wavesurfer: WaveSurfer;
  private peaks?: Float32Array;
  private maxPeak = 1;

  constructor(container: HTMLElement, wavesurfer: WaveSurfer) {
    this.wavesurfer = wavesurfer;
    container.classList.add('overview');
    this.viewport.className = 'overview-viewport';
    this.playhead.className = 'overview-playhead';
    this.ticks.className = 'overview-ticks';
    container.append(this.canvas, this.ticks, this.viewport, this.playhead);
    for (const event of ['scroll', 'zoom', 'resize', 'redrawcomplete'] as const)
      wavesurfer.on(event, () => this.placeViewport());
    let dragging = false;
    const seek = (event: PointerEvent) => {
      const box = this.canvas.getBoundingClientRect();
      const fraction = Math.min(1, Math.max(0, (event.clientX - box.left) / box.width));
      const duration = wavesurfer.getDuration();
      wavesurfer.setScroll(
        Math.max(0, fraction * wavesurfer.getWrapper().scrollWidth - wavesurfer.getWidth() / 2),
      );
      if (!dragging) wavesurfer.setTime(fraction * duration);
    };
    container.addEventListener('pointerdown', (event) => {
      seek(event);
      dragging = true;
      container.setPointerCapture(event.pointerId);
    });
    container.addEventListener('pointermove', (event) => dragging && seek(event));
    container.addEventListener('pointerup', () => {
      dragging = false;
    });
    new ResizeObserver(() => this.draw()).observe(container);
  }

  show(peaks: Float32Array, maxPeak: number): void {
    this.peaks = peaks;
    this.maxPeak = maxPeak;
    this.draw();
    this.placeViewport();
  }

  /** Moves the playhead mark to `time` of `duration` seconds. */
  showPlayhead(time: number, duration: number): void {
    if (!(duration > 0)) return;
    const percent = (100 * Math.min(duration, Math.max(0, time))) / duration;
    // Inside the strip at both ends (as wavesurfer's cursor): the mark is 2 px wide, centred by a
    // -1 px margin, so at 0 and at the end half of it was off the strip (off the window at the end).
    this.playhead.style.left = `calc(${percent}% + ${1 - percent / 50}px)`;
  }

  /** A tick at each chapter's start (seconds), over `duration` seconds. */
  showChapters(starts: number[], duration: number): void {
    this.ticks.replaceChildren(
      ...starts
        .filter(() => duration > 0)
        .map((start) => {
          const tick = document.createElement('div');
          tick.className = 'overview-tick';
          tick.style.left = `${(100 * start) / duration}%`;
          return tick;
        }),
    );
  }

  /** Nothing drawn: another project is opening, or its audio is missing. */
  clear(): void {
    this.ticks.replaceChildren();
    this.peaks = undefined;
    this.canvas.getContext('2d')?.clearRect(0, 0, this.canvas.width, this.canvas.height);
  }

  private draw(): void {
    const peaks = this.peaks;
    const width = this.canvas.parentElement?.clientWidth ?? 0;
    if (!peaks || width === 0) return;
    const ratio = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(width * ratio);
    this.canvas.height = Math.round(HEIGHT * ratio);
    this.canvas.style.width = `${width}px`;
    this.canvas.style.height = `${HEIGHT}px`;
    const ctx = this.canvas.getContext('2d')!;
    ctx.fillStyle = '#475569';
    drawMinMax(peaks, ctx, this.maxPeak);
  }

  private placeViewport(): void {
    const total = this.wavesurfer.getWrapper().scrollWidth;
    if (!(total > 0)) return;
    const left = this.wavesurfer.getScroll() / total;
    const width = Math.min(1, this.wavesurfer.getWidth() / total);
    this.viewport.style.left = `${left * 100}%`;
    this.viewport.style.width = `${Math.max(0.3, width * 100)}%`;
  }
}
