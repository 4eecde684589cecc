// How much room tone goes between two recordings of a production. By default a join keeps the
// recordings' own pauses (a file that ends on a pause and a file that starts on one need nothing
// added); where a file stops or starts on sound (trimmed tight) room tone makes the join as long
// as a pause between paragraphs, unless both sides are speech (a sentence cut across two session
// files: joined as it was said, no tone in the middle). A gap the user sets is added at every join.

/** The pause a join gets when a file at it stops or starts on sound, seconds. */
export const JOIN_PAUSE = 1;

/** Less own pause than this at a file's edge and the edge counts as abrupt, seconds. */
export const ABRUPT_EDGE = 0.25;

/**
 * Less pause than this on both sides of a join and the recording was cut mid-sentence (the next
 * file goes on with the same words): joined with no room tone, which would break the sentence.
 */
export const ON_SPEECH_EDGE = 0.1;

export interface FileEdges {
  /** Seconds of pause before its first sound and after its last. */
  head: number;
  tail: number;
}

/**
 * Seconds of room tone before each file (the first: 0). `gap` = 'auto' follows the rule above;
 * a number puts exactly that many seconds at every join.
 */
export function joinGaps(files: FileEdges[], gap: number | 'auto'): number[] {
  return files.map((file, i) => {
    if (i === 0) return 0;
    if (gap !== 'auto') return gap;
    const before = files[i - 1]!;
    if (joinedOnSpeech(before, file)) return 0;
    const abrupt = before.tail < ABRUPT_EDGE || file.head < ABRUPT_EDGE;
    return abrupt ? Math.max(0, JOIN_PAUSE - before.tail - file.head) : 0;
  });
}

/** Whether a file stops on speech and the next starts on it: one sentence cut in two. */
export function joinedOnSpeech(before: FileEdges, after: FileEdges): boolean {
  return before.tail < ON_SPEECH_EDGE && after.head < ON_SPEECH_EDGE;
}

/** Frames a recording of `frames` takes once resampled from `from` Hz to `to` Hz (audio/resample.ts). */
export function resampledLength(frames: number, from: number, to: number): number {
  return from === to ? frames : Math.ceil((frames * to) / from);
}

export interface ProductionLayout {
  sampleRate: number;
  /** Where each file's first sample plays, frames at `sampleRate`. */
  starts: number[];
  /** Each file's length at `sampleRate`. */
  lengths: number[];
  /** Room tone before each file, frames. */
  gaps: number[];
  /** The whole production, frames. */
  frames: number;
}

/** Every file's place in the joined production at `sampleRate`. */
export function layoutProduction(
  files: Array<{ frames: number; sampleRate: number }>,
  gapSeconds: number[],
  sampleRate: number,
): ProductionLayout {
  const starts: number[] = [];
  const lengths: number[] = [];
  const gaps: number[] = [];
  let at = 0;
  for (const [i, file] of files.entries()) {
    const gap = Math.round((gapSeconds[i] ?? 0) * sampleRate);
    const length = resampledLength(file.frames, file.sampleRate, sampleRate);
    at += gap;
    gaps.push(gap);
    starts.push(at);
    lengths.push(length);
    at += length;
  }
  return { sampleRate, starts, lengths, gaps, frames: at };
}
