import type { CueKind } from '../../../cues/cue-sheet.ts';

/** One colour per kind, shared by the timeline regions and the script panel's legend. */
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

export const SELECTED_COLOR = 'rgba(249, 115, 22, 0.45)';
