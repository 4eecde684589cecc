import type { CueSheet } from '../../../cues/cue-sheet.ts';
import { cueRun } from '../../../cues/production/pickup.ts';
import { clockTime } from '../../../cues/sidecars/timecode.ts';
import type { AlignEngine } from '../../align/align-recording.ts';
import { FileError } from '../../io/file-error.ts';
import { findPickupCues } from '../../production/find-pickup-cues.ts';
import { pickupTake } from '../../production/pickup-take.ts';
import { applyPickup, dropPickup, removePickup } from '../../project/pickups.ts';
import { loadProject, saveProject, storedAudioPath } from '../../project/project-store.ts';
import { UsageError } from '../cli-error.ts';
import type { Io } from '../output.ts';
import { progressBar } from '../progress-bar.ts';

// `cuewright pickup PROJECT.cwproj PICKUP [--from CUE --to CUE] [-o OUT.cwproj]`: the pickup (a
// re-recording of those cues, found by listening when not named) is aligned, cut in at the pauses around them with a short
// crossfade, brought to the level of the reading around it, the original's room tone mixed under
// it when its room was quieter; `--undo ID` takes one out again; `--remove ID` drops a pickup
// taken out from the project (its file is no longer needed, even to export).
// CUE is a cue id or its number (1 = the first cue), as `cuewright project` lists them.

export interface PickupArgs {
  project: string;
  pickup?: string;
  from?: string;
  to?: string;
  undo?: string;
  /** A pickup taken out (--undo) to drop from the project. */
  remove?: string;
  output?: string;
  engine?: string;
}

/** A pickup's room noisier than the original's by this much is named: a listener may hear it change. */
const ROOM_TONE_WARN_DB = 6;

export async function runPickup(args: PickupArgs, io: Io): Promise<void> {
  const project = await loadProject(args.project);
  const target = args.output ?? args.project;
  if (args.undo) {
    const undone = (() => {
      try {
        return removePickup(project, args.undo);
      } catch (error) {
        throw FileError.wrap(args.project, error);
      }
    })();
    await saveProject(target, undone);
    io.out(`took out ${args.undo}: the original plays again (${target})\n`);
    return;
  }
  if (args.remove) {
    const dropped = (() => {
      try {
        return dropPickup(project, args.remove);
      } catch (error) {
        throw FileError.wrap(args.project, error);
      }
    })();
    await saveProject(target, dropped);
    io.out(`dropped ${args.remove} from the project: its file is no longer needed (${target})\n`);
    return;
  }
  if (!args.pickup)
    throw new UsageError(
      'pickup needs PROJECT PICKUP [--from CUE --to CUE] (or PROJECT --undo ID, or PROJECT --remove ID)',
    );
  if ((args.from === undefined) !== (args.to === undefined))
    throw new UsageError('give both --from and --to, or neither to find the cues the pickup says');
  const named: { first: string; last: string; fit?: number } | undefined =
    args.from !== undefined && args.to !== undefined
      ? { first: cueIdOf(project.sheet, args.from), last: cueIdOf(project.sheet, args.to) }
      : undefined;
  const number = (id: string) => project.sheet.cues.findIndex((c) => c.id === id) + 1;
  // A reversed range named as the user typed it, not by the cues' inner ids.
  if (named && number(named.last) < number(named.first))
    throw new UsageError(`--to ${args.to} comes before --from ${args.from}: give the first cue first`);
  const { first, last, fit } = named ?? (await heardCues(project.sheet, args.pickup, io));
  const bar = progressBar('aligning');
  const { take, measures } = await pickupTake(project, args.project, args.pickup, first, last, {
    ...(args.engine ? { engine: args.engine as AlignEngine } : {}),
    onProgress: bar,
    storedPath: storedAudioPath(target, args.pickup),
    ...(fit !== undefined ? { heard: fit } : {}),
  }).finally(() => bar.done());
  const { id } = take;
  const run = new Set(cueRun(project.sheet, first, last));
  const {
    originalFrom: oa,
    originalTo: ob,
    gainDb,
    originalToneDb: originalTone,
    pickupToneDb: pickupTone,
    roomToneDb,
  } = measures;
  const next = (() => {
    try {
      return applyPickup(project, take);
    } catch (error) {
      throw FileError.wrap(args.project, error);
    }
  })();
  await saveProject(target, next);
  const edit = next.pickups!.at(-1)!;
  const at = edit.after.findIndex((c) => c.recording === id);
  const cut = edit.after[at]!;
  // Where the original leaves and comes back (in the pauses around the cues), on its own clock.
  const out = edit.after[at - 1]?.to ?? oa;
  const back = edit.after[at + 1]?.from ?? ob;
  const cues = run.size === 1 ? `cue ${number(first)}` : `cues ${number(first)}..${number(last)}`;
  io.out(
    `${id} replaces ${cues} of ${measures.originalPath} (${clockTime(oa)}–${clockTime(ob)}): cut out at ${clockTime(out)}, back in at ${clockTime(back)}; the pickup's ${clockTime(cut.from)}–${clockTime(cut.to)} plays, ${Math.round(-(cut.gapBefore ?? 0) * 1000)} ms crossfades, gain ${gainDb >= 0 ? '+' : ''}${gainDb.toFixed(1)} dB\n`,
  );
  if (measures.heard < 0.999)
    io.out(`  ${Math.round(measures.heard * 100)} % of the cues' words heard in the pickup\n`);
  if (measures.voice) io.out(`  voice: ${measures.voice}\n`);
  const pickupFlags = measures.flagged;
  if (pickupFlags > 0) io.out(`  ${pickupFlags} of the pickup's cues to review\n`);
  if (roomToneDb !== undefined)
    io.out(
      `  room tone: the original's (${originalTone.toFixed(0)} dB) mixed under the pickup (its own ${pickupTone.toFixed(0)} dB after the gain)\n`,
    );
  else if (pickupTone > originalTone + ROOM_TONE_WARN_DB)
    io.out(
      `  room tone: the pickup's is ${pickupTone.toFixed(0)} dB, the original's ${originalTone.toFixed(0)} dB: the room may be heard to change\n`,
    );
  io.out(`  wrote ${target}; undo: cuewright pickup ${target} --undo ${id}\n`);
}

/** The cues the pickup says, found by listening (find-pickup-cues.ts), reported by number. */
async function heardCues(
  sheet: CueSheet,
  pickup: string,
  io: Io,
): Promise<{ first: string; last: string; fit?: number }> {
  const found = await findPickupCues(sheet, pickup);
  const number = (id: string) => sheet.cues.findIndex((c) => c.id === id) + 1;
  io.out(
    `${pickup} says cues ${number(found.first)}..${number(found.last)} (${found.first}..${found.last}, ${Math.round(found.fit * 100)} % of their words heard)\n`,
  );
  return found;
}

/** A cue by id, or by its number in the sheet (1-based). */
function cueIdOf(sheet: CueSheet, value: string): string {
  if (sheet.cues.some((c) => c.id === value)) return value;
  const n = Number(value);
  if (Number.isInteger(n) && n >= 1 && n <= sheet.cues.length) return sheet.cues[n - 1]!.id;
  throw new UsageError(`no cue "${value}": give a cue id or a number from 1 to ${sheet.cues.length}`);
}
