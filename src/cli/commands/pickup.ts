import { LoudnessMeter } from '../../../audio/loudness/loudness-meter.ts';
import type { CueSheet } from '../../../cues/cue-sheet.ts';
import { InputError } from '../../../cues/input-error.ts';
import { cueRun } from '../../../cues/production/pickup.ts';
import type { Placement } from '../../../cues/production/timeline.ts';
import { clockTime } from '../../../cues/sidecars/timecode.ts';
import { type AlignEngine, alignFile } from '../../align/align-recording.ts';
import { decodeStretch } from '../../audio-io/decode-audio-file.ts';
import { FileError } from '../../io/file-error.ts';
import { findPickupCues } from '../../production/find-pickup-cues.ts';
import { surveyRecording } from '../../production/survey-recording.ts';
import { fileTitle } from '../../project/migrate-project.ts';
import { applyPickup, type PickupTake, removePickup } from '../../project/pickups.ts';
import { loadProject, resolveAudioPath, saveProject, storedAudioPath } from '../../project/project-store.ts';
import { UsageError } from '../cli-error.ts';
import type { Io } from '../output.ts';
import { progressBar } from '../progress-bar.ts';

// `cuewright pickup PROJECT.cwproj PICKUP [--from CUE --to CUE] [-o OUT.cwproj]`: the pickup (a
// re-recording of those cues, found by listening when not named) is aligned, cut in at the pauses around them with a short
// crossfade, brought to the level of the reading around it, the original's room tone mixed under
// it when its room was quieter; `--undo ID` takes one out again.
// CUE is a cue id or its number (1 = the first cue), as `cuewright project` lists them.

export interface PickupArgs {
  project: string;
  pickup?: string;
  from?: string;
  to?: string;
  undo?: string;
  output?: string;
  engine?: string;
}

