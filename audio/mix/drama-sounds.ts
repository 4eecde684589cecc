import type { CueSheet } from '../../cues/cue-sheet.ts';
import { DEFAULT_BED_DUCK_DB } from '../../cues/edit/bed-edits.ts';
import { duckingPoints, type GainPoint } from './ducking.ts';

// Where an assembled drama's sound and music files play, and how its music ducks: one rule for the
// drama mix (src/production/drama-mix.ts) and the app's preview (renderer/src/playback/), so what
// is heard while editing is what is delivered.

/**
 * Each sound or music cue's time on the production (seconds): the end of the last timed cue
 * before it in the script (its start when it has no end), 0 before the first.
 *
 * @param sheet the sheet on the production's timeline (cue times as they play)
 * @returns cue id to seconds, for every `sfx` and `music` cue
 */
export function soundTimes(sheet: CueSheet): Map<string, number> {
  const times = new Map<string, number>();
  let last = 0;
  for (const cue of sheet.cues) {
    if (cue.kind === 'sfx' || cue.kind === 'music') times.set(cue.id, last);
    else if (cue.end !== undefined) last = Math.max(last, cue.end);
    else if (cue.start !== undefined) last = Math.max(last, cue.start);
  }
  return times;
}

/**
 * The Music lane's gain over time (linear, 1 at full level): down by the beds' default depth
 * (-14 dB) under every spoken line, with the beds' ramps (ducking.ts duckingPoints).
 *
 * @param sheet the sheet on the production's timeline
 */
export function musicDucking(sheet: CueSheet): GainPoint[] {
  return duckingPoints(sheet, { id: 'music', path: '-', start: 0, gainDb: 0, duckDb: DEFAULT_BED_DUCK_DB });
}
