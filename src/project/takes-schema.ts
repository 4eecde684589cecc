import { z } from 'zod';
import { secondsSchema } from '../../cues/cue-sheet.ts';

/**
 * An audio drama assembled from takes (`cuewright assemble`): per dialogue cue, every take found
 * in its actor's session recordings (complete or a false start), in recording order, and which
 * one plays. Optional in a version-2 project: files without it are productions of one reading.
 */
export const takeSchema = z.object({
  recording: z.string().min(1),
  /** First word's start and last word's end on the recording's own clock (seconds). */
  start: secondsSchema,
  end: secondsSchema,
  /** The whole line heard (otherwise a false start). */
  complete: z.boolean(),
  /** Words of the line heard, of its words. */
  words: z.number().int().nonnegative(),
  of: z.number().int().positive(),
  /** The recogniser's mean word posterior (0-1). */
  fit: z.number().min(0).max(1),
  /** Its last words were heard only by a second search of the speech after it (worth a listen). */
  tailed: z.literal(true).optional(),
});

export const lineTakesSchema = z.object({
  cue: z.string().min(1),
  takes: z.array(takeSchema),
  /** Index into `takes` of the take that plays; absent: the line is missing. */
  pick: z.number().int().nonnegative().optional(),
  review: z.string().min(1).max(200).optional(),
});

export type Take = z.infer<typeof takeSchema>;
export type LineTakesEntry = z.infer<typeof lineTakesSchema>;
