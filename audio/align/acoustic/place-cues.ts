import { withChapterStarts } from '../../../cues/chapter-starts.ts';
import type { Cue, CueSheet } from '../../../cues/cue-sheet.ts';
import type { Pause } from '../../silence/find-pauses.ts';
import { overlap, type Span, unite } from '../sung-sections.ts';
import type { ScriptPart } from './script-words.ts';
import type { PartSpans, WordSpan } from './window-walk.ts';

// Aligned words → cue times, and a reason for every cue a producer should listen to. A cue starts
// at its first word and ends with its last, snapped out of a pause it landed in (the recogniser
// may begin a word in the silence before it). Songs, which the recogniser does not hear, fill the
// stretch between the speech around them, stanza by stanza in proportion to their words, on the
// sung section the detector found there. What could not be placed is spread between its
// neighbours and flagged.

/** Review reasons, as the cue sheet carries them. */
export const REVIEW = {
  lowMatch: 'low acoustic match',
  squeezed: 'squeezed',
  stretched: 'stretched',
  unscripted: 'unscripted speech before it',
  unscriptedAfter: 'unscripted speech after it',
  notFound: 'not found in the recording',
  notRead: 'not read in the recording',
  songNotHeard: 'no singing found here',
  overlaps: 'overlaps the cue before it',
  betweenFlagged: 'both neighbours need review',
  strandedStart: 'its first words heard apart from the rest (other speech before it?)',
  noVoice: 'no voice heard here',
} as const;

/** Below this mean word posterior a cue is flagged whatever the recording. */
export const LOW_MATCH = 0.6;
/**
 * A cue whose mean word posterior is this far under the recording's median was forced onto sound
 * that is not its text (calibrated on ../shared/speech: correct cues sat 0.01-0.06 under their
 * recording's median, but for one under a microphone thump; words forced over another line's audio
 * 0.06-0.10 under).
 */
const BELOW_TYPICAL = 0.05;
/** Shorter than this per word, a cue was squeezed into too little audio. */
export const SQUEEZED_PER_WORD = 0.09;
/** A word lasting longer than this was stretched over something else. */
const STRETCHED_WORD = 2.5;
/**
 * A silence this long between two words of a cue, with few words before it, cut the cue: those
 * words were heard in other speech (a slate's "three, take two" taken for a sonnet's heading and
 * first words, 4.65 s before its first line, tester 16); read lines on ../shared/speech have no
 * gap over 1.36 s between their words (an "uh" and a long pause in casual talk).
 */
const STRANDED_GAP = 1.5;
/** At most this share of a cue's heard words may lie before such a gap to be cut off. */
const STRANDED_SHARE = 1 / 3;
/** How far before the first word kept a pause's end may lie to open the cue instead. */
const LEAD_IN = 0.6;
/** Speech (not pause) between two cues longer than this is not in the script. */
const UNSCRIPTED_SECONDS = 2;

export interface Placement {
  parts: ScriptPart[];
  spans: Array<PartSpans | undefined>;
  pauses: Pause[];
  /** Sung sections the detector found (singing voice, or sound that never pauses). */
  songs: Span[];
  duration: number;
}

interface Placed {
  start: number;
  end: number;
  confidence: number;
  review?: string;
  /** The cue's first and last heard words (spoken cues only). */
  first?: WordSpan;
  last?: WordSpan;
}

/** Cues closer than this were run together by the recogniser. */
const JOINED = 0.03;
const MIN_JOIN_PAUSE = 0.15;
/** How far from a stanza boundary set by proportion the breath before the next stanza is looked for. */
const BREATH_SEARCH = 2.5;
/** How far outside a detected song a stanza heard as words may lie. */
const SONG_EDGE = 1;
/** Confidence of stanzas spread over a detected song, and of cues spread over a gap by guess. */
const SUNG_CONFIDENCE = 0.9;
const GUESS_CONFIDENCE = 0.3;
/** How far after its last phone a cue's sound may still decay. */
const DECAY_SECONDS = 0.3;

