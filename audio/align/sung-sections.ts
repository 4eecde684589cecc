import type { CueSheet } from '../../cues/cue-sheet.ts';
import type { EnergyEnvelope } from '../silence/energy-envelope.ts';
import { adaptiveThreshold, levelsDb } from '../silence/find-pauses.ts';

// Where the recording is sung over music (or music alone): sound that never pauses. Speech, even
// fast, drops to the room's floor between phrases several times every few seconds (5-25 % of
// 10 ms frames in any 3 s); a song over a backing track, or a music bed, does not (under 1 %).
// Sections are widened to the continuous sound around them, so they start where the music does.
// Not yet detected: a cappella singing with breath pauses (pitch stability would catch it).

export interface Span {
  start: number;
  end: number;
}

const WINDOW_SECONDS = 3;
const MAX_QUIET_SHARE = 0.03;
const MIN_SECTION_SECONDS = 3;

export function detectSungSections(envelope: EnergyEnvelope): Span[] {
  const levels = levelsDb(envelope);
  const frames = levels.length;
  const step = envelope.frameSeconds;
  const threshold = adaptiveThreshold(levels);
  const quiet = Uint8Array.from(levels, (l) => (l < threshold ? 1 : 0));
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
    const span = { start: a * step, end: (b + 1) * step };
    const last = sections.at(-1);
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else sections.push(span);
  }
  return sections.filter((s) => s.end - s.start >= MIN_SECTION_SECONDS);
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

/** One flag per feature frame: inside one of the spans or not. */
export function frameFlags(spans: Span[], frames: number, hopSeconds: number): Uint8Array {
  const flags = new Uint8Array(frames);
  for (const { start, end } of spans) {
    for (
      let f = Math.max(0, Math.floor(start / hopSeconds));
      f < Math.min(frames, Math.ceil(end / hopSeconds));
      f++
    ) {
      flags[f] = 1;
    }
  }
  return flags;
}
