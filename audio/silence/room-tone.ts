import type { PcmSink } from '../pcm.ts';

// Room tone for padding chapter files (ACX wants it at each end): the quietest half-second of the
// recording itself, found while streaming, and tiled to any length.

const HOP = 441; // look for a new quietest window every ~10 ms at 44.1 kHz

export class QuietestWindow implements PcmSink {
  private readonly size: number;
  private readonly ring: Float32Array[];
  private best: Float32Array[] | undefined;
  private bestEnergy = Number.POSITIVE_INFINITY;
  private energy = 0;
  private filled = 0;
  private at = 0;
  private sinceCheck = 0;

  constructor(sampleRate: number, channels: number, seconds = 0.5) {
    this.size = Math.max(1, Math.round(sampleRate * seconds));
    this.ring = Array.from({ length: channels }, () => new Float32Array(this.size));
  }

  push(channels: Float32Array[]): void {
    const n = channels[0]?.length ?? 0;
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < channels.length; c++) {
        const x = channels[c]![i]!;
        const old = this.ring[c]![this.at]!;
        this.energy += x * x - old * old;
        this.ring[c]![this.at] = x;
      }
      this.at = (this.at + 1) % this.size;
      if (this.filled < this.size) this.filled++;
      if (++this.sinceCheck >= HOP && this.filled === this.size) {
        this.sinceCheck = 0;
        if (this.energy < this.bestEnergy) {
          this.bestEnergy = this.energy;
          // Unroll the ring into time order.
          this.best = this.ring.map((r) => {
            const out = new Float32Array(this.size);
            out.set(r.subarray(this.at));
            out.set(r.subarray(0, this.at), this.size - this.at);
            return out;
          });
        }
      }
    }
  }

  /** The quietest stretch found (all of a recording shorter than the window), or undefined. */
  get window(): Float32Array[] | undefined {
    return this.best;
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
