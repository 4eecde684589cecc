import type { BedSpan } from '../../../audio/mix/bed-span.ts';
import type { Bed, CueSheet } from '../../../cues/cue-sheet.ts';
import { type BedChange, updateBed } from '../../../cues/edit/bed-edits.ts';
import { fileNameOf } from '../../../src/shared/file-name-of.ts';
import type { ProjectStore } from '../state/project-store.ts';

// The beds' own row under the cue regions: each bed (music or effect) as a block with its
// waveform, name, fade ramps and handles. Drag the body to move it, an edge to trim it (the left
// edge trims into the file), a top corner to set a fade; ⟲ turns looping on and off. Each
// gesture is one undo step through the store. Placed in percent of the wrapper's width, like
// the other lanes, so zoom needs no redraw.

/** What part of a bed a pointer took hold of. */
type Grip = 'body' | 'trim-start' | 'trim-end' | 'fade-in' | 'fade-out';

export interface BedLaneSources {
  /** The bed's span (trim, loop, fades) once its file is loaded; before that it is drawn 10 s long. */
  spanOf(id: string): BedSpan | undefined;
  /** The bed's file length in seconds, once loaded. */
  fileSecondsOf(id: string): number | undefined;
  /** Min/max pairs of the bed's whole file (its peaks), once fetched; the block draws them. */
  peaksOf(bed: Bed): Float32Array | undefined;
}

const FALLBACK_SECONDS = 10;

export class BedLane {
  readonly element: HTMLElement;
  private readonly wrapper: HTMLElement;
  private readonly store: ProjectStore;
  private readonly sources: BedLaneSources;
  private duration = 0;

  constructor(wrapper: HTMLElement, store: ProjectStore, sources: BedLaneSources) {
    this.wrapper = wrapper;
    this.store = store;
    this.sources = sources;
    this.element = document.createElement('div');
    this.element.className = 'lane lane-beds';
    wrapper.appendChild(this.element);
    this.element.addEventListener('pointerdown', (event) => this.grab(event));
    // A click in the row is the row's: it neither seeks nor selects the cue drawn above it.
    this.element.addEventListener('click', (event) => event.stopPropagation());
  }

  clear(): void {
    this.element.replaceChildren();
  }

  render(sheet: CueSheet, duration: number): void {
    if (!(duration > 0)) return;
    this.duration = duration;
    const cues = new Map(sheet.cues.map((c) => [c.id, c]));
    this.element.replaceChildren(
      ...(sheet.beds ?? []).map((bed) => {
        const span = this.spanOf(bed);
        const block = document.createElement('div');
        const selected = this.store.selection.bedId === bed.id;
        block.className = `section-bed bed-block${bed.sfx ? ' bed-sfx' : ''}${selected ? ' selected' : ''}`;
        block.dataset.bed = bed.id;
        this.place(block, bed.start, span.length);
        const name = fileNameOf(bed.path);
        const cue = bed.cueId ? cues.get(bed.cueId) : undefined;
        block.title = `${bed.sfx ? 'sound effect' : 'music bed'} ${bed.path}${cue ? ` for the cue “${cue.text}”` : ''} (${bed.gainDb} dB${bed.sfx ? ', not ducked' : `, ducked ${bed.duckDb} dB under speech`}): drag to move, edges to trim, top corners to fade`;
        const wave = document.createElement('canvas');
        wave.className = 'bed-wave';
        const label = document.createElement('span');
        label.className = 'bed-name';
        label.textContent = `${bed.sfx ? '🔊' : '♫'} ${name}${cue ? ` · ${cue.text}` : ''}`;
        const loop = document.createElement('button');
        loop.className = `bed-loop${span.loop ? ' on' : ''}`;
        loop.dataset.grip = 'loop';
        loop.textContent = '⟲';
        loop.title = span.loop
          ? 'looping: click to play the file once'
          : 'click to loop the file over the span';
        block.append(
          wave,
          ramp('bed-ramp-in', (100 * span.fadeIn) / span.length),
          ramp('bed-ramp-out', (100 * span.fadeOut) / span.length),
          label,
          loop,
          grip('trim-start'),
          grip('trim-end'),
          grip('fade-in', (100 * span.fadeIn) / span.length),
          grip('fade-out', 100 - (100 * span.fadeOut) / span.length),
        );
        const peaks = this.sources.peaksOf(bed);
        const fileSeconds = this.sources.fileSecondsOf(bed.id);
        if (peaks && fileSeconds) requestAnimationFrame(() => drawWave(wave, peaks, fileSeconds, span));
        return block;
      }),
    );
  }

