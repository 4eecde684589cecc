import type { ScriptPart } from './script-words.ts';

// Long recordings are aligned a window at a time, so the recogniser's cost and memory stay those
// of a minute of audio however long the book is. A walk starts at one end of its stretch of the
// recording: it aligns the next ~100 words against a window somewhat longer than they should
// take (the free loop in grammar.ts soaks up the rest), keeps all but those in its last few seconds, and starts
// the next window where the last kept word ends. A window whose words reach its very end was too
// short (a slower reader, a long intro): it is widened and aligned again. Walking backwards is the
// same walk on the mirrored recording, so two walks from both ends meet in the middle, one per core.

/** One aligned word, seconds on the recording; `score` is the recogniser's posterior (0-1). */
export interface WordSpan {
  start: number;
  end: number;
  score: number;
}

/** Per word of a part: its span, or undefined when it was not heard (a skipped note, a failed window). */
export type PartSpans = Array<WordSpan | undefined>;

export interface WindowJob {
  /** Seconds on the recording. */
  from: number;
  to: number;
  parts: ScriptPart[];
}

/** Aligns a window; one PartSpans per part of the job, or undefined when no path fits at all. */
export type AlignWindow = (job: WindowJob) => Promise<PartSpans[] | undefined>;

export interface WalkOptions {
  /** Words per window. */
  chunkWords?: number;
  /** Words per second before any have been measured. */
  initialRate?: number;
  onProgress?: (fraction: number) => void;
}

const CHUNK_WORDS = 100;
/** Words this close to a window's last heard word are aligned again in the next window. */
const TAIL_SECONDS = 4;
/** A window is this much longer than its words should take, plus MARGIN seconds. */
const SLACK = 1.4;
const MARGIN = 10;
/** A kept word ending this close to the window's end means the window was too short. */
const SQUEEZE_SECONDS = 1;
/**
 * A window is widened (doubled) up to this many times its planned length, no further: a window
 * grown over much of the book found the same words read elsewhere (a chorus, a repeated passage).
 */
const MAX_WIDEN = 4;
const INITIAL_RATE = 2.5;
/**
 * A walk stops once this many cues had no path, more than it placed, or once this many windows
 * had no path, more than half of those it tried (each costs a widened search).
 */
const GIVE_UP_SKIPS = 4;
const GIVE_UP_FAILED_WINDOWS = 12;

/**
 * Aligns `parts` (in script order) inside `range` of the recording, starting from `direction`'s
 * end; returns one PartSpans per part (undefined for parts no window could place).
 */
export async function walkParts(
  parts: ScriptPart[],
  range: { from: number; to: number },
  direction: 'forward' | 'backward',
  alignWindow: AlignWindow,
  options: WalkOptions = {},
): Promise<Array<PartSpans | undefined>> {
  if (direction === 'forward') return walkForward(parts, range, alignWindow, options);
  // Backwards = forwards on the mirror image: parts reversed, time reflected about range.to.
  const mirror = (t: number) => range.from + range.to - t;
  const flip = (spans: PartSpans): PartSpans =>
    spans
      .slice()
      .reverse()
      .map((w) => w && { start: mirror(w.end), end: mirror(w.start), score: w.score });
  const reversed = parts.slice().reverse();
  const mirrored: AlignWindow = async (job) => {
    const result = await alignWindow({
      from: mirror(job.to),
      to: mirror(job.from),
      parts: job.parts.slice().reverse(),
    });
    return result?.map(flip).reverse();
  };
  const out = await walkForward(reversed, range, mirrored, options);
  return out.map((spans) => spans && flip(spans)).reverse();
}

