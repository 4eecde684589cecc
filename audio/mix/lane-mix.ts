import { type GainPoint, gainAt } from './ducking.ts';

// A drama's lanes through their channel strips: each lane's track (mono, or a stereo sound's)
// times its gain (dB) and gain envelope (music ducking under dialogue), panned, into a stem; the
// mix is the sum of the audible stems. Pan is a balance control: centre leaves both sides at
// unity (so an unpanned stereo mix of mono lanes is the mono mix twice), pan p > 0 lowers the
// left side to 1 - p, p < 0 the right to 1 + p. A muted lane, or one not soloed while another
// is, keeps its stem but is left out of the mix.

export interface LaneStrip {
  /** Gain in dB (the lane's own plus any levelling). */
  gainDb: number;
  /** -1 (left) .. 1 (right). */
  pan: number;
  /** Heard in the mix (mute and solo resolved: audibleLanes). */
  audible: boolean;
  /** Linear gain over time (seconds), multiplied with `gainDb`: ducking. */
  envelope?: GainPoint[];
}

/** Whether each lane is heard: muted never; with any lane soloed, only the soloed ones. */
export function audibleLanes(settings: Array<{ mute?: boolean; solo?: boolean }>): boolean[] {
  const soloing = settings.some((s) => s.solo);
  return settings.map((s) => !s.mute && (!soloing || s.solo === true));
}

/** Left and right gains of a balance pan at `pan` (-1..1). */
export function panGains(pan: number): [number, number] {
  return [pan > 0 ? 1 - pan : 1, pan < 0 ? 1 + pan : 1];
}

/**
 * Stems (per lane, 1 channel, or 2 when `stereo`) and the mix (the audible stems' sum), all as
 * long as the tracks. `tracks[i]` (`rate` Hz, one array per channel: a stereo track only in a
 * stereo mix) goes through `strips[i]`.
 */
export function mixLanes(
  tracks: Float32Array[][],
  strips: LaneStrip[],
  rate: number,
  stereo: boolean,
): { stems: Float32Array[][]; mix: Float32Array[] } {
  return mixLaneBlock(tracks, strips, rate, stereo, 0);
}

/**
 * mixLanes for one block of the tracks, whose first sample is sample `start` of the production
 * (where the envelopes are read): blocks mixed in turn give the whole mix's samples exactly. A
 * mono track is heard on both sides of a stereo mix; a stereo one keeps its sides, each at its
 * balance gain (as the preview's strips do). Throws for a stereo track in a mono mix.
 */
export function mixLaneBlock(
  tracks: Float32Array[][],
  strips: LaneStrip[],
  rate: number,
  stereo: boolean,
  start: number,
): { stems: Float32Array[][]; mix: Float32Array[] } {
  if (!stereo && tracks.some((t) => t.length > 1)) throw new Error('a stereo lane needs a stereo mix');
  const length = tracks[0]?.[0]?.length ?? 0;
  const channels = stereo ? 2 : 1;
  const mix = Array.from({ length: channels }, () => new Float32Array(length));
  const stems = tracks.map((track, i) => {
    const strip = strips[i]!;
    const gain = 10 ** (strip.gainDb / 20);
    const sides = stereo ? panGains(strip.pan) : [1];
    const out = sides.map(() => new Float32Array(length));
    const inputs = sides.map((_, c) => track[Math.min(c, track.length - 1)]!);
    let hint = 0;
    for (let n = 0; n < length; n++) {
      let g = gain;
      if (strip.envelope) {
        const at = gainAt(strip.envelope, (start + n) / rate, hint);
        hint = at.index;
        g *= at.gain;
      }
      for (let c = 0; c < sides.length; c++) out[c]![n] = inputs[c]![n]! * g * sides[c]!;
    }
    if (strip.audible)
      for (let c = 0; c < channels; c++) for (let n = 0; n < length; n++) mix[c]![n]! += out[c]![n]!;
    return out;
  });
  return { stems, mix };
}
