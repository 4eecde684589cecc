import { EditError } from '../edit/edit-error.ts';
import { type Clip, MAX_CROSSFADE, placeClips } from './timeline.ts';

// A line of an assembled drama dragged along its lane: its clip plays `delta` seconds later (or
// earlier) and the line after it stays where it was, so only the gaps either side change. It may
// come in over its neighbours by up to a crossfade (MAX_CROSSFADE), no further.

/** How far clip `index` may move: from `min` (earliest, negative) to `max` seconds. */
export function clipMoveRange(clips: Clip[], index: number): { min: number; max: number } {
  const placed = placeClips(clips);
  const clip = placed[index];
  if (!clip) throw new EditError(`no clip ${index + 1} on the timeline`);
  const gap = clip.gapBefore ?? 0;
  // The first clip counts from 0:00 (never before it); any other may overlap the one before.
  const min = index === 0 ? -clip.at : -(gap + MAX_CROSSFADE);
  const next = clips[index + 1];
  const max = next ? (next.gapBefore ?? 0) + MAX_CROSSFADE : Number.POSITIVE_INFINITY;
  return { min, max };
}

/**
 * The timeline with clip `index` moved by `delta` seconds (clamped to clipMoveRange) and the
 * clip after it kept in place. `clamped` says the move stopped at a neighbour.
 */
export function moveClip(clips: Clip[], index: number, delta: number): { clips: Clip[]; clamped: boolean } {
  const { min, max } = clipMoveRange(clips, index);
  const by = Math.min(max, Math.max(min, delta));
  const round = (t: number) => Math.round(t * 1e6) / 1e6;
  const out = clips.map((clip, i) => {
    if (i === index) return { ...clip, gapBefore: round((clip.gapBefore ?? 0) + by) };
    if (i === index + 1) return { ...clip, gapBefore: round((clip.gapBefore ?? 0) - by) };
    return clip;
  });
  return { clips: out, clamped: by !== delta };
}
