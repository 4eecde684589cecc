import { type PlacedClip, toRecordingTime } from '../../../cues/production/timeline.ts';

// The production as one media element for wavesurfer and Playback: its clock is production time,
// and underneath, one real <audio> per recording plays the clip under the playhead. At a join the
// next recording's element (already seeked to its clip) takes over within a frame; a gap between
// clips plays as silence for as long as it lasts (the clock runs on, as the export has it), a
// crossfade's overlap is entered where the outgoing clip ends. Each clip's gain (a pickup matched
// to the reading around it) is handed to `onClip` as its clip starts. Events of the element
// playing are passed on as this element's own; in a gap this element sends its own. A production
// may run on past its last clip (a drama's closing music): that tail plays as silence here too,
// the clock running to the end, while what sounds in it plays elsewhere (sound-player.ts).

/** A clip with where it plays on the production and the URL its recording streams from. */
export interface MediaClip extends PlacedClip {
  url: string;
}

/** What plays now: a clip (its index, recording and gain) or the gap before clip `index`. */
export type PlayingNow =
  | { kind: 'clip'; index: number; recording: string; gainDb: number }
  | { kind: 'gap'; index: number; start: number; end: number };

/** Gaps shorter than this (seconds) are a join, not a pause to wait out. */
const MIN_GAP = 0.001;

const FORWARDED = ['play', 'playing', 'pause', 'timeupdate', 'seeking', 'seeked', 'waiting', 'canplay'];
/** Switch this close to a clip's end (seconds): the next element starts within a frame of it. */
const JOIN_EARLY = 0.005;

export class ProductionMedia extends EventTarget {
  /** The real elements, one per recording URL (each routed into the audio graph once). */
  readonly elements = new Map<string, HTMLAudioElement>();
  /** Called for each element made, so it can be routed (Playback). */
  onElement?: (element: HTMLAudioElement) => void;
  /** Called when a clip becomes the one playing (or about to, after a gap), with its element. */
  onClip?: (clip: MediaClip, element: HTMLAudioElement) => void;
  /**
   * In a gap: the production time reached at `wall` (performance.now(), ms) while playing, or
   * held while paused (`wall` undefined); the next clip is the active one.
   */
  private gap?: { time: number; wall?: number };
  /**
   * Past the last clip's end, before the production's (a tail: `total` is longer than the clips):
   * the time reached at `wall` while playing, or held while paused. The last clip stays active.
   */
  private tail?: { time: number; wall?: number };
  /**
   * Where the last seek put the playhead while paused, exactly as asked (seconds): an element
   * keeps its time to the microsecond only, and never past its own decoded end, so End read back
   * short of the production's end. Forgotten once playing.
   */
  private held?: number;
  private clips: MediaClip[] = [];
  private active = 0;
  private isPaused = true;
  private source = '';
  private total = 0;
  private frame = 0;
  preload = 'auto';
  crossOrigin: string | null = 'anonymous';
  controls = false;
  autoplay = false;
  playbackRate = 1;
  defaultPlaybackRate = 1;
  preservesPitch = true;
  private level = 1;
  private silent = false;

  /** Plays these clips from now on (stopped, at 0); `duration` is the production's length. */
  setClips(clips: MediaClip[], duration: number): void {
    this.pause();
    this.clips = clips;
    this.total = duration;
    this.active = 0;
    this.gap = undefined;
    this.tail = undefined;
    this.held = undefined;
    for (const clip of clips) this.elementFor(clip.url);
    const first = clips[0];
    if (first) {
      this.elementFor(first.url).currentTime = first.from;
      this.onClip?.(first, this.elementFor(first.url));
    }
    this.dispatchEvent(new Event('durationchange'));
    this.dispatchEvent(new Event('loadedmetadata'));
  }

  /** Forgets every clip and lets go of every recording. */
  clear(): void {
    this.pause();
    this.clips = [];
    this.total = 0;
    this.gap = undefined;
    this.tail = undefined;
    this.held = undefined;
    this.source = '';
    for (const element of this.elements.values()) {
      element.removeAttribute('src');
      element.load();
    }
    this.elements.clear();
  }

