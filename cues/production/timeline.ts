import { z } from 'zod';
import { secondsSchema } from '../cue-sheet.ts';

// A production is many recordings (one file per chapter or session, pickups recorded later). The
// timeline lists the clips that play, in order: each a stretch of one recording, after a gap
// (silence or room tone; negative: a crossfade overlap). Cues are placed on their recording's own
// clock, so reordering files, changing a gap or dropping in a pickup never rewrites cue times:
// the project-level time of anything is derived from its recording time through this timeline.

/** One audio file of the production, referenced (never copied). */
export const recordingSchema = z.object({
  id: z.string().min(1),
  /** Relative to the project file when it was saved beside it. */
  path: z.string(),
  size: z.number().int().nonnegative(),
  duration: secondsSchema,
  /** From its tags or its file name: what a no-script export names its chapter. */
  title: z.string().optional(),
  /** Recorded to replace some cues (a pickup): it plays only where the timeline places it. */
  pickup: z.boolean().optional(),
});

/** The longest crossfade a clip may overlap the one before it, seconds. */
export const MAX_CROSSFADE = 0.5;

export const clipSchema = z
  .object({
    recording: z.string().min(1),
    /** The stretch of the recording that plays, on its own clock (seconds). */
    from: secondsSchema,
    to: secondsSchema,
    /** Seconds between the previous clip's end and this one's start; negative: a crossfade. */
    gapBefore: z.number().min(-MAX_CROSSFADE).max(3600).optional(),
    /** Gain on this clip, dB (a pickup brought to the level of the reading around it). */
    gainDb: z.number().min(-24).max(24).optional(),
    /**
     * Another recording's room tone mixed under this clip at `gainDb` (a pickup made in a quieter
     * room, so its pauses sound like the reading around it).
     */
    roomTone: z.object({ recording: z.string().min(1), gainDb: z.number().min(-60).max(24) }).optional(),
  })
  .refine((c) => c.to > c.from, { message: 'clip ends before it starts' });

/** Something placed on one recording's own clock (a cue, a section, a chapter flag). */
export const placementSchema = z.object({
  /** The cue's, section's or chapter's id. */
  id: z.string().min(1),
  kind: z.enum(['cue', 'section', 'chapter']),
  recording: z.string().min(1),
  start: secondsSchema,
  end: secondsSchema.optional(),
});

export type Recording = z.infer<typeof recordingSchema>;
export type Clip = z.infer<typeof clipSchema>;
export type Placement = z.infer<typeof placementSchema>;

/** A clip with its place on the project's timeline (seconds). */
export interface PlacedClip extends Clip {
  index: number;
  /** Project time at which the clip's `from` plays. */
  at: number;
}

/** Every non-pickup recording whole, in order, end to end: a production with no edits. */
export function defaultTimeline(recordings: Recording[]): Clip[] {
  return recordings.filter((r) => !r.pickup).map((r) => ({ recording: r.id, from: 0, to: r.duration }));
}

/** The clips with their project times; the first clip's gap counts from 0. */
export function placeClips(clips: Clip[]): PlacedClip[] {
  let t = 0;
  return clips.map((clip, index) => {
    const at = Math.max(0, t + (clip.gapBefore ?? 0));
    t = at + (clip.to - clip.from);
    return { ...clip, index, at };
  });
}

/** The project's length in seconds: where the last clip ends. */
export function timelineDuration(clips: Clip[]): number {
  const last = placeClips(clips).at(-1);
  return last ? last.at + (last.to - last.from) : 0;
}

/**
 * Project time of a moment on a recording's clock, or undefined when no clip plays it (cut out by a
 * pickup, or its recording taken off the timeline). A moment in two clips (a crossfade's edges)
 * takes the first.
 */
export function toProjectTime(placed: PlacedClip[], recording: string, t: number): number | undefined {
  const clip = placed.find((c) => c.recording === recording && t >= c.from - 1e-9 && t <= c.to + 1e-9);
  return clip ? clip.at + (t - clip.from) : undefined;
}

/**
 * The recording and its own time under a project time, or undefined in a gap. Inside a crossfade
 * the later clip wins (what is heard coming in).
 */
export function toRecordingTime(
  placed: PlacedClip[],
  t: number,
): { recording: string; time: number; clip: number } | undefined {
  for (let i = placed.length - 1; i >= 0; i--) {
    const c = placed[i]!;
    if (t >= c.at - 1e-9 && t <= c.at + (c.to - c.from) + 1e-9)
      return { recording: c.recording, time: c.from + (t - c.at), clip: i };
  }
  return undefined;
}