  private spanOf(bed: Bed): BedSpan {
    return (
      this.sources.spanOf(bed.id) ?? {
        offset: bed.offset ?? 0,
        length: bed.length ?? FALLBACK_SECONDS,
        fadeIn: bed.fadeIn ?? 0,
        fadeOut: bed.fadeOut ?? 0,
        loop: bed.loop === true,
      }
    );
  }

  private place(block: HTMLElement, start: number, length: number): void {
    const percent = (t: number) => `${(100 * t) / this.duration}%`;
    block.style.left = percent(start);
    block.style.width = percent(Math.max(0, Math.min(this.duration - start, length)));
  }

  /** One gesture on a bed: a click selects it, a drag changes it (one undo step on release). */
  private grab(event: PointerEvent): void {
    const target = event.target as HTMLElement;
    const block = target.closest<HTMLElement>('[data-bed]');
    if (!block || event.button !== 0) return;
    event.stopPropagation();
    event.preventDefault();
    const id = block.dataset.bed!;
    const bed = this.store.sheet.beds?.find((b) => b.id === id);
    if (!bed) return;
    const part = target.dataset.grip;
    if (part === 'loop') {
      this.store.selectBed(id);
      this.change(id, bed.loop ? 'loop off' : 'loop', { loop: !bed.loop });
      return;
    }
    const gripped = (part ?? 'body') as Grip;
    const span = this.spanOf(bed);
    const startX = event.clientX;
    const secondsPerPx = this.duration / this.wrapper.scrollWidth;
    block.setPointerCapture(event.pointerId);
    const changeFor = (dx: number): BedChange =>
      changeOf(gripped, bed, span, dx * secondsPerPx, this.fileRest(bed, span));
    const move = (e: PointerEvent) => {
      const change = changeFor(e.clientX - startX);
      this.place(block, change.start ?? bed.start, change.length ?? span.length);
    };
    const up = (e: PointerEvent) => {
      block.removeEventListener('pointermove', move);
      block.removeEventListener('pointerup', up);
      if (Math.abs(e.clientX - startX) < 3) return this.store.selectBed(id);
      this.store.selectBed(id);
      this.change(id, GESTURE_NAMES[gripped], changeFor(e.clientX - startX));
    };
    block.addEventListener('pointermove', move);
    block.addEventListener('pointerup', up);
  }

  /** Seconds of file after the offset, or unlimited when the bed loops or is not loaded. */
  private fileRest(bed: Bed, span: BedSpan): number {
    const file = this.sources.fileSecondsOf(bed.id);
    return span.loop || file === undefined ? Number.POSITIVE_INFINITY : file;
  }

  private change(id: string, what: string, change: BedChange): void {
    const changed = this.store.edit(`${what} (bed)`, (s) => updateBed(s, id, change));
    if (!changed) this.render(this.store.sheet, this.duration);
  }
}

const GESTURE_NAMES: Record<Grip, string> = {
  body: 'move',
  'trim-start': 'trim start',
  'trim-end': 'trim end',
  'fade-in': 'fade in',
  'fade-out': 'fade out',
};

/**
 * The bed's numbers after dragging `grip` by `dt` seconds. Trimming the start moves the start and
 * the offset into the file together (the sound stays where it was on the timeline); `fileSeconds`
 * bounds how far a bed that does not loop can be lengthened.
 */
export function changeOf(grip: Grip, bed: Bed, span: BedSpan, dt: number, fileSeconds: number): BedChange {
  const MIN = 0.05;
  switch (grip) {
    case 'body':
      return { start: Math.max(0, bed.start + dt) };
    case 'trim-start': {
      const d = Math.min(span.length - MIN, Math.max(-span.offset, -bed.start, dt));
      return { start: bed.start + d, offset: span.offset + d, length: span.length - d };
    }
    case 'trim-end':
      return { length: Math.max(MIN, Math.min(fileSeconds - span.offset, span.length + dt)) };
    case 'fade-in':
      return { fadeIn: Math.max(0, Math.min(span.length - span.fadeOut, span.fadeIn + dt)) };
    case 'fade-out':
      return { fadeOut: Math.max(0, Math.min(span.length - span.fadeIn, span.fadeOut - dt)) };
  }
}

