// A production's waveform from its recordings' own peaks: each clip's stretch of its recording's
// min/max pairs, laid where the clip plays. Every recording keeps its own peaks (cached per file,
// at its own rate); only this cheap resampling of pairs is done per zoom level and per layout.

/** One clip's peaks: interleaved min/max pairs of its whole recording, and where it plays. */
export interface ClipPeaks {
  /** Interleaved [min, max] pairs over the whole recording, -1..1; undefined: drawn flat (missing). */
  pairs?: Float32Array;
  /** Pairs per second of the recording. */
  pairsPerSecond: number;
  /** The stretch of the recording that plays (seconds on its clock) and where it starts on the production. */
  from: number;
  to: number;
  at: number;
}

/**
 * Interleaved min/max pairs of the production at `pairsPerSecond`, `duration` seconds long: each
 * output pair holds the extremes of the recording pairs it covers (overlapping clips, a crossfade,
 * add theirs). Gaps stay 0.
 */
export function timelinePeaks(clips: ClipPeaks[], pairsPerSecond: number, duration: number): Float32Array {
  const count = Math.max(1, Math.ceil(duration * pairsPerSecond));
  const out = new Float32Array(count * 2);
  const touched = new Uint8Array(count);
  for (const clip of clips) {
    const source = clip.pairs;
    if (!source || !(clip.pairsPerSecond > 0)) continue;
    const sourceCount = source.length / 2;
    const first = Math.max(0, Math.floor(clip.at * pairsPerSecond));
    const last = Math.min(count, Math.ceil((clip.at + clip.to - clip.from) * pairsPerSecond));
    for (let j = first; j < last; j++) {
      // The recording's seconds under output pair j, within the clip.
      const t0 = Math.max(clip.from, clip.from + j / pairsPerSecond - clip.at);
      const t1 = Math.min(clip.to, clip.from + (j + 1) / pairsPerSecond - clip.at);
      if (t1 <= t0) continue;
      const a = Math.max(0, Math.floor(t0 * clip.pairsPerSecond));
      const b = Math.min(sourceCount, Math.max(a + 1, Math.ceil(t1 * clip.pairsPerSecond)));
      let min = touched[j] ? out[2 * j]! : Number.POSITIVE_INFINITY;
      let max = touched[j] ? out[2 * j + 1]! : Number.NEGATIVE_INFINITY;
      for (let k = a; k < b; k++) {
        if (source[2 * k]! < min) min = source[2 * k]!;
        if (source[2 * k + 1]! > max) max = source[2 * k + 1]!;
      }
      if (min > max) continue;
      out[2 * j] = min;
      out[2 * j + 1] = max;
      touched[j] = 1;
    }
  }
  return out;
}
