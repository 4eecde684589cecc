// An assembled drama rendered lane by lane: every clip of the timeline copied from its recording
// into its lane's track at the clip's place on the production (samples), each lane as long as the
// production (mono, or stereo when a stereo sound plays on it); lane-mix.ts sums them, so the
// stems add up to the mix exactly (before encoding).
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

/** Recordings at the mix rate, mono or stereo (a sound kept stereo), read a stretch at a time. */
export interface SourceReader {
  /** The recording's length in samples; undefined when there is no such recording. */
  length(recording: string): number | undefined;
  /** Its channels: 1, or 2 for a stereo sound. */
  channels(recording: string): number;
  /** Samples `offset` .. `offset + count` (within its length) of `channel` (0: left or mono) as floats -1..1. */
  read(recording: string, offset: number, count: number, channel?: number): Float32Array;
}

/** A reader over recordings held whole in memory: one array per channel (or a mono array). */
export function memorySources(sources: Map<string, Float32Array | Float32Array[]>): SourceReader {
  const channelsOf = (r: string) => {
    const source = sources.get(r);
    return source instanceof Float32Array ? [source] : source;
  };
  return {
    length: (r) => channelsOf(r)?.[0]?.length,
    channels: (r) => channelsOf(r)?.length ?? 1,
    read: (r, offset, count, channel = 0) => {
      const channels = channelsOf(r)!;
      return channels[Math.min(channel, channels.length - 1)]!.subarray(offset, offset + count);
    },
  };
}

/**
 * Each lane's channels (in `lanes` order): 2 when any of its clips plays a stereo recording, else 1.
 * Taken over all the clips, so every block of a production has the same.
 */
export function laneChannels(lanes: string[], clips: LaneClip[], sources: SourceReader): number[] {
  const stereo = new Set(clips.filter((c) => sources.channels(c.recording) === 2).map((c) => c.lane));
  return lanes.map((lane) => (stereo.has(lane) ? 2 : 1));
}

/**
 * Per lane (in `lanes` order) samples `start` .. `start + count` of its track at `rate`, one array
 * per channel (laneChannels: a mono clip on a stereo lane plays on both sides), a block within
 * the production: a clip past its end is cut there by the last block's end. Throws naming a
 * clip's recording when it is missing.
 */
export function renderLaneBlock(
  lanes: string[],
  clips: LaneClip[],
  sources: SourceReader,
  rate: number,
  start: number,
  count: number,
): Float32Array[][] {
  const channels = laneChannels(lanes, clips, sources);
  const stems = lanes.map((_, i) => Array.from({ length: channels[i]! }, () => new Float32Array(count)));
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
    for (const [c, track] of lane.entries()) {
      if (!clip.shape) {
        const source = sources.read(clip.recording, from + first, end - first, c);
        for (let i = 0; i < source.length; i++) track[offset + i]! += source[i]!;
        continue;
      }
      // A shaped sound: read a pass of its body at a time (a loop wraps to `from`), faded.
      const { fadeIn, fadeOut } = clip.shape;
      const fadeInSamples = fadeIn * rate;
      const fadeOutSamples = fadeOut * rate;
      for (let i = first; i < end; ) {
        const into = i % body;
        const run = Math.min(end - i, body - into);
        const source = sources.read(clip.recording, from + into, run, c);
        for (let k = 0; k < source.length; k++) {
          const n = i + k;
          let gain = 1;
          if (fadeInSamples > 0 && n < fadeInSamples) gain = n / fadeInSamples;
          const left = samples - n;
          if (fadeOutSamples > 0 && left < fadeOutSamples) gain = Math.min(gain, left / fadeOutSamples);
          track[offset + n - first]! += source[k]! * gain;
        }
        i += run;
      }
    }
  }
  return stems;
}

/**
 * Per lane (in `lanes` order) its whole track of `seconds` at `rate`, one array per channel (as
 * renderLaneBlock). `sources` holds each recording at `rate`. Throws naming a clip's recording
 * when it is missing.
 */
export function renderLanes(
  lanes: string[],
  clips: LaneClip[],
  sources: Map<string, Float32Array | Float32Array[]>,
  rate: number,
  seconds: number,
): Float32Array[][] {
  return renderLaneBlock(lanes, clips, memorySources(sources), rate, 0, Math.ceil(seconds * rate));
}