/** The sheet with every cue timed, scored and, where warranted, flagged with a reason. */
export function placeCues(sheet: CueSheet, placement: Placement): CueSheet {
  const { parts, spans, pauses } = placement;
  const placed: Array<Placed | undefined> = parts.map((part, i) => placeHeard(part, spans[i]));
  leadIn(placed, pauses);
  snapJoins(placed, pauses);
  extendEnds(placed, pauses);
  fillSongs(parts, placed, placement.songs, pauses, placement.duration);
  fillTheRest(parts, placed, spans, placement.duration);
  flagGaps(placed, pauses);
  flagOutliers(placed);
  const cues = sheet.cues.map((cue, i): Cue => {
    const { review: _old, ...rest } = cue;
    const p = placed[i]!;
    return {
      ...rest,
      start: round(p.start),
      end: round(Math.max(p.start, p.end)),
      confidence: round(p.confidence),
      ...(p.review ? { review: p.review } : {}),
    };
  });
  return withChapterStarts({ ...sheet, cues });
}

/** A cue whose words the recogniser heard, from its first word to its last. */
function placeHeard(part: ScriptPart, spans: PartSpans | undefined): Placed | undefined {
  if (part.role === 'silent' || !spans) return undefined;
  const all = spans.filter((w) => w !== undefined);
  if (all.length === 0) return undefined;
  // Words heard apart, before a long silence, are cut off: the cue is the words after it.
  let cut = 0;
  for (let k = 1; k <= STRANDED_SHARE * all.length; k++)
    if (all[k]!.start - all[k - 1]!.end >= STRANDED_GAP) cut = k;
  const heard = all.slice(cut);
  const first = heard[0]!;
  const last = heard.at(-1)!;
  const start = first.start;
  const end = last.end;
  const confidence = heard.reduce((sum, w) => sum + w.score, 0) / heard.length;
  const longest = Math.max(...heard.map((w) => w.end - w.start));
  let review: string | undefined;
  if (heard.length >= 2 && (end - start) / heard.length < SQUEEZED_PER_WORD) review = REVIEW.squeezed;
  else if (longest > STRETCHED_WORD) review = REVIEW.stretched;
  else if (confidence < LOW_MATCH) review = REVIEW.lowMatch;
  if (cut > 0) review = REVIEW.strandedStart;
  return { start, end, confidence, first, last, ...(review ? { review } : {}) };
}

/**
 * A cue whose first words were cut off (REVIEW.strandedStart) opens where the pause before its
 * first word kept ends, when that is close: the recogniser had put its opening words elsewhere, so
 * the speech just before the first word it kept is the line's own opening.
 */
function leadIn(placed: Array<Placed | undefined>, pauses: Pause[]): void {
  for (const cue of placed) {
    if (cue?.review !== REVIEW.strandedStart) continue;
    const lead = pauses.filter((p) => p.end <= cue.start && p.end >= cue.start - LEAD_IN).at(-1);
    if (lead) cue.start = lead.end;
  }
}

/**
 * Where the recogniser ran two cues together (no silence between them) over a pause, the pause is
 * the boundary: it had stretched one cue's edge word over the silence (seen on real readings:
 * "Thy" begun 0.5 s early, in the pause before it). Cues it kept apart are left as they are.
 */
function snapJoins(placed: Array<Placed | undefined>, pauses: Pause[]): void {
  let previous: Placed | undefined;
  for (const cue of placed) {
    if (!cue?.first || !cue.last) continue;
    if (previous?.last && cue.start - previous.end < JOINED) {
      const join = pauses.find(
        (p) => p.end - p.start >= MIN_JOIN_PAUSE && p.start < cue.first!.end && p.end > previous!.last!.start,
      );
      if (join && join.end < cue.end && join.start > previous.start) {
        previous.end = Math.min(previous.end, join.start);
        cue.start = Math.max(cue.start, join.end);
      }
    } else if (!previous) {
      // The first cue: the recording's opening silence is no part of it either.
      const lead = pauses.find((p) => p.start <= cue.start && p.end > cue.start && p.end < cue.first!.end);
      if (lead) cue.start = lead.end;
    }
    previous = cue;
  }
}

