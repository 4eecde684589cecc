import type { Cue, CueSheet } from '../cue-sheet.ts';
import { lyricRuns } from '../sidecars/chapter-marks.ts';
import { EditError } from './edit-error.ts';

// What the sung lane shows: every stretch that is sung, whether a section says so (detected or
// marked) or the script's lyric cues do (the export makes a ♪ chapter of each run of them, so the
// lane must show them too). Each can be selected and unmarked.

export interface SungPassage {
  id: string;
  start: number;
  end: number;
  /** The lyric cues inside it (placed ones). */
  cueIds: string[];
  /** The sung sections it covers (none when only the script's lyrics make it). */
  sectionIds: string[];
}

export function sungPassages(sheet: CueSheet): SungPassage[] {
  const passages: SungPassage[] = [];
  for (const run of lyricRuns(sheet.cues)) {
    const placed = run.filter(
      (c): c is Cue & { start: number; end: number } => c.start !== undefined && c.end !== undefined,
    );
    if (placed.length === 0) continue;
    passages.push({
      id: `lyrics-${placed[0]!.id}`,
      start: placed[0]!.start,
      end: placed.at(-1)!.end,
      cueIds: placed.map((c) => c.id),
      sectionIds: [],
    });
  }
  for (const section of sheet.sections ?? []) {
    if (section.kind !== 'sung') continue;
    const touching = passages.filter((p) => p.start <= section.end && p.end >= section.start);
    if (touching.length === 0) {
      passages.push({
        id: section.id,
        start: section.start,
        end: section.end,
        cueIds: [],
        sectionIds: [section.id],
      });
      continue;
    }
    // One passage for a section and the lyrics it holds.
    const [first, ...rest] = touching;
    first!.start = Math.min(first!.start, section.start, ...rest.map((p) => p.start));
    first!.end = Math.max(first!.end, section.end, ...rest.map((p) => p.end));
    first!.cueIds.push(...rest.flatMap((p) => p.cueIds));
    first!.sectionIds.push(section.id, ...rest.flatMap((p) => p.sectionIds));
    for (const p of rest) passages.splice(passages.indexOf(p), 1);
  }
  return passages.sort((a, b) => a.start - b.start).map((p) => ({ ...p, id: p.sectionIds[0] ?? p.id }));
}

/**
 * Unmarks a sung passage: its sections go, and its lyric cues are read again (dialogue when they
 * have a speaker, narration otherwise), so the export makes no ♪ chapter of them.
 */
export function unmarkSung(sheet: CueSheet, passageId: string): CueSheet {
  const passage = sungPassages(sheet).find((p) => p.id === passageId);
  if (!passage) throw new EditError('that sung passage is no longer there');
  const cueIds = new Set(passage.cueIds);
  const sectionIds = new Set(passage.sectionIds);
  const cues = sheet.cues.map((cue) =>
    cueIds.has(cue.id) ? { ...cue, kind: cue.speaker ? ('dialogue' as const) : ('narration' as const) } : cue,
  );
  const sections = (sheet.sections ?? []).filter((s) => !sectionIds.has(s.id));
  return { ...sheet, cues, sections };
}

/** A passage's id for a stretch (after an edit the same stretch keeps a stable name). */
export function passageAt(sheet: CueSheet, time: number): SungPassage | undefined {
  return sungPassages(sheet).find((p) => p.start <= time && time <= p.end);
}
