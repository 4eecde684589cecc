import { type PlacedClip, toRecordingTime } from '../../../cues/production/timeline.ts';

// The production as one media element for wavesurfer and Playback: its clock is production time,
// and underneath, one real <audio> per recording plays the clip under the playhead. At a join the
// next recording's element (already seeked to its clip) takes over within a frame; a gap between
// clips is skipped (a preview, not the export), a crossfade's overlap is entered where the
// outgoing clip ends. Events of the element playing are passed on as this element's own.

/** A clip with where it plays on the production and the URL its recording streams from. */
export interface MediaClip extends PlacedClip {
  url: string;
}

const FORWARDED = ['play', 'playing', 'pause', 'timeupdate', 'seeking', 'seeked', 'waiting', 'canplay'];
/** Switch this close to a clip's end (seconds): the next element starts within a frame of it. */
const JOIN_EARLY = 0.005;

export class ProductionMedia extends EventTarget {
  /** The real elements, one per recording URL (each routed into the audio graph once). */
  readonly elements = new Map<string, HTMLAudioElement>();
  /** Called for each element made, so it can be routed (Playback). */
  onElement?: (element: HTMLAudioElement) => void;
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
    for (const clip of clips) this.elementFor(clip.url);
    const first = clips[0];
    if (first) this.elementFor(first.url).currentTime = first.from;
    this.dispatchEvent(new Event('durationchange'));
    this.dispatchEvent(new Event('loadedmetadata'));
  }

  /** Forgets every clip and lets go of every recording. */
  clear(): void {
    this.pause();
    this.clips = [];
    this.total = 0;
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
    const mine = () => this.current?.url === url && this.elements.get(url) === own;
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

  /** The recording under the playhead now (undefined with nothing loaded). */
  get playingClip(): MediaClip | undefined {
    return this.current;
  }

  get duration(): number {
    return this.clips.length > 0 ? this.total : Number.NaN;
  }

  get currentTime(): number {
    const clip = this.current;
    if (!clip) return 0;
    const element = this.elementFor(clip.url);
    const inside = Math.max(clip.from, Math.min(clip.to, element.currentTime));
    return clip.at + (inside - clip.from);
  }

  set currentTime(time: number) {
    if (this.clips.length === 0) return;
    const t = Math.max(0, Math.min(this.total, time));
    // In a gap: the next clip's start.
    const under = toRecordingTime(this.clips, t) ?? this.nextAfter(t);
    if (!under) return;
    this.switchTo(under.clip, under.time);
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
    this.active = index;
    const element = this.elementFor(clip.url);
    if (before && before.url !== clip.url) {
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
    if (!next) {
      this.elementFor(clip.url).pause();
      this.isPaused = true;
      this.stopWatching();
      this.dispatchEvent(new Event('pause'));
      this.dispatchEvent(new Event('ended'));
      return;
    }
    this.switchTo(this.active + 1, Math.max(next.from, next.from + (end - next.at)));
    this.dispatchEvent(new Event('timeupdate'));
  }

  /** Each frame while playing: a clip that stops before its recording's end is left at its end. */
  private watch = (): void => {
    const clip = this.current;
    if (!clip || this.isPaused) return;
    if (this.elementFor(clip.url).currentTime >= clip.to - JOIN_EARLY) this.advance();
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
    return clip ? this.elementFor(clip.url).seeking : false;
  }

  get readyState(): number {
    // Seeks are taken at once (each element keeps its own pending position).
    return this.clips.length > 0 ? 4 : 0;
  }

  async play(): Promise<void> {
    const clip = this.current;
    if (!clip) throw new DOMException('nothing to play', 'NotSupportedError');
    this.isPaused = false;
    const element = this.elementFor(clip.url);
    if (element.currentTime >= clip.to - JOIN_EARLY) this.advance();
    this.stopWatching();
    this.frame = requestAnimationFrame(this.watch);
    await this.elementFor(this.current!.url).play();
  }

  pause(): void {
    const wasPlaying = !this.isPaused;
    this.isPaused = true;
    this.stopWatching();
    const clip = this.current;
    if (clip) this.elementFor(clip.url).pause();
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
