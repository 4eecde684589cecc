import { LoudnessMeter } from '../loudness/loudness-meter.ts';

// Dialogue levelled per actor: each dialogue lane's track (the actor's picked takes as they play)
// measured for integrated loudness (BS.1770-4, gated, so the silence between lines does not count)
// and given the gain that brings it to the lanes' common level: the mean of their loudness (LUFS),
// so the drama as a whole keeps about its level. A lane with nothing above the gate keeps 0 dB.

/** Largest levelling gain either way, dB: beyond it the take is more likely wrong than quiet. */
export const MAX_LEVEL_DB = 20;

export interface LaneLevel {
  /** Integrated loudness before, LUFS (-Infinity: nothing above the gate). */
  measured: number;
  /** Gain applied, dB (clamped to +-MAX_LEVEL_DB). */
  gainDb: number;
  /** The gain needed was over MAX_LEVEL_DB: the lane is not brought all the way. */
  clamped?: true;
}

/** Integrated loudness of a track at `rate` (one array per channel: mono, or a stereo lane), LUFS. */
export function trackLoudness(track: Float32Array[], rate: number): number {
  const meter = new LoudnessMeter(rate, track.length);
  const block = 1 << 16;
  for (let i = 0; i < track[0]!.length; i += block) meter.push(track.map((c) => c.subarray(i, i + block)));
  return meter.result().integrated;
}

/** Per track (`rate` Hz, one array per channel) its loudness and levelling gain; `target` the common level (LUFS). */
export function levelLanes(tracks: Float32Array[][], rate: number): { levels: LaneLevel[]; target: number } {
  return levelsOf(tracks.map((t) => trackLoudness(t, rate)));
}

/**
 * The dialogue lanes' tracks measured as they are rendered, block by block (each block pushed as
 * trackLoudness pushes a whole track: blocks of up to 2^16 samples give the same figures).
 */
export class LaneMeters {
  /** One per lane, made at its first block (a lane's channels are the same in every block). */
  private readonly meters: Array<LoudnessMeter | undefined>;
  private readonly rate: number;

  constructor(count: number, rate: number) {
    this.meters = Array.from({ length: count }, () => undefined);
    this.rate = rate;
  }

  /** One block per lane, in order, one array per channel. */
  push(blocks: Float32Array[][]): void {
    for (const [i, block] of blocks.entries()) {
      this.meters[i] ??= new LoudnessMeter(this.rate, block.length);
      this.meters[i].push(block);
    }
  }

  /** What levelLanes would give the whole tracks. */
  levels(): { levels: LaneLevel[]; target: number } {
    return levelsOf(this.meters.map((m) => m?.result().integrated ?? Number.NEGATIVE_INFINITY));
  }
}

/** Levelling gains for lanes measured at `measured` (LUFS each; -Infinity: nothing above the gate). */
export function levelsOf(measured: number[]): { levels: LaneLevel[]; target: number } {
  const heard = measured.filter((m) => Number.isFinite(m));
  const target = heard.length > 0 ? heard.reduce((a, b) => a + b, 0) / heard.length : Number.NaN;
  const levels = measured.map((m): LaneLevel => {
    if (!Number.isFinite(m)) return { measured: m, gainDb: 0 };
    const want = target - m;
    const gainDb = Math.max(-MAX_LEVEL_DB, Math.min(MAX_LEVEL_DB, want));
    return { measured: m, gainDb, ...(gainDb !== want ? { clamped: true as const } : {}) };
  });
  return { levels, target };
}
