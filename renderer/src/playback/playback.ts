import * as Tone from 'tone';
import { BedPlayer } from './bed-player.ts';
import { type LaneStripState, StripNodes } from './lane-strips.ts';
import { type MediaClip, type PlayingNow, ProductionMedia } from './production-media.ts';
import { RoomTonePlayer } from './room-tone-player.ts';
import { SoundPlayer } from './sound-player.ts';

// Playback through Tone.js: the media element streams the narration (hours of audio never sit
// decoded in memory) and is routed into Tone's graph, where the master gain lives and the music
// beds (with ducking, bed-player.ts) join it. wavesurfer drives the same element, so cursor and
// sound never drift apart.

/** One stretch of what the preview plays, in order (production seconds). */
export type ScheduleEntry =
  | { kind: 'clip'; recording: string; at: number; from: number; to: number; gainDb: number }
  | { kind: 'gap'; at: number; length: number };

/** What the preview is doing now: the stretch under the playhead and the gain on its recording. */
export interface PlaybackState {
  time: number;
  playing: boolean;
  now: PlayingNow | undefined;
  /** The linear gain set on the playing recording's route (1: as recorded). */
  gain: number;
  /** The recording whose room tone plays now (in a gap or under a pickup, as exported), or undefined. */
  roomTone: string | undefined;
  /** Its gain, dB (a pickup clip's roomTone.gainDb; 0 in a gap). */
  roomToneDb: number;
}

export interface LoopRange {
  start: number;
  end: number;
}

export class Playback {
  /** The production's clock: one element per recording underneath (production-media.ts). */
  readonly media: ProductionMedia;
  private routed = false;
  private readonly routedElements = new Set<HTMLAudioElement>();
  /** Each element's own gain (its clip's gainDb), between it and the output once routed. */
  private readonly gains = new Map<HTMLAudioElement, { linear: number; node?: Tone.Gain }>();
  private readonly output = new Tone.Gain(1);
  /** A drama's lanes as mixed (empty: no lanes, every clip at unity and centre). */
  private strips = new Map<string, LaneStripState>();
  /** The lane of each element's clip now (a drama's; undefined for a production of one reading). */
  private readonly elementLanes = new Map<HTMLAudioElement, string | undefined>();
  /** Each element's lane strip, between its gain and the output once routed. */
  private readonly stripNodes = new Map<HTMLAudioElement, StripNodes>();
  /** The lane a clip plays on (a drama's line; set with the clips): undefined leaves it at unity. */
  laneOfClip?: (clip: MediaClip) => string | undefined;
  /**
   * Room tone fills the gaps between recordings, as a production's export fills them; false for
   * a drama, whose mix leaves the silence between its lines silent (src/production/drama-mix.ts).
   */
  roomToneInGaps = true;
  private range?: LoopRange & { loop: boolean };
  readonly beds = new BedPlayer(this.output);
  /** Room tone in the gaps between recordings, as exported (room-tone-player.ts). */
  readonly roomTone = new RoomTonePlayer(this.output);
  /** A drama's sound effects and music at their cues, through their lanes (sound-player.ts). */
  readonly sounds = new SoundPlayer(this.output);

  constructor() {
    this.media = new ProductionMedia();
    // An element made after the first play (a recording added) joins the graph at once.
    this.media.onElement = (element) => {
      if (this.routed) this.routeElement(element);
    };
    // A clip plays at its own gain (a pickup brought to the level of the reading), as exported.
    this.media.onClip = (clip, element) => {
      this.setGain(element, 10 ** ((clip.gainDb ?? 0) / 20));
      // A drama's line is heard through its lane's strip (gain, mute/solo, pan), as exported.
      this.elementLanes.set(element, this.laneOfClip?.(clip));
      this.applyStrip(element);
    };
    this.media.addEventListener('timeupdate', () => {
      this.checkRange();
      // The speed changed while playing (the transport's speed control): the beds follow it.
      if (!this.media.paused && this.beds.rate !== undefined && this.beds.rate !== this.media.playbackRate)
        this.beds.startAt(this.media.currentTime, this.media.playbackRate);
      if (
        !this.media.paused &&
        this.sounds.rate !== undefined &&
        this.sounds.rate !== this.media.playbackRate
      )
        this.sounds.startAt(this.media.currentTime, this.media.playbackRate);
    });
    // The media element is the clock; beds follow whatever moved it (keys, clicks, wavesurfer),
    // at its speed.
    this.media.addEventListener('playing', () => {
      this.beds.startAt(this.media.currentTime, this.media.playbackRate);
      this.sounds.startAt(this.media.currentTime, this.media.playbackRate);
    });
    this.media.addEventListener('pause', () => {
      this.beds.stop();
      this.sounds.stop();
    });
    // Room tone plays while the playhead runs through a gap, from the quieter neighbour's.
    for (const type of ['play', 'playing', 'pause', 'seeked', 'timeupdate', 'ended'])
      this.media.addEventListener(type, () => this.syncRoomTone());
    this.roomTone.onReady = () => this.syncRoomTone();
    this.media.addEventListener('seeked', () => {
      if (this.media.paused) return;
      this.beds.startAt(this.media.currentTime, this.media.playbackRate);
      this.sounds.startAt(this.media.currentTime, this.media.playbackRate);
    });
  }

