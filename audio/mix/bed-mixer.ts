import type { PcmAudio } from '../pcm.ts';
import { type GainPoint, gainAt } from './ducking.ts';

export interface PlacedBed {
  /** The bed's samples at the narration's rate, one array per bed channel. */
  audio: PcmAudio;
  /** Frame of the narration where the bed starts. */
  startFrame: number;
  points: GainPoint[];
}

/**
 * Adds the beds into narration blocks as they stream past (in place: the export's first stage).
 * Bed channels map onto narration channels by wrapping (mono beds feed every channel).
 */
export class BedMixer {
  private readonly beds: PlacedBed[];
  private readonly sampleRate: number;
  private frame = 0;
  private readonly hints: number[];

  constructor(beds: PlacedBed[], sampleRate: number) {
    this.beds = beds;
    this.sampleRate = sampleRate;
    this.hints = beds.map(() => 0);
  }

  mix(channels: Float32Array[]): void {
    const n = channels[0]?.length ?? 0;
    for (const [b, bed] of this.beds.entries()) {
      const bedFrames = bed.audio.channels[0]?.length ?? 0;
      const from = Math.max(0, bed.startFrame - this.frame);
      const to = Math.min(n, bed.startFrame + bedFrames - this.frame);
      for (let i = from; i < to; i++) {
        const at = gainAt(bed.points, (this.frame + i) / this.sampleRate, this.hints[b]);
        this.hints[b] = at.index;
        const k = this.frame + i - bed.startFrame;
        for (const [c, channel] of channels.entries()) {
          const source = bed.audio.channels[c % bed.audio.channels.length]!;
          channel[i]! += source[k]! * at.gain;
        }
      }
    }
    this.frame += n;
  }
}
