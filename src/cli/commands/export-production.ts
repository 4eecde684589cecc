import { open } from 'node:fs/promises';
import { resolve } from 'node:path';
import { refuseUndelivered } from '../../../audio/export/delivery-spec.ts';
import { sniffAudioFormat } from '../../../audio/sniff-format.ts';
import type { CueSheet } from '../../../cues/cue-sheet.ts';
import { InputError } from '../../../cues/input-error.ts';
import { readCueSheet } from '../../../cues/read-cue-sheet.ts';
import { clockTime } from '../../../cues/sidecars/timecode.ts';
import { counted } from '../../../cues/text/counted.ts';
import { probeAudio } from '../../audio-io/audio-source.ts';
import { exportFormatOf } from '../../export/export-audio.ts';
import { refuseSidecarsInTheWay, sidecarPaths, writeSidecars } from '../../export/write-sidecars.ts';
import { FileError } from '../../io/file-error.ts';
import { CUE_SHEET_LIMIT, readRegularText } from '../../io/read-regular-file.ts';
import { loadScript, readScriptText } from '../../io/read-script-file.ts';
import { exportProduction, type ProductionRequest } from '../../production/export-production.ts';
import { recordingProblems } from '../../project/check-recordings.ts';
import { PROJECT_EXTENSION } from '../../project/project-schema.ts';
import { loadProject, resolveAudioPath } from '../../project/project-store.ts';
import { UsageError } from '../cli-error.ts';
import { type Io, toJson } from '../output.ts';
import { progressBar } from '../progress-bar.ts';
import {
  bitrate,
  coverOf,
  deliveredPhrase,
  type ExportArgs,
  loudnessTarget,
  presetShapeLine,
  shapeText,
  verdict,
  warnIfMissed,
} from './export.ts';

// `cuewright export [SCRIPT | PROJECT.cwproj] A B C... -o OUT`: one chaptered file (or one per
// chapter) from every recording in order. With no script, a chapter per file from its tags or
// name (the m4b-tool merge); --keep-chapters keeps the files' own chapters, shifted, in place of
// a chapter per file or of the script's chapters inside each file that has its own.

/** The single-recording export's options, with several inputs in place of SCRIPT and AUDIO. */
export interface ExportProductionArgs extends Omit<ExportArgs, 'script' | 'audio'> {
  /** The positional arguments: [SCRIPT | PROJECT] then the recordings (none after a project). */
  inputs: string[];
  gap?: string;
  keepChapters: boolean;
}

/**
 * Whether `path` is audio (by its first bytes), not a script; an unreadable file is named. A
 * missing one is no audio: the single-recording export then refuses what the preset does not
 * deliver before it names the missing script.
 */
