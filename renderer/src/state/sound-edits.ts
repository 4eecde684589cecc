import {
  lastLineEnd,
  MIN_SOUND_LENGTH,
  MIN_TRIMMED_REST,
  SOUND_LATEST_AFTER,
  type SoundPlay,
  shapeOf,
  soundPlays,
  soundTimes,
} from '../../../audio/mix/drama-sounds.ts';
import { EditError } from '../../../cues/edit/edit-error.ts';
import type { SoundShape } from '../../../src/project/lanes-schema.ts';
import { fileNameOf } from '../../../src/shared/file-name-of.ts';
import type { ProjectStore } from './project-store.ts';

// A drama's sound and music blocks edited: dragged or nudged along their lane (a `shift` from
// where the cue falls, so a take switched before it still carries it along), looped, cut to a
// length, faded in and out; and the drama's levelling switched. Each change is one undo step of
// the document, saved in the project's `sounds` (src/project/lanes-schema.ts soundSchema) and
// `levelDialogue`, and played by the preview and the export by one rule (audio/mix/drama-sounds.ts
// soundPlays). Values are kept to the millisecond; defaults (no shift, no loop, no fade) are not stored.

/** Longest a sound may be moved, looped or faded, seconds (the schema's week). */
const WEEK = 7 * 24 * 3600;

/** A change to a sound; `loop: false` turns looping off, `length: null` gives its length back. */
export type SoundChange = Omit<Partial<SoundShape>, 'loop' | 'length'> & {
  loop?: boolean;
  length?: number | null;
};

type DocSound = NonNullable<ProjectStore['doc']['sounds']>[number];

const ms = (t: number) => Math.round(t * 1000) / 1000;

/** The open drama's sound that plays cue `cue`, if any. */
export function soundOf(store: ProjectStore, cue: string): DocSound | undefined {
  return store.hasProject ? store.doc.sounds?.find((s) => s.cue === cue) : undefined;
}

/**
 * Where each of the open drama's sounds plays now (soundPlays), each file's length from
 * `lengths` (by cue: the preview's decoded files) or else its header's.
 */
export function soundPlaysOf(store: ProjectStore, lengths?: ReadonlyMap<string, number>): SoundPlay[] {
  if (!store.hasProject || !store.doc.takes) return [];
  const sounds = store.doc.sounds ?? [];
  const header = new Map(sounds.map((s) => [s.cue, s.seconds]));
  return soundPlays(store.sheet, sounds, (cue) => lengths?.get(cue) ?? header.get(cue));
}

/** The sound after `change`, defaults dropped and values clamped to what the schema takes. */
export function changedSound(sound: DocSound, change: SoundChange): DocSound {
  const next: DocSound = { ...sound };
  const set = (
    key: 'shift' | 'offset' | 'length' | 'fadeIn' | 'fadeOut',
    value: number | undefined,
    keep: boolean,
  ) => {
    if (value === undefined || !keep) delete next[key];
    else next[key] = value;
  };
  if (change.shift !== undefined) {
    const shift = ms(Math.min(WEEK, Math.max(-WEEK, change.shift)));
    set('shift', shift, shift !== 0);
  }
  if (change.loop !== undefined) {
    if (change.loop) next.loop = true;
    else delete next.loop;
  }
  if (change.length !== undefined)
    set(
      'length',
      change.length === null ? undefined : ms(Math.min(WEEK, Math.max(MIN_SOUND_LENGTH, change.length))),
      true,
    );
  // A trimmed start and the fades: seconds from 0, absent at 0.
  for (const key of ['offset', 'fadeIn', 'fadeOut'] as const)
    if (change[key] !== undefined) {
      const value = ms(Math.min(WEEK, Math.max(0, change[key]!)));
      set(key, value, value > 0);
    }
  return next;
}

/**
 * Why a fade `side` of `seconds` is refused for a sound that plays `plays` seconds (undefined: not
 * known) beside its other fade of `other` seconds; undefined when it may be set. A fade is 0 s or
 * more, and the two fit in what plays: soundPlays would cut a longer one short, and the inspector
 * would go on showing the number typed (a tester's 20 s fade on a 9 s sound).
 */
export function fadeRefusal(
  seconds: number,
  side: 'in' | 'out',
  plays: number | undefined,
  other: number,
): string | undefined {
  if (seconds < 0) return `not changed: a fade ${side} is 0 s or more (0: none)`;
  if (plays === undefined || seconds + other <= plays + 0.0005) return undefined;
  const beside = other > 0 ? ` beside its fade ${side === 'in' ? 'out' : 'in'} of ${other.toFixed(2)} s` : '';
  return `not changed: the sound plays ${plays.toFixed(2)} s, so its fade ${side} is ${Math.max(0, plays - other).toFixed(2)} s at most${beside}`;
}

/** What the undo menu says of `change` to the sound of `name`. */
function labelOf(name: string, change: SoundChange): string {
  // A start trimmed at the block's edge moves it too (trimSoundStart): a trim, not a move.
  if (change.offset !== undefined) return `trim the start of ${name}`;
  if (change.shift !== undefined) return `move ${name}`;
  if (change.loop !== undefined) return `${change.loop ? 'loop' : 'stop looping'} ${name}`;
  if (change.length !== undefined) return `set ${name} length`;
  if (change.fadeIn !== undefined) return `fade in ${name}`;
  return `fade out ${name}`;
}

/**
 * Changes the sound of cue `cue` as one undo step (`coalesce`: held key presses merge into one);
 * false when it is so already. An EditError (no such sound) is a refusal.
 */