/** The gain a pickup may get to meet the reading around it, dB either way. */
const MAX_GAIN = 12;
/** A pickup's room noisier than the original's by this much is named: a listener may hear it change. */
const ROOM_TONE_WARN_DB = 6;
/** A pickup's room quieter than the original's by more than this gets the original's tone under it. */
const ROOM_TONE_FILL_DB = 1;

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
  if (!args.pickup)
    throw new UsageError('pickup needs PROJECT PICKUP [--from CUE --to CUE] (or PROJECT --undo ID)');
  if ((args.from === undefined) !== (args.to === undefined))
    throw new UsageError('give both --from and --to, or neither to find the cues the pickup says');
  const { first, last } =
    args.from !== undefined && args.to !== undefined
      ? { first: cueIdOf(project.sheet, args.from), last: cueIdOf(project.sheet, args.to) }
      : await heardCues(project.sheet, args.pickup, io);
  const run = new Set(cueRun(project.sheet, first, last));
  const cues = project.sheet.cues
    .filter((c) => run.has(c.id))
    .map(({ start: _s, end: _e, confidence: _c, review: _r, ...cue }) => cue);
  const part: CueSheet = {
    ...project.sheet,
    cues,
    chapters: [{ id: 'pickup', title: project.sheet.title, cueIds: cues.map((c) => c.id) }],
    sections: [],
  };
  const bar = progressBar('aligning');
  const aligned = await alignFile(part, args.pickup, {
    ...(args.engine ? { engine: args.engine as AlignEngine } : {}),
    onProgress: (_phase, f) => bar(f),
  }).finally(() => bar.done());
  const n = (project.pickups ?? []).length + 1;
  let id = `pickup-${n}`;
  for (let k = n; project.recordings.some((r) => r.id === id); k++) id = `pickup-${k + 1}`;
  const survey = await surveyRecording(args.pickup);
  const duration = survey.frames / survey.probe.sampleRate;
  const onPickup: Placement[] = aligned.cues.flatMap((c) =>
    c.start === undefined
      ? []
      : [
          {
            id: c.id,
            kind: 'cue' as const,
            recording: id,
            start: c.start,
            ...(c.end !== undefined ? { end: c.end } : {}),
          },
        ],
  );
  if (!onPickup.some((p) => p.id === first) || !onPickup.some((p) => p.id === last))
    throw new InputError(`${args.pickup}: the pickup could not be aligned to its first and last cue`);
  // The level of the reading it replaces, and the pickup's own, over the same cues.
  const original = (project.placements ?? []).filter((p) => p.kind === 'cue' && run.has(p.id));
  const originalRecording = project.recordings.find((r) => r.id === original[0]?.recording);
  if (!originalRecording) throw new InputError('the cues the pickup replaces are not placed on a recording');
  const originalPath = resolveAudioPath(args.project, originalRecording.path);
  const span = (ps: Placement[]) =>
    [Math.min(...ps.map((p) => p.start)), Math.max(...ps.map((p) => p.end ?? p.start))] as const;
  const [oa, ob] = span(original);
  const [pa, pb] = span(onPickup.filter((p) => run.has(p.id)));
  const level = async (path: string, from: number, to: number) => {
    const audio = await decodeStretch(path, from, to);
    const meter = new LoudnessMeter(audio.sampleRate, audio.channels.length);
    meter.push(audio.channels);
    return meter.result().integrated;
  };
  const wanted = (await level(originalPath, oa, ob)) - (await level(args.pickup, pa, pb));
  const gainDb = Number.isFinite(wanted) ? Math.max(-MAX_GAIN, Math.min(MAX_GAIN, wanted)) : 0;
  // Room tone: a pickup from a quieter room gets the original's room tone mixed under it, as much
  // as makes up the difference in power; a noisier one is named (noise cannot be taken out here).
  const originalTone = rms((await surveyRecording(originalPath)).roomTone);
  const pickupTone = rms(survey.roomTone) + gainDb;
  const missing = 10 ** (originalTone / 10) - 10 ** (pickupTone / 10);
  const roomToneDb =
    Number.isFinite(originalTone) && originalTone > pickupTone + ROOM_TONE_FILL_DB
      ? Math.round((10 * Math.log10(missing) - originalTone) * 10) / 10
      : undefined;
  const take: PickupTake = {
    id,
    recording: {
      id,
      path: storedAudioPath(target, args.pickup),
      size: survey.probe.size,
      duration,
      title: survey.title || fileTitle(args.pickup),
    },
    first,
    last,
    aligned: aligned.cues.flatMap((cue) => {
      const placement = onPickup.find((p) => p.id === cue.id);
      return placement ? [{ cue, placement }] : [];
    }),
    ...(Math.abs(gainDb) >= 0.1 ? { gainDb: Math.round(gainDb * 10) / 10 } : {}),
    ...(roomToneDb !== undefined ? { roomToneDb } : {}),
  };
  const next = (() => {
    try {
      return applyPickup(project, take);
    } catch (error) {
      throw FileError.wrap(args.project, error);
    }
  })();
  await saveProject(target, next);
  const edit = next.pickups!.at(-1)!;
  const cut = edit.after.find((c) => c.recording === id)!;
  io.out(
    `${id} replaces cues ${first}..${last} (${run.size}): the original cut from ${clockTime(edit.before[0]!.from)}… at ${clockTime(oa)}–${clockTime(ob)}, the pickup's ${clockTime(cut.from)}–${clockTime(cut.to)} in, ${Math.round(-(cut.gapBefore ?? 0) * 1000)} ms crossfades, gain ${gainDb >= 0 ? '+' : ''}${gainDb.toFixed(1)} dB\n`,
  );
  const pickupFlags = aligned.cues.filter((c) => c.review).length;
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

function rms(window: Float32Array[] | undefined): number {
  if (!window?.[0]?.length) return Number.NEGATIVE_INFINITY;
  let e = 0;
  for (const c of window) for (const x of c) e += x * x;
  return 10 * Math.log10(e / (window.length * window[0].length));
}

/** The cues the pickup says, found by listening (find-pickup-cues.ts), reported by number. */
async function heardCues(sheet: CueSheet, pickup: string, io: Io): Promise<{ first: string; last: string }> {
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
