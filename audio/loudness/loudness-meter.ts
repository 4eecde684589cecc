import { dbfs, type PcmSink } from '../pcm.ts';
import { type Biquad, kWeightingStages } from './k-weighting.ts';
import { TruePeakChannel } from './true-peak.ts';

// ITU-R BS.1770-4 / EBU R128 loudness, streaming in bounded memory: K-weighted energy is kept per
// 100 ms sub-block (8 bytes per 100 ms, ~3 MB for 10 hours); momentary (400 ms) and short-term
// (3 s) blocks are sums of sub-blocks, as in ffmpeg's ebur128 filter.

export interface LoudnessResult {
  /** Integrated loudness, LUFS (gated: -70 LUFS absolute, -10 LU relative). */
  integrated: number;
  /** Loudness range, LU (EBU Tech 3342: short-term, -20 LU relative gate, 10th to 95th percentile). */
  range: number;
  /** Maximum true peak, dBTP. */
  truePeak: number;
  /** Maximum sample peak, dBFS. */
  samplePeak: number;
}

const ABSOLUTE_GATE = -70;
const LUFS_OFFSET = -0.691;
/** Filter states this small are taken as zero (see filterEnergy). */
const SUBNORMAL_GUARD = 1e-30;

/** Channel weights for up to 5.1 (L R C LFE Ls Rs): LFE is left out, surrounds count 1.41. */
function channelWeight(index: number, count: number): number {
  if (count < 6) return count === 5 && index >= 3 ? 1.41 : 1;
  return index === 3 ? 0 : index >= 4 && index <= 5 ? 1.41 : 1;
}

export class LoudnessMeter implements PcmSink {
  private readonly stages: [Biquad, Biquad];
  private readonly state: Float64Array[];
  private readonly weights: number[];
  private readonly peaks: TruePeakChannel[];
  private readonly subBlockFrames: number;
  private readonly subBlocks: number[] = [];
  private partial = 0;
  private partialFrames = 0;
  private samplePeak = 0;
  private readonly sampleRate: number;

  constructor(sampleRate: number, channelCount: number) {
    this.sampleRate = sampleRate;
    this.stages = kWeightingStages(sampleRate);
    this.state = Array.from({ length: channelCount }, () => new Float64Array(8));
    this.weights = Array.from({ length: channelCount }, (_, i) => channelWeight(i, channelCount));
    this.peaks = Array.from({ length: channelCount }, () => new TruePeakChannel());
    this.subBlockFrames = subBlockOf(sampleRate);
  }

  push(channels: Float32Array[]): void {
    const frames = channels[0]?.length ?? 0;
    channels.forEach((samples, c) => {
      this.peaks[c]!.push(samples);
    });
    let at = 0;
    while (at < frames) {
      const take = Math.min(frames - at, this.subBlockFrames - this.partialFrames);
      for (let c = 0; c < channels.length; c++) {
        if (this.weights[c] === 0) continue;
        this.partial += this.weights[c]! * this.filterEnergy(c, channels[c]!, at, at + take);
      }
      this.partialFrames += take;
      at += take;
      if (this.partialFrames === this.subBlockFrames) {
        this.subBlocks.push(this.partial);
        this.partial = 0;
        this.partialFrames = 0;
      }
    }
  }

  /**
   * Audio before what this meter measures: it runs through the K-weighting filters and the peak
   * detectors (so their state is the one a whole pass has here) but adds no energy. A meter of one
   * stretch of a longer stream (StretchMeter) is warmed with the audio just before its stretch.
   */
  warm(channels: Float32Array[]): void {
    for (const [c, samples] of channels.entries()) {
      this.peaks[c]!.push(samples);
      if (this.weights[c] !== 0) this.filterEnergy(c, samples, 0, samples.length);
    }
  }

  /**
   * The result over meters of consecutive stretches of one stream, as one meter over the whole
   * would give it: their 100 ms sub-blocks laid end to end (each stretch but the last a whole
   * number of sub-blocks long), the largest peaks: the last stretch's to the stream's end, the
   * others' up to where the next stretch (warmed with the audio before it) takes over. All must
   * share one rate and channel count.
   */
  static joined(meters: LoudnessMeter[]): LoudnessResult {
    const whole = new LoudnessMeter(meters[0]!.sampleRate, meters[0]!.state.length);
    for (const [i, meter] of meters.entries()) {
      for (const energy of meter.subBlocks) whole.subBlocks.push(energy);
      whole.samplePeak = Math.max(whole.samplePeak, meter.samplePeak);
      const last = i === meters.length - 1;
      for (const [c, peak] of meter.peaks.entries())
        whole.peaks[c]!.peak = Math.max(whole.peaks[c]!.peak, last ? peak.peakAtEnd : peak.peak);
    }
    return whole.result();
  }

