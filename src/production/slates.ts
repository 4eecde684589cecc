import { cueRole } from '../../audio/align/acoustic/script-words.ts';
import type { Pause } from '../../audio/silence/find-pauses.ts';
import type { Cue, CueSheet } from '../../cues/cue-sheet.ts';

// A slate ("chapter three, take two", spoken before the reading) shares its words with the
// chapter's heading, so one pass over the files puts the heading (and the reader's own title after
// it) on the slate, and the speech the reader opens with is left under no cue. Seen at a file's
// opening: headings followed by speech no cue covers before the chapter's first line. Those
// headings are moved off it and flagged, and the speech they were on is reported as not in the
// script (issue #16). Speech at a file's opening before its first cue that no cue covers (a slate
// the aligner left alone) is reported too, unless a line of the file before runs into it.

/** Review reason of a heading moved off a slate. */
export const OFF_SLATE = 'placed by the pauses after speech not in the script (a slate?)';

/** Quiet runs shorter than this join the speech either side (the comma in "chapter three, take two"). */
const JOIN_PAUSE = 0.3;
/** Speech shorter than this is a breath or a click, not a heading said. */
const MIN_SPEECH = 0.2;
/** Uncovered speech shorter than this between a heading and its line is a breath, not a reading. */
const MIN_SAID = 0.3;
/** Seconds a cue's edge may stray onto the speech next to it. */
const EDGE = 0.1;

/** A file on the timeline of the files end to end (seconds) and its quiet runs on its own clock. */
export interface SpokenFile {
  start: number;
  duration: number;
  pauses: Pause[];
}

/** Speech on a recording's own clock that no cue of the script covers. */
export interface Unscripted {
  /** Index of the file in the order given. */
  file: number;
  start: number;
  end: number;
}

/** The stretches of speech of a file (seconds on its own clock): the gaps between its long pauses. */
export function speechStretches(file: SpokenFile): Pause[] {
  const out: Pause[] = [];
  let at = 0;
  for (const p of file.pauses) {
    if (p.end - p.start >= JOIN_PAUSE || p.start <= 0 || p.end >= file.duration) {
      if (p.start > at) out.push({ start: at, end: p.start });
      at = p.end;
    }
  }
  if (file.duration > at) out.push({ start: at, end: file.duration });
  return out.filter((s) => s.end - s.start >= MIN_SPEECH);
}

const isHeading = (c: Cue) => (c.kind === 'heading' || c.kind === 'title') && cueRole(c) === 'spoken';

/**
 * `sheet` (times on the files end to end) with the headings at each file's opening moved off a
 * slate: when speech no cue covers lies between them and the file's first line, the reading opens
 * at the last of it: the last heading is put on it, those before it (not known to be said)
 * pressed to an instant at its start, all flagged `OFF_SLATE`. The speech they were on, or else
 * speech no cue covers before the file's first cue (none when a line of the file before runs into
 * it), is returned as `unscripted`, on its file's own clock.
 */
export function moveOffSlates(
  sheet: CueSheet,
  files: SpokenFile[],
): { sheet: CueSheet; unscripted: Unscripted[] } {
  const cues = sheet.cues.map((c) => ({ ...c }));
  const unscripted: Unscripted[] = [];
  for (const [f, file] of files.entries()) {
    const end = file.start + file.duration;
    const inFile = (c: Cue) => c.start !== undefined && c.start >= file.start - 1e-6 && c.start < end;
    const firstLine = cues.findIndex((c) => inFile(c) && cueRole(c) === 'spoken' && !isHeading(c));
    if (firstLine < 0) continue;
    // A line running on from the file before (a file cut mid-line) opens this one: its speech is scripted.
    const runsIn = cues.some(
      (c) =>
        c.start !== undefined && c.end !== undefined && c.start < file.start && c.end > file.start + EDGE,
    );
    const stretches = speechStretches(file);
    const firstCue = cues.find((c) => inFile(c) && cueRole(c) === 'spoken');
    // Speech before the first cue of the file that no cue covers (a slate before a heading said).
    const opening = () => {
      if (runsIn || !firstCue) return;
      const before = stretches.filter(
        (s) => s.end <= firstCue.start! - file.start + EDGE && s.end - s.start >= MIN_SAID,
      );
      if (before.length > 0) unscripted.push({ file: f, start: before[0]!.start, end: before.at(-1)!.end });
    };
    const heads: number[] = [];
    for (let i = firstLine - 1; i >= 0; i--) {
      const c = cues[i]!;
      if (cueRole(c) !== 'spoken') continue;
      if (!isHeading(c) || !inFile(c)) break;
      heads.unshift(i);
    }
    if (heads.length === 0) {
      opening();
      continue;
    }
    const lineStart = cues[firstLine]!.start! - file.start;
    const headsEnd = Math.max(...heads.map((i) => cues[i]!.end ?? cues[i]!.start!)) - file.start;
    // Speech wholly before the first line (a stretch running into it is the line's own).
    const before = stretches.filter((s) => s.end <= lineStart + EDGE);
    const uncovered = before.filter((s) => s.start >= headsEnd - EDGE && s.end - s.start >= MIN_SAID);
    if (uncovered.length === 0) {
      opening();
      continue;
    }
    // The reader's heading is the last speech before the line (a slate of two stretches, "sonnet
    // three," and "take two", put the heading on its second, 2.6 s early: tester 16).
    const said = uncovered.at(-1)!;
    const slate = before.filter((s) => s.end <= said.start + 1e-6);
    if (slate.length === 0) {
      opening();
      continue;
    }
    unscripted.push({ file: f, start: slate[0]!.start, end: slate.at(-1)!.end });
    // Which heading the reader says is not known: the last takes the speech just before the line
    // (the reading opens there), those before it an instant at its start.
    heads.forEach((cueIndex, k) => {
      const cue = cues[cueIndex]!;
      cue.start = file.start + said.start;
      cue.end = file.start + (k === heads.length - 1 ? Math.min(said.end, lineStart) : said.start);
      delete cue.confidence;
      cue.review = OFF_SLATE;
    });
  }
  return { sheet: { ...sheet, cues }, unscripted };
}
