import { z } from 'zod';
import { clipSchema, placementSchema } from '../../cues/production/timeline.ts';

/**
 * A pickup dropped into the timeline: the clips from `index` that it put in (`after`: the original
 * up to the cut, the pickup, the original from the cut) and those it replaced (`before`), so it
 * can be taken out again exactly; the original recording stays in the project either way.
 */
export const pickupSchema = z.object({
  id: z.string().min(1),
  /** The pickup's recording id. */
  recording: z.string().min(1),
  /** The first and last cue it replaces. */
  firstCue: z.string().min(1),
  lastCue: z.string().min(1),
  index: z.number().int().nonnegative(),
  before: z.array(clipSchema),
  after: z.array(clipSchema),
  /** The replaced cues' placements on the original, restored when the pickup is taken out. */
  placementsBefore: z.array(placementSchema),
  /**
   * The replaced cues' review flags and confidence as they were (absent in files saved before
   * pickups kept them), put back when the pickup is taken out.
   */
  flagsBefore: z
    .array(
      z.object({
        id: z.string().min(1),
        confidence: z.number().min(0).max(1).optional(),
        review: z.string().min(1).max(200).optional(),
      }),
    )
    .optional(),
});

export type PickupEdit = z.infer<typeof pickupSchema>;
