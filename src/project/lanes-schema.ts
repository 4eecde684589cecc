import { z } from 'zod';

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

/**
 * A sound or music cue of an assembled drama and the file that plays it (found by name in the
 * `--sfx` / `--music` folder: cues/production/sound-match.ts). It plays from its start, where its
 * cue falls between the lines; its path is stored as recordings' are (relative beside the project).
 */
export const soundSchema = z
  .object({
    cue: z.string().min(1),
    lane: z.enum(['SFX', 'Music']),
    path: z.string().min(1),
  })
  .strict();

export type LaneSettings = z.infer<typeof laneSettingsSchema>;
export type Sound = z.infer<typeof soundSchema>;
