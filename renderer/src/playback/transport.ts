import type { Playback } from './playback.ts';

// What the transport bar and the J/K/L keys do with playback, beside play and pause: the speed
// (pitch kept), the shuttle, stop-and-return, the rolls around Play cue. The media element only
// plays forward, so J steps back instead of playing backwards.

/** Playback speeds offered (pitch kept): slower for checking words, faster for listening through. */
export const SPEEDS = [0.75, 1, 1.25, 1.5, 1.75, 2] as const;
/** What each further L press multiplies the speed by (L, L L, L L L…). */
export const SHUTTLE_STEPS = [1, 1.5, 2, 3] as const;
/** How far one J press steps back, in seconds (more on each press while shuttling back). */
export const SHUTTLE_BACK_STEP = 2;
const MAX_ROLL = 10;

/** The media the transport drives: the playback's element, or the production's (several elements). */
interface RatedMedia {
  playbackRate: number;
  defaultPlaybackRate: number;
  preservesPitch: boolean;
  elements?: Map<string, HTMLAudioElement>;
}

export class Transport {
  private readonly playback: Playback;
  private readonly listeners = new Set<() => void>();
  private chosenSpeed = 1;
  /** How many L presses in a row (0 when not shuttling forward). */
  private forwardPresses = 0;
  private backPresses = 0;
  /** Seconds played before and after the cue by Play cue. */
  private rolls = { pre: 1, post: 1 };
  /** Where playing last began: Stop returns there. */
  private startedAt = 0;

  constructor(playback: Playback) {
    this.playback = playback;
    // A pause ends the shuttle: the next play is at the chosen speed. An element made after
    // the speed was chosen (another recording) gets it as it starts.
    playback.media.addEventListener('pause', () => {
      if (this.forwardPresses > 0) this.applyRate(this.chosenSpeed);
      this.forwardPresses = 0;
    });
    playback.media.addEventListener('play', () => {
      this.startedAt = playback.time;
      this.applyRate(this.rate);
    });
  }

  /** Called when the speed, the shuttle or the rolls change (the transport bar shows them). */
  onChange(listener: () => void): void {
    this.listeners.add(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }

  /** The speed chosen in the transport bar (1 is as recorded). */
  get speed(): number {
    return this.chosenSpeed;
  }

  /** Sets the speed; it must be one of SPEEDS (anything else throws, naming the value). */
  set speed(speed: number) {
    if (!SPEEDS.includes(speed as (typeof SPEEDS)[number]))
      throw new Error(`playback speed ${speed} is not one of ${SPEEDS.join(', ')}`);
    this.chosenSpeed = speed;
    this.forwardPresses = 0;
    this.applyRate(speed);
    this.changed();
  }

  /** The rate playing now: the speed, times the shuttle's step while shuttling forward. */
  get rate(): number {
    return this.chosenSpeed * SHUTTLE_STEPS[Math.max(0, this.forwardPresses - 1)]!;
  }

  get preRoll(): number {
    return this.rolls.pre;
  }

  get postRoll(): number {
    return this.rolls.post;
  }

  /** Sets the rolls in seconds (0 to 10; anything else throws, naming the value). */
  setRolls(pre: number, post: number): void {
    for (const [name, value] of [
      ['pre-roll', pre],
      ['post-roll', post],
    ] as const)
      if (!(value >= 0 && value <= MAX_ROLL))
        throw new Error(`${name} must be between 0 and ${MAX_ROLL} s, not ${value}`);
    this.rolls = { pre, post };
    this.changed();
  }

  /** Where Play cue starts and stops for a cue spanning start..end: the rolls added, within the recording. */
  rolled(start: number, end: number, duration: number): { start: number; end: number } {
    return { start: Math.max(0, start - this.rolls.pre), end: Math.min(duration, end + this.rolls.post) };
  }

  /** L: plays forward; each further press while playing goes faster (up to SHUTTLE_STEPS' last). */
  async forward(): Promise<void> {
    this.backPresses = 0;
    this.playback.stopLooping();
    if (!this.playback.playing) this.forwardPresses = 1;
    else this.forwardPresses = Math.min(SHUTTLE_STEPS.length, this.forwardPresses + 1);
    this.applyRate(this.rate);
    this.changed();
    if (!this.playback.playing) await this.playback.play();
  }

  /** K: stops where it is, and the shuttle with it. */
  halt(): void {
    this.backPresses = 0;
    this.playback.stopLooping();
    this.playback.pause();
    this.forwardPresses = 0;
    this.applyRate(this.chosenSpeed);
    this.changed();
  }

  /**
   * J: steps back (SHUTTLE_BACK_STEP s, twice as far on each press in a row); playing goes on
   * from there at the chosen speed, a stopped playhead just moves.
   */
  back(): void {
    this.playback.stopLooping();
    this.backPresses++;
    if (this.forwardPresses > 0) {
      this.forwardPresses = 0;
      this.applyRate(this.chosenSpeed);
    }
    const step = SHUTTLE_BACK_STEP * 2 ** Math.min(4, this.backPresses - 1);
    this.playback.seek(Math.max(0, this.playback.time - step));
    this.changed();
  }

  /** Stop: pauses and returns the playhead to where playing last began. */
  stop(): void {
    const from = this.startedAt;
    this.halt();
    this.playback.seek(from);
  }

  private applyRate(rate: number): void {
    const media = this.playback.media as unknown as RatedMedia;
    const set = (m: { playbackRate: number; defaultPlaybackRate: number; preservesPitch: boolean }) => {
      m.preservesPitch = true;
      m.defaultPlaybackRate = this.chosenSpeed;
      m.playbackRate = rate;
    };
    set(media);
    // The production plays one element per recording underneath: each gets the rate.
    for (const element of media.elements?.values() ?? []) set(element);
  }
}