/**
 * A cue ends where its sound does: the recogniser ends the last word with its last phone, before
 * the decay that a listener still hears (about 0.1 s early on every cue of a synthetic reading
 * with known ends), so the end moves on to the pause that follows when one starts soon after.
 */
function extendEnds(placed: Array<Placed | undefined>, pauses: Pause[]): void {
  placed.forEach((cue, i) => {
    if (!cue?.last) return;
    const next = placed.slice(i + 1).find((c) => c !== undefined);
    const limit = Math.min(cue.end + DECAY_SECONDS, next?.start ?? Number.POSITIVE_INFINITY);
    const pause = pauses.find((p) => p.start >= cue.end && p.start <= limit);
    if (pause) cue.end = pause.start;
  });
}

/** Flags cues next to unscripted speech (a retake, an ad-lib) and cues the walks disagree on. */
function flagGaps(placed: Array<Placed | undefined>, pauses: Pause[]): void {
  let previous: Placed | undefined;
  for (const cue of placed) {
    if (!cue) continue;
    if (previous && cue.first) {
      if (cue.start < previous.end - 0.05) cue.review ??= REVIEW.overlaps;
      else if (voicedBetween(previous.end, cue.start, pauses) > UNSCRIPTED_SECONDS) {
        // A retake or an ad-lib between two cues: either may have been heard in it.
        cue.review ??= REVIEW.unscripted;
        if (previous.first) previous.review ??= REVIEW.unscriptedAfter;
      }
    }
    previous = cue;
  }
}

/**
 * Cues matched much worse than the recording's typical cue, and cues caught between two flagged
 * cues (a misplaced line pushes its neighbours off with it), are flagged too.
 */
function flagOutliers(placed: Array<Placed | undefined>): void {
  const heard = placed.filter((c): c is Placed => c?.first !== undefined);
  const scores = heard.map((c) => c.confidence).sort((a, b) => a - b);
  const typical = scores[scores.length >> 1] ?? 1;
  for (const cue of heard) if (cue.confidence < typical - BELOW_TYPICAL) cue.review ??= REVIEW.lowMatch;
  for (let i = 1; i + 1 < heard.length; i++)
    if (heard[i - 1]!.review && heard[i + 1]!.review) heard[i]!.review ??= REVIEW.betweenFlagged;
}

function voicedBetween(from: number, to: number, pauses: Pause[]): number {
  let quiet = 0;
  for (const p of pauses) quiet += Math.max(0, Math.min(to, p.end) - Math.max(from, p.start));
  return to - from - quiet;
}

/**
 * Each run of sung cues fills the song the detector found between the speech around it; with no
 * song there, lyrics the recogniser heard as words were read aloud and keep their words' times.
 */
function fillSongs(
  parts: ScriptPart[],
  placed: Array<Placed | undefined>,
  songs: Span[],
  pauses: Pause[],
  duration: number,
) {
  for (let i = 0; i < parts.length; ) {
    if (parts[i]!.role !== 'sung') {
      i++;
      continue;
    }
    let j = i;
    while (j < parts.length && (parts[j]!.role === 'sung' || parts[j]!.role === 'silent')) j++;
    while (parts[j - 1]!.role !== 'sung') j--;
    const gap = gapAround(placed, i, j, duration);
    const heard = unite(songs.filter((s) => overlap(s, gap) > 0)).map((s) => ({
      start: Math.max(s.start, gap.start),
      end: Math.min(s.end, gap.end),
    }));
    const song = heard.length > 0 ? { start: heard[0]!.start, end: heard.at(-1)!.end } : undefined;
    // Stanzas the recogniser heard cleanly, each inside the song (or with no song found: read
    // aloud), keep their words' times; otherwise the run is spread over the song, or the gap.
    const clean = parts.slice(i, j).every((part, k) => {
      const cue = placed[i + k];
      if (part.role !== 'sung') return true;
      if (!cue?.first || cue.review) return false;
      return !song || (cue.start > song.start - SONG_EDGE && cue.end < song.end + SONG_EDGE);
    });
    if (!clean && song) {
      spread(parts, placed, i, j, song, SUNG_CONFIDENCE, undefined);
      breatheBetweenStanzas(placed, i, j, pauses);
    } else if (!clean) spread(parts, placed, i, j, gap, GUESS_CONFIDENCE, REVIEW.songNotHeard);
    i = j;
  }
}

