import { type BedSpan, fadeGain } from './bed-span.ts';
import { type GainPoint, gainAt } from './ducking.ts';

/**
 * A bed's samples at the narration's rate, read in order from its start. Beds are streamed like
 * the narration (a 512 MB bed decoded whole took 3.4 GB), so only the block being mixed is held.
 */
export interface BedReader {
  /** The next `frames` frames, one array per bed channel; fewer only at the bed's end, then none. */
  read(frames: number): Promise<Float32Array[]>;
  /** Stops reading (the narration ended first, or the export stopped) and lets go of the file. */
  close(): Promise<void>;
}

export interface PlacedBed {
  /** A new reader from the bed's first sample: every pass over the narration reads it anew. */
  open(): BedReader;
  /** Frame of the narration where the bed starts. */
  startFrame: number;
  points: GainPoint[];
  /** The bed's fades (and span), applied on top of its ducking; none when absent. */
  span?: BedSpan;
}

/**
 * Adds the beds into narration blocks as they stream past (in place: the export's first stage).
 * Bed channels map onto narration channels by wrapping (mono beds feed every channel). A bed is
 * opened when the narration reaches it and closed when it ends, or by `close` at the end.
 */
export class BedMixer {
  private readonly beds: PlacedBed[];
  private readonly sampleRate: number;
  private frame = 0;
  private readonly hints: number[];
  private readonly readers: Array<BedReader | undefined>;
  private readonly ended: boolean[];

  constructor(beds: PlacedBed[], sampleRate: number) {
    this.beds = beds;
    this.sampleRate = sampleRate;
    this.hints = beds.map(() => 0);
    this.readers = beds.map(() => undefined);
    this.ended = beds.map(() => false);
  }

  async mix(channels: Float32Array[]): Promise<void> {
    const n = channels[0]?.length ?? 0;
    for (const [b, bed] of this.beds.entries()) {
      const from = Math.max(0, bed.startFrame - this.frame);
      if (this.ended[b] || from >= n) continue;
      const reader = this.readers[b] ?? bed.open();
      this.readers[b] = reader;
      const source = await reader.read(n - from);
      const got = source[0]?.length ?? 0;
      if (got < n - from) await this.finish(b);
      for (let i = 0; i < got; i++) {
        const at = gainAt(bed.points, (this.frame + from + i) / this.sampleRate, this.hints[b]);
        this.hints[b] = at.index;
        const gain = bed.span
          ? at.gain * fadeGain(bed.span, (this.frame + from + i - bed.startFrame) / this.sampleRate)
          : at.gain;
        for (const [c, channel] of channels.entries()) {
          channel[from + i]! += source[c % source.length]![i]! * gain;
        }
      }
    }
    this.frame += n;
  }

  /** Closes every bed still open; call it however the pass ends. */
  async close(): Promise<void> {
    for (const b of this.beds.keys()) await this.finish(b);
  }

  private async finish(b: number): Promise<void> {
    this.ended[b] = true;
    const reader = this.readers[b];
    this.readers[b] = undefined;
    await reader?.close();
  }
}
