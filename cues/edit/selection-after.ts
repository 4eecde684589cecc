import type { CueSheet } from '../cue-sheet.ts';

/**
 * The cues a selection points at after an edit (or its undo): ids still in the sheet stay; a cue
 * that is gone (split, merged) is followed to the cue that now holds the start of its text. Every
 * edit leaves a selection that exists, so the inspector never goes blank and the next command
 * never names a cue that is not there.
 */
export function selectionAfter(before: CueSheet, after: CueSheet, ids: readonly string[]): string[] {
  const present = new Set(after.cues.map((c) => c.id));
  const chosen: string[] = [];
  for (const id of ids) {
    let next: string | undefined = present.has(id) ? id : undefined;
    if (!next) {
      const old = before.cues.find((c) => c.id === id);
      if (old) next = heirOf(after, old.source.start)?.id;
    }
    if (next && !chosen.includes(next)) chosen.push(next);
  }
  return chosen;
}

function heirOf(sheet: CueSheet, offset: number) {
  return (
    sheet.cues.find(
      (c) => c.source.start <= offset && (offset < c.source.end || c.source.start === c.source.end),
    ) ?? sheet.cues.find((c) => c.source.start >= offset)
  );
}