  /** Runs both K-weighting biquads over samples[from, to) and returns the sum of squares. */
  private filterEnergy(c: number, samples: Float32Array, from: number, to: number): number {
    const s = this.state[c]!;
    const [f1, f2] = this.stages;
    let [x1, x2, y1, y2, z1, z2] = [s[0]!, s[1]!, s[2]!, s[3]!, s[4]!, s[5]!];
    let sum = 0;
    let peak = this.samplePeak;
    for (let i = from; i < to; i++) {
      const x = samples[i]!;
      const a = x < 0 ? -x : x;
      if (a > peak) peak = a;
      const y = f1.b0 * x + f1.b1 * x1 + f1.b2 * x2 - f1.a1 * y1 - f1.a2 * y2;
      x2 = x1;
      x1 = x;
      const z = f2.b0 * y + f2.b1 * y1 + f2.b2 * y2 - f2.a1 * z1 - f2.a2 * z2;
      y2 = y1;
      y1 = y;
      z2 = z1;
      z1 = z;
      sum += z * z;
    }
    s.set([x1, x2, y1, y2, z1, z2]);
    // On digital silence (a drama lane between its lines) the filters ring down into subnormal
    // numbers, which x86 computes some 100x slower: a state under -600 dB is zero, as it would
    // have been without rounding (its energy is under 1e-60 a sample, far below the -70 LUFS gate).
    if (s.every((v) => v < SUBNORMAL_GUARD && v > -SUBNORMAL_GUARD)) s.fill(0);
    this.samplePeak = peak;
    return sum;
  }

  result(): LoudnessResult {
    return {
      integrated: integratedLoudness(this.blockLoudness(4)),
      range: loudnessRange(this.blockLoudness(30)),
      truePeak: dbfs(Math.max(...this.peaks.map((p) => p.peakAtEnd), 0)),
      samplePeak: dbfs(this.samplePeak),
    };
  }

  /**
   * Momentary loudness (LUFS): the last 400 ms pushed, ungated. -Infinity until 400 ms have
   * been pushed (or for digital silence). For a live readout, pushed block by block.
   */
  momentary(): number {
    return this.recentLoudness(4);
  }

  /** Short-term loudness (LUFS): the last 3 s pushed, ungated; -Infinity until 3 s have been. */
  shortTerm(): number {
    return this.recentLoudness(30);
  }

  /** Integrated loudness (LUFS, gated) of everything pushed so far: what result() will say. */
  integratedSoFar(): number {
    return integratedLoudness(this.blockLoudness(4));
  }

  /** Largest sample magnitude pushed so far (linear, 1 = full scale). */
  get samplePeakSoFar(): number {
    return this.samplePeak;
  }

  private recentLoudness(length: number): number {
    const n = this.subBlocks.length;
    if (n < length) return Number.NEGATIVE_INFINITY;
    let sum = 0;
    for (let i = n - length; i < n; i++) sum += this.subBlocks[i]!;
    return toLufs(Math.max(0, sum) / (length * this.subBlockFrames));
  }

  /** Mean-square energies of sliding blocks `length` sub-blocks long, one per 100 ms. */
  private blockLoudness(length: number): number[] {
    const out: number[] = [];
    let sum = 0;
    for (let i = 0; i < this.subBlocks.length; i++) {
      sum += this.subBlocks[i]!;
      if (i >= length) sum -= this.subBlocks[i - length]!;
      if (i >= length - 1) out.push(Math.max(0, sum) / (length * this.subBlockFrames));
    }
    return out;
  }
}

/** Frames of one 100 ms sub-block (the gating blocks' step) at this rate. */
export function subBlockOf(sampleRate: number): number {
  return Math.round(sampleRate / 10);
}

function toLufs(energy: number): number {
  return energy > 0 ? LUFS_OFFSET + 10 * Math.log10(energy) : Number.NEGATIVE_INFINITY;
}

function gatedMean(energies: number[], gate: number): number {
  let sum = 0;
  let n = 0;
  for (const e of energies) {
    if (toLufs(e) > gate) {
      sum += e;
      n++;
    }
  }
  return n > 0 ? sum / n : 0;
}

export function integratedLoudness(blocks: number[]): number {
  const absolute = gatedMean(blocks, ABSOLUTE_GATE);
  if (absolute === 0) return Number.NEGATIVE_INFINITY;
  return toLufs(gatedMean(blocks, toLufs(absolute) - 10));
}

export function loudnessRange(blocks: number[]): number {
  const absolute = gatedMean(blocks, ABSOLUTE_GATE);
  if (absolute === 0) return 0;
  const gate = toLufs(absolute) - 20;
  const levels = blocks
    .map(toLufs)
    .filter((l) => l > gate && l > ABSOLUTE_GATE)
    .sort((a, b) => a - b);
  if (levels.length === 0) return 0;
  const at = (p: number) => levels[Math.min(levels.length - 1, Math.round((levels.length - 1) * p))]!;
  return at(0.95) - at(0.1);
}
