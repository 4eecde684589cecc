// Where the ruler's ticks go: only the visible stretch is computed, so a ten-hour timeline at
// full zoom costs the same as a minute (wavesurfer's Timeline plugin lays out every label).

const STEPS = [0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200];

export interface Tick {
  time: number;
  x: number;
  label?: string;
}

/** Labelled ticks at least `minLabelPx` apart, with unlabelled minor ticks between them. */
export function rulerTicks(start: number, end: number, pxPerSec: number, minLabelPx = 80): Tick[] {
  if (!(pxPerSec > 0) || !(end > start)) return [];
  const major = STEPS.find((s) => s * pxPerSec >= minLabelPx) ?? STEPS.at(-1)!;
  const minor = major / (major >= 60 && major % 60 === 0 ? 6 : major === 15 ? 3 : 5);
  const ticks: Tick[] = [];
  const first = Math.floor(start / minor) * minor;
  for (let k = 0, t = first; t <= end; k++, t = first + k * minor) {
    if (t < start) continue;
    const isMajor = Math.abs(t / major - Math.round(t / major)) < 1e-6;
    ticks.push({ time: t, x: (t - start) * pxPerSec, ...(isMajor ? { label: formatTick(t, major) } : {}) });
  }
  return ticks;
}

export function formatTick(seconds: number, step: number): string {
  const rounded = Math.round(seconds * 10) / 10;
  const h = Math.floor(rounded / 3600);
  const m = Math.floor((rounded % 3600) / 60);
  const s = rounded % 60;
  const sec = step < 1 ? s.toFixed(1).padStart(4, '0') : String(Math.floor(s)).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}
