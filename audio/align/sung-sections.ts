import type { CueSheet } from '../../cues/cue-sheet.ts';
import type { EnergyEnvelope } from '../silence/energy-envelope.ts';
import { adaptiveThreshold, levelsDb } from '../silence/find-pauses.ts';

// Where the recording is sung over music (or music alone): sound that never pauses. Speech, even
// fast, drops to the room's floor between phrases several times every few seconds (5-25 % of
// 10 ms frames in any 3 s); a song over a backing track, or a music bed, does not (under 1 %).
// Sections are widened to the continuous sound around them, so they start where the music does.
// Unaccompanied singing breathes like speech: singing-voice.ts finds it by its held notes.

export interface Span {
  start: number;
  end: number;
}

/**
 * Frames under this level (dBFS, mean square) are quiet whatever the recording's own contrast.
 * Digital silence is already quiet by adaptiveThreshold's floor (-90 dBFS; a tester's 50 s of
 * silence was one "music" section before it); this also makes room tone alone quiet, which has no
 * contrast either (tests/core/align-units-sections.test.ts). Music beds sit far above it.
 */
const SILENT_DB = -60;
const WINDOW_SECONDS = 3;
const MAX_QUIET_SHARE = 0.03;
const MIN_SECTION_SECONDS = 3;

export function detectSungSections(envelope: EnergyEnvelope): Span[] {
  const levels = levelsDb(envelope);
  const frames = levels.length;
  const step = envelope.frameSeconds;
  const threshold = adaptiveThreshold(levels);
  const quiet = Uint8Array.from(levels, (l) => (l < threshold || l < SILENT_DB ? 1 : 0));
  const half = Math.round(WINDOW_SECONDS / step / 2);
  if (frames < 2 * half) return [];

  // A running count of quiet frames in a centred window.
  const continuous = new Uint8Array(frames);
  let count = 0;
  for (let i = 0; i < Math.min(frames, 2 * half); i++) count += quiet[i]!;
  for (let centre = half; centre + half < frames; centre++) {
    if (count / (2 * half) <= MAX_QUIET_SHARE) continuous[centre] = 1;
    count += quiet[centre + half]! - quiet[centre - half]!;
  }

  const sections: Span[] = [];
  for (let i = 0; i < frames; ) {
    if (!continuous[i]) {
      i++;
      continue;
    }
    let a = i;
    let b = i;
    while (b + 1 < frames && continuous[b + 1]) b++;
    i = b + 1;
    // The window blurs the edges: grow to the unbroken sound around the core.
    while (a > 0 && !quiet[a - 1]) a--;
    while (b + 1 < frames && !quiet[b + 1]) b++;
    sections.push({ start: a * step, end: (b + 1) * step });
  }
  return unite(sections).filter((s) => s.end - s.start >= MIN_SECTION_SECONDS);
}

/** Spans in time order, overlapping ones merged (the input is left as it was). */
export function unite(spans: Span[]): Span[] {
  const united: Span[] = [];
  for (const span of [...spans].sort((a, b) => a.start - b.start)) {
    const last = united.at(-1);
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else united.push({ ...span });
  }
  return united;
}

/** Seconds that two spans share (0 when they do not meet). */
export function overlap(a: Span, b: Span): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

/** The script's sung stretches on a timed sheet: runs of lyric cues (a short gap does not split one). */
export function lyricSpans(sheet: CueSheet, joinGap = 3): Span[] {
  const spans: Span[] = [];
  let current: Span | undefined;
  for (const cue of sheet.cues) {
    if (cue.start === undefined || cue.end === undefined) continue;
    if (cue.kind !== 'lyric') {
      current = undefined;
      continue;
    }
    if (current && cue.start - current.end <= joinGap) current.end = cue.end;
    else {
      current = { start: cue.start, end: cue.end };
      spans.push(current);
    }
  }
  return spans;
}

/** Positions in a song are stored as 1..SUNG_STEPS; 0 is spoken. */
export const SUNG_STEPS = 65535;

/**
 * Per feature frame, where it lies in its song: 0 outside every song, else 1 + 65534·(its share
 * of the way through the song). A song may be heard in several spans (a section broken by a
 * gap): its position runs over all of them, first start to last end.
 */
export function songPositions(songs: Span[][], frames: number, hopSeconds: number): Uint16Array {
  const positions = new Uint16Array(frames);
  for (const spans of songs) {
    if (spans.length === 0) continue;
    const from = Math.min(...spans.map((s) => s.start));
    const length = Math.max(...spans.map((s) => s.end)) - from;
    for (const { start, end } of spans) {
      for (
        let f = Math.max(0, Math.floor(start / hopSeconds));
        f < Math.min(frames, Math.ceil(end / hopSeconds));
        f++
      ) {
        const share = Math.min(1, Math.max(0, (f * hopSeconds - from) / Math.max(hopSeconds, length)));
        positions[f] = 1 + Math.round(share * (SUNG_STEPS - 1));
      }
    }
  }
  return positions;
}
