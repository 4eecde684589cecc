import { z } from 'zod';
import { cueSheetSchema } from '../../cues/cue-sheet.ts';
import { clipSchema, placementSchema } from '../../cues/production/timeline.ts';
import { lanesSchema, soundShapeSchema } from '../project/lanes-schema.ts';
import { pickupSchema } from '../project/pickup-schema.ts';
import { exportSettingsSchema } from '../project/project-schema.ts';
import { lineTakesSchema } from '../project/takes-schema.ts';
import type { MainApi } from '../shared/ipc.ts';

// Every payload the renderer sends is checked here before a handler sees it: unknown keys, wrong
// types and oversized strings are refused. `satisfies` ties the list to the handler object, so a
// new handler without a schema does not compile.

const path = z.string().min(1).max(4096);
const empty = z.object({}).strict();
/** A drama's sounds as moved, looped and faded in the page (by cue). */
const soundShapes = z.array(soundShapeSchema).max(100_000).optional();
/** The recordings and timeline as the page edited them (handlers.ts takeProduction checks the rest). */
const production = z
  .object({
    recordings: z
      .array(
        z
          .object({
            id: z.string().min(1).max(200),
            path,
            title: z.string().max(1000).optional(),
            pickup: z.boolean().optional(),
          })
          .strict(),
      )
      .min(1)
      .max(10_000),
    timeline: z.array(clipSchema).max(100_000).optional(),
    placements: z.array(placementSchema).max(1_000_000).optional(),
    pickups: z.array(pickupSchema).max(10_000).optional(),
    takes: z.array(lineTakesSchema).max(100_000).optional(),
    lanes: lanesSchema.optional(),
    sounds: z.array(soundShapeSchema).max(100_000).optional(),
    levelDialogue: z.boolean().optional(),
  })
  .strict();

export const API_SCHEMAS = {
  openSample: empty,
  pick: z
    .object({
      purpose: z.enum([
        'script',
        'audio',
        'project',
        'save-project',
        'export',
        'chapters',
        'cover',
        'stems-folder',
      ]),
      suggestedName: z.string().max(255).optional(),
    })
    .strict(),
  pickRecordings: empty,
  newProject: z.object({ scriptPath: path, audioPath: path }).strict(),
  openProject: z.object({ path }).strict(),
  recentProjects: empty,
  lastProject: empty,
  openRecent: z.object({ path }).strict(),
  recoverProject: z.object({ recoveryPath: path }).strict(),
  listRecoveries: empty,
  discardRecovery: z.object({ recoveryPath: path.optional() }).strict(),
  audioInfo: z.object({ path }).strict(),
  readChapters: z.object({ path }).strict(),
  saveProject: z
    .object({
      path: path.optional(),
      sheet: cueSheetSchema,
      exportSettings: exportSettingsSchema.optional(),
      production: production.optional(),
    })
    .strict(),
  autosave: z.object({ sheet: cueSheetSchema, production: production.optional() }).strict(),
  relinkAudio: z
    .object({
      audioPath: path,
      sheet: cueSheetSchema,
      recording: z.string().min(1).max(200).optional(),
      production: production.optional(),
    })
    .strict(),
  openRecordings: z.object({ paths: z.array(path).min(1).max(1000) }).strict(),
  peaks: z
    .object({
      samplesPerPixel: z
        .number()
        .int()
        .min(1)
        .max(1 << 20),
      path: path.optional(),
    })
    .strict(),
  pauses: empty,
  align: z
    .object({ sheet: cueSheetSchema, cueIds: z.array(z.string().max(200)).max(100_000).optional() })
    .strict(),
  alignRecordings: z.object({ sheet: cueSheetSchema, production: production.optional() }).strict(),
  setProduction: z.object({ sheet: cueSheetSchema, production }).strict(),
  dramaLevels: z.object({ sheet: cueSheetSchema, production: production.optional() }).strict(),
  replaceWithPickup: z
    .object({
      sheet: cueSheetSchema,
      production: production.optional(),
      path,
      cueIds: z.array(z.string().max(200)).min(1).max(100_000),
    })
    .strict(),
  sidecarsInTheWay: z.object({ sheet: cueSheetSchema, output: path }).strict(),
  exportProduction: z
    .object({
      sheet: cueSheetSchema,
      output: path,
      settings: exportSettingsSchema,
      replace: z.array(path).max(16).optional(),
      cover: path.optional(),
      lanes: lanesSchema.optional(),
      stems: path.optional(),
      level: z.boolean().optional(),
      sounds: soundShapes,
    })
    .strict(),
  cancelExport: empty,
  analyzeLoudness: empty,
  revealInFolder: z.object({ path }).strict(),
  mediaFor: z.object({ path }).strict(),
  bedPeaks: z.object({ path }).strict(),
  roomTone: z.object({ path }).strict(),
} satisfies Record<keyof MainApi, z.ZodType>;

export type ApiMethod = keyof typeof API_SCHEMAS;