  /** The element that plays `url`, made once. */
  private elementFor(url: string): HTMLAudioElement {
    let element = this.elements.get(url);
    if (element) return element;
    element = new Audio();
    element.preload = 'auto';
    element.crossOrigin = 'anonymous';
    element.volume = this.level;
    element.muted = this.silent;
    // A missing recording has no URL: its element stays empty (the app refuses to play it).
    if (url) element.src = url;
    const own = element;
    // In a gap no element plays: what one sends then (a pause, a seek ahead) is not passed on.
    const mine = () => !this.gap && !this.tail && this.current?.url === url && this.elements.get(url) === own;
    for (const type of FORWARDED)
      own.addEventListener(type, () => {
        if (mine()) this.dispatchEvent(new Event(type));
      });
    own.addEventListener('ended', () => {
      if (mine()) this.advance();
    });
    this.elements.set(url, element);
    this.onElement?.(element);
    return element;
  }

  private get current(): MediaClip | undefined {
    return this.clips[this.active];
  }

  /** The recording under the playhead now (undefined with nothing loaded, or in a gap). */
  get playingClip(): MediaClip | undefined {
    return this.gap || this.tail ? undefined : this.current;
  }

  /** What plays at the playhead: a clip at its gain, or a gap (silence) until the next clip. */
  get now(): PlayingNow | undefined {
    const clip = this.current;
    // In the tail no recording plays (nor its room tone: the drama mix has none there).
    if (!clip || this.tail) return undefined;
    if (this.gap) {
      const before = this.clips[this.active - 1];
      const start = before ? before.at + (before.to - before.from) : 0;
      return { kind: 'gap', index: this.active, start, end: clip.at };
    }
    return { kind: 'clip', index: this.active, recording: clip.recording, gainDb: clip.gainDb ?? 0 };
  }

  /** The clips as set (each with its place, gain and URL). */
  get playing(): readonly MediaClip[] {
    return this.clips;
  }

  get duration(): number {
    return this.clips.length > 0 ? this.total : Number.NaN;
  }

  get currentTime(): number {
    const clip = this.current;
    if (!clip) return 0;
    if (this.held !== undefined && this.isPaused) return this.held;
    if (this.tail) {
      const { time, wall } = this.tail;
      const run = wall === undefined ? 0 : ((performance.now() - wall) / 1000) * this.playbackRate;
      return Math.min(this.total, time + run);
    }
    if (this.gap) {
      const { time, wall } = this.gap;
      const run = wall === undefined ? 0 : ((performance.now() - wall) / 1000) * this.playbackRate;
      return Math.min(clip.at, time + run);
    }
    const element = this.elementFor(clip.url);
    const inside = Math.max(clip.from, Math.min(clip.to, element.currentTime));
    return clip.at + (inside - clip.from);
  }

  set currentTime(time: number) {
    if (this.clips.length === 0) return;
    const t = Math.max(0, Math.min(this.total, time));
    this.held = this.isPaused ? t : undefined;
    // Past the last clip, in the production's tail.
    if (t - this.clipsEnd > MIN_GAP) {
      this.enterTail(t);
      this.dispatchEvent(new Event('seeking'));
      this.dispatchEvent(new Event('seeked'));
      this.dispatchEvent(new Event('timeupdate'));
      return;
    }
    this.tail = undefined;
    const under = toRecordingTime(this.clips, t);
    if (under) {
      this.switchTo(under.clip, under.time);
      return;
    }
    // In a gap: it plays (as silence) from there until the next clip starts.
    const next = this.nextAfter(t);
    if (!next) return;
    const clip = this.clips[next.clip]!;
    if (clip.at - t > MIN_GAP && next.time === clip.from) this.enterGap(next.clip, t);
    else this.switchTo(next.clip, next.time);
  }

