// An assembled drama rendered lane by lane: every clip of the timeline copied from its recording
// into its lane's track at the clip's place on the production (samples), each lane as long as the
// production; the mix is the lanes' sum, so the stems add up to it exactly (before encoding).
// Rendered a block at a time (renderLaneBlock), so a long drama never sits whole in memory: a
// block's samples are the same as the whole render's, clip for clip in the same order.

/** A clip to render: its lane, its recording and the stretch of it (seconds), and where it plays. */
export interface LaneClip {
  lane: string;
  recording: string;
  from: number;
  to: number;
  /** Production time at which `from` plays, seconds. */
  at: number;
  /** The cue it plays, when known (a sound cue's file). */
  cue?: string;
  /**
   * How it plays when not straight through `from`..`to` (a drama's sound, drama-sounds.ts
   * soundPlays): for `length` seconds, repeating `from`..`to` when `loop`, with linear fades of
   * `fadeIn` / `fadeOut` seconds at its ends (bed-span.ts fadeGain).
   */
  shape?: { length: number; loop: boolean; fadeIn: number; fadeOut: number };
}

/** Samples the clip plays for at `rate` (within its recording of `size` samples). */
export function clipSamples(clip: LaneClip, rate: number, size: number): number {
  const from = Math.round(clip.from * rate);
  const body = Math.min(Math.round(clip.to * rate), size) - from;
  if (!clip.shape) return body;
  const length = Math.round(clip.shape.length * rate);
  return clip.shape.loop ? (body > 0 ? length : 0) : Math.min(length, body);
}

/** Recordings as mono samples at the mix rate, read a stretch at a time. */
export interface SourceReader {
  /** The recording's length in samples; undefined when there is no such recording. */
  length(recording: string): number | undefined;
  /** Samples `offset` .. `offset + count` (within its length) as floats -1..1. */
  read(recording: string, offset: number, count: number): Float32Array;
}

/** A reader over recordings held whole in memory. */
export function memorySources(sources: Map<string, Float32Array>): SourceReader {
  return {
    length: (r) => sources.get(r)?.length,
    read: (r, offset, count) => sources.get(r)!.subarray(offset, offset + count),
  };
}

/**
 * Per lane (in `lanes` order) samples `start` .. `start + count` of its mono track at `rate` (a
 * block within the production: a clip past its end is cut there by the last block's end). Throws
 * naming a clip's recording when it is missing.
 */
export function renderLaneBlock(
  lanes: string[],
  clips: LaneClip[],
  sources: SourceReader,
  rate: number,
  start: number,
  count: number,
): Float32Array[] {
  const stems = lanes.map(() => new Float32Array(count));
  for (const clip of clips) {
    const size = sources.length(clip.recording);
    if (size === undefined) throw new Error(`no audio for recording "${clip.recording}"`);
    const lane = stems[lanes.indexOf(clip.lane)];
    if (!lane) throw new Error(`clip on unknown lane "${clip.lane}"`);
    const from = Math.round(clip.from * rate);
    const body = Math.min(Math.round(clip.to * rate), size) - from;
    const samples = clipSamples(clip, rate, size);
    const at = Math.round(clip.at * rate);
    // The clip's samples i (0 <= i < samples) that fall in this block.
    const first = Math.max(0, start - at);
    const end = Math.min(samples, start + count - at);
    if (end <= first) continue;
    const offset = at + first - start;
    if (!clip.shape) {
      const source = sources.read(clip.recording, from + first, end - first);
      for (let i = 0; i < source.length; i++) lane[offset + i]! += source[i]!;
      continue;
    }
    // A shaped sound: read a pass of its body at a time (a loop wraps to `from`), faded.
    const { fadeIn, fadeOut } = clip.shape;
    const fadeInSamples = fadeIn * rate;
    const fadeOutSamples = fadeOut * rate;
    for (let i = first; i < end; ) {
      const into = i % body;
      const run = Math.min(end - i, body - into);
      const source = sources.read(clip.recording, from + into, run);
      for (let k = 0; k < source.length; k++) {
        const n = i + k;
        let gain = 1;
        if (fadeInSamples > 0 && n < fadeInSamples) gain = n / fadeInSamples;
        const left = samples - n;
        if (fadeOutSamples > 0 && left < fadeOutSamples) gain = Math.min(gain, left / fadeOutSamples);
        lane[offset + n - first]! += source[k]! * gain;
      }
      i += run;
    }
  }
  return stems;
}

/**
 * Per lane (in `lanes` order) a mono track of `seconds` at `rate`, and their sum. `sources` holds
 * each recording as mono samples at `rate`. Throws naming a clip's recording when it is missing.
 */
export function renderLanes(
  lanes: string[],
  clips: LaneClip[],
  sources: Map<string, Float32Array>,
  rate: number,
  seconds: number,
): { stems: Float32Array[]; mix: Float32Array } {
  const length = Math.ceil(seconds * rate);
  const stems = renderLaneBlock(lanes, clips, memorySources(sources), rate, 0, length);
  const mix = new Float32Array(length);
  for (const stem of stems) for (let i = 0; i < length; i++) mix[i]! += stem[i]!;
  return { stems, mix };
}
