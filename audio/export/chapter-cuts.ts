import type { EnergyEnvelope } from '../silence/energy-envelope.ts';
import { adaptiveThreshold, levelsDb } from '../silence/find-pauses.ts';
import { speechSpan } from '../silence/speech-span.ts';

// Where each chapter file's audio comes from and how much room tone is added at each end, in
// frames of the delivered stream. Plain: the chapter as it is, the same room tone added at both
// ends. Fitted (ACX): the chapter's own quiet edges count towards the room tone wanted and any
// excess is cut, so every file has `head` and `tail` frames of room tone whatever the pauses
// around its chapter were.

export interface ChapterCut {
  /** The stretch of the recording the file holds, [from, to) in frames. */
  from: number;
  to: number;
  /** Frames of room tone added before and after it. */
  head: number;
  tail: number;
}

/** `bounds`: each chapter's first frame, then the recording's length. */
export function paddedCuts(bounds: number[], pad: number): ChapterCut[] {
  return bounds.slice(0, -1).map((from, i) => ({ from, to: bounds[i + 1]!, head: pad, tail: pad }));
}

/** Cuts holding `head` and `tail` frames of room tone, found by the recording's 10 ms `envelope`. */
export function fittedCuts(
  bounds: number[],
  envelope: EnergyEnvelope,
  frameLength: number,
  head: number,
  tail: number,
): ChapterCut[] {
  const threshold = adaptiveThreshold(levelsDb(envelope));
  return bounds.slice(0, -1).map((start, i) => {
    const end = bounds[i + 1]!;
    const span = speechSpan(
      envelope,
      Math.floor(start / frameLength),
      Math.ceil(end / frameLength),
      threshold,
    );
    // A chapter that is all room tone keeps it and gets the pads as well.
    if (!span) return { from: start, to: end, head, tail };
    const onset = Math.max(start, span.first * frameLength);
    const offset = Math.min(end, span.end * frameLength);
    const leading = onset - start;
    const trailing = end - offset;
    return {
      from: leading >= head ? onset - head : start,
      head: Math.max(0, head - leading),
      to: trailing >= tail ? offset + tail : end,
      tail: Math.max(0, tail - trailing),
    };
  });
}
