import type { CueSheet, Section } from '../cue-sheet.ts';
import { chaptersByTime } from '../lists/chapter-list.ts';
import { fnv1a } from '../text/hash.ts';
import { EditError } from './edit-error.ts';

/**
 * Marks [start, end] as sung: one section per chapter it covers (merged with any sung section it
 * touches, split at chapter starts), and the
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
  // One passage per chapter: a band across a chapter break would make one ♪ chapter swallow the
  // next chapter's start (Ctrl+A then G made one band across both chapters).
  const breaks = chaptersByTime(sheet)
    .slice(1)
    .map((c) => c.start)
    .filter((t): t is number => t !== undefined && t > from + 0.05 && t < to - 0.05);
  const edges = [from, ...breaks, to];
  const marked: Section[] = edges.slice(1).map((end, i) => ({
    id: `sung-${fnv1a(`${edges[i]!.toFixed(3)}-${end.toFixed(3)}`)}`,
    kind: 'sung',
    start: edges[i]!,
    end,
    origin: 'marked',
  }));
  const sections = [...kept, ...marked].sort((a, b) => a.start - b.start);
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
