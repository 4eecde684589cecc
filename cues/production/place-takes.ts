import type { Cue } from '../cue-sheet.ts';
import { OVERLAP } from '../readers/speaker-name.ts';
import { spokenText } from '../spoken-text.ts';
import { type Clip, MAX_CROSSFADE, type Placement } from './timeline.ts';

// The picked takes laid out in script order: each line a clip of its take (a little breath
// either side), after a beat of silence; after a line cut off by a dash the next comes in
// quicker, and a line the script marks as overlapping comes in over the end of the one before.

/** The beat between lines, seconds. */
export const BEAT = 0.4;
/** The gap after a line cut off by a dash ("I never meant —"), seconds. */
export const INTERRUPTED_BEAT = 0.05;
/** Lead-in before a take's first word and tail after its last, seconds. */
const LEAD = 0.12;
const TAIL = 0.2;

/** A picked take: where its line lies on its recording (seconds) and the recording's length. */
export interface PickedTake {
  cue: string;
  recording: string;
  start: number;
  end: number;
  duration: number;
}

/** Ends with a dash: the line is cut off (interrupted) by the next. */
export function isInterrupted(cue: Cue): boolean {
  return /[-–—]\s*$/.test(spokenText(cue));
}

/**
 * The script marks this line as spoken over the one before: "(overlapping)" / "(OVERLAP)" in its
 * text, or as the reader found it (`overlaps`: a speaker's extension, a Fountain parenthetical, dual
 * dialogue).
 */
export function isOverlapping(cue: Cue): boolean {
  return cue.overlaps === true || OVERLAP.test(cue.text);
}

/** The clip that plays a take: its words with a little breath either side, after `gapBefore` seconds. */
export function takeClip(take: Omit<PickedTake, 'cue'>, gapBefore: number): Clip {
  return {
    recording: take.recording,
    from: Math.max(0, take.start - LEAD),
    to: Math.min(take.duration, take.end + TAIL),
    gapBefore,
  };
}

/**
 * Clips (one per picked take, in the order of `cues`) and a placement per placed cue on its
 * recording's clock. Cues without a pick are left out (they stay unplaced).
 */
export function placeTakes(cues: Cue[], picks: PickedTake[]): { clips: Clip[]; placements: Placement[] } {
  const byCue = new Map(picks.map((p) => [p.cue, p]));
  const clips: Clip[] = [];
  const placements: Placement[] = [];
  let previous: Cue | undefined;
  for (const cue of cues) {
    const take = byCue.get(cue.id);
    if (!take) continue;
    const gapBefore =
      clips.length === 0
        ? 0
        : isOverlapping(cue)
          ? -MAX_CROSSFADE
          : previous && isInterrupted(previous)
            ? INTERRUPTED_BEAT
            : BEAT;
    clips.push(takeClip(take, gapBefore));
    placements.push({ id: cue.id, kind: 'cue', recording: take.recording, start: take.start, end: take.end });
    previous = cue;
  }
  return { clips, placements };
}
