import { type Clip, placeClips } from './timeline.ts';

// Pauses found on each recording (its own clock) laid on the production's timeline: Snap to
// pauses on a production snaps to the pauses of the recordings as they play, cut where a clip is.

/** A stretch of time, seconds. */
export interface Span {
  start: number;
  end: number;
}

/** Each recording's pauses inside its clips, moved to where the clips play, in time order. */
export function pausesOnTimeline(byRecording: Map<string, Span[]>, clips: Clip[]): Span[] {
  const out: Span[] = [];
  for (const clip of placeClips(clips))
    for (const pause of byRecording.get(clip.recording) ?? []) {
      const from = Math.max(pause.start, clip.from);
      const to = Math.min(pause.end, clip.to);
      if (to > from) out.push({ start: clip.at + from - clip.from, end: clip.at + to - clip.from });
    }
  return out.sort((a, b) => a.start - b.start);
}
