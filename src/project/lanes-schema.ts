import { z } from 'zod';
import type { SOUND_SHAPE_KEYS } from '../../audio/mix/drama-sounds.ts';

/**
 * An audio drama's mixer, per lane (cues/production/drama-lanes.ts names them): gain in dB
 * (-60..+24), pan from -1 (left) to 1 (right), mute, solo. Absent fields are the defaults (0 dB,
 * centre, heard); a project with no `lanes` mixes every lane at unity, as before this field.
 */
export const laneSettingsSchema = z
  .object({
    gainDb: z.number().min(-60).max(24).optional(),
    pan: z.number().min(-1).max(1).optional(),
    mute: z.literal(true).optional(),
    solo: z.literal(true).optional(),
  })
  .strict();

export const lanesSchema = z.record(z.string().min(1).max(200), laneSettingsSchema);

/** Longest a sound may be moved, looped or faded (seconds): a week, as any time in a sheet. */
const WEEK = 7 * 24 * 3600;

/**
 * A sound or music cue of an assembled drama and the file that plays it (found by name in the
 * `--sfx` / `--music` folder: cues/production/sound-match.ts). It plays from its file's start where
 * its cue falls between the lines (audio/mix/drama-sounds.ts soundPlays), moved by `shift` seconds
 * when dragged in the app; its path is stored as recordings' are (relative beside the project).
 * Since project version 3, as edited in the app: `loop` repeats the file for `length` seconds, or
 * with no `length` until the next sound of its lane (the end of the last line when none follows),
 * never less than its file once;
 * without `loop`, `length` cuts it short (never longer than its file); `fadeIn` / `fadeOut` are
 * linear fades in seconds at its two ends (together never more than it lasts). Since version 4:
 * `offset` skips that many seconds of its file's head (its start trimmed, as a bed's), a loop
 * repeating from there to the file's end.
 */
export const soundSchema = z
  .object({
    cue: z.string().min(1),
    lane: z.enum(['SFX', 'Music']),
    path: z.string().min(1),
    shift: z.number().min(-WEEK).max(WEEK).optional(),
    offset: z.number().min(0).max(WEEK).optional(),
    loop: z.literal(true).optional(),
    length: z.number().min(0.05).max(WEEK).optional(),
    fadeIn: z.number().min(0).max(WEEK).optional(),
    fadeOut: z.number().min(0).max(WEEK).optional(),
  })
  .strict();

/** What the app edits of a sound (each absent: as assembled): SOUND_SHAPE_KEYS. */
export type SoundShape = Pick<Sound, (typeof SOUND_SHAPE_KEYS)[number]>;

const SHAPE_MASK = {
  shift: true,
  offset: true,
  loop: true,
  length: true,
  fadeIn: true,
  fadeOut: true,
} as const satisfies Record<(typeof SOUND_SHAPE_KEYS)[number], true>;

/** A sound's edited fields as the page sends them, by cue (a save, an export). */
export const soundShapeSchema = soundSchema.pick({ cue: true, ...SHAPE_MASK });

export type LaneSettings = z.infer<typeof laneSettingsSchema>;
export type Sound = z.infer<typeof soundSchema>;
