// A recording's channels folded to the one or two the product works in. Mono and stereo fold by
// their mean (a centred voice keeps its level) or spread mono to both sides; the surround layouts
// a file of 5, 6 or 8 channels holds in WAV/SMPTE order (L R C Ls Rs; L R C LFE Ls Rs; L R C LFE
// Lb Rb Ls Rs), which every decoder here hands on, fold as ITU-R BS.775-3 Table 2 downmixes 3/2
// to 2/0: centre and each surround at -3 dB into their side, LFE left out (its rumble would fill
// a narration's pauses). Other counts have no agreed layout: their mean, spread to both sides.

const H = Math.SQRT1_2;

/** Weights of one speaker into the left and right of a stereo fold. */
type Into = [number, number];
const LEFT: Into = [1, 0];
const RIGHT: Into = [0, 1];
const CENTRE: Into = [H, H];
const LFE: Into = [0, 0];
const SURROUND_LEFT: Into = [H, 0];
const SURROUND_RIGHT: Into = [0, H];

/** Per surround channel count, each channel's weights into the left and right of a stereo fold. */
const STEREO_FOLDS: Record<number, Into[]> = {
  5: [LEFT, RIGHT, CENTRE, SURROUND_LEFT, SURROUND_RIGHT],
  6: [LEFT, RIGHT, CENTRE, LFE, SURROUND_LEFT, SURROUND_RIGHT],
  // The back pair, then the side pair.
  8: [LEFT, RIGHT, CENTRE, LFE, SURROUND_LEFT, SURROUND_RIGHT, SURROUND_LEFT, SURROUND_RIGHT],
};

/** Whether a recording of `count` channels folds by a known layout (5.0, 5.1, 7.1), not a mean. */
export function knownLayout(count: number): boolean {
  return count <= 2 || STEREO_FOLDS[count] !== undefined;
}

/** The LFE channel's index in a layout of `count` channels (5.1 and 7.1), else undefined. */
export function lfeChannel(count: number): number | undefined {
  const at = STEREO_FOLDS[count]?.indexOf(LFE) ?? -1;
  return at < 0 ? undefined : at;
}

/**
 * The channels of a block folded to one (always a new array: a block is shared by every sink of a
 * stream and is only valid during the push, and some sinks filter in place). A surround layout
 * folds to its BS.775 stereo pair, then to their mean.
 */
export function mixToMono(channels: Float32Array[]): Float32Array {
  const n = channels[0]?.length ?? 0;
  const weights = STEREO_FOLDS[channels.length]?.map(([l, r]) => (l + r) / 2);
  const mono = new Float32Array(n);
  for (const [c, channel] of channels.entries()) {
    const w = weights ? weights[c]! : 1 / channels.length;
    if (w !== 0) for (let i = 0; i < n; i++) mono[i]! += channel[i]! * w;
  }
  return mono;
}

/**
 * `channels` (one block, frames alike) as `count` channels, new arrays: the same, folded to mono
 * (mixToMono), mono spread to each, or folded to stereo (a surround layout by BS.775, any other
 * count's mean to both sides). Throws for any other change (there is no fold to 3 channels).
 */
export function foldChannels(channels: Float32Array[], count: number): Float32Array[] {
  if (channels.length === count) return channels.map((c) => c.slice());
  if (count === 1) return [mixToMono(channels)];
  if (channels.length === 1) return Array.from({ length: count }, () => channels[0]!.slice());
  if (count !== 2) throw new Error(`no fold from ${channels.length} to ${count} channels`);
  const weights = STEREO_FOLDS[channels.length];
  if (!weights) {
    const mono = mixToMono(channels);
    return [mono, mono.slice()];
  }
  const n = channels[0]!.length;
  const out = [new Float32Array(n), new Float32Array(n)];
  for (const [c, channel] of channels.entries()) {
    for (const [side, w] of weights[c]!.entries()) {
      const into = out[side]!;
      if (w !== 0) for (let i = 0; i < n; i++) into[i]! += channel[i]! * w;
    }
  }
  return out;
}
