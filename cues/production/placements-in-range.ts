import { clockTime } from '../sidecars/timecode.ts';
import type { Placement, Recording } from './timeline.ts';

// A placement past its recording's end (a hand-edited or damaged project) would export a cue that
// plays nothing, or stretch the timeline; it is named rather than exported on.

/** Seconds a placement may run past the end it was measured against (a re-encode's padding). */
const SLACK = 1;

/** One line per placement that lies past its recording's end or names no recording. */
export function placementsOutOfRange(
  placements: Placement[],
  recordings: Recording[],
  numberOf: (p: Placement) => string,
): string[] {
  const byId = new Map(recordings.map((r) => [r.id, r]));
  const out: string[] = [];
  for (const p of placements) {
    const r = byId.get(p.recording);
    if (!r) {
      out.push(`${numberOf(p)} is placed on "${p.recording}", which the project does not have`);
      continue;
    }
    if (p.start > r.duration + SLACK || (p.end !== undefined && p.end < p.start))
      out.push(
        `${numberOf(p)} starts at ${clockTime(p.start)} in ${r.path}, which is only ${clockTime(r.duration)} long`,
      );
  }
  return out;
}
