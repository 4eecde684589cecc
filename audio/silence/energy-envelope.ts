import { lfeChannel } from '../dsp/channel-fold.ts';
import type { PcmSink } from '../pcm.ts';

/**
 * Unweighted mean-square energy per 10 ms frame, all channels together but a surround file's LFE
 * (its rumble would fill every pause): the basis for ACX's RMS and noise floor and for pause
 * detection. The peak is every channel's. 4 bytes per 10 ms (14 MB for 10 hours).
 */
export class EnergyEnvelope implements PcmSink {
  readonly frameSeconds: number;
  private readonly frameLength: number;
  private frames = new Float32Array(4096);
  private count = 0;
  private partial = 0;
  private partialFrames = 0;
  private totalEnergy = 0;
  private totalSamples = 0;
  private peak = 0;

  constructor(sampleRate: number, frameSeconds = 0.01) {
    this.frameLength = Math.max(1, Math.round(sampleRate * frameSeconds));
    this.frameSeconds = this.frameLength / sampleRate;
  }

  push(channels: Float32Array[]): void {
    const frames = channels[0]?.length ?? 0;
    const n = channels.length;
    const lfe = lfeChannel(n) ?? -1;
    const counted = lfe < 0 ? n : n - 1;
    for (let i = 0; i < frames; i++) {
      let e = 0;
      for (let c = 0; c < n; c++) {
        const x = channels[c]![i]!;
        if (c !== lfe) e += x * x;
        const a = x < 0 ? -x : x;
        if (a > this.peak) this.peak = a;
      }
      this.partial += e / counted;
      if (++this.partialFrames === this.frameLength) this.closeFrame();
    }
  }

  private closeFrame(): void {
    if (this.count === this.frames.length) {
      const grown = new Float32Array(this.frames.length * 2);
      grown.set(this.frames);
      this.frames = grown;
    }
    this.frames[this.count++] = this.partial / this.partialFrames;
    this.totalEnergy += this.partial;
    this.totalSamples += this.partialFrames;
    this.partial = 0;
    this.partialFrames = 0;
  }

  /** Mean-square energy of each complete frame. */
  get energies(): Float32Array {
    return this.frames.subarray(0, this.count);
  }

  get rms(): number {
    const energy = this.totalEnergy + this.partial;
    const samples = this.totalSamples + this.partialFrames;
    return samples > 0 ? Math.sqrt(energy / samples) : 0;
  }

  get samplePeak(): number {
    return this.peak;
  }
}

/**
 * RMS of the quietest window `windowFrames` long (ACX's noise floor uses half a second); 0 where a
 * window is digital silence, which `acxReport` then names as a problem of its own.
 */
export function quietestWindowRms(energies: Float32Array, windowFrames: number): number {
  if (energies.length < windowFrames) return Math.sqrt(mean(energies));
  let sum = 0;
  let least = Number.POSITIVE_INFINITY;
  for (let i = 0; i < energies.length; i++) {
    sum += energies[i]!;
    if (i >= windowFrames) sum -= energies[i - windowFrames]!;
    if (i >= windowFrames - 1) least = Math.min(least, Math.max(0, sum));
  }
  return Math.sqrt(least / windowFrames);
}

function mean(values: Float32Array): number {
  let sum = 0;
  for (const v of values) sum += v;
  return values.length > 0 ? sum / values.length : 0;
}
