import type { ScriptPart } from './script-words.ts';

// Long recordings are aligned a window at a time, so the recogniser's cost and memory stay those
// of a minute of audio however long the book is. A walk starts at one end of its stretch of the
// recording: it aligns the next ~100 words against a window somewhat longer than they should
// take (the free loop in grammar.ts soaks up the rest), keeps the first 80 % of them, and starts
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
const KEEP_SHARE = 0.8;
/** A window is this much longer than its words should take, plus MARGIN seconds. */
const SLACK = 1.4;
const MARGIN = 10;
/** A kept word ending this close to the window's end means the window was too short. */
const SQUEEZE_SECONDS = 1;
const INITIAL_RATE = 2.5;

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
  while (k < parts.length) {
    let j = k;
    let words = 0;
    while (j < parts.length && (j === k || words + parts[j]!.words.length <= chunkWords)) {
      words += parts[j]!.words.length;
      j++;
    }
    const last = j === parts.length;
    let span = (words / rate) * SLACK + MARGIN;
    let result: PartSpans[] | undefined;
    for (;;) {
      const to = Math.min(range.to, at + span);
      result = await alignWindow({ from: at, to, parts: parts.slice(k, j) });
      const end = result ? lastEnd(result) : undefined;
      const squeezed = !last && end !== undefined && end > to - SQUEEZE_SECONDS;
      if ((result && !squeezed) || to >= range.to) break;
      span *= 2;
    }
    if (!result) break; // no window fits the rest: those parts stay unplaced (flagged by the caller)
    const keep = last ? j - k : keptParts(parts.slice(k, j), result, KEEP_SHARE * words);
    const firstStart = firstStartOf(result);
    for (let i = 0; i < keep; i++) out[k + i] = result[i];
    const end = lastEnd(result.slice(0, keep));
    if (end === undefined) break;
    let kept = 0;
    for (let i = 0; i < keep; i++) kept += parts[k + i]!.words.length;
    if (firstStart !== undefined && end - firstStart > 1)
      rate = 0.5 * rate + (0.5 * kept) / (end - firstStart);
    at = end;
    k += keep;
    options.onProgress?.(k / parts.length);
  }
  return out;
}

/** How many parts of a window to keep: up to `share` words, ending on a part whose last word was heard. */
function keptParts(parts: ScriptPart[], spans: PartSpans[], share: number): number {
  let words = 0;
  let keep = 0;
  for (let i = 0; i < parts.length - 1; i++) {
    words += parts[i]!.words.length;
    if (words > share && keep > 0) break;
    const part = parts[i]!;
    if (part.role !== 'sung' && spans[i]?.at(-1) !== undefined) keep = i + 1;
  }
  return Math.max(1, keep);
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
