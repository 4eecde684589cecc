import type { CueSheet } from '../cue-sheet.ts';

/** A speaker (or character) of the script and the lines given to them. */
export interface SpeakerLines {
  speaker: string;
  /** How many cues carry this speaker. */
  lines: number;
  /** Those cues' ids, in script order. */
  cueIds: string[];
}

/**
 * Every speaker named in the sheet, in order of first appearance, with their line counts. Cues
 * without a speaker (narration, headings) are counted under `narrator` when asked, else left out.
 */
export function speakersOf(sheet: CueSheet, options: { narrator?: string } = {}): SpeakerLines[] {
  const byName = new Map<string, SpeakerLines>();
  for (const cue of sheet.cues) {
    const name = cue.speaker ?? (cue.kind === 'narration' ? options.narrator : undefined);
    if (name === undefined) continue;
    const entry = byName.get(name) ?? { speaker: name, lines: 0, cueIds: [] };
    entry.lines++;
    entry.cueIds.push(cue.id);
    byName.set(name, entry);
  }
  return [...byName.values()];
}

/** The speakers whose name holds `filter` (any case, spaces at either end ignored). */
export function filterSpeakers(speakers: readonly SpeakerLines[], filter: string): SpeakerLines[] {
  const wanted = filter.trim().toLocaleLowerCase();
  return wanted === ''
    ? speakers.slice()
    : speakers.filter((s) => s.speaker.toLocaleLowerCase().includes(wanted));
}
