import type { Bed, CueSheet } from '../../cues/cue-sheet.ts';

// When a bed ducks: under every spoken cue (sung lyrics keep the music up: the bed is their
// accompaniment). Gaps shorter than the ramps stay ducked rather than pumping up and down.

export interface GainPoint {
  /** Seconds on the narration's timeline. */
  time: number;
  /** Linear gain of the bed at that instant; linear ramps between points. */
  gain: number;
}

export interface DuckingOptions {
  /** Fade down before speech starts, seconds. */
  attack?: number;
  /** Fade back up after speech ends, seconds. */
  release?: number;
}

const SILENT_KINDS = new Set(['lyric', 'separator', 'music', 'sfx']);

export function spokenRanges(sheet: CueSheet): Array<{ start: number; end: number }> {
  return sheet.cues
    .filter((c) => c.start !== undefined && c.end !== undefined && !SILENT_KINDS.has(c.kind))
    .map((c) => ({ start: c.start!, end: c.end! }))
    .sort((a, b) => a.start - b.start);
}

/** The bed's gain over time: full level, ducked by `bed.duckDb` under speech (never a sound effect), with ramps. */
export function duckingPoints(sheet: CueSheet, bed: Bed, options: DuckingOptions = {}): GainPoint[] {
  const attack = options.attack ?? 0.25;
  const release = options.release ?? 0.6;
  const up = 10 ** (bed.gainDb / 20);
  const down = 10 ** ((bed.gainDb + bed.duckDb) / 20);
  // A sound effect is a moment of the scene, not music under it: it keeps its level.
  if (bed.sfx) return [{ time: 0, gain: up }];
  const merged: Array<{ start: number; end: number }> = [];
  for (const range of spokenRanges(sheet)) {
    const last = merged.at(-1);
    if (last && range.start - last.end < attack + release) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  const points: GainPoint[] = [{ time: 0, gain: up }];
  for (const { start, end } of merged) {
    points.push({ time: Math.max(0, start - attack), gain: up }, { time: start, gain: down });
    points.push({ time: end, gain: down }, { time: end + release, gain: up });
  }
  return points.filter((p, i) => i === 0 || p.time >= points[i - 1]!.time);
}

/** Gain at `time` from the points (linear between them, the last value after the end). */
export function gainAt(points: GainPoint[], time: number, hint = 0): { gain: number; index: number } {
  let i = Math.max(0, Math.min(hint, points.length - 1));
  while (i > 0 && points[i]!.time > time) i--;
  while (i + 1 < points.length && points[i + 1]!.time <= time) i++;
  const a = points[i]!;
  const b = points[i + 1];
  if (!b || b.time <= a.time) return { gain: a.gain, index: i };
  return { gain: a.gain + ((b.gain - a.gain) * (time - a.time)) / (b.time - a.time), index: i };
}
