import type { CueKind } from '../../../cues/cue-sheet.ts';

/** A cue's colour when nobody says it (headings, notes, sound cues): by kind. Spoken cues take their speaker's. */
export const KIND_COLORS: Record<CueKind, string> = {
  heading: 'rgba(148, 163, 184, 0.35)',
  title: 'rgba(148, 163, 184, 0.35)',
  narration: 'rgba(59, 130, 246, 0.22)',
  dialogue: 'rgba(234, 179, 8, 0.28)',
  lyric: 'rgba(217, 70, 239, 0.28)',
  note: 'rgba(100, 116, 139, 0.22)',
  separator: 'rgba(100, 116, 139, 0.15)',
  sfx: 'rgba(34, 197, 94, 0.28)',
  music: 'rgba(20, 184, 166, 0.28)',
};

/**
 * The selection: a near-white, a colour no speaker has (the speaker palette is all saturated hues;
 * the orange selection was taken for the Narrator's amber).
 */
export const SELECTED_COLOR = 'rgba(241, 245, 249, 0.5)';
