import type { Cue, CueSheet } from '../cue-sheet.ts';

/** Cues without a speaker that are narration count under this name. */
export const NARRATOR = 'Narrator';

/**
 * Whom a cue is said by, as every view names it: its speaker, narration under the narrator (the
 * cue table showed nothing there while the Speakers list said "Narrator"), else nobody. A sung
 * line nobody is named for is the narrator's too (as its drama lane is the narration's): marking
 * narration as sung made it a lyric cue, and its "Narrator" went from the timeline and the inspector.
 */
export function speakerOf(cue: Cue, narrator: string = NARRATOR): string | undefined {
  return cue.speaker ?? (cue.kind === 'narration' || cue.kind === 'lyric' ? narrator : undefined);
}

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
    const name = options.narrator === undefined ? cue.speaker : speakerOf(cue, options.narrator);
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
