// A lookahead peak limiter, so a loudness target can be reached under the peak ceiling.
// For each input frame j:  need[j] = min(1, ceiling / peak[j])
//   m[j] = min(need[j .. j+L])        sliding minimum over the lookahead (monotonic deque),
//                                     need 1 before the start, so m[-L .. -1] are known too
//   s[j] = mean(m[j-L .. j])          a box ramp: the gain glides down instead of stepping
// For a peak at p every m[i] with i in [p-L, p] is <= need[p] (i < 0 included), so s[p] <= need[p]:
// the ceiling holds exactly, from the first frame. An exponential release on top only ever lowers the gain further.
// At input time t both m[t-L] and s[t-L] are known, so frame t-L leaves then: the limiter delays
// by L frames and flush() returns the last L, so the output lines up sample for sample with the
// input and chapter times stay put.

export interface LimiterOptions {
  sampleRate: number;
  channels: number;
  /** Linear ceiling for sample peaks. */
  ceiling: number;
  lookaheadSeconds?: number;
  releaseSeconds?: number;
}

export class PeakLimiter {
  private readonly lookahead: number;
  private readonly release: number;
  private readonly ceiling: number;
  private readonly frames: Float32Array[];
  private readonly needs: Float32Array;
  private readonly minima: Float32Array;
  private readonly deque: Float64Array;
  private head = 0;
  private tail = 0;
  private t = 0;
  private boxSum: number;
  private envelope = 1;

  constructor(options: LimiterOptions) {
    const L = Math.max(1, Math.round((options.lookaheadSeconds ?? 0.005) * options.sampleRate));
    this.lookahead = L;
    this.release = 1 - Math.exp(-1 / ((options.releaseSeconds ?? 0.05) * options.sampleRate));
    this.ceiling = options.ceiling;
    this.frames = Array.from({ length: options.channels }, () => new Float32Array(L + 1));
    this.needs = new Float32Array(L + 1);
    this.minima = new Float32Array(L + 2).fill(1);
    this.deque = new Float64Array(L + 2);
    this.boxSum = L + 1; // m before the start counts as 1
  }

  process(channels: Float32Array[]): Float32Array[] {
    const n = channels[0]?.length ?? 0;
    const out = channels.map(() => new Float32Array(n));
    let written = 0;
    for (let i = 0; i < n; i++) {
      let peak = 0;
      for (const channel of channels) {
        const a = Math.abs(channel[i]!);
        if (a > peak) peak = a;
      }
      if (this.step(channels, i, peak, out, written)) written++;
    }
    return out.map((c) => c.subarray(0, written));
  }

  /** The last L frames, pushed out with silence behind them. */
  flush(): Float32Array[] {
    const pending = Math.min(this.t, this.lookahead);
    const silence = this.frames.map(() => new Float32Array(1));
    const out = this.frames.map(() => new Float32Array(pending));
    let written = 0;
    for (let i = 0; i < this.lookahead; i++) {
      const limit = written < pending;
      if (this.step(silence, 0, 0, limit ? out : undefined, written) && limit) written++;
    }
    return out;
  }

  private step(
    channels: Float32Array[],
    i: number,
    peak: number,
    out: Float32Array[] | undefined,
    at: number,
  ): boolean {
    const L = this.lookahead;
    const t = this.t++;
    const slot = t % (L + 1);
    for (let c = 0; c < this.frames.length; c++) this.frames[c]![slot] = channels[c]![i]!;
    const need = peak > this.ceiling ? this.ceiling / peak : 1;
    this.needs[slot] = need;
    // Sliding minimum of need over [t-L, t] = m[t-L].
    const cap = this.deque.length;
    while (this.tail > this.head && this.needs[this.deque[(this.tail - 1) % cap]! % (L + 1)]! >= need)
      this.tail--;
    this.deque[this.tail++ % cap] = t;
    while (this.deque[this.head % cap]! < t - L) this.head++;
    const k = t - L;
    const m = this.needs[this.deque[this.head % cap]! % (L + 1)]!;
    // Box mean over m[k-L .. k]: add m[k], drop m[k-L-1] (ring slot (k+1) mod (L+2)). m[k] for
    // k in [-L, 0) is added too: a peak in the first L frames must bring the frames before it
    // down, so the box of frame 0 holds m[-L .. 0] (counting them as 1 let a burst at the very
    // start through at nearly full gain, and every later encode lowered the limiter for it).
    const ring = L + 2;
    this.boxSum += m - this.minima[(((k + 1) % ring) + ring) % ring]!;
    this.minima[((k % ring) + ring) % ring] = m;
    if (k < 0) return false;
    const smoothed = Math.min(1, this.boxSum / (L + 1));
    this.envelope = Math.min(smoothed, this.envelope + (1 - this.envelope) * this.release);
    if (!out) return true;
    const frame = k % (L + 1);
    for (let c = 0; c < out.length; c++) out[c]![at] = this.frames[c]![frame]! * this.envelope;
    return true;
  }
}
