// The cue-sheet contract (../shared/DESIGN.md): one zod schema is the source of truth for both the
// TypeScript types and validation on load, so the two can never drift apart.
import { z } from 'zod';

export const CUE_SHEET_VERSION = 1;

export const CUE_KINDS = [
  'heading',
  'title',
  'narration',
  'dialogue',
  'lyric',
  'note',
  'separator',
  'sfx',
  'music',
] as const;

export const SCRIPT_FORMATS = ['prose', 'drama', 'fountain'] as const;

/** The longest timeline a sheet may have: a week, far beyond any book, far below 1e300. */
export const MAX_SECONDS = 7 * 24 * 3600;

/** A time on the timeline, in seconds. */
export const secondsSchema = z
  .number()
  .finite()
  .nonnegative()
  .max(MAX_SECONDS, {
    message: `beyond ${MAX_SECONDS} s (7 days), the longest timeline a cue sheet may have`,
  });
const seconds = secondsSchema;

/** Offsets are UTF-16 positions in the script (checked against its length where the script is known: source-bounds.ts). */
export const sourceRangeSchema = z
  .object({ start: z.number().int().nonnegative(), end: z.number().int().nonnegative() })
  .refine((r) => r.end >= r.start, { message: 'source.end is before source.start' });

export const cueSchema = z
  .object({
    id: z.string().min(1),
    kind: z.enum(CUE_KINDS),
    speaker: z.string().min(1).optional(),
    /** Exactly the script's characters at `source` (markup and all): what offsets and ids rest on. */
    text: z.string(),
    /**
     * What is said aloud and shown (captions, tags, chapter names, scratch reading) when that differs
     * from `text`: Fountain emphasis, [[notes]], lyric marks and directions like "(BEAT)" removed;
     * "" for a cue nothing of which is spoken (a synopsis, a transition). Absent: `text` itself.
     */
    spoken: z.string().optional(),
    source: sourceRangeSchema,
    start: seconds.optional(),
    end: seconds.optional(),
    confidence: z.number().min(0).max(1).optional(),
    /** Why a placed cue needs a human listen ("squeezed", "low acoustic match"…); absent when it does not. */
    review: z.string().min(1).max(200).optional(),
    /**
     * The line is in the script but was not recorded (cut in the booth): it has no times, belongs
     * to no chapter, and no caption, chapter or export shows it. Alignment leaves it alone.
     */
    notRecorded: z.literal(true).optional(),
    /**
     * The script has the line spoken over the one before, in a way its text does not keep: a
     * speaker's extension ("MARK (OVERLAPPING):", Fountain's "MARK (overlapping)"), a Fountain
     * parenthetical "(overlapping)" line, or Fountain dual dialogue ("MARK ^").
     */
    overlaps: z.literal(true).optional(),
  })
  .refine((c) => c.start === undefined || c.end === undefined || c.end >= c.start, {
    message: 'end is before start',
  });

export const chapterSchema = z.object({
  id: z.string().min(1),
  title: z.string(),
  start: seconds.optional(),
  cueIds: z.array(z.string()),
});

/** A stretch of the recording that is sung or music: found by detection or marked by hand. */
export const sectionSchema = z
  .object({
    id: z.string().min(1),
    kind: z.enum(['sung', 'music']),
    start: seconds,
    end: seconds,
    origin: z.enum(['detected', 'marked']),
  })
  .refine((s) => s.end >= s.start, { message: 'section end is before its start' });

/**
 * A music bed under the narration: a file placed at `start`, at `gainDb`, ducked by `duckDb`
 * more while a spoken cue plays. The path is the producer's file (absolute, or relative to the
 * project file when saved beside it).
 */
export const bedSchema = z.object({
  id: z.string().min(1),
  path: z.string().min(1),
  start: seconds,
  gainDb: z.number().min(-60).max(12),
  duckDb: z.number().min(-60).max(0),
  /** Seconds into the file where the bed starts playing (trimmed head); 0 when absent. */
  offset: seconds.optional(),
  /** Seconds the bed lasts on the timeline (trimmed tail, or a looped span); the file's rest when absent. */
  length: z.number().positive().max(MAX_SECONDS).optional(),
  fadeIn: z.number().min(0).max(MAX_SECONDS).optional(),
  fadeOut: z.number().min(0).max(MAX_SECONDS).optional(),
  /** Repeats the file (from `offset`) to fill `length`. */
  loop: z.literal(true).optional(),
  /** A sound effect: never ducked under speech. */
  sfx: z.literal(true).optional(),
  /** The script's sound or music cue this file was picked for. */
  cueId: z.string().min(1).optional(),
});

export const cueSheetSchema = z
  .object({
    version: z.literal(CUE_SHEET_VERSION),
    title: z.string(),
    format: z.enum(SCRIPT_FORMATS).optional(),
    chapters: z.array(chapterSchema),
    cues: z.array(cueSchema),
    /** Sung / music sections on the recording's timeline (optional: absent before alignment). */
    sections: z.array(sectionSchema).optional(),
    /** Music beds under the narration (optional). */
    beds: z.array(bedSchema).optional(),
  })
  .superRefine((sheet, ctx) => {
    const ids = new Set<string>();
    for (const cue of sheet.cues) {
      if (ids.has(cue.id)) ctx.addIssue({ code: 'custom', message: `duplicate cue id "${cue.id}"` });
      ids.add(cue.id);
    }
    for (const chapter of sheet.chapters) {
      for (const id of chapter.cueIds) {
        if (!ids.has(id)) {
          ctx.addIssue({ code: 'custom', message: `chapter "${chapter.title}" names unknown cue "${id}"` });
        }
      }
    }
  });

export type CueKind = (typeof CUE_KINDS)[number];
export type ScriptFormat = (typeof SCRIPT_FORMATS)[number];
export type SourceRange = z.infer<typeof sourceRangeSchema>;
export type Cue = z.infer<typeof cueSchema>;
export type Chapter = z.infer<typeof chapterSchema>;
export type Section = z.infer<typeof sectionSchema>;
export type Bed = z.infer<typeof bedSchema>;
export type CueSheet = z.infer<typeof cueSheetSchema>;