async function walkForward(
  parts: ScriptPart[],
  range: { from: number; to: number },
  alignWindow: AlignWindow,
  options: WalkOptions,
): Promise<Array<PartSpans | undefined>> {
  const chunkWords = options.chunkWords ?? CHUNK_WORDS;
  const out: Array<PartSpans | undefined> = new Array(parts.length).fill(undefined);
  let rate = options.initialRate ?? INITIAL_RATE;
  let at = range.from;
  let k = 0;
  const tally = { skipped: 0, placed: 0 };
  const calls = { made: 0, failed: 0 };
  const counted: AlignWindow = async (job) => {
    const result = await alignWindow(job);
    calls.made++;
    if (!result) calls.failed++;
    return result;
  };
  while (k < parts.length) {
    let j = k;
    let words = 0;
    // Up to chunkWords words, and never ending on a song or a note: the window must end with
    // words the recogniser is sure to place.
    while (
      j < parts.length &&
      (j === k || words + parts[j]!.words.length <= chunkWords || parts[j - 1]!.role !== 'spoken')
    ) {
      words += parts[j]!.words.length;
      j++;
    }
    // A window with no path holds a cue that is not in the recording (a line cut in the edit):
    // its first cue is tried alone, and if that has no path either, it is the one missing. It stays
    // unplaced (the caller flags it) and the walk goes on from the same place.
    let result = await alignWidening(parts, k, j, at, words / rate, range.to, counted);
    if (!result && j - k > 1) {
      j = k + 1;
      result = await alignWidening(parts, k, j, at, parts[k]!.words.length / rate, range.to, counted);
    }
    if (!result) {
      k++;
      // Cue after cue with no path: the recogniser cannot follow this recording (a voice its
      // model does not know). The rest stays unplaced; the caller decides what to do. A line or
      // two missing from the recording is not that.
      if (++tally.skipped >= GIVE_UP_SKIPS && tally.skipped > tally.placed) break;
      if (calls.failed >= GIVE_UP_FAILED_WINDOWS && calls.failed > calls.made / 2) break;
      continue;
    }
    tally.placed++;
    const keep = j === parts.length || j - k === 1 ? j - k : keptParts(parts.slice(k, j), result);
    const firstStart = firstStartOf(result);
    for (let i = 0; i < keep; i++) out[k + i] = result[i];
    // Nothing of the kept parts was heard (all missing from the recording): the next window
    // starts where this one did.
    const end = lastEnd(result.slice(0, keep));
    if (end !== undefined) {
      let kept = 0;
      for (let i = 0; i < keep; i++) kept += parts[k + i]!.words.length;
      if (firstStart !== undefined && end - firstStart > 1)
        rate = 0.5 * rate + (0.5 * kept) / (end - firstStart);
      at = end;
    }
    k += keep;
    options.onProgress?.(k / parts.length);
  }
  return out;
}

/**
 * Parts k..j-1 aligned from `at` in a window somewhat longer than `seconds` they should take,
 * widened while it has no path or its words reach its end (a slower reader, a long intro).
 */
async function alignWidening(
  parts: ScriptPart[],
  k: number,
  j: number,
  at: number,
  seconds: number,
  limit: number,
  alignWindow: AlignWindow,
): Promise<PartSpans[] | undefined> {
  const wanted = seconds * SLACK + MARGIN;
  const last = j === parts.length;
  let result: PartSpans[] | undefined;
  for (let span = wanted; span <= wanted * MAX_WIDEN; span *= 2) {
    const to = Math.min(limit, at + span);
    result = await alignWindow({ from: at, to, parts: parts.slice(k, j) });
    const end = result ? lastEnd(result) : undefined;
    const squeezed = !last && end !== undefined && end > to - SQUEEZE_SECONDS;
    if ((result && !squeezed) || to >= limit) break;
  }
  return result;
}

/**
 * How many parts of a window to keep: those that end TAIL_SECONDS before its last heard word (the
 * free loop after the window can pull the last words about), ending on a spoken part that was heard.
 */
function keptParts(parts: ScriptPart[], spans: PartSpans[]): number {
  const limit = (lastEnd(spans) ?? 0) - TAIL_SECONDS;
  let keep = 0;
  for (let i = 0; i < parts.length - 1; i++) {
    const end = lastEnd([spans[i]!]);
    if (parts[i]!.role !== 'sung' && end !== undefined) {
      if (end > limit && keep > 0) break;
      keep = i + 1;
    }
  }
  if (keep > 0) return keep;
  // Only songs and notes before the window's last cue: keep through the first heard spoken cue.
  const spoken = parts.findIndex((part, i) => part.role === 'spoken' && lastEnd([spans[i]!]) !== undefined);
  return spoken >= 0 ? spoken + 1 : parts.length;
}

function lastEnd(spans: PartSpans[]): number | undefined {
  for (let i = spans.length - 1; i >= 0; i--) {
    const words = spans[i]!;
    for (let w = words.length - 1; w >= 0; w--) if (words[w]) return words[w]!.end;
  }
  return undefined;
}

function firstStartOf(spans: PartSpans[]): number | undefined {
  for (const words of spans) for (const w of words) if (w) return w.start;
  return undefined;
}
