import type { PcmAudio } from '../../audio/pcm.ts';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { type CueTimes, cueBounds, placedTimes } from '../../cues/edit/cue-timing.ts';
import { EditError } from '../../cues/edit/edit-error.ts';
import { alignRecording } from './align-recording.ts';

/**
 * Re-aligns only the cues from the first to the last of `cueIds`, inside the stretch of audio
 * between the timed cues around them: those neighbours (hand-placed or not) are the anchors and
 * do not move, and nothing outside the range changes.
 */
export async function alignRange(
  sheet: CueSheet,
  cueIds: string[],
  duration: number,
  decode: (from: number, to: number) => Promise<PcmAudio>,
): Promise<CueTimes[]> {
  const indexes = cueIds.map((id) => sheet.cues.findIndex((c) => c.id === id)).filter((i) => i >= 0);
  if (indexes.length === 0) throw new EditError('select the cues to re-align');
  const from = Math.min(...indexes);
  const to = Math.max(...indexes);
  const lo = cueBounds(sheet, from, duration).lo;
  const hi = cueBounds(sheet, to, duration).hi;
  if (hi - lo < 0.5) throw new EditError('no room to re-align between the anchors');

  const cues = sheet.cues.slice(from, to + 1).map(({ start: _s, end: _e, confidence: _c, ...cue }) => cue);
  const rangeSheet: CueSheet = {
    ...sheet,
    cues,
    chapters: [{ id: 'range', title: sheet.title, cueIds: cues.map((c) => c.id) }],
  };
  const slice = await decode(lo, hi);
  const aligned = await alignRecording(rangeSheet, slice, { bandSeconds: Math.min(10, hi - lo) });
  return placedTimes(aligned, lo);
}
