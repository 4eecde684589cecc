import type { PcmSink } from '../pcm.ts';

// Room tone for padding chapter files (ACX wants it at each end): the quietest half-second of the
// recording itself, found while streaming, and tiled to any length. Digital silence (a stretch
// of zeros cut into a file) is no room tone: a window holding 10 ms or more of it is passed over
// while any other is found, so padding is never made of zeros a recording happens to contain.

const HOP = 441; // look for a new quietest window every ~10 ms at 44.1 kHz

/** A sample below half a 16-bit step rounds to zero: digital silence. */
const DIGITAL_ZERO = 1 / 65536;

export class QuietestWindow implements PcmSink {
  private readonly size: number;
  private readonly ring: Float32Array[];
  private best: Float32Array[] | undefined;
  private bestEnergy = Number.POSITIVE_INFINITY;
  /** The quietest window of all, digital silence included: used only when there is no other. */
  private silent: Float32Array[] | undefined;
  private silentEnergy = Number.POSITIVE_INFINITY;
  private readonly zeroRunLimit: number;
  private zeroRun = 0;
  /** Frames since the last frame deep in a run of zeros (at least `zeroRunLimit` long). */
  private sinceLongZero = Number.POSITIVE_INFINITY;
  private energy = 0;
  private filled = 0;
  private at = 0;
  private sinceCheck = 0;

  constructor(sampleRate: number, channels: number, seconds = 0.5) {
    this.size = Math.max(1, Math.round(sampleRate * seconds));
    this.ring = Array.from({ length: channels }, () => new Float32Array(this.size));
    this.zeroRunLimit = Math.max(1, Math.round(sampleRate * 0.01));
  }

  push(channels: Float32Array[]): void {
    const n = channels[0]?.length ?? 0;
    for (let i = 0; i < n; i++) {
      let zero = true;
      for (let c = 0; c < channels.length; c++) {
        const x = channels[c]![i]!;
        const old = this.ring[c]![this.at]!;
        this.energy += x * x - old * old;
        this.ring[c]![this.at] = x;
        if (x >= DIGITAL_ZERO || x <= -DIGITAL_ZERO) zero = false;
      }
      this.zeroRun = zero ? this.zeroRun + 1 : 0;
      this.sinceLongZero = this.zeroRun >= this.zeroRunLimit ? 0 : this.sinceLongZero + 1;
      this.at = (this.at + 1) % this.size;
      if (this.filled < this.size) this.filled++;
      if (++this.sinceCheck >= HOP && this.filled === this.size) {
        this.sinceCheck = 0;
        const clean = this.sinceLongZero >= this.size;
        if (clean && this.energy < this.bestEnergy) {
          this.bestEnergy = this.energy;
          this.best = this.unrolled();
        } else if (!clean && this.best === undefined && this.energy < this.silentEnergy) {
          this.silentEnergy = this.energy;
          this.silent = this.unrolled();
        }
      }
    }
  }

  /** The ring in time order. */
  private unrolled(): Float32Array[] {
    return this.ring.map((r) => {
      const out = new Float32Array(this.size);
      out.set(r.subarray(this.at));
      out.set(r.subarray(0, this.at), this.size - this.at);
      return out;
    });
  }

  /**
   * The quietest stretch found with no digital silence in it (or, in a recording with none such,
   * the quietest of all); undefined for a recording shorter than the window.
   */
  get window(): Float32Array[] | undefined {
    return this.best ?? this.silent;
  }
}

/**
 * `frames` of room tone from `window`, tiled forward, backward, forward… so the joins are
 * continuous without crossfades; silence when there is no window.
 */
export function roomTone(
  window: Float32Array[] | undefined,
  channels: number,
  frames: number,
): Float32Array[] {
  return Array.from({ length: channels }, (_, c) => {
    const out = new Float32Array(frames);
    const source = window?.[c % window.length];
    if (!source || source.length === 0) return out;
    const n = source.length;
    for (let i = 0; i < frames; i++) {
      const lap = Math.floor(i / n);
      const k = i % n;
      out[i] = source[lap % 2 === 0 ? k : n - 1 - k]!;
    }
    return out;
  });
}
