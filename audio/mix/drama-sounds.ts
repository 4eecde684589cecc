import type { CueSheet } from '../../cues/cue-sheet.ts';
import { DEFAULT_BED_DUCK_DB } from '../../cues/edit/bed-edits.ts';
import { type BedSpan, headTrim } from './bed-span.ts';
import { duckingPoints, type GainPoint } from './ducking.ts';

// Where an assembled drama's sound and music files play, and how its music ducks: one rule for the
// drama mix (src/production/drama-mix.ts) and the app's preview (renderer/src/playback/), so what
// is heard while editing is what is delivered.

/**
 * Latest a sound may start after the drama's last line ends (seconds). A later start is a slip of
 * the keyboard (99999 typed for 9.999: a tester's 43 s drama became 27 h 46 min long, its WAV stems
 * 17 GB each), so the app refuses it and the export names it.
 */
export const SOUND_LATEST_AFTER = 60;

/**
 * The end of the drama's last timed line (seconds on the production; 0 with none): what
 * SOUND_LATEST_AFTER counts from.
 *
 * @param sheet the sheet on the production's timeline
 */
export function lastLineEnd(sheet: CueSheet): number {
  let end = 0;
  for (const cue of sheet.cues)
    if (cue.kind !== 'sfx' && cue.kind !== 'music') end = Math.max(end, cue.end ?? cue.start ?? 0);
  return end;
}

/**
 * Each sound or music cue's time on the production (seconds): the end of the last timed cue
 * before it in the script (its start when it has no end), 0 before the first.
 *
 * @param sheet the sheet on the production's timeline (cue times as they play)
 * @returns cue id to seconds, for every `sfx` and `music` cue
 */
export function soundTimes(sheet: CueSheet): Map<string, number> {
  const times = new Map<string, number>();
  let last = 0;
  for (const cue of sheet.cues) {
    if (cue.kind === 'sfx' || cue.kind === 'music') times.set(cue.id, last);
    else if (cue.end !== undefined) last = Math.max(last, cue.end);
    else if (cue.start !== undefined) last = Math.max(last, cue.start);
  }
  return times;
}

/**
 * The Music lane's gain over time (linear, 1 at full level): down by the beds' default depth
 * (-14 dB) under every spoken line, with the beds' ramps (ducking.ts duckingPoints).
 *
 * @param sheet the sheet on the production's timeline
 */
export function musicDucking(sheet: CueSheet): GainPoint[] {
  return duckingPoints(sheet, { id: 'music', path: '-', start: 0, gainDb: 0, duckDb: DEFAULT_BED_DUCK_DB });
}

/** A drama's sound as the project keeps it: its cue and lane, and what the app edited (seconds). */
export interface SoundCue {
  cue: string;
  lane: string;
  /** Moved this far from where its cue falls (dragged); absent: 0. */
  shift?: number;
  /** Seconds of its file's head skipped (trimmed); absent: 0. A loop repeats from here. */
  offset?: number;
  loop?: boolean;
  /** How long it plays; absent: its file once, or looped until the next sound of its lane (never less than once). */
  length?: number;
  fadeIn?: number;
  fadeOut?: number;
}

/**
 * What of a sound the app edits, in one list: the save, the export request and their checks all
 * carry these (a field missing from one hand-written copy of it was dropped on save).
 */
export const SOUND_SHAPE_KEYS = ['shift', 'offset', 'loop', 'length', 'fadeIn', 'fadeOut'] as const;

/**
 * Seconds of its file a trimmed sound must keep to play: a trim closer to the end is refused (by
 * the inspector and the export), since a loop of what is left would be a buzz.
 */
export const MIN_TRIMMED_REST = 0.05;

/** Shortest length a sound may be given (seconds; the project schema's least). */
export const MIN_SOUND_LENGTH = 0.05;

/** A sound's edited fields as a project stores them (`loop` only when on). */
export type SavedShape = Omit<SoundCue, 'cue' | 'lane' | 'loop'> & { loop?: true };

/** The edited fields `sound` carries, defaults left out (no shift, trim or fade; loop only when on). */
export function shapeOf(sound: Omit<SoundCue, 'cue' | 'lane'>): SavedShape {
  const shape: SavedShape = {};
  for (const key of SOUND_SHAPE_KEYS) {
    const value = sound[key];
    if (value === undefined || value === false || (value === 0 && key !== 'length')) continue;
    Object.assign(shape, { [key]: value });
  }
  return shape;
}

/** Where and how a sound plays: from `at` (production seconds) for `span.length` seconds. */
export interface SoundPlay {
  cue: string;
  lane: string;
  at: number;
  /** Its file's length, seconds (a loop repeats it from its start). */
  fileSeconds: number;
  /** Offset 0; its length on the timeline, loop and fades (clamped to fit it): bed-span.ts. */
  span: BedSpan;
}

/**
 * Where each sound plays and for how long: at its cue's time (soundTimes) moved by its `shift`
 * (never before 0), from `offset` seconds into its file (a trimmed head); a loop lasts its
 * `length`, or with none until the next sound of its lane starts (the end of the last line when no
 * sound follows) but never less than its file once: turning a loop on only ever adds repeats; a
 * sound that does not loop lasts its `length` at most, never past its file. Fades are clamped as a
 * bed's are (bed-span.ts): together never more than it lasts. One rule for the drama mix and the
 * preview. A sound whose file length is unknown (`fileSeconds` gives undefined) is left out.
 *
 * @param sheet the sheet on the production's timeline
 * @param sounds the project's sounds in its order
 * @param fileSeconds a sound's file length in seconds, by cue
 */
export function soundPlays(
  sheet: CueSheet,
  sounds: readonly SoundCue[],
  fileSeconds: (cue: string) => number | undefined,
): SoundPlay[] {
  const times = soundTimes(sheet);
  let lastLine = 0;
  for (const cue of sheet.cues)
    if (cue.kind !== 'sfx' && cue.kind !== 'music' && cue.end !== undefined)
      lastLine = Math.max(lastLine, cue.end);
  const placed = sounds.flatMap((sound) => {
    const base = times.get(sound.cue);
    const file = fileSeconds(sound.cue);
    if (base === undefined || file === undefined || !(file > 0)) return [];
    return [{ sound, at: Math.max(0, base + (sound.shift ?? 0)), file }];
  });
  return placed.map(({ sound, at, file }) => {
    const { offset, rest } = headTrim(sound.offset ?? 0, file);
    let length: number;
    if (sound.loop) {
      const next = Math.min(
        ...placed.filter((p) => p.sound.lane === sound.lane && p.at > at).map((p) => p.at),
      );
      const until = Number.isFinite(next) ? next : lastLine;
      // At least once through: a loop that ended at a sound or line closer than its file's end made
      // a block shorter by looping it (a tester's "looping it cut it short").
      length = sound.length ?? Math.max(rest, until - at);
    } else length = Math.min(sound.length ?? rest, rest);
    const fadeIn = Math.min(Math.max(0, sound.fadeIn ?? 0), length);
    const fadeOut = Math.min(Math.max(0, sound.fadeOut ?? 0), length - fadeIn);
    return {
      cue: sound.cue,
      lane: sound.lane,
      at,
      fileSeconds: file,
      span: { offset, length, fadeIn, fadeOut, loop: sound.loop === true },
    };
  });
}
