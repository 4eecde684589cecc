import * as Tone from 'tone';
import { fadeGain, fileTimeAt } from '../../../audio/mix/bed-span.ts';
import type { SoundPlay } from '../../../audio/mix/drama-sounds.ts';
import { type GainPoint, gainAt } from '../../../audio/mix/ducking.ts';
import { type LaneStripState, StripNodes } from './lane-strips.ts';
import { loopSpan, type PlayerSlot, playerFor, startPlayer } from './start-player.ts';

// A drama's sound effects and music in the preview, as the drama mix plays them
// (src/production/drama-mix.ts): each file from its start at its cue's time (audio/mix/
// drama-sounds.ts soundPlays: moved, looped to its length and faded as the project says, by the
// rule the mix uses), through its fades' gain and its lane's strip (gain, mute/solo, pan: lane-strips.ts),
// the Music lane ducked under dialogue by the same gain points the export applies
// (drama-sounds.ts musicDucking). Files are decoded once each (short effects and cues); every
// start follows the production's clock as the beds do (bed-player.ts): started where the playhead
// is, at the transport's speed, stopped on pause. At 1x a plain Player plays a file; at any other
// speed a GrainPlayer does, which keeps the pitch, as the beds and the lines' elements do.

/** A sound to play: its cue, lane and the URL its file streams from. */
export interface PlacedSound {
  cue: string;
  lane: string;
  url: string;
}

/** Where the sounds play, given their files' lengths (seconds, by cue): drama-sounds.ts soundPlays. */
export type PlaceSounds = (lengths: ReadonlyMap<string, number>) => SoundPlay[];

/** A sound's players; its `fade` is its fades' gain, between its players and its lane's route. */
interface LiveSound extends PlayerSlot {
  sound: PlacedSound;
  /** Where and how it plays (absent: left out by the placing). */
  play?: SoundPlay;
}

/** A lane's route: its ducking gain, then its strip, into the output. */
interface LaneRoute {
  duck: Tone.Gain;
  strip: StripNodes;
}

export class SoundPlayer {
  private readonly output: Tone.ToneAudioNode;
  /** By cue id. */
  private readonly live = new Map<string, LiveSound>();
  private readonly routes = new Map<string, LaneRoute>();
  private strips = new Map<string, LaneStripState>();
  /** Per lane, its gain over time (the Music lane's ducking); absent: 1 throughout. */
  private envelopes = new Map<string, GainPoint[]>();
  private playingFrom?: { time: number; at: number; rate: number };
  /** Files that could not be loaded, by URL, with why (said once by the app). */
  readonly failed = new Map<string, string>();

  constructor(output: Tone.ToneAudioNode) {
    this.output = output;
  }

  /**
   * Plays `sounds` from now on where `place` puts them (given each loaded file's length), the
   * lanes' envelopes as given (`envelopes`: lane to gain points; the Music lane's ducking). Loads
   * new files, drops sounds gone; a file that fails to load is left out and listed in `failed`. A
   * sound with no URL (unreadable from here) is left out.
   */
  async update(
    sounds: PlacedSound[],
    place: PlaceSounds,
    envelopes: Map<string, GainPoint[]>,
  ): Promise<void> {
    this.envelopes = envelopes;
    const wanted = new Map(sounds.filter((s) => s.url !== '').map((s) => [s.cue, s]));
    for (const [cue, live] of this.live) {
      if (wanted.get(cue)?.url === live.sound.url) continue;
      live.player.dispose();
      live.grains?.dispose();
      live.fade.dispose();
      live.buffer.dispose();
      this.live.delete(cue);
    }
    for (const sound of wanted.values()) {
      const known = this.live.get(sound.cue);
      if (known) {
        known.sound = sound;
        continue;
      }
      if (this.failed.has(sound.url)) continue;
      let buffer: Tone.ToneAudioBuffer;
      try {
        buffer = await new Tone.ToneAudioBuffer().load(sound.url);
      } catch (error) {
        this.failed.set(sound.url, (error as Error).message);
        continue;
      }
      // Updated again while this one loaded: the later update decides.
      if (this.live.has(sound.cue)) {
        buffer.dispose();
        continue;
      }
      const fade = new Tone.Gain(1);
      fade.connect(this.routeOf(sound.lane).duck);
      const player = new Tone.Player(buffer);
      player.connect(fade);
      this.live.set(sound.cue, { sound, buffer, player, fade });
    }
    const plays = new Map(
      place(new Map([...this.live].map(([cue, l]) => [cue, l.buffer.duration]))).map((p) => [p.cue, p]),
    );
    for (const [cue, live] of this.live) {
      const play = plays.get(cue);
      if (play) live.play = play;
      else delete live.play;
    }
    if (this.playingFrom) {
      const { time, at, rate } = this.playingFrom;
      this.startAt(time + (Tone.now() - at) * rate, rate);
    }
  }