/**
 * A singer breathes longest between stanzas: each boundary the text lengths put in a song moves to
 * the longest pause within a few seconds of it (proportion alone was 1.4 s off on a sung song).
 */
function breatheBetweenStanzas(placed: Array<Placed | undefined>, i: number, j: number, pauses: Pause[]) {
  for (let k = i; k + 1 < j; k++) {
    const a = placed[k]!;
    const b = placed[k + 1]!;
    const near = pauses.filter(
      (p) => Math.abs((p.start + p.end) / 2 - a.end) <= BREATH_SEARCH && p.start > a.start && p.end < b.end,
    );
    const breath = near.sort((x, y) => y.end - y.start - (x.end - x.start))[0];
    if (breath) {
      a.end = breath.start;
      b.start = breath.end;
    }
  }
}

/** Silent cues sit in the pause they belong to; unplaced ones are spread between their neighbours. */
function fillTheRest(
  parts: ScriptPart[],
  placed: Array<Placed | undefined>,
  spans: Array<PartSpans | undefined>,
  duration: number,
) {
  for (let i = 0; i < parts.length; ) {
    if (placed[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j < parts.length && !placed[j]) j++;
    const gap = gapAround(placed, i, j, duration);
    const reason = (k: number) => {
      const part = parts[k]!;
      if (part.role === 'silent') return undefined;
      if (part.role === 'optional' && spans[k]) return REVIEW.notRead;
      return REVIEW.notFound;
    };
    for (let k = i; k < j; k++) {
      const why = reason(k);
      // Unheard cues share the gap by their words; silent ones take no time of their own.
      spread(parts, placed, k, k + 1, portion(parts, i, j, k, gap), why ? 0 : 1, why);
    }
    i = j;
  }
}

function portion(parts: ScriptPart[], i: number, j: number, k: number, gap: Span): Span {
  // Letters (and a beat per word) stand for how long a line takes to say or sing.
  const weight = (n: number) =>
    parts[n]!.role === 'silent' ? 0 : parts[n]!.words.reduce((sum, w) => sum + w.length + 1, 0);
  let total = 0;
  let before = 0;
  for (let n = i; n < j; n++) {
    if (n < k) before += weight(n);
    total += weight(n);
  }
  const length = gap.end - gap.start;
  if (total === 0) return { start: gap.start, end: gap.end };
  return {
    start: gap.start + (length * before) / total,
    end: gap.start + (length * (before + weight(k))) / total,
  };
}

/** Cues i..j-1 share `span` by the length of their text. */
function spread(
  parts: ScriptPart[],
  placed: Array<Placed | undefined>,
  i: number,
  j: number,
  span: Span,
  confidence: number,
  review: string | undefined,
) {
  for (let k = i; k < j; k++) {
    const share = portion(parts, i, j, k, span);
    placed[k] = { ...share, confidence, ...(review ? { review } : {}) };
  }
}

/** The time between the placed cues before i and from j on. */
function gapAround(placed: Array<Placed | undefined>, i: number, j: number, duration: number): Span {
  let start = 0;
  for (let k = i - 1; k >= 0; k--)
    if (placed[k]) {
      start = placed[k]!.end;
      break;
    }
  let end = duration;
  for (let k = j; k < placed.length; k++)
    if (placed[k]) {
      end = placed[k]!.start;
      break;
    }
  return { start, end: Math.max(start, end) };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