export async function isAudioFile(path: string): Promise<boolean> {
  try {
    const file = await open(path, 'r');
    try {
      const head = new Uint8Array(64 << 10);
      const { bytesRead } = await file.read(head, 0, head.length, 0);
      return sniffAudioFormat(head.subarray(0, bytesRead)) !== undefined;
    } finally {
      await file.close();
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw FileError.wrap(path, error);
  }
}

export async function runExportProduction(args: ExportProductionArgs, io: Io): Promise<void> {
  if (!args.output) throw new UsageError('export needs -o OUT.(mp3|m4b|flac|opus|wav)');
  const format = exportFormatOf(args.output);
  const loudness = args.loudness !== undefined ? loudnessTarget(args.loudness) : undefined;
  const rate = args.bitrate !== undefined ? bitrate(args.bitrate) : undefined;
  if (loudness) refuseUndelivered(format, loudness.delivery, loudness.name, rate);
  const perChapter = args.perChapter || loudness?.delivery?.perChapter !== undefined;
  const gap = gapOf(args.gap);
  const { recordings, script, timeline, readsAlso, pickups } = await productionInputs(args, (line) =>
    io.err(line),
  );
  const pickupPaths = new Set(pickups ?? []);
  // The same file named twice plays twice: likely a slip, so said (its chapters are numbered).
  const named = recordings.map((p) => resolve(p));
  for (const [i, p] of named.entries())
    if (named.indexOf(p) !== i && !timeline)
      io.err(
        `warning: ${recordings[i]} is given more than once: it plays ${named.filter((q) => q === p).length} times\n`,
      );
  const cover = args.cover ? await coverOf(args.cover) : undefined;
  const measuring = progressBar('measuring');
  const encoding = progressBar('encoding ');
  let phase: 'measuring' | 'encoding' = 'measuring';
  const title = args.title ?? script?.sheet.title;
  const request: ProductionRequest = {
    recordings,
    output: args.output,
    ...(script ? { script } : {}),
    ...(timeline ? { timeline } : {}),
    ...(title ? { title } : {}),
    gap,
    keepChapters: args.keepChapters,
    tags: {
      genre: 'Audiobook',
      ...(title ? { title } : {}),
      ...(args.artist ? { artist: args.artist } : {}),
      ...(args.album || title ? { album: args.album ?? title } : {}),
      ...(cover ? { cover } : {}),
    },
    ...(loudness ? { loudness } : {}),
    ...(rate !== undefined ? { bitrate: rate } : {}),
    lyricsAsChapters: args.lyricChapters,
    wavId3: args.wavId3,
    readsAlso: [...readsAlso, ...(args.cover ? [{ path: args.cover, role: 'cover image' }] : [])],
    ...(perChapter
      ? { perChapter: { roomTone: args.roomTone === undefined ? 2 : Number(args.roomTone) } }
      : {}),
    onSurvey: (f) => measuring(0.5 * f),
    onProgress: (p, f) => {
      if (p !== phase) measuring.done();
      phase = p;
      if (p === 'measuring') measuring(0.5 + 0.5 * f);
      else encoding(f);
    },
  };
  const result = await exportProduction(request).finally(() => encoding.done());
  if (result.files) {
    if (args.json) io.out(toJson({ recordings: result.recordings, files: result.files }));
    else
      for (const file of result.files)
        io.out(`wrote ${file.output} (${clockTime(file.duration)})${verdict(file)}\n`);
    return;
  }
  const file = result.file!;
  const sidecarSheet = result.sheet;
  if (args.sidecars && sidecarPaths(args.output, sidecarSheet).length > 0)
    await refuseSidecarsInTheWay(
      args.output,
      sidecarSheet,
      args.force ? 'all' : 'none',
      '--force replaces them',
    );
  const written = args.sidecars
    ? await writeSidecars(args.output, sidecarSheet, file.chapters, args.artist, args.force ? 'all' : 'none')
    : [];
  if (args.json) {
    const { sheet: _sheet, ...summary } = result;
    io.out(toJson({ ...summary, sidecars: written }));
    return;
  }
  const reached = file.delivered ? `, ${deliveredPhrase(file.delivered)}` : '';
  // Files, not clips: a recording cut around a pickup plays twice but is one file (a file named
  // twice on the command line is counted as given).
  const paths = new Set(result.recordings.map((r) => r.path));
  const inPickups = [...paths].filter((p) => pickupPaths.has(p)).length;
  const files = timeline ? paths.size - inPickups : recordings.length;
  const from = [
    `${files} ${files === 1 ? 'recording' : 'recordings'}`,
    ...(inPickups > 0 ? [`${inPickups} ${inPickups === 1 ? 'pickup' : 'pickups'}`] : []),
  ].join(' and ');
  io.out(
    `wrote ${file.output} (${file.format}, ${shapeText(file)}, ${clockTime(file.duration)}${reached}) from ${from}\n`,
  );
  io.out(presetShapeLine(args.loudness, loudness, file, { bitrate: rate, sampleRate: args.sampleRate }));
  warnIfMissed(io, file.output, loudness, file.delivered);
  for (const r of result.recordings)
    io.out(
      `  ${clockTime(r.start)}  ${r.path}${r.gapBefore > 0 ? ` (after ${r.gapBefore.toFixed(2)} s of room tone)` : r.joinedOnSpeech ? ' (joined on speech: no room tone)' : ''}\n`,
    );
  io.out('chapters:\n');
  for (const chapter of file.chapters) io.out(`  ${clockTime(chapter.start)}  ${chapter.title}\n`);
  for (const path of written) io.out(`  + ${path}\n`);
}

/** Whether the name says audio: a file so named is never taken for a script. */
export function namedAsAudio(path: string): boolean {
  return /\.(wav|mp3|m4a|m4b|mp4|aac|flac|ogg|oga|opus)$/i.test(path);
}

function gapOf(value: string | undefined): number | 'auto' {
  if (value === undefined || value === 'auto') return 'auto';
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 60)
    throw new UsageError(`--gap takes seconds from 0 to 60, or auto; got "${value}"`);
  return seconds;
}

