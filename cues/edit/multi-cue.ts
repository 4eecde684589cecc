import { withChapterStarts } from '../chapter-starts.ts';
import type { CueSheet } from '../cue-sheet.ts';
import { clockTime } from '../sidecars/timecode.ts';
import { cueIndex } from './cue-timing.ts';
import { EditError } from './edit-error.ts';

// Edits of several cues at once, each one undo step: the multi-cue inspector's.

/**
 * Moves the placed cues among `ids` by `offset` seconds together (their lengths and gaps kept).
 * Refused (EditError, nothing moved) when a cue would start before 0, end after `duration`, or
 * cross a placed cue that is not moving: a typed offset is taken exactly or not at all.
 */
export function moveCues(
  sheet: CueSheet,
  ids: readonly string[],
  offset: number,
  duration = Number.POSITIVE_INFINITY,
): CueSheet {
  if (!Number.isFinite(offset)) throw new EditError(`not moved: ${offset} is not a number of seconds`);
  const moving = new Set(ids);
  for (const id of ids) cueIndex(sheet, id);
  const placed = sheet.cues.filter((c) => moving.has(c.id) && c.start !== undefined && c.end !== undefined);
  if (placed.length === 0) throw new EditError('not moved: none of the selected cues is placed yet');
  if (offset === 0) return sheet;
  const round = (t: number) => Math.round(t * 1000) / 1000;
  const moved = new Map(
    placed.map((c) => [c.id, { start: round(c.start! + offset), end: round(c.end! + offset) }]),
  );
  const first = Math.min(...[...moved.values()].map((t) => t.start));
  const last = Math.max(...[...moved.values()].map((t) => t.end));
  if (first < 0) throw new EditError(`not moved: the first cue would start ${clockTime(-first)} before 0`);
  if (last > duration)
    throw new EditError(`not moved: the last cue would end after the recording (${clockTime(duration)})`);
  for (const still of sheet.cues) {
    if (moving.has(still.id) || still.start === undefined || still.end === undefined) continue;
    for (const t of moved.values())
      if (t.start < still.end - 5e-4 && still.start < t.end - 5e-4)
        throw new EditError(
          `not moved: a moved cue would overlap the cue at ${clockTime(still.start)} ("${still.text.slice(0, 30)}")`,
        );
  }
  const cues = sheet.cues.map((c) => {
    const t = moved.get(c.id);
    return t ? { ...c, ...t } : c;
  });
  return withChapterStarts({ ...sheet, cues });
}

/** Gives the cues `ids` the speaker `speaker` (trimmed); an empty name takes the speaker away. */
export function setSpeaker(sheet: CueSheet, ids: readonly string[], speaker: string): CueSheet {
  const name = speaker.trim();
  const wanted = new Set(ids);
  for (const id of ids) cueIndex(sheet, id);
  if (wanted.size === 0) throw new EditError('select the cues to give a speaker first');
  let changed = false;
  const cues = sheet.cues.map((cue) => {
    if (!wanted.has(cue.id) || (cue.speaker ?? '') === name) return cue;
    changed = true;
    if (name === '') {
      const { speaker: _old, ...rest } = cue;
      return rest;
    }
    return { ...cue, speaker: name };
  });
  return changed ? { ...sheet, cues } : sheet;
}