function grip(kind: Grip, atPercent?: number): HTMLElement {
  const element = document.createElement('div');
  element.className = `bed-grip bed-${kind}`;
  element.dataset.grip = kind;
  if (atPercent !== undefined) element.style.left = `${atPercent}%`;
  return element;
}

function ramp(className: string, widthPercent: number): HTMLElement {
  const element = document.createElement('div');
  element.className = `bed-ramp ${className}`;
  element.style.width = `${widthPercent}%`;
  return element;
}

/** The part of the file the bed plays (looped as it repeats), as min/max bars across the block. */
function drawWave(canvas: HTMLCanvasElement, peaks: Float32Array, fileSeconds: number, span: BedSpan): void {
  const width = Math.max(1, Math.min(4096, canvas.clientWidth));
  const height = Math.max(1, canvas.clientHeight);
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) return;
  const pairs = peaks.length / 2;
  let top = 1e-6;
  for (const value of peaks) top = Math.max(top, Math.abs(value));
  context.fillStyle = 'rgba(236, 253, 245, 0.55)';
  const body = Math.max(0.01, fileSeconds - span.offset);
  for (let x = 0; x < width; x++) {
    const t = (x / width) * span.length;
    const fileTime = span.offset + (span.loop ? t % body : Math.min(t, body));
    const i = Math.min(pairs - 1, Math.floor((fileTime / fileSeconds) * pairs));
    const min = peaks[2 * i]! / top;
    const max = peaks[2 * i + 1]! / top;
    const y0 = ((1 - max) / 2) * height;
    context.fillRect(x, y0, 1, Math.max(1, ((max - min) / 2) * height));
  }
}

/** The lane's look: a row of its own under the cue regions (they stop above it), above them in z-order. */
export const BED_LANE_STYLE = `
[part~="region"] { height: calc(100% - 35px) !important; }
.lane-beds { bottom: 0; height: 34px; z-index: 8; overflow: hidden; pointer-events: all;
  background: rgba(15, 23, 42, 0.88); border-top: 1px solid #334155; }
.bed-block { position: absolute; top: 2px; bottom: 2px; border-radius: 3px; overflow: hidden;
  background: rgba(13, 148, 136, 0.55); border: 1px solid rgba(94, 234, 212, 0.7); box-sizing: border-box;
  cursor: grab; touch-action: none; font: 10px system-ui, sans-serif; color: #f0fdfa; }
.bed-block.bed-sfx { background: rgba(217, 119, 6, 0.55); border-color: rgba(252, 211, 77, 0.8); }
.bed-block.selected { outline: 2px solid #f97316; z-index: 1; }
.bed-wave { position: absolute; inset: 0; width: 100%; height: 100%; pointer-events: none; }
.bed-name { position: absolute; left: 14px; top: 1px; right: 20px; white-space: nowrap; overflow: hidden;
  text-overflow: ellipsis; pointer-events: none; text-shadow: 0 1px 2px #000; }
.bed-ramp { position: absolute; top: 0; bottom: 0; pointer-events: none; background: rgba(2, 6, 23, 0.55); }
.bed-ramp-in { left: 0; clip-path: polygon(0 0, 100% 0, 0 100%); }
.bed-ramp-out { right: 0; clip-path: polygon(0 0, 100% 0, 100% 100%); }
.bed-grip { position: absolute; z-index: 2; }
.bed-trim-start, .bed-trim-end { top: 0; bottom: 0; width: 6px; cursor: ew-resize; background: rgba(240, 253, 250, 0.25); }
.bed-trim-start { left: 0; }
.bed-trim-end { right: 0; }
.bed-fade-in, .bed-fade-out { top: 0; width: 9px; height: 9px; margin-left: -4px; border-radius: 50%;
  background: #f0fdfa; border: 1px solid #0f172a; cursor: col-resize; }
.bed-fade-in { margin-left: 2px; }
.bed-fade-out { margin-left: -11px; }
.bed-loop { position: absolute; right: 8px; bottom: 1px; padding: 0 3px; font: 11px system-ui, sans-serif;
  color: #94a3b8; background: rgba(15, 23, 42, 0.6); border: 0; border-radius: 3px; cursor: pointer; }
.bed-loop.on { color: #fbbf24; }
`;