  /** Where the last clip ends (production seconds). */
  private get clipsEnd(): number {
    const last = this.clips.at(-1);
    return last ? last.at + (last.to - last.from) : 0;
  }

  /** The playhead at production time `t` past the last clip: silence until the production ends. */
  private enterTail(t: number): void {
    const last = this.clips.length - 1;
    if (!this.tail && !this.gap && this.current) this.elementFor(this.current.url).pause();
    this.gap = undefined;
    this.active = last;
    this.tail = { time: t, ...(this.isPaused ? {} : { wall: performance.now() }) };
  }

  /** The playhead at production time `t` in the gap before clip `index`: silence until it starts. */
  private enterGap(index: number, t: number): void {
    const before = this.current;
    if (before && !this.gap) this.elementFor(before.url).pause();
    this.active = index;
    const clip = this.clips[index]!;
    const element = this.elementFor(clip.url);
    // Ready at the clip's start when the gap ends.
    element.currentTime = clip.from;
    this.onClip?.(clip, element);
    this.gap = { time: t, ...(this.isPaused ? {} : { wall: performance.now() }) };
    this.dispatchEvent(new Event('seeking'));
    this.dispatchEvent(new Event('seeked'));
  }

  private nextAfter(t: number): { clip: number; time: number } | undefined {
    const i = this.clips.findIndex((c) => c.at >= t);
    const at = i < 0 ? this.clips.length - 1 : i;
    const clip = this.clips[at]!;
    return { clip: at, time: i < 0 ? clip.to : clip.from };
  }

  /** Makes clip `index` the one playing, at `time` on its recording. */
  private switchTo(index: number, time: number): void {
    const before = this.current;
    const clip = this.clips[index]!;
    const wasGap = this.gap !== undefined || this.tail !== undefined;
    this.gap = undefined;
    this.tail = undefined;
    this.active = index;
    const element = this.elementFor(clip.url);
    this.onClip?.(clip, element);
    if (before && before.url !== clip.url && !wasGap) {
      const old = this.elementFor(before.url);
      // Paused while not the active one: its pause event is not passed on.
      old.pause();
    }
    element.currentTime = time;
    if (!this.isPaused) void element.play().catch(() => undefined);
  }

  /** The clip playing ended: the next one takes over where the production time has come to. */
  private advance(): void {
    const clip = this.current;
    if (!clip) return;
    const end = clip.at + (clip.to - clip.from);
    const next = this.clips[this.active + 1];
    // The production runs on past its last clip: the tail plays (silence here) to its end.
    if (!next && this.total - end > MIN_GAP) {
      // A recording played to its very end said 'pause' first (passed on): playing goes on.
      const stopped = this.elementFor(clip.url).ended;
      this.enterTail(end);
      this.dispatchEvent(new Event('timeupdate'));
      if (stopped && !this.isPaused) this.dispatchEvent(new Event('playing'));
      return;
    }
    if (!next) {
      this.elementFor(clip.url).pause();
      this.isPaused = true;
      this.stopWatching();
      this.dispatchEvent(new Event('pause'));
      this.dispatchEvent(new Event('ended'));
      return;
    }
    // A gap after it: silence, the clock running on, until the next clip starts.
    if (next.at - end > MIN_GAP) this.enterGap(this.active + 1, end);
    else this.switchTo(this.active + 1, Math.max(next.from, next.from + (end - next.at)));
    this.dispatchEvent(new Event('timeupdate'));
  }

