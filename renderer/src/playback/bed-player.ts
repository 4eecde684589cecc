import * as Tone from 'tone';
import { type BedSpan, bedSpan, fadeGain, fileTimeAt } from '../../../audio/mix/bed-span.ts';
import { duckingPoints, type GainPoint, gainAt } from '../../../audio/mix/ducking.ts';
import type { Bed, CueSheet } from '../../../cues/cue-sheet.ts';
import type { PeaksData } from '../../../src/shared/ipc.ts';
import { toFloats } from '../views/peak-levels.ts';
import { loopSpan, type PlayerSlot, playerFor, startPlayer } from './start-player.ts';

// Music beds in the preview: one player per bed, its gain automated with the same ducking points
// and its span (trim, loop, fades) from the same code the export mixes with (audio/mix/), so
// what is heard is what is delivered. At 1x a plain Player plays the bed; at any other speed a
// GrainPlayer does, which changes the speed and keeps the pitch, as the narration's element does.

interface LiveBed extends PlayerSlot {
  bed: Bed;
  gain: Tone.Gain;
  meter: Tone.Meter;
  points: GainPoint[];
  peaks?: Float32Array;
}

export class BedPlayer {
  private readonly live = new Map<string, LiveBed>();
  private readonly output: Tone.ToneAudioNode;
  private playingFrom?: { time: number; at: number; rate: number };
  /** Where a bed's waveform comes from: the back end's peaks cache (app.ts sets it). */
  peaksFrom?: (path: string) => Promise<PeaksData>;

  constructor(output: Tone.ToneAudioNode) {
    this.output = output;
  }

  /** Loads new beds, drops removed ones, and recomputes every bed's ducking for this sheet. */
  async update(sheet: CueSheet, urlOf: (path: string) => Promise<string>): Promise<void> {
    const beds = sheet.beds ?? [];
    for (const [id, live] of this.live) {
      if (!beds.some((b) => b.id === id && b.path === live.bed.path)) {
        for (const node of [live.player, live.grains, live.fade, live.gain, live.meter]) node?.dispose();
        this.live.delete(id);
        live.buffer.dispose();
      }
    }
    for (const bed of beds) {
      let live = this.live.get(bed.id);
      if (!live) {
        const buffer = await new Tone.ToneAudioBuffer().load(await urlOf(bed.path));
        const player = new Tone.Player(buffer);
        const fade = new Tone.Gain(1);
        const gain = new Tone.Gain(0);
        const meter = new Tone.Meter({ smoothing: 0.3 });
        player.chain(fade, gain, this.output);
        gain.connect(meter);
        // Its waveform from the peaks cache; without it the lane draws from the decoded buffer.
        const peaks = await this.peaksFrom?.(bed.path)
          .then(toFloats)
          .catch(() => undefined);
        live = { bed, buffer, player, fade, gain, meter, points: [], ...(peaks ? { peaks } : {}) };
        this.live.set(bed.id, live);
      }
      live.bed = bed;
      live.points = duckingPoints(sheet, bed);
    }
    if (this.playingFrom) {
      this.startAt(this.position!, this.playingFrom.rate);
    }
  }

  /** The bed's file length in seconds, once loaded. */
  durationOf(id: string): number | undefined {
    return this.live.get(id)?.buffer.duration;
  }

  /**
   * Min/max pairs over the bed's whole file (about 2000), for the lane's drawing: from the peaks
   * cache, or else taken from the buffer already decoded for playing (first channel).
   */
  peaksOf(id: string): Float32Array | undefined {
    const live = this.live.get(id);
    if (!live?.buffer.loaded) return undefined;
    live.peaks ??= minMaxPairs(live.buffer.getChannelData(0), 2000);
    return live.peaks;
  }

  /** The bed's span on the timeline (trim, loop, fades) once its file is loaded. */
  spanOf(id: string): BedSpan | undefined {
    const live = this.live.get(id);
    return live ? bedSpan(live.bed, live.buffer.duration) : undefined;
  }

  /** The speed the beds play at now (the transport's), or undefined when stopped. */
  get rate(): number | undefined {
    return this.playingFrom?.rate;
  }

  /**
   * Where the beds are on the timeline now (seconds), by the audio clock, or undefined when
   * stopped. What is heard trails it by Tone's look-ahead (0.1 s of real time).
   */
  get position(): number | undefined {
    if (!this.playingFrom) return undefined;
    const { time, at, rate } = this.playingFrom;
    return time + (Tone.now() - at) * rate;
  }

  /**
   * Starts every bed in step with the narration at `time` (seconds on its timeline), playing at
   * `rate` (the transport's speed): a timeline second lasts 1/rate seconds of real time.
   */
  startAt(time: number, rate = 1): void {
    this.stop();
    const now = Tone.now();
    this.playingFrom = { time, at: now, rate };
    const real = (timeline: number) => now + Math.max(0, timeline - time) / rate;
    for (const live of this.live.values()) {
      const fileSeconds = live.buffer.duration;
      const span = bedSpan(live.bed, fileSeconds);
      const into = Math.max(0, time - live.bed.start);
      const end = live.bed.start + span.length;
      if (time >= end) continue;
      const player = playerFor(live, rate);
      loopSpan(player, span, fileSeconds);
      startPlayer(player, real(live.bed.start), fileTimeAt(span, fileSeconds, into), real(end), rate);
      // Fades: the same ramps the export applies, in real time at this speed.
      const fade = live.fade.gain;
      fade.cancelScheduledValues(now);
      // Clamped into the span: float noise at its very end must not read as outside it.
      const fadeAt = (t: number) => fadeGain(span, Math.min(span.length, Math.max(0, t - live.bed.start)));
      const from = Math.max(time, live.bed.start);
      fade.setValueAtTime(fadeAt(from), real(from));
      const bends = [live.bed.start + span.fadeIn, end - span.fadeOut, end].filter((t) => t > from);
      for (const t of bends) fade.linearRampToValueAtTime(fadeAt(t), real(t));
      const gain = live.gain.gain;
      gain.cancelScheduledValues(now);
      gain.setValueAtTime(gainAt(live.points, time).gain, now);
      for (const point of live.points) {
        if (point.time > time) gain.linearRampToValueAtTime(point.gain, real(point.time));
      }
    }
  }

  stop(): void {
    this.playingFrom = undefined;
    for (const live of this.live.values()) {
      for (const player of [live.player, live.grains]) if (player?.state === 'started') player.stop();
      live.gain.gain.cancelScheduledValues(0);
      live.fade.gain.cancelScheduledValues(0);
    }
  }

  /** The bed's level as heard (dBFS, after its gain and ducking): the preview's meter. */
  levelDb(id: string): number | undefined {
    const value = this.live.get(id)?.meter.getValue();
    return typeof value === 'number' ? value : undefined;
  }
}

function minMaxPairs(samples: Float32Array, pairs: number): Float32Array {
  const out = new Float32Array(2 * pairs);
  const step = samples.length / pairs;
  for (let p = 0; p < pairs; p++) {
    let min = 0;
    let max = 0;
    for (let i = Math.floor(p * step); i < Math.floor((p + 1) * step); i++) {
      const v = samples[i]!;
      if (v < min) min = v;
      else if (v > max) max = v;
    }
    out[2 * p] = min;
    out[2 * p + 1] = max;
  }
  return out;
}
