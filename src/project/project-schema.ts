import { z } from 'zod';
import { cueSheetSchema } from '../../cues/cue-sheet.ts';
import { clipSchema, placementSchema, recordingSchema } from '../../cues/production/timeline.ts';
import { sourceOverrun } from '../../cues/source-bounds.ts';
import { lanesSchema, soundSchema } from './lanes-schema.ts';
import { pickupSchema } from './pickup-schema.ts';
import { lineTakesSchema } from './takes-schema.ts';

// A project file references its audio (never copies it) and carries its own copy of the script
// text, because every cue's `source` offsets point into that exact text: if the script file on
// disk changes later, the project still opens with its cues intact.
// Version 2: an ordered list of recordings and a timeline of clips (cues/production/timeline.ts);
// every cue, section and chapter flag is placed on its recording's own clock (`placements`), and
// the sheet's project-level times are derived from those on load (project-store.ts).
// Version 3: a drama's sounds may be moved, looped and faded (lanes-schema.ts soundSchema) and the
// drama says whether its dialogue is levelled (`levelDialogue`); a version-2 file reads unchanged.
// Version 4: a drama's sound may have its head trimmed (`offset`); a version-3 file reads unchanged.

export const PROJECT_VERSION = 4;
export const PROJECT_EXTENSION = '.cwproj';

export const exportSettingsSchema = z.object({
  format: z.enum(['mp3', 'm4b', 'flac', 'opus', 'wav']),
  loudness: z.string(),
  sidecars: z.boolean(),
  lyricChapters: z.boolean(),
  /** The file's tags (ID3, MP4, Vorbis comments); absent: the sheet's title as title and album. */
  title: z.string().max(500).optional(),
  artist: z.string().max(500).optional(),
  album: z.string().max(500).optional(),
  /** Lossy formats: kbit/s; absent: the loudness preset's (or the format's default). */
  bitrate: z.number().int().min(32).max(320).optional(),
  /** Hz of the delivered file (resampled); absent: the preset's rate, else the recording's. */
  sampleRate: z.number().int().min(8000).max(192_000).optional(),
  /** One file per chapter (named after the output, numbered), with room tone at both ends. */
  perChapter: z.boolean().optional(),
  /** Seconds of room tone at each end of a chapter file, 1 to 5 (default 2, as `--room-tone`). */
  roomTone: z.number().min(1).max(5).optional(),
});

export const projectSchema = z
  .object({
    app: z.literal('cuewright'),
    version: z.literal(PROJECT_VERSION),
    script: z.object({ path: z.string(), text: z.string() }),
    /** In running order; paths relative to the project file when saved beside it. */
    recordings: z.array(recordingSchema).min(1, { message: 'a project needs at least one recording' }),
    /** The clips that play, in order; absent: every non-pickup recording whole, end to end. */
    timeline: z.array(clipSchema).optional(),
    /** Cues, sections and chapter flags on their recordings' clocks; absent: taken from the sheet's times. */
    placements: z.array(placementSchema).optional(),
    /** Pickups dropped in, each undoable (the clips it replaced are kept). */
    pickups: z.array(pickupSchema).optional(),
    /** An audio drama assembled from takes: per dialogue cue, its takes and the one that plays. */
    takes: z.array(lineTakesSchema).optional(),
    /** A drama's sound and music cues and the files that play them (lanes-schema.ts). */
    sounds: z.array(soundSchema).optional(),
    /** A drama's mixer: gain, pan, mute and solo by lane name; absent: every lane at unity. */
    lanes: lanesSchema.optional(),
    /**
     * A drama's dialogue levelled per actor (BS.1770, level-lanes.ts) in the preview and the export;
     * absent: levelled. `cuewright export --no-level` overrides it.
     */
    levelDialogue: z.boolean().optional(),
    /** Times here are derived from `placements` on load (written for people reading the file). */
    sheet: cueSheetSchema,
    exportSettings: exportSettingsSchema.optional(),
    savedAt: z.string(),
  })
  .superRefine((project, ctx) => {
    // The project carries the text its cues point into: every cue must point inside it.
    const overrun = sourceOverrun(project.sheet.cues, project.script.text.length);
    if (overrun) ctx.addIssue({ code: 'custom', path: ['sheet', ...overrun.path], message: overrun.message });
    // Every clip and placement names a recording of the project, and ids are unique.
    const ids = new Set<string>();
    for (const [i, r] of project.recordings.entries()) {
      if (ids.has(r.id))
        ctx.addIssue({
          code: 'custom',
          path: ['recordings', i, 'id'],
          message: `duplicate recording id "${r.id}"`,
        });
      ids.add(r.id);
    }
    const named = [
      ...(project.timeline ?? []).map((c, i) => ({ id: c.recording, path: ['timeline', i, 'recording'] })),
      ...(project.placements ?? []).map((p, i) => ({
        id: p.recording,
        path: ['placements', i, 'recording'],
      })),
      ...(project.takes ?? []).flatMap((line, i) =>
        line.takes.map((t, k) => ({ id: t.recording, path: ['takes', i, 'takes', k, 'recording'] })),
      ),
    ];
    const cueIds = new Set(project.sheet.cues.map((c) => c.id));
    for (const [i, sound] of (project.sounds ?? []).entries())
      if (!cueIds.has(sound.cue))
        ctx.addIssue({
          code: 'custom',
          path: ['sounds', i, 'cue'],
          message: `names no cue ("${sound.cue}")`,
        });
    for (const { id, path } of named)
      if (!ids.has(id))
        ctx.addIssue({ code: 'custom', path, message: `names no recording of the project ("${id}")` });
  });

export type ProjectFile = z.infer<typeof projectSchema>;
export type ExportSettings = z.infer<typeof exportSettingsSchema>;

export const DEFAULT_EXPORT_SETTINGS: ExportSettings = {
  format: 'mp3',
  loudness: 'podcast-mono',
  sidecars: true,
  lyricChapters: true,
};
