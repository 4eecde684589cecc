import type { CueKind } from '../../../cues/cue-sheet.ts';
import { KIND_COLORS } from './cue-colors.ts';

// What the colours of the cues mean: one swatch per kind present in the sheet (the timeline and
// the script use the same colours), plus the marks for review, not recorded and the selection.

const KIND_NAMES: Record<CueKind, string> = {
  heading: 'Heading',
  title: 'Title',
  narration: 'Narration',
  dialogue: 'Dialogue',
  lyric: 'Sung',
  note: 'Note',
  separator: 'Separator',
  sfx: 'Sound effect',
  music: 'Music',
};

/** A legend of the kinds in `kinds` (in the order given), as a list element. */
export function kindLegend(kinds: Iterable<CueKind>): HTMLElement {
  const list = document.createElement('ul');
  list.className = 'kind-legend';
  list.dataset.testid = 'kind-legend';
  list.setAttribute('aria-label', 'Cue colours');
  const entry = (name: string, className: string, color?: string) => {
    const item = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = `swatch ${className}`;
    if (color) swatch.style.background = color;
    item.append(swatch, name);
    return item;
  };
  const seen = new Set(kinds);
  list.append(
    ...[...seen].map((kind) => entry(KIND_NAMES[kind], `kind-${kind}`, KIND_COLORS[kind])),
    entry('To review', 'legend-review'),
    entry('Not recorded', 'legend-not-recorded'),
    entry('Selected', 'legend-selected', 'rgba(249, 115, 22, 0.45)'),
  );
  return list;
}
