import type { CueSheet, Section } from '../cue-sheet.ts';
import { fnv1a } from '../text/hash.ts';
import { EditError } from './edit-error.ts';

/**
 * Marks [start, end] as sung: one section (merged with any sung section it touches), and the
 * placed cues whose middle falls inside become lyric cues (kept out of speech alignment, written
 * to LRC). Ids stay, so chapters and selections still find them.
 */
export function markSung(sheet: CueSheet, start: number, end: number): CueSheet {
  if (!(end - start > 0.05)) throw new EditError('select a stretch of audio to mark as sung');
  let from = start;
  let to = end;
  const kept: Section[] = [];
  for (const s of sheet.sections ?? []) {
    if (s.kind === 'sung' && s.start <= to && s.end >= from) {
      from = Math.min(from, s.start);
      to = Math.max(to, s.end);
    } else kept.push(s);
  }
  const section: Section = {
    id: `sung-${fnv1a(`${from.toFixed(3)}-${to.toFixed(3)}`)}`,
    kind: 'sung',
    start: from,
    end: to,
    origin: 'marked',
  };
  const sections = [...kept, section].sort((a, b) => a.start - b.start);
  const cues = sheet.cues.map((cue) => {
    if (cue.start === undefined || cue.end === undefined || cue.kind === 'lyric') return cue;
    const middle = (cue.start + cue.end) / 2;
    if (middle < from || middle > to || !['narration', 'dialogue'].includes(cue.kind)) return cue;
    return { ...cue, kind: 'lyric' as const };
  });
  return { ...sheet, cues, sections };
}

export function removeSection(sheet: CueSheet, sectionId: string): CueSheet {
  const sections = sheet.sections ?? [];
  if (!sections.some((s) => s.id === sectionId)) throw new EditError(`no section "${sectionId}"`);
  return { ...sheet, sections: sections.filter((s) => s.id !== sectionId) };
}

/** Moves a section's edges (typed in the inspector): refused, not bent, when they do not make a stretch. */
export function setSectionTimes(sheet: CueSheet, sectionId: string, start: number, end: number): CueSheet {
  const sections = sheet.sections ?? [];
  const index = sections.findIndex((s) => s.id === sectionId);
  if (index < 0) throw new EditError(`no section "${sectionId}"`);
  if (!(start >= 0) || !(end - start >= 0.05))
    throw new EditError('not changed: a sung passage starts at 0 or later and ends after it starts');
  const copy = sections.slice();
  copy[index] = {
    ...copy[index]!,
    start: Math.round(start * 1000) / 1000,
    end: Math.round(end * 1000) / 1000,
  };
  return { ...sheet, sections: copy };
}