export function shapeSound(
  store: ProjectStore,
  cue: string,
  change: SoundChange,
  coalesce?: string,
): boolean {
  if (!store.hasProject) return false;
  const sound = soundOf(store, cue);
  if (!sound) {
    store.refuse(`cue ${cue} plays no sound file`);
    return false;
  }
  const next = changedSound(sound, change);
  if (JSON.stringify(next) === JSON.stringify(sound)) return false;
  const name = fileNameOf(sound.path);
  return store.editDoc(
    labelOf(name, change),
    (doc) => {
      if (!doc.sounds?.some((s) => s.cue === cue)) throw new EditError(`cue ${cue} plays no sound file`);
      return { ...doc, sounds: doc.sounds.map((s) => (s.cue === cue ? next : s)) };
    },
    coalesce ? { coalesce } : undefined,
  );
}

/**
 * Moves the sound of cue `cue` to start at `at` (production seconds, not before 0:00): its shift
 * from where its cue falls. False when it is there already, or refused (with the reason) when `at`
 * is more than SOUND_LATEST_AFTER past the last line's end.
 */
export function moveSound(store: ProjectStore, cue: string, at: number, coalesce?: string): boolean {
  const base = soundTimes(store.sheet).get(cue);
  if (base === undefined) return false;
  if (at < 0) store.refuse('a sound starts at 0:00 at the earliest');
  const latest = lastLineEnd(store.sheet) + SOUND_LATEST_AFTER;
  if (at > latest) {
    store.refuse(
      `not moved: a sound starts at most ${SOUND_LATEST_AFTER} s after the last line ends (${latest.toFixed(3)} s here)`,
    );
    return false;
  }
  return shapeSound(store, cue, { shift: Math.max(0, at) - base }, coalesce);
}

/** Moves the sound of `cue` by `delta` seconds (the nudge keys; held presses are one step). */
export function nudgeSound(store: ProjectStore, cue: string, delta: number): boolean {
  const play = soundPlaysOf(store).find((p) => p.cue === cue);
  if (!play) return false;
  return moveSound(store, cue, play.at + delta, `nudge-sound:${cue}:${delta}`);
}

/** Lengthens or shortens the sound of `cue` by `delta` seconds (its end's nudge keys). */
export function nudgeSoundEnd(store: ProjectStore, cue: string, delta: number): boolean {
  const play = soundPlaysOf(store).find((p) => p.cue === cue);
  if (!play) return false;
  if (!play.span.loop && play.span.length + delta > play.fileSeconds) {
    store.refuse('the sound ends with its file: loop it to make it longer');
    return false;
  }
  return shapeSound(store, cue, { length: play.span.length + delta }, `nudge-sound-end:${cue}:${delta}`);
}

/**
 * Trims the start of the sound of `cue` to `offset` seconds into its file as its block's left edge
 * dragged does (an edge trim in REAPER): what is left plays where it played, so its start moves by
 * as much as the trim changes and its end stays (a length it has is shortened by as much). Clamped
 * as the inspector refuses: not before the file's start or 0:00, at least MIN_TRIMMED_REST of the
 * file and 50 ms of the block left. One undo step; false when nothing changed.
 */
export function trimSoundStart(store: ProjectStore, cue: string, offset: number): boolean {
  const sound = soundOf(store, cue);
  const play = soundPlaysOf(store).find((p) => p.cue === cue);
  const base = soundTimes(store.sheet).get(cue);
  if (!sound || !play || base === undefined) return false;
  const was = play.span.offset;
  const delta = Math.min(
    Math.max(offset - was, -was, -play.at),
    play.fileSeconds - MIN_TRIMMED_REST - was,
    play.span.length - MIN_SOUND_LENGTH,
  );
  if (Math.abs(delta) < 0.0005) return false;
  const at = ms(play.at + delta);
  return shapeSound(store, cue, {
    offset: ms(was + delta),
    shift: at - base,
    ...(sound.length !== undefined ? { length: ms(play.span.length - delta) } : {}),
  });
}

/**
 * Sets how long the sound of `cue` plays as its block's right edge dragged does: a loop as long as
 * asked, a one-shot never past its file's end (there: its length given back, it plays the rest of
 * its file; asked for more than that and no longer so, refused with the reason). One undo step.
 */
export function setSoundLength(store: ProjectStore, cue: string, length: number): boolean {
  const play = soundPlaysOf(store).find((p) => p.cue === cue);
  if (!play) return false;
  const wanted = ms(Math.max(MIN_SOUND_LENGTH, length));
  if (play.span.loop) return shapeSound(store, cue, { length: wanted });
  const rest = play.fileSeconds - play.span.offset;
  if (wanted < rest - 0.0005) return shapeSound(store, cue, { length: wanted });
  if (shapeSound(store, cue, { length: null })) return true;
  if (wanted > rest + 0.0005) store.refuse('the sound ends with its file: loop it to make it longer');
  return false;
}

/** Levels the drama's dialogue per actor (preview and export) or not, as one undo step. */
export function setLevelling(store: ProjectStore, on: boolean): boolean {
  if (!store.hasProject || !store.doc.takes) return false;
  if ((store.doc.levelDialogue !== false) === on) return false;
  return store.editDoc(on ? 'level the dialogue' : 'stop levelling the dialogue', (doc) => {
    const { levelDialogue: _old, ...rest } = doc;
    return on ? rest : { ...rest, levelDialogue: false };
  });
}

/** The shapes a save sends for the open drama's sounds (by cue). */
export function soundShapes(store: ProjectStore): Array<{ cue: string } & SoundShape> {
  return (store.doc.sounds ?? []).map((sound) => ({ cue: sound.cue, ...shapeOf(sound) }));
}
