import type { Cue } from '../cue-sheet.ts';
import { speakerOf } from './speakers.ts';

// The cue table's orders. Each sort is stable and falls back to script order, so rows with equal
// keys (two cues of one speaker) keep the order they are read in.

export type CueSortKey = 'time' | 'kind' | 'speaker' | 'confidence';
export type SortDirection = 'ascending' | 'descending';

/**
 * The cues in the order asked. `time`: start in seconds, unplaced cues last; `kind` and `speaker`:
 * by name, narration under the narrator (cues of nobody last); `confidence`: 0–1, cues without a score count as 1 (hand
 * placed). Descending reverses the key, not the fallbacks (unplaced cues stay last).
 */
export function sortCues(
  cues: readonly Cue[],
  key: CueSortKey,
  direction: SortDirection = 'ascending',
): Cue[] {
  const sign = direction === 'ascending' ? 1 : -1;
  const order = new Map(cues.map((c, i) => [c.id, i]));
  const compare = (a: Cue, b: Cue): number => {
    switch (key) {
      case 'time':
        return lastWhenMissing(a.start, b.start, sign, (x, y) => x - y);
      case 'kind':
        return sign * a.kind.localeCompare(b.kind);
      case 'speaker':
        return lastWhenMissing(speakerOf(a), speakerOf(b), sign, (x, y) => x.localeCompare(y));
      case 'confidence':
        return sign * ((a.confidence ?? 1) - (b.confidence ?? 1));
    }
  };
  return cues.slice().sort((a, b) => compare(a, b) || order.get(a.id)! - order.get(b.id)!);
}

function lastWhenMissing<T>(a: T | undefined, b: T | undefined, sign: number, by: (x: T, y: T) => number) {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? 1 : -1;
  return sign * by(a, b);
}

/**
 * The ids a click on `clicked` selects in a list shown in `shownIds` order: plain replaces, Ctrl
 * (or Cmd) toggles it, Shift takes the range from the anchor (the first selected) to it.
 */
export function clickSelection(
  shownIds: readonly string[],
  selected: readonly string[],
  clicked: string,
  modifiers: { toggle?: boolean; range?: boolean },
): string[] {
  if (modifiers.range && selected.length > 0) {
    const from = shownIds.indexOf(selected[0]!);
    const to = shownIds.indexOf(clicked);
    if (from >= 0 && to >= 0) {
      const [a, b] = from <= to ? [from, to] : [to, from];
      const range = shownIds.slice(a, b + 1);
      // The anchor stays first: the next shift-click measures from it again.
      return [selected[0]!, ...range.filter((id) => id !== selected[0])];
    }
  }
  if (modifiers.toggle)
    return selected.includes(clicked) ? selected.filter((id) => id !== clicked) : [...selected, clicked];
  return [clicked];
}
