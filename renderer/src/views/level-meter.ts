import { CLIP_LEVEL, type MeterReading, type OutputMeter } from '../playback/output-meter.ts';

// The transport bar's level meter: two bars (L, R) of the sample peak on a dBFS scale with a
// falling peak hold, a clip light that stays lit until clicked, and the loudness readout
// (momentary, short-term, integrated so far, in LUFS). Updated every frame while playing.

const FLOOR_DB = -60;
const WIDTH = 110;
const HEIGHT = 12;
/** dB per second a bar falls when the sound gets quieter. */
const FALL_DB_PER_S = 24;

export class LevelMeter {
  private readonly canvas = document.createElement('canvas');
  private readonly clip = document.createElement('button');
  private readonly readout = document.createElement('span');
  /** The readout's three figures (momentary, short-term, integrated), each kept on one line. */
  private readonly figures = [0, 1, 2].map(() => document.createElement('span'));
  private readonly meter: OutputMeter;
  private shown: [number, number] = [FLOOR_DB, FLOOR_DB];
  private last = 0;
  private running = false;

  constructor(root: HTMLElement, meter: OutputMeter, media: EventTarget) {
    this.meter = meter;
    const ratio = window.devicePixelRatio || 1;
    this.canvas.width = WIDTH * ratio;
    this.canvas.height = HEIGHT * ratio;
    // Its size on screen is the stylesheet's (.level-bars: narrower in a compact transport bar).
    this.canvas.className = 'level-bars';
    this.canvas.setAttribute('role', 'img');
    this.canvas.setAttribute('aria-label', 'Output level');
    this.clip.type = 'button';
    this.clip.id = 'clip-indicator';
    this.clip.className = 'clip-light';
    this.clip.textContent = 'CLIP';
    this.clip.title =
      'Lit when a sample reached full scale; click to clear it and start the integrated loudness afresh';
    this.clip.addEventListener('mousedown', (event) => event.preventDefault());
    this.clip.addEventListener('click', () => this.reset());
    this.readout.id = 'loudness';
    this.readout.className = 'loudness-readout';
    this.readout.title =
      'Loudness of what is playing: momentary (400 ms), short-term (3 s), integrated since the reset';
    const box = document.createElement('div');
    box.className = 'level-meter';
    // Its text reads "M x  S y  I z LUFS"; a compact transport bar puts the integrated figure on a
    // second line, the spaces between the figures being where lines may break.
    this.readout.append(this.figures[0]!, '  ', this.figures[1]!, '  ', this.figures[2]!);
    box.append(this.canvas, this.clip, this.readout);
    root.append(box);
    media.addEventListener('play', () => this.start());
    media.addEventListener('pause', () => {
      this.running = false;
      this.meter.pause();
    });
    media.addEventListener('seeking', () => this.meter.pause());
    this.show(undefined);
  }

  /** Clears the clip light and the integrated loudness. */
  reset(): void {
    this.meter.reset();
    this.clip.classList.remove('lit');
    this.clip.setAttribute('aria-pressed', 'false');
    this.show(undefined);
  }

  private start(): void {
    if (this.running) return;
    this.running = true;
    this.last = performance.now();
    const frame = () => {
      const reading = this.meter.read();
      this.show(reading);
      if (this.running) requestAnimationFrame(frame);
      else this.fallToRest();
    };
    requestAnimationFrame(frame);
  }

  private fallToRest(): void {
    this.shown = [FLOOR_DB, FLOOR_DB];
    this.draw();
  }

  private show(reading: MeterReading | undefined): void {
    const now = performance.now();
    const fall = (FALL_DB_PER_S * (now - this.last)) / 1000;
    this.last = now;
    if (reading) {
      this.shown = reading.peaks.map((p, c) => Math.max(toDb(p), this.shown[c]! - fall)) as [number, number];
      this.clip.classList.toggle('lit', reading.clipped);
      this.clip.setAttribute('aria-pressed', String(reading.clipped));
    }
    this.draw();
    const lufs = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? v.toFixed(1) : '–');
    this.figures[0]!.textContent = `M ${lufs(reading?.momentary)}`;
    this.figures[1]!.textContent = `S ${lufs(reading?.shortTerm)}`;
    this.figures[2]!.textContent = `I ${lufs(reading?.integrated)} LUFS`;
    this.readout.dataset.momentary = String(reading?.momentary ?? '');
    this.readout.dataset.shortTerm = String(reading?.shortTerm ?? '');
    this.readout.dataset.integrated = String(reading?.integrated ?? '');
    this.canvas.dataset.peaks = this.shown.map((d) => d.toFixed(1)).join(' ');
  }

  private draw(): void {
    const ctx = this.canvas.getContext('2d')!;
    const ratio = window.devicePixelRatio || 1;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, WIDTH, HEIGHT);
    const bar = (HEIGHT - 2) / 2;
    this.shown.forEach((db, c) => {
      const y = c * (bar + 2);
      ctx.fillStyle = '#1e293b';
      ctx.fillRect(0, y, WIDTH, bar);
      const x = (x: number) => (WIDTH * (x - FLOOR_DB)) / -FLOOR_DB;
      const level = x(Math.max(FLOOR_DB, Math.min(0, db)));
      // Green to -18 dBFS, amber to -6, red above: where speech should sit, and the headroom left.
      ctx.fillStyle = '#22c55e';
      ctx.fillRect(0, y, Math.min(level, x(-18)), bar);
      if (level > x(-18)) {
        ctx.fillStyle = '#f59e0b';
        ctx.fillRect(x(-18), y, Math.min(level, x(-6)) - x(-18), bar);
      }
      if (level > x(-6)) {
        ctx.fillStyle = '#ef4444';
        ctx.fillRect(x(-6), y, level - x(-6), bar);
      }
    });
  }
}

function toDb(linear: number): number {
  return linear >= CLIP_LEVEL ? 0 : linear > 0 ? Math.max(FLOOR_DB, 20 * Math.log10(linear)) : FLOOR_DB;
}
