import type { CueSheet } from '../../../cues/cue-sheet.ts';
import { KIND_COLORS, SELECTED_COLOR } from './cue-colors.ts';
import { speakerColors } from './region-look.ts';

// What the colours of the cues mean, as the timeline, the script, the Speakers list and the cue
// table all use them: one colour per speaker (narration is the Narrator's); kinds are told apart
// otherwise (♪ for sung lines, a wavy underline for review, hatching for not recorded); the
// selection is a near-white no speaker has. (It said Narration blue and Dialogue amber, the
// opposite of the timeline.)

/** The legend of `sheet`'s colours, as a list element. */
export function cueLegend(sheet: CueSheet): HTMLElement {
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
  list.append(
    ...[...speakerColors(sheet)].map(([speaker, color]) => entry(speaker, 'legend-speaker', color)),
  );
  if (sheet.cues.some((c) => c.kind === 'lyric'))
    list.append(entry('♪ Sung', 'legend-sung', KIND_COLORS.lyric));
  list.append(
    entry('To review', 'legend-review'),
    entry('Not recorded', 'legend-not-recorded'),
    entry('Selected', 'legend-selected', SELECTED_COLOR),
  );
  return list;
}
