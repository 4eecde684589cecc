// Streaming sample-rate conversion by a rational factor (e.g. 44.1 kHz → 48 kHz = 160/147) with
// a polyphase Kaiser-windowed sinc. Output sample n sits exactly at input time n·in/out, so the
// converter adds no delay: cue and chapter times survive it unchanged.

import { kaiserSinc, normalized } from './dsp/kaiser-sinc.ts';

const HALF_TAPS = 16;
const BETA = 8;

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

export class Resampler {
  readonly up: number;
  readonly down: number;
  private readonly table: Float32Array[];
  private readonly buffers: Float32Array[];
  /** Absolute index of buffers[c][0]. */
  private base = 0;
  private length = 0;
  private produced = 0;
  private received = 0;

  constructor(inRate: number, outRate: number, channels: number) {
    const g = gcd(inRate, outRate);
    this.up = outRate / g;
    this.down = inRate / g;
    const cutoff = Math.min(1, outRate / inRate) * 0.97;
    this.table = Array.from({ length: this.up }, (_, phase) => {
      const taps = new Float32Array(2 * HALF_TAPS);
      // distance from the output instant to input sample t of the window
      for (let t = 0; t < taps.length; t++)
        taps[t] = kaiserSinc(phase / this.up + (HALF_TAPS - 1) - t, cutoff, HALF_TAPS, BETA);
      normalized(taps);
      return taps;
    });
    this.buffers = Array.from({ length: channels }, () => new Float32Array(1 << 16));
  }

  push(channels: Float32Array[]): Float32Array[] {
    this.append(channels);
    return this.drain(false);
  }

  /** The rest of the output: the input is over (zeros beyond its end). */
  flush(): Float32Array[] {
    return this.drain(true);
  }

  private append(channels: Float32Array[]): void {
    const n = channels[0]?.length ?? 0;
    if (this.length + n > this.buffers[0]!.length) {
      const size = Math.max(this.buffers[0]!.length * 2, this.length + n);
      this.buffers.forEach((old, c) => {
        const grown = new Float32Array(size);
        grown.set(old.subarray(0, this.length));
        this.buffers[c] = grown;
      });
    }
    channels.forEach((channel, c) => {
      this.buffers[c]!.set(channel, this.length);
    });
    this.length += n;
    this.received += n;
  }

  private drain(final: boolean): Float32Array[] {
    const end = final ? Math.ceil((this.received * this.up) / this.down) : this.produced;
    let last = end;
    if (!final) {
      // Output n needs input up to floor(n·down/up) + HALF_TAPS.
      last = Math.max(this.produced, Math.floor(((this.received - HALF_TAPS) * this.up) / this.down));
    }
    const count = Math.max(0, last - this.produced);
    const out = this.buffers.map(() => new Float32Array(count));
    for (let i = 0; i < count; i++) {
      const n = this.produced + i;
      const position = Math.floor((n * this.down) / this.up);
      const taps = this.table[(n * this.down) % this.up]!;
      const first = position - (HALF_TAPS - 1) - this.base;
      const inside = first >= 0 && first + taps.length <= this.length;
      for (let c = 0; c < out.length; c++) {
        const buffer = this.buffers[c]!;
        let y = 0;
        if (inside) {
          for (let t = 0; t < taps.length; t++) y += buffer[first + t]! * taps[t]!;
        } else {
          // At the edges: samples before the start or past the end count as silence.
          for (let t = 0; t < taps.length; t++) {
            const k = first + t;
            if (k >= 0 && k < this.length) y += buffer[k]! * taps[t]!;
          }
        }
        out[c]![i] = y;
      }
    }
    this.produced += count;
    this.compact();
    return out;
  }

  /** Drops input no future output needs. */
  private compact(): void {
    const needed = Math.floor((this.produced * this.down) / this.up) - HALF_TAPS;
    const drop = Math.min(this.length, Math.max(0, needed - this.base));
    if (drop < 8192) return;
    for (const buffer of this.buffers) buffer.copyWithin(0, drop, this.length);
    this.base += drop;
    this.length -= drop;
  }
}
