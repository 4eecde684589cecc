import type { Cue } from '../cue-sheet.ts';

// An audio drama mixes on lanes: one per character, one for narration, one for sound effects,
// one for music. A cue's lane follows from its kind and speaker, so it is never stored.

export const NARRATION_LANE = 'Narration';
export const SFX_LANE = 'SFX';
export const MUSIC_LANE = 'Music';

/** The lane a cue plays on; undefined for cues nothing is heard of (headings, notes, separators). */
export function laneOf(cue: Cue): string | undefined {
  if (cue.kind === 'sfx') return SFX_LANE;
  if (cue.kind === 'music') return MUSIC_LANE;
  if (cue.kind === 'dialogue' || cue.kind === 'lyric') return cue.speaker ?? NARRATION_LANE;
  if (cue.kind === 'narration') return NARRATION_LANE;
  return undefined;
}

/** Every lane of the sheet: characters in order of first line, then narration, SFX, music. */
export function dramaLanes(cues: Cue[]): string[] {
  const fixed = [NARRATION_LANE, SFX_LANE, MUSIC_LANE];
  const characters: string[] = [];
  for (const cue of cues) {
    const lane = laneOf(cue);
    if (lane && !fixed.includes(lane) && !characters.includes(lane)) characters.push(lane);
  }
  return [...characters, ...fixed];
}
