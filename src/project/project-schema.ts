import { z } from 'zod';
import { cueSheetSchema, secondsSchema } from '../../cues/cue-sheet.ts';
import { sourceOverrun } from '../../cues/source-bounds.ts';

// A project file references its audio (never copies it) and carries its own copy of the script
// text, because every cue's `source` offsets point into that exact text: if the script file on
// disk changes later, the project still opens with its cues intact.

export const PROJECT_VERSION = 1;
export const PROJECT_EXTENSION = '.cwproj';

export const exportSettingsSchema = z.object({
  format: z.enum(['mp3', 'm4b', 'flac', 'opus', 'wav']),
  loudness: z.string(),
  sidecars: z.boolean(),
  lyricChapters: z.boolean(),
});

export const projectSchema = z
  .object({
    app: z.literal('cuewright'),
    version: z.literal(PROJECT_VERSION),
    script: z.object({ path: z.string(), text: z.string() }),
    /** Relative to the project file when it was saved beside it, so moving the folder keeps the link. */
    audio: z.object({
      path: z.string(),
      size: z.number().int().nonnegative(),
      duration: secondsSchema,
    }),
    sheet: cueSheetSchema,
    exportSettings: exportSettingsSchema.optional(),
    savedAt: z.string(),
  })
  .superRefine((project, ctx) => {
    // The project carries the text its cues point into: every cue must point inside it.
    const overrun = sourceOverrun(project.sheet.cues, project.script.text.length);
    if (overrun) ctx.addIssue({ code: 'custom', path: ['sheet', ...overrun.path], message: overrun.message });
  });

export type ProjectFile = z.infer<typeof projectSchema>;
export type ExportSettings = z.infer<typeof exportSettingsSchema>;

export const DEFAULT_EXPORT_SETTINGS: ExportSettings = {
  format: 'mp3',
  loudness: 'podcast-mono',
  sidecars: true,
  lyricChapters: true,
};
