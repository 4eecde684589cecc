import * as Tone from 'tone';
import { duckingPoints, type GainPoint, gainAt } from '../../../audio/mix/ducking.ts';
import type { Bed, CueSheet } from '../../../cues/cue-sheet.ts';

// Music beds in the preview: one Tone.Player per bed, its gain automated with the same ducking
// points the export mixes with (audio/mix/ducking.ts), so what is heard is what is delivered.

interface LiveBed {
  bed: Bed;
  player: Tone.Player;
  gain: Tone.Gain;
  meter: Tone.Meter;
  points: GainPoint[];
}

export class BedPlayer {
  private readonly live = new Map<string, LiveBed>();
  private readonly output: Tone.ToneAudioNode;
  private playingFrom?: { time: number; at: number };

  constructor(output: Tone.ToneAudioNode) {
    this.output = output;
  }

  /** Loads new beds, drops removed ones, and recomputes every bed's ducking for this sheet. */
  async update(sheet: CueSheet, urlOf: (path: string) => Promise<string>): Promise<void> {
    const beds = sheet.beds ?? [];
    for (const [id, live] of this.live) {
      if (!beds.some((b) => b.id === id && b.path === live.bed.path)) {
        live.player.dispose();
        live.gain.dispose();
        live.meter.dispose();
        this.live.delete(id);
      }
    }
    for (const bed of beds) {
      let live = this.live.get(bed.id);
      if (!live) {
        const player = new Tone.Player();
        await player.load(await urlOf(bed.path));
        const gain = new Tone.Gain(0);
        const meter = new Tone.Meter({ smoothing: 0.3 });
        player.chain(gain, this.output);
        gain.connect(meter);
        live = { bed, player, gain, meter, points: [] };
        this.live.set(bed.id, live);
      }
      live.bed = bed;
      live.points = duckingPoints(sheet, bed);
    }
    if (this.playingFrom) {
      const { time, at } = this.playingFrom;
      this.startAt(time + (Tone.now() - at));
    }
  }

  durationOf(id: string): number | undefined {
    return this.live.get(id)?.player.buffer.duration;
  }

  /** Starts every bed in step with the narration at `time` (seconds on its timeline). */
  startAt(time: number): void {
    this.stop();
    const now = Tone.now();
    this.playingFrom = { time, at: now };
    for (const live of this.live.values()) {
      const offset = time - live.bed.start;
      const length = live.player.buffer.duration;
      if (offset >= length) continue;
      if (offset < 0) live.player.start(now - offset);
      else live.player.start(now, offset);
      const gain = live.gain.gain;
      gain.cancelScheduledValues(now);
      gain.setValueAtTime(gainAt(live.points, time).gain, now);
      for (const point of live.points) {
        if (point.time > time) gain.linearRampToValueAtTime(point.gain, now + (point.time - time));
      }
    }
  }

  stop(): void {
    this.playingFrom = undefined;
    for (const live of this.live.values()) {
      if (live.player.state === 'started') live.player.stop();
      live.gain.gain.cancelScheduledValues(0);
    }
  }

  /** The bed's level as heard (dBFS, after its gain and ducking): the preview's meter. */
  levelDb(id: string): number | undefined {
    const value = this.live.get(id)?.meter.getValue();
    return typeof value === 'number' ? value : undefined;
  }
}
