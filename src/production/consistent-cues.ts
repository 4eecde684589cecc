import { REVIEW } from '../../audio/align/acoustic/place-cues.ts';
import { cueRole } from '../../audio/align/acoustic/script-words.ts';
import type { Cue, CueSheet } from '../../cues/cue-sheet.ts';

// The last word on an alignment across files: what the passes placed must be consistent with the
// script's order. A pass that lost its way (a chapter no file holds) can leave that chapter's
// lines, flagged, on top of another chapter's lines found for certain (issue #16: sonnet II's
// lines laid over sonnet III in the file after the gap). A flagged cue that collides with a cue
// found for certain is not in the recordings: it is unplaced and flagged, never left in place.

/** Seconds two cues may overlap before they collide (edges of neighbouring words). */
const TOLERANCE = 0.05;
/** A chapter with at least this many spoken cues and none found for certain is missing. */
const CHAPTER_CUES = 3;

const placed = (c: Cue) => c.start !== undefined && c.end !== undefined;
const sure = (c: Cue) => placed(c) && c.review === undefined;

/** A cue with its times removed, flagged `not found in the recording`. */
function unplaced(cue: Cue): Cue {
  const { start: _s, end: _e, confidence: _c, ...rest } = cue;
  return { ...rest, review: REVIEW.notFound };
}

/**
 * The sheet with every flagged cue that collides with a cue found for certain (starts before an
 * earlier one ends, or ends after a later one starts) unplaced, every chapter of spoken lines none
 * of which was found for certain unplaced whole, and a cue found for certain that still overlaps
 * an earlier one flagged. `missing` lists the chapters no recording holds.
 */
export function consistentCues(sheet: CueSheet): { sheet: CueSheet; missing: string[] } {
  let cues = sheet.cues.map((c) => ({ ...c }));
  const n = cues.length;
  // Latest end of the sure cues before each cue, earliest start of the sure cues after it.
  const endBefore = new Array<number>(n).fill(Number.NEGATIVE_INFINITY);
  const startAfter = new Array<number>(n).fill(Number.POSITIVE_INFINITY);
  for (let i = 1; i < n; i++) {
    const p = cues[i - 1]!;
    endBefore[i] = Math.max(endBefore[i - 1]!, sure(p) && cueRole(p) !== 'silent' ? p.end! : -Infinity);
  }
  for (let i = n - 2; i >= 0; i--) {
    const q = cues[i + 1]!;
    startAfter[i] = Math.min(startAfter[i + 1]!, sure(q) && cueRole(q) !== 'silent' ? q.start! : Infinity);
  }
  cues = cues.map((cue, i) => {
    if (!placed(cue) || cueRole(cue) === 'silent') return cue;
    const collides = cue.start! < endBefore[i]! - TOLERANCE || cue.end! > startAfter[i]! + TOLERANCE;
    if (!collides) return cue;
    if (cue.review !== undefined) return unplaced(cue);
    // Two cues found for certain out of order: which is wrong is not known, so the later is flagged.
    return cue.start! < endBefore[i]! - TOLERANCE ? { ...cue, review: REVIEW.overlaps } : cue;
  });
  const index = new Map(cues.map((c, i) => [c.id, i]));
  const missing: string[] = [];
  for (const chapter of sheet.chapters) {
    const at = chapter.cueIds.map((id) => index.get(id)).filter((i) => i !== undefined);
    const spoken = at.filter((i) => cueRole(cues[i]!) === 'spoken');
    if (spoken.length < CHAPTER_CUES || spoken.some((i) => sure(cues[i]!))) continue;
    // A chapter of headings only just before it ("CHAPTER TWO" over "II") goes with it.
    const before = sheet.chapters[sheet.chapters.indexOf(chapter) - 1];
    const heads = (before?.cueIds ?? []).map((id) => index.get(id)).filter((i) => i !== undefined);
    const headsOnly = heads.length > 0 && heads.every((i) => cues[i]!.kind === 'heading' && !sure(cues[i]!));
    if (headsOnly) missing.push(before!.title);
    missing.push(chapter.title);
    for (const i of [...(headsOnly ? heads : []), ...at])
      if (cueRole(cues[i]!) !== 'silent') cues[i] = unplaced(cues[i]!);
  }
  const timed = new Map(cues.flatMap((c) => (c.start !== undefined ? [[c.id, c.start] as const] : [])));
  // A chapter opens at its first timed cue; one with none keeps no time of its own.
  const chapters = sheet.chapters.map((chapter) => {
    const start = chapter.cueIds.map((id) => timed.get(id)).find((t) => t !== undefined);
    const { start: _s, ...rest } = chapter;
    return start !== undefined ? { ...rest, start } : rest;
  });
  return { sheet: { ...sheet, cues, chapters }, missing };
}

/**
 * The sheet with every heading or title that runs across a join between files (`joins`: where each
 * file after the first starts, seconds end to end) moved to the next file: a heading pressed into
 * the end of one file is the next file's opening, unspoken there when the reader starts on a line,
 * so it is placed, zero length, at the first cue after it. A placement never ends past its file.
 */
export function headingsAtJoins(sheet: CueSheet, joins: number[]): CueSheet {
  const cues = sheet.cues.map((cue, i) => {
    if ((cue.kind !== 'heading' && cue.kind !== 'title') || cue.start === undefined || cue.end === undefined)
      return cue;
    const join = joins.find((t) => cue.start! < t && cue.end! > t);
    if (join === undefined) return cue;
    const next = sheet.cues.slice(i + 1).find((c) => c.start !== undefined && c.start >= join);
    const at = next?.start ?? join;
    return { ...cue, start: at, end: at };
  });
  return { ...sheet, cues };
}
