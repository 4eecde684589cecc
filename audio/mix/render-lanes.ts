// An assembled drama rendered lane by lane: every clip of the timeline copied from its recording
// into its lane's track at the clip's place on the production (samples), each lane as long as the
// production; the mix is the lanes' sum, so the stems add up to it exactly (before encoding).

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
  const stems = lanes.map(() => new Float32Array(length));
  for (const clip of clips) {
    const source = sources.get(clip.recording);
    if (!source) throw new Error(`no audio for recording "${clip.recording}"`);
    const lane = stems[lanes.indexOf(clip.lane)];
    if (!lane) throw new Error(`clip on unknown lane "${clip.lane}"`);
    const from = Math.round(clip.from * rate);
    const count = Math.min(Math.round(clip.to * rate), source.length) - from;
    const at = Math.round(clip.at * rate);
    for (let i = 0; i < count && at + i < length; i++) lane[at + i]! += source[from + i]!;
  }
  const mix = new Float32Array(length);
  for (const stem of stems) for (let i = 0; i < length; i++) mix[i]! += stem[i]!;
  return { stems, mix };
}