  get playing(): boolean {
    return !this.media.paused;
  }

  get time(): number {
    return this.media.currentTime;
  }

  get looping(): LoopRange | undefined {
    return this.range?.loop ? this.range : undefined;
  }

  /** Routes the element through Tone on first play (an AudioContext may only start after a gesture). */
  private async route(): Promise<void> {
    await Tone.start();
    if (this.routed) return;
    this.output.toDestination();
    this.routed = true;
    for (const element of this.media.elements.values()) this.routeElement(element);
  }

  /** An element can be routed once: it plays only through the graph from then on. */
  private routeElement(element: HTMLAudioElement): void {
    if (this.routedElements.has(element)) return;
    this.routedElements.add(element);
    const gain = this.gains.get(element) ?? { linear: 1 };
    gain.node = new Tone.Gain(gain.linear);
    const strip = new StripNodes(Tone.getContext());
    this.stripNodes.set(element, strip);
    this.applyStrip(element);
    Tone.connect(gain.node, strip.input);
    Tone.connect(strip.output, this.output);
    this.gains.set(element, gain);
    Tone.connect(Tone.getContext().createMediaElementSource(element), gain.node);
  }

  private setGain(element: HTMLAudioElement, linear: number): void {
    const gain = this.gains.get(element) ?? { linear };
    gain.linear = linear;
    if (gain.node) gain.node.gain.value = linear;
    this.gains.set(element, gain);
  }

  private applyStrip(element: HTMLAudioElement): void {
    const lane = this.elementLanes.get(element);
    this.stripNodes.get(element)?.set(lane === undefined ? undefined : this.strips.get(lane), lane);
  }

  /** A drama's lanes as they mix now (lane-strips.ts laneStrips): applied at once to what plays. */
  setLanes(strips: Map<string, LaneStripState>): void {
    this.strips = strips;
    for (const element of this.stripNodes.keys()) this.applyStrip(element);
    this.sounds.setLanes(strips);
  }

  /**
   * The lane strips as the preview's graph holds them: per lane the settings given, per routed
   * element the lane of its clip and the gain, left and right on its nodes now, and the same for
   * each lane a drama's sounds play through (`sounds`).
   */
  get laneMix(): {
    lanes: Record<string, LaneStripState>;
    routes: Array<{ url: string; lane?: string; gain: number; left: number; right: number }>;
    sounds: Array<{ lane: string; gain: number; left: number; right: number }>;
  } {
    const routes = [...this.media.elements].flatMap(([url, element]) => {
      const strip = this.stripNodes.get(element);
      if (!strip) return [];
      return [
        {
          url,
          ...(strip.lane !== undefined ? { lane: strip.lane } : {}),
          gain: strip.input.gain.value,
          left: strip.left.gain.value,
          right: strip.right.gain.value,
        },
      ];
    });
    return { lanes: Object.fromEntries(this.strips), routes, sounds: this.sounds.laneRoutes };
  }

  /**
   * An analyser on what the route of recording `url` sends to the output (after its lane's strip),
   * 2 channels; undefined until the recording is routed (first play). For meters and tests.
   */
  tapRoute(url: string): AnalyserNode | undefined {
    const element = this.media.elements.get(url);
    const strip = element ? this.stripNodes.get(element) : undefined;
    if (!strip) return undefined;
    const analyser = strip.output.context.createAnalyser();
    analyser.fftSize = 2048;
    strip.output.connect(analyser);
    return analyser;
  }

