import { withChapterStarts } from '../../cues/chapter-starts.ts';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import type { Pause } from '../silence/find-pauses.ts';
import type { WarpPath } from './dtw.ts';
import { HOP_SECONDS } from './mfcc.ts';

// Reference cue times → recording times through the warp path, each boundary then snapped to a
// pause in the recording when one is near (speech starts after a pause and ends before one).

const SNAP_SECONDS = 0.25;

export function mapCues(reference: CueSheet, path: WarpPath, pauses: Pause[]): CueSheet {
  const frames = path.first.length;
  const typical = median(path.distance);
  const frameOf = (seconds: number) => Math.max(0, Math.min(frames - 1, Math.round(seconds / HOP_SECONDS)));
  const cues = reference.cues.map((cue) => {
    if (cue.start === undefined || cue.end === undefined) return cue;
    const a = frameOf(cue.start);
    const b = Math.max(a, frameOf(cue.end) - 1);
    let start = path.first[a]! * HOP_SECONDS;
    let end = (path.last[b]! + 1) * HOP_SECONDS;
    const before = nearest(
      pauses.map((p) => p.end),
      start,
    );
    if (before !== undefined) start = before;
    const after = nearest(
      pauses.map((p) => p.start),
      end,
    );
    if (after !== undefined && after > start) end = after;
    let sum = 0;
    for (let i = a; i <= b; i++) sum += path.distance[i]!;
    const mean = sum / (b - a + 1);
    const confidence = Math.max(0, Math.min(1, typical / Math.max(mean, 1e-9)));
    return { ...cue, start: round(start), end: round(Math.max(end, start)), confidence: round(confidence) };
  });
  return withChapterStarts({ ...reference, cues });
}

function nearest(times: number[], t: number): number | undefined {
  let best: number | undefined;
  for (const x of times)
    if (Math.abs(x - t) <= SNAP_SECONDS && (best === undefined || Math.abs(x - t) < Math.abs(best - t)))
      best = x;
  return best;
}

function median(values: Float32Array): number {
  const sorted = values.slice().sort();
  return sorted[Math.floor(sorted.length / 2)] ?? 1;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
