import type { Cue, CueSheet } from '../../../cues/cue-sheet.ts';
import { needsReview } from '../../../cues/edit/review.ts';
import { NARRATOR, speakerOf, speakersOf } from '../../../cues/lists/speakers.ts';
import { KIND_COLORS, SELECTED_COLOR } from './cue-colors.ts';
import { speakerColor } from './speaker-colors.ts';

// How a cue looks on the timeline: coloured by its speaker (the Speakers panel's colours; cues
// without one by their kind), labelled with the speaker and the start of its text, and flagged
// with its confidence when it waits for review.

/** Each speaker's colour (hex), as the Speakers panel shows them. */
export function speakerColors(sheet: CueSheet): Map<string, string> {
  return new Map(speakersOf(sheet, { narrator: NARRATOR }).map((s, i) => [s.speaker, speakerColor(i)]));
}

export { speakerOf };

/** The region's fill: the selection colour, else its speaker's colour, else its kind's. */
export function regionColor(cue: Cue, colors: Map<string, string>, selected: boolean): string {
  if (selected) return SELECTED_COLOR;
  const hex = colors.get(speakerOf(cue) ?? '');
  return hex ? withAlpha(hex, 0.26) : KIND_COLORS[cue.kind];
}

/** The words a label shows (its first few; the region clips what does not fit). */
const LABEL_CHARS = 80;

/** A key for what the label shows: the label is rebuilt only when it changes. */
export function labelKey(cue: Cue): string {
  return `${cue.kind}|${speakerOf(cue) ?? ''}|${cue.text.slice(0, LABEL_CHARS)}|${cue.confidence ?? ''}|${cue.review ?? ''}`;
}

/** The label inside a cue's region: a review flag with the confidence, ♪ when sung, the speaker, the text. */
export function regionLabel(cue: Cue, colors: Map<string, string>): HTMLElement {
  const label = document.createElement('div');
  label.className = 'region-label';
  // Inline styles: the regions live in wavesurfer's shadow root, out of the page's stylesheet.
  label.style.cssText =
    'position:absolute;left:0;right:0;top:18px;padding:0 4px;overflow:hidden;white-space:nowrap;text-overflow:ellipsis;font:11px system-ui,sans-serif;color:#e2e8f0;pointer-events:none;text-shadow:0 1px 2px #000';
  if (needsReview(cue)) {
    const flag = document.createElement('span');
    flag.className = 'review-flag';
    flag.textContent = `⚑ ${cue.confidence !== undefined ? `${Math.round(cue.confidence * 100)}%` : 'review'}`;
    flag.title = cue.review ?? 'low confidence: waiting for review';
    flag.style.cssText =
      'display:inline-block;margin-right:4px;padding:0 4px;border-radius:3px;background:#f59e0b;color:#0f172a;font-weight:600;text-shadow:none';
    label.append(flag);
  }
  // Sung: the region keeps its speaker's colour and name, and says it is sung.
  if (cue.kind === 'lyric') {
    const sung = document.createElement('span');
    sung.className = 'region-sung';
    sung.textContent = '♪';
    sung.title = 'sung';
    sung.style.cssText = 'margin-right:4px';
    label.append(sung);
  }
  const speaker = speakerOf(cue);
  if (speaker) {
    const chip = document.createElement('span');
    chip.className = 'region-speaker';
    chip.textContent = speaker;
    chip.style.cssText = `margin-right:4px;font-weight:600;color:${colors.get(speaker) ?? '#e2e8f0'}`;
    label.append(chip);
  }
  label.append(cue.text.slice(0, LABEL_CHARS).replace(/\s+/g, ' '));
  return label;
}

/** `#rrggbb` as rgba with `alpha`. */
export function withAlpha(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