  /** Each frame while playing: a clip that stops before its recording's end is left at its end. */
  private watch = (): void => {
    const clip = this.current;
    if (!clip || this.isPaused) return;
    if (this.tail) {
      // The tail played out: the production ends.
      if (this.currentTime >= this.total) {
        this.tail = { time: this.total };
        this.isPaused = true;
        this.dispatchEvent(new Event('timeupdate'));
        this.dispatchEvent(new Event('pause'));
        this.dispatchEvent(new Event('ended'));
        return;
      }
      this.dispatchEvent(new Event('timeupdate'));
    } else if (this.gap) {
      // The gap played out: the next clip starts where the clock has come to.
      if (this.currentTime >= clip.at - JOIN_EARLY) {
        this.switchTo(this.active, clip.from);
        this.dispatchEvent(new Event('playing'));
      }
      this.dispatchEvent(new Event('timeupdate'));
    } else if (this.elementFor(clip.url).currentTime >= clip.to - JOIN_EARLY) this.advance();
    this.frame = requestAnimationFrame(this.watch);
  };

  private stopWatching(): void {
    cancelAnimationFrame(this.frame);
  }

  get paused(): boolean {
    return this.isPaused;
  }

  get ended(): boolean {
    return this.isPaused && this.clips.length > 0 && this.currentTime >= this.total - 1e-3;
  }

  get seeking(): boolean {
    const clip = this.current;
    return clip && !this.gap && !this.tail ? this.elementFor(clip.url).seeking : false;
  }

  get readyState(): number {
    // Seeks are taken at once (each element keeps its own pending position).
    return this.clips.length > 0 ? 4 : 0;
  }

  async play(): Promise<void> {
    const clip = this.current;
    if (!clip) throw new DOMException('nothing to play', 'NotSupportedError');
    this.isPaused = false;
    this.held = undefined;
    if (this.tail) {
      this.tail.wall = performance.now();
      this.stopWatching();
      this.frame = requestAnimationFrame(this.watch);
      this.dispatchEvent(new Event('play'));
      this.dispatchEvent(new Event('playing'));
      return;
    }
    if (this.gap) {
      // Silence plays: no element until the next clip; the clock runs from here.
      this.gap.wall = performance.now();
      this.stopWatching();
      this.frame = requestAnimationFrame(this.watch);
      this.dispatchEvent(new Event('play'));
      this.dispatchEvent(new Event('playing'));
      return;
    }
    const element = this.elementFor(clip.url);
    if (element.currentTime >= clip.to - JOIN_EARLY) this.advance();
    this.stopWatching();
    this.frame = requestAnimationFrame(this.watch);
    await this.elementFor(this.current!.url).play();
  }

  pause(): void {
    const wasPlaying = !this.isPaused;
    if (this.gap) {
      const time = this.currentTime;
      this.gap = { time };
    }
    if (this.tail) {
      this.tail = { time: this.currentTime };
      this.isPaused = true;
      this.stopWatching();
      if (wasPlaying) this.dispatchEvent(new Event('pause'));
      return;
    }
    this.isPaused = true;
    this.stopWatching();
    const clip = this.current;
    if (this.gap) {
      if (wasPlaying) this.dispatchEvent(new Event('pause'));
    } else if (clip) this.elementFor(clip.url).pause();
    else if (wasPlaying) this.dispatchEvent(new Event('pause'));
  }

  load(): void {}

  get volume(): number {
    return this.level;
  }

  set volume(value: number) {
    this.level = value;
    for (const element of this.elements.values()) element.volume = value;
    this.dispatchEvent(new Event('volumechange'));
  }

  get muted(): boolean {
    return this.silent;
  }

  set muted(value: boolean) {
    this.silent = value;
    for (const element of this.elements.values()) element.muted = value;
    this.dispatchEvent(new Event('volumechange'));
  }

  // wavesurfer sets and compares a source: the production's own name (the clips come from setClips).
  get src(): string {
    return this.source;
  }

  set src(value: string) {
    this.source = value;
  }

  get currentSrc(): string {
    return this.source;
  }

  getAttribute(name: string): string | null {
    return name === 'src' && this.source ? this.source : null;
  }

  hasAttribute(name: string): boolean {
    return this.getAttribute(name) !== null;
  }

  removeAttribute(name: string): void {
    if (name === 'src') this.source = '';
  }

  canPlayType(_type: string): CanPlayTypeResult {
    return 'maybe';
  }

  remove(): void {}
}