  /** The speed the sounds play at now (the transport's), or undefined when stopped. */
  get rate(): number | undefined {
    return this.playingFrom?.rate;
  }

  /** The sounds that play, each where and how (soundPlays) and how long (seconds), in time order. */
  get placed(): Array<PlacedSound & SoundPlay & { length: number }> {
    return [...this.live.values()]
      .flatMap((l) => (l.play ? [{ ...l.sound, ...l.play, length: l.play.span.length }] : []))
      .sort((a, b) => a.at - b.at);
  }

  /** The fades' gain of the sound of `cue` now (1 with none), for tests and meters. */
  fadeGainOf(cue: string): number | undefined {
    return this.live.get(cue)?.fade.gain.value;
  }

  /** The lanes' strips as they mix now (lane-strips.ts laneStrips): applied at once. */
  setLanes(strips: Map<string, LaneStripState>): void {
    this.strips = strips;
    for (const [lane, route] of this.routes) route.strip.set(strips.get(lane), lane);
  }

  /** Per lane with a route, its strip's gain, left and right now. */
  get laneRoutes(): Array<{ lane: string; gain: number; left: number; right: number }> {
    return [...this.routes].map(([lane, route]) => ({
      lane,
      gain: route.strip.input.gain.value,
      left: route.strip.left.gain.value,
      right: route.strip.right.gain.value,
    }));
  }

  /** An analyser on what `lane`'s route sends to the output (after its strip); undefined with no sound on it. */
  tapLane(lane: string): AnalyserNode | undefined {
    const route = this.routes.get(lane);
    if (!route) return undefined;
    const analyser = route.strip.output.context.createAnalyser();
    analyser.fftSize = 2048;
    route.strip.output.connect(analyser);
    return analyser;
  }

  /** The lane's ducking gain now (1 unless it has an envelope that is down), for meters and tests. */
  duckGainOf(lane: string): number | undefined {
    return this.routes.get(lane)?.duck.gain.value;
  }

  /**
   * Starts every sound in step with the production at `time` (seconds), at `rate` (the
   * transport's speed): a sound under the playhead from the point reached, a later one at its time.
   */
  startAt(time: number, rate = 1): void {
    this.stop();
    const now = Tone.now();
    this.playingFrom = { time, at: now, rate };
    const real = (t: number) => now + Math.max(0, t - time) / rate;
    for (const live of this.live.values()) {
      const { play, fade } = live;
      if (!play) continue;
      const { at, span, fileSeconds } = play;
      const end = at + span.length;
      if (time >= end) continue;
      const into = Math.max(0, time - at);
      const player = playerFor(live, rate);
      loopSpan(player, span, fileSeconds);
      // Into the file past its trimmed head: a loop has wrapped round as many times as it fits.
      startPlayer(player, real(at), fileTimeAt(span, fileSeconds, into), real(end), rate);
      // The fades as the mix's (bed-span.ts fadeGain): linear between their corners.
      const gain = fade.gain;
      gain.cancelScheduledValues(now);
      gain.setValueAtTime(fadeGain(span, into), now);
      if (at > time) gain.setValueAtTime(fadeGain(span, 0), real(at));
      for (const t of [span.fadeIn, span.length - span.fadeOut, span.length])
        if (t > into) gain.linearRampToValueAtTime(fadeGain(span, t), real(at + t));
    }
    for (const [lane, route] of this.routes) {
      const points = this.envelopes.get(lane);
      const gain = route.duck.gain;
      gain.cancelScheduledValues(now);
      gain.setValueAtTime(points ? gainAt(points, time).gain : 1, now);
      for (const point of points ?? [])
        if (point.time > time) gain.linearRampToValueAtTime(point.gain, real(point.time));
    }
  }

  stop(): void {
    this.playingFrom = undefined;
    // Unconditionally: a sound waiting for its time is not 'started' yet, and must not start later.
    for (const { player, grains } of this.live.values()) {
      player.stop();
      grains?.stop();
    }
    for (const route of this.routes.values()) route.duck.gain.cancelScheduledValues(0);
  }

  /** Lets go of every sound (another project is opening). */
  clear(): void {
    this.stop();
    for (const { player, grains, fade, buffer } of this.live.values()) {
      player.dispose();
      grains?.dispose();
      fade.dispose();
      buffer.dispose();
    }
    this.live.clear();
    this.failed.clear();
  }

  private routeOf(lane: string): LaneRoute {
    let route = this.routes.get(lane);
    if (!route) {
      const duck = new Tone.Gain(1);
      const strip = new StripNodes(Tone.getContext());
      strip.set(this.strips.get(lane), lane);
      Tone.connect(duck, strip.input);
      Tone.connect(strip.output, this.output);
      route = { duck, strip };
      this.routes.set(lane, route);
    }
    return route;
  }
}