/** The recordings, and the script with its cue times when there is one. */
async function productionInputs(
  args: ExportProductionArgs,
  warn?: (line: string) => void,
): Promise<{
  recordings: string[];
  script?: ProductionRequest['script'];
  timeline?: ProductionRequest['timeline'];
  readsAlso: Array<{ path: string; role: string }>;
  /** The recordings that are pickups (a project's). */
  pickups?: string[];
}> {
  const [first, ...rest] = args.inputs;
  if (first === undefined)
    throw new UsageError('export needs the recordings (and a script or project before them)');
  if (first.endsWith(PROJECT_EXTENSION)) {
    if (rest.length > 0) throw new UsageError('a project names its own recordings: give it alone');
    const project = await loadProject(first);
    const timeline = project.timeline;
    // A pickup taken out (--undo) does not play: its file is not needed, only named when missing.
    const takenOut = new Set(
      project.recordings
        .filter(
          (r) =>
            r.pickup &&
            !(timeline ?? []).some((c) => c.recording === r.id) &&
            !(project.pickups ?? []).some((p) => p.recording === r.id),
        )
        .map((r) => r.id),
    );
    const isTakenOut = (r: { id: string }) => takenOut.has(r.id);
    for (const r of project.recordings.filter(isTakenOut))
      for (const problem of await recordingProblems(first, { ...project, recordings: [r], placements: [] }))
        warn?.(
          `warning: ${problem}: ${r.id} was taken out and does not play (drop it: cuewright pickup ${first} --remove ${r.id})\n`,
        );
    // A swapped or missing file, or a time past a file's end, is refused before any work.
    const problems = await recordingProblems(first, {
      ...project,
      recordings: project.recordings.filter((r) => !isTakenOut(r)),
    });
    if (problems.length > 0)
      throw new InputError(
        problems.length === 1
          ? problems[0]!
          : `${problems[0]} (and ${counted(problems.length - 1, 'more problem')})`,
      );
    // An edited timeline plays the recordings its clips name; otherwise every non-pickup recording.
    const playing = timeline
      ? project.recordings.filter((r) => timeline.some((c) => c.recording === r.id))
      : project.recordings.filter((r) => !r.pickup);
    return {
      recordings: playing.map((r) => resolveAudioPath(first, r.path)),
      script: {
        sheet: project.sheet,
        placements: project.placements ?? [],
        recordingIds: playing.map((r) => r.id),
      },
      ...(timeline ? { timeline } : {}),
      readsAlso: [{ path: first, role: 'project' }],
      pickups: playing.filter((r) => r.pickup).map((r) => resolveAudioPath(first, r.path)),
    };
  }
  // A file named as audio that is not (text saved as .wav) is named, not read as a script.
  if (namedAsAudio(first) && !(await isAudioFile(first))) await probeAudio(first);
  if (await isAudioFile(first)) {
    if (args.cues)
      throw new UsageError('--cues needs the script first: export SCRIPT A B C... --cues CUES.json');
    return { recordings: args.inputs, readsAlso: [] };
  }
  if (rest.length === 0) throw new UsageError('export needs at least one recording after the script');
  const readsAlso = [
    { path: first, role: 'script' },
    ...(args.cues ? [{ path: args.cues, role: 'cue sheet' }] : []),
  ];
  return { recordings: rest, script: { sheet: await timedSheet(first, args.cues) }, readsAlso };
}

async function timedSheet(script: string, cues: string | undefined): Promise<CueSheet> {
  if (!cues) return (await loadScript(script)).sheet;
  const json = await readRegularText(cues, CUE_SHEET_LIMIT);
  const text = await readScriptText(script);
  try {
    return readCueSheet(json, text);
  } catch (error) {
    throw FileError.wrap(cues, error);
  }
}