  /** Everything the preview plays, in order: each clip at its gain, each gap (silence) before a clip. */
  get schedule(): ScheduleEntry[] {
    const out: ScheduleEntry[] = [];
    let end = 0;
    for (const c of this.media.playing) {
      if (c.at - end > 1e-3) out.push({ kind: 'gap', at: end, length: c.at - end });
      out.push({
        kind: 'clip',
        recording: c.recording,
        at: c.at,
        from: c.from,
        to: c.to,
        gainDb: c.gainDb ?? 0,
      });
      end = c.at + (c.to - c.from);
    }
    return out;
  }

  /** The stretch under the playhead and the gain applied to it. */
  get state(): PlaybackState {
    const now = this.media.now;
    const clip = now ? this.media.playing[now.index] : undefined;
    const element = clip ? this.media.elements.get(clip.url) : undefined;
    const gain = element ? this.gains.get(element) : undefined;
    return {
      time: this.media.currentTime,
      playing: this.playing,
      now,
      gain: now?.kind === 'clip' ? (gain?.node?.gain.value ?? gain?.linear ?? 1) : 0,
      roomTone: this.roomTone.playing,
      roomToneDb: this.roomTone.playingDb,
    };
  }

  /** The recordings on either side of a gap, or under a pickup: their room tone is fetched on play. */
  private gapNeighbours(): Set<string> {
    const clips = this.media.playing;
    const out = new Set<string>();
    for (const clip of clips) if (clip.roomTone) out.add(clip.roomTone.recording);
    this.schedule.forEach((entry, i, all) => {
      if (entry.kind !== 'gap' || !this.roomToneInGaps) return;
      for (const near of [all[i - 1], all[i + 1]]) if (near?.kind === 'clip') out.add(near.recording);
    });
    return clips.length > 0 ? out : new Set();
  }

  /** Starts or stops the room tone as the playhead enters or leaves a gap, plays or pauses. */
  private syncRoomTone(): void {
    const now = this.media.now;
    const under = now?.kind === 'clip' ? this.media.playing[now.index]?.roomTone : undefined;
    if (this.media.paused || !now || (now.kind === 'clip' && !under)) {
      this.roomTone.play(undefined);
      return;
    }
    // A pickup made in a quieter room: the reading's room tone under it, at its gain.
    if (under) {
      this.roomTone.play(under.recording, under.gainDb);
      return;
    }
    if (!this.roomToneInGaps) {
      this.roomTone.play(undefined);
      return;
    }
    const clips = this.media.playing;
    const near = [clips[now.index - 1]?.recording, clips[now.index]?.recording].filter(
      (r): r is string => r !== undefined,
    );
    this.roomTone.play(this.roomTone.quieterOf(near));
  }

  /** The clips to play from now on (a project opened, recordings added, removed or reordered). */
  setClips(clips: MediaClip[], duration: number): void {
    this.range = undefined;
    this.media.setClips(clips, duration);
  }

  async play(): Promise<void> {
    // Room tone is a whole decode of a recording: asked for on the first play, not on open.
    this.roomTone.prepare(this.gapNeighbours());
    await this.route();
    await this.media.play();
  }

  pause(): void {
    this.media.pause();
  }

  async toggle(): Promise<void> {
    if (this.playing) this.pause();
    else await this.play();
  }

  /** Stops and lets go of the recording (another project is opening): nothing left to play. */
  reset(): void {
    this.range = undefined;
    this.media.clear();
    this.roomTone.clear();
    // The sounds stay: they follow the project's sounds (sound-player.ts update), not its recordings.
    this.sounds.stop();
  }

  seek(time: number): void {
    this.media.currentTime = Math.max(0, time);
  }

  /** Plays one stretch (a cue): stops at its end, or loops it until something else is played. */
  async playRange(start: number, end: number, loop = false): Promise<void> {
    this.range = { start, end, loop };
    this.seek(start);
    await this.play();
  }

  stopLooping(): void {
    this.range = undefined;
  }

  /** Called from the media clock and from wavesurfer's animation frames (finer than timeupdate). */
  checkRange(): void {
    const range = this.range;
    if (!range || this.media.paused || this.media.currentTime < range.end) return;
    if (range.loop) this.seek(range.start);
    else {
      this.range = undefined;
      this.pause();
    }
  }
}
