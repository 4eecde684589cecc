import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { refuseUndelivered } from '../../audio/export/delivery-spec.ts';
import {
  LOUDNESS_PRESETS,
  type LoudnessPreset,
  type LoudnessTarget,
  targetMissed,
} from '../../audio/export/loudness-target.ts';
import { shapeOf } from '../../audio/mix/drama-sounds.ts';
import type { Pause } from '../../audio/silence/find-pauses.ts';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { type CueTimes, placedTimes } from '../../cues/edit/cue-timing.ts';
import { InputError } from '../../cues/input-error.ts';
import { sheetOnTimeline } from '../../cues/production/place-on-recordings.ts';
import {
  type Clip,
  type Placement,
  placeClips,
  timelineDuration,
  toRecordingTime,
} from '../../cues/production/timeline.ts';
import { pausesOnTimeline } from '../../cues/production/timeline-pauses.ts';
import { sourceOverrun } from '../../cues/source-bounds.ts';
import { alignRange } from '../align/align-range.ts';
import { alignFile } from '../align/align-recording.ts';
import { type AudioAnalysis, analyzeAudio } from '../audio-io/analyze-audio.ts';
import { audioSeconds } from '../audio-io/audio-metadata.ts';
import { probeAudio } from '../audio-io/audio-source.ts';
import { decodeStretch } from '../audio-io/decode-audio-file.ts';
import { readChaptersFrom } from '../chapters/read-chapters.ts';
import {
  type ExportRequest,
  type ExportResult,
  exportAudio,
  exportFormatOf,
} from '../export/export-audio.ts';
import { type ChapterFile, exportChapterFiles } from '../export/export-chapters.ts';
import {
  refuseSidecarsInTheWay,
  sidecarPaths,
  sidecarsInTheWay,
  writeSidecars,
} from '../export/write-sidecars.ts';
import { coverOf } from '../io/cover-image.ts';
import { FileError } from '../io/file-error.ts';
import { makeFolder } from '../io/make-folder.ts';
import { loadScript } from '../io/read-script-file.ts';
import { alignProduction } from '../production/align-production.ts';
import { exportDramaMix } from '../production/drama-export.ts';
import { mixProject } from '../production/drama-mix.ts';
import { exportProduction as exportProductionFile } from '../production/export-production.ts';
import { pickupTake } from '../production/pickup-take.ts';
import { autosave, clearRecovery, listRecoveries, recoveryFor } from '../project/autosave.ts';
import type { SoundShape } from '../project/lanes-schema.ts';
import { applyPickup } from '../project/pickups.ts';
import {
  DEFAULT_EXPORT_SETTINGS,
  type ExportSettings,
  PROJECT_VERSION,
  type ProjectFile,
  projectSchema,
} from '../project/project-schema.ts';
import { loadProject, resolveAudioPath, saveProject, storedAudioPath } from '../project/project-store.ts';
import { timelineOf, withPlacements } from '../project/project-timeline.ts';
import { takesKept } from '../project/takes-kept.ts';
import type { AppEvent, TaskName } from '../shared/app-events.ts';
import { mapLimited } from '../shared/map-limited.ts';
import type { ExportSummary, PeaksData, ProjectView, RecordingView } from '../shared/project-view.ts';
import type { RoomToneData } from '../shared/room-tone-data.ts';
import { OpenAudio } from './open-audio.ts';
import { asRecording, type OpenRecording, recordingView } from './open-recording.ts';
import { type Access, AccessError, isInside, type PathGrants, realPath } from './path-grants.ts';
import type { Picker, PickPurpose } from './picker.ts';
import { RecentProjects } from './recent-projects.ts';
import { checkRelinkedLength } from './relink-check.ts';
import { sampleProduction } from './sample-production.ts';
import { checkSheetFiles, sheetFilePath, sheetFiles } from './sheet-files.ts';
import { ALIGN_SHARES, EXPORT_SHARES, forwardProgress } from './task-progress.ts';

/** The loudness setting that keeps the recording's level (no normalisation, no limiter). */
export const NO_LOUDNESS_CHANGE = 'none';

export interface AppDeps {
  /** The app's own folder: sample production, peaks cache, autosave recoveries. */
  dataDir: string;
  picker: Picker;
  grants: PathGrants;
  /** The URL the renderer's media element streams a token's audio from. */
  mediaUrl(token: string): string;
  emit(event: AppEvent): void;
  /** Shows a file in the system's file manager (the app only). */
  reveal?(path: string): void;
  /**
   * The folder every file a project names must lie in (`cuewright serve --root`): a project found
   * there must not open the rest of the disk to the page. None in the desktop app.
   */
  referencesWithin?: string;
  /** Start with the project last opened or saved (the desktop app); otherwise with the sample. */
  reopenLast?: boolean;
}

/** What a pick grants: a project picked to open or save may be opened (and grant what it names). */
const PICK_ACCESS: Record<PickPurpose, Access[]> = {
  script: ['read'],
  audio: ['read'],
  project: ['read', 'project'],
  'save-project': ['read', 'write', 'project'],
  export: ['read', 'write'],
  chapters: ['read'],
  cover: ['read'],
  'stems-folder': ['write'],
};

interface OpenProject {
  projectPath?: string;
  scriptPath: string;
  scriptText: string;
  /** In running order (at least one). */
  recordings: OpenRecording[];
  timeline?: Clip[];
  placements?: Placement[];
  pickups?: ProjectFile['pickups'];
  /** An assembled drama's takes per line (`cuewright assemble`): kept through every save. */
  takes?: ProjectFile['takes'];
  /** A drama's mixer per lane (gain, pan, mute, solo): edited in the app, kept through every save. */
  lanes?: ProjectFile['lanes'];
  /** A drama's sound and music cues and their files (`cuewright assemble --sfx/--music`), as moved, looped and faded. */
  sounds?: ProjectFile['sounds'];
  /** A drama's dialogue levelled per actor (absent: yes), in the preview and the export. */
  levelDialogue?: boolean;
  /**
   * Each sound file's rate (Hz) and length (seconds, where its header says it), by path: the
   * drama mix's rate and how far past its last line the preview runs.
   */
  soundInfo?: Map<string, { sampleRate: number; seconds?: number }>;
  exportSettings: ExportSettings;
  isSample: boolean;
}

/** The recordings and timeline of a project as the renderer edits them (add, remove, reorder). */
export interface ProductionEdit {
  recordings: Array<{ id: string; path: string; title?: string; pickup?: boolean }>;
  timeline?: Clip[];
  placements?: Placement[];
  /** The pickups dropped in (each undoable), as the page holds them. */
  pickups?: ProjectFile['pickups'];
  /** An assembled drama's takes with the picks as the page holds them (absent: kept as they are). */
  takes?: ProjectFile['takes'];
  /** A drama's mixer per lane as the page holds it (absent: kept as it is; empty: every lane at unity). */
  lanes?: ProjectFile['lanes'];
  /** A drama's sounds as moved, looped and faded in the page, by cue (absent: kept as they are). */
  sounds?: Array<{ cue: string } & SoundShape>;
  /** A drama's dialogue levelled per actor (absent: kept as it is). */
  levelDialogue?: boolean;
}

/**
 * The project's sounds with each one's shift, loop, length and fades as the page has them (by cue;
 * a sound the page does not name keeps its own). The file and lane are never the page's to change.
 */
function shapedSounds(
  sounds: NonNullable<ProjectFile['sounds']>,
  shapes: Array<{ cue: string } & SoundShape>,
): NonNullable<ProjectFile['sounds']> {
  const byCue = new Map(shapes.map((s) => [s.cue, s]));
  return sounds.map((sound) => {
    const shape = byCue.get(sound.cue);
    if (!shape) return sound;
    const { cue, lane, path } = sound;
    return { cue, lane, path, ...shapeOf(shape) };
  });
}

/** How far (seconds) a re-align window may reach past its recording's clip into the next one. */
const JOIN_SPILL = 1;

/** Recordings of a project opened at once: a changed file is probed (its length read) meanwhile. */
const OPEN_AT_ONCE = 4;

/** The one recording of a new project or the sample. */
const single = (path: string, audio: OpenAudio | undefined, storedDuration = 0): OpenRecording[] => [
  { id: 'rec-1', path, audio, storedDuration, storedSize: audio?.size ?? 0 },
];

/**
 * Everything the renderer can ask of the back end. Electron's IPC and the test host both serve
 * this one object (after validating every payload against api-schemas.ts), so the renderer under
 * test talks to exactly the code the app runs.
 */
export function createHandlers(deps: AppDeps) {
  let current: OpenProject | undefined;
  // Media URLs carry random tokens, never paths: a token names one granted file of this session.
  const media = new Map<string, string>();
  const mediaUrlOf = (path: string) => {
    for (const [token, known] of media) if (known === path) return deps.mediaUrl(token);
    const token = randomBytes(16).toString('hex');
    media.set(token, path);
    return deps.mediaUrl(token);
  };
  let exporting: AbortController | undefined;
  const recoveryDir = join(deps.dataDir, 'recovery');
  const recent = new RecentProjects(deps.dataDir);
  /** A project opened or saved goes to the top of the recent list (a list that cannot be written is no error). */
  const remember = (path: string) => recent.add(path).catch(() => undefined);
  /** Where a recovered project that was never saved is tied to (and its relative names taken from). */
  const untitledRecovery = join(deps.dataDir, 'recovered.cwproj');
  const cacheDir = join(deps.dataDir, 'peaks-cache');
  /** Beds' files opened for their waveform (bedPeaks), by path: each is read once a session. */
  const bedAudio = new Map<string, Promise<OpenAudio>>();
  // The data folder is the back end's own: the page gets no grant on it (a recovery written there
  // is trusted because only the back end writes it).

  const progress = (task: TaskName, phase: string) => (fraction: number) =>
    deps.emit({ type: 'progress', task, phase, fraction });

  // Every recording opened this session, by path: what a save may list (a path the page names
  // must have been opened as audio here first) and where peaks come from.
  const opened = new Map<string, OpenRecording>();

  const project = (): OpenProject => {
    if (!current) throw new InputError('no project is open');
    return current;
  };
  /** The project's one recording, for what works on one file so far (`doing` names it). */
  const onlyRecording = (doing = 'this'): OpenRecording => {
    const open = project();
    const playing = timelineOf({ recordings: open.recordings.map(asRecording), timeline: open.timeline });
    if (open.recordings.length > 1 || playing.length !== 1)
      throw new InputError(
        `${doing} works on one recording; this project has ${open.recordings.length} (use cuewright align / export for a production of several)`,
      );
    return open.recordings[0]!;
  };
  const audio = (doing?: string): OpenAudio => {
    const recording = onlyRecording(doing);
    if (!recording.audio) throw new FileError(recording.path, 'the audio is missing; relink it to go on');
    return recording.audio;
  };

  /**
   * A sheet from the page is data: the files it names must be granted (from each project path
   * given) and its cues must point inside the open script, or a save would write a project that
   * never opens again.
   */
  const acceptSheet = (sheet: CueSheet, ...projectPaths: Array<string | undefined>): OpenProject => {
    const open = project();
    checkSheetFiles(deps.grants, sheet, ...(projectPaths.length > 0 ? projectPaths : [open.projectPath]));
    const overrun = sourceOverrun(sheet.cues, open.scriptText.length);
    if (overrun)
      throw new InputError(
        `the cue sheet does not fit the open script: ${overrun.path.join('.')}: ${overrun.message}`,
      );
    return open;
  };

  async function openAudioOrMissing(path: string): Promise<OpenAudio | undefined> {
    const exists = await stat(path).then(
      (s) => s.isFile(),
      () => false,
    );
    if (!exists) return undefined;
    try {
      const audio = await OpenAudio.open(path, cacheDir, progress('open', 'drawing the waveform'), () =>
        deps.emit({ type: 'task-done', task: 'open' }),
      );
      // Granted only once it opened as audio: a project naming /etc/shadow as its recording
      // failed to open, but had made the file readable.
      deps.grants.grant(path, 'read');
      return audio;
    } catch (error) {
      throw FileError.wrap(path, error);
    }
  }

  function view(open: OpenProject, sheet: CueSheet, recovery?: ProjectView['recovery']): ProjectView {
    current = open;
    media.clear();
    for (const r of open.recordings) opened.set(r.path, r);
    const recordings = open.recordings.map((r) => recordingView(r, mediaUrlOf(r.path)));
    const first = recordings[0]!;
    const clips = timelineOf({ recordings: open.recordings.map(asRecording), timeline: open.timeline });
    const playing = new Set(clips.map((c) => c.recording));
    return {
      ...(open.projectPath ? { projectPath: open.projectPath } : {}),
      title: sheet.title,
      scriptText: open.scriptText,
      sheet,
      audio: {
        path: first.path,
        url: first.url,
        duration: timelineDuration(clips),
        sampleRate: first.sampleRate,
        missing: recordings.some((r) => r.missing && playing.has(r.id)),
        ...(first.unreachable ? { unreachable: first.unreachable } : {}),
      },
      recordings,
      ...(open.timeline ? { timeline: open.timeline } : {}),
      ...(open.placements ? { placements: open.placements } : {}),
      ...(open.pickups ? { pickups: open.pickups } : {}),
      ...(open.takes ? { takes: open.takes } : {}),
      ...(open.lanes ? { lanes: open.lanes } : {}),
      ...(open.levelDialogue === false ? { levelDialogue: false } : {}),
      // The preview plays a drama's sounds where they may be read (inside `serve --root`).
      ...(open.sounds
        ? {
            sounds: open.sounds.map((sound) => ({
              ...sound,
              url: soundUrl(sound.path),
              ...open.soundInfo?.get(sound.path),
            })),
          }
        : {}),
      exportSettings: open.exportSettings,
      ...(recovery ? { recovery } : {}),
      isSample: open.isSample,
    };
  }

  function toProjectFile(open: OpenProject, sheet: CueSheet, path: string | undefined): ProjectFile {
    return {
      app: 'cuewright',
      version: PROJECT_VERSION,
      script: { path: open.scriptPath, text: open.scriptText },
      recordings: open.recordings.map((r) => ({
        ...asRecording(r),
        path: path ? storedAudioPath(path, r.path) : r.path,
      })),
      ...(open.timeline ? { timeline: open.timeline } : {}),
      ...(open.placements ? { placements: open.placements } : {}),
      ...(open.pickups ? { pickups: open.pickups } : {}),
      ...(open.takes ? { takes: takesKept(open.takes, new Set(open.recordings.map((r) => r.id))) } : {}),
      // A sound whose cue was deleted in the app is dropped with it (the file names only cues it has).
      ...(open.sounds
        ? {
            sounds: open.sounds
              .filter((sound) => sheet.cues.some((c) => c.id === sound.cue))
              .map((sound) => ({ ...sound, path: path ? storedAudioPath(path, sound.path) : sound.path })),
          }
        : {}),
      ...(open.lanes && Object.keys(open.lanes).length > 0 ? { lanes: open.lanes } : {}),
      ...(open.levelDialogue === false ? { levelDialogue: false } : {}),
      sheet,
      exportSettings: open.exportSettings,
      savedAt: new Date().toISOString(),
    };
  }

  /**
   * The export of a production of several recordings: every recording in project order, the script
   * placed on them, the project's own timeline when it has one (pickups), else end to end with the
   * files' own pauses (room tone where one stops on sound), as `cuewright export PROJECT` does.
   */
  async function exportSeveral(
    open: OpenProject,
    sheet: CueSheet,
    common: Omit<ExportRequest, 'audio' | 'sheet' | 'source'>,
  ): Promise<{ result: ExportResult; sheet: CueSheet }> {
    const done = await exportProductionFile(productionRequest(open, sheet, common));
    if (!done.file) throw new InputError('the export wrote no file');
    return { result: done.file, sheet: done.sheet };
  }

  /**
   * The export of an assembled drama: the open project as the page has it (takes, picks, lanes,
   * sounds) saved to a scratch file and mixed by the drama mix, as `cuewright export DRAMA.cwproj`
   * does (dialogue levelled per actor unless `level` is false, each lane's gain, pan, mute and
   * solo, sounds, ducked music); with `stemsDir`, a WAV per lane into it, as `--stems DIR` writes.
   */
  async function exportDrama(
    open: OpenProject,
    sheet: CueSheet,
    common: Omit<ExportRequest, 'audio' | 'sheet' | 'source'>,
    level: boolean,
    stemsDir: string | undefined,
  ): Promise<{
    result: ExportResult;
    sheet: CueSheet;
    stems?: { dir: string; files: string[] };
    clipped?: string;
  }> {
    return withScratchProject(open, sheet, async (path) => {
      const done = await exportDramaMix(
        path,
        { ...common, tags: { ...common.tags, genre: 'Audio drama' } },
        level,
        stemsDir,
      );
      return {
        result: done.result,
        sheet: done.sheet,
        ...(done.stems && stemsDir ? { stems: { dir: stemsDir, files: done.stems } } : {}),
        ...(done.clipped ? { clipped: done.clipped } : {}),
      };
    });
  }

  /**
   * `run` on the open project as the page has it, saved to a scratch file (`path`, `file`) that the
   * drama mix reads as `cuewright export DRAMA.cwproj` reads a saved one; the file is removed after.
   * An error naming the scratch file names the open project instead (asOpenProject).
   */
  async function withScratchProject<T>(
    open: OpenProject,
    sheet: CueSheet,
    run: (path: string, file: ProjectFile) => Promise<T>,
  ): Promise<T> {
    const dir = await mkdtemp(join(tmpdir(), 'cuewright-drama-project-'));
    const path = join(dir, 'drama.cwproj');
    try {
      const file = withPlacements(toProjectFile(open, sheet, path));
      await saveProject(path, file);
      return await run(path, file);
    } catch (error) {
      throw asOpenProject(error, path, open.projectPath);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** The same production, one file per chapter with `roomTone` seconds at each end. */
  async function exportSeveralChapters(
    open: OpenProject,
    sheet: CueSheet,
    common: Omit<ExportRequest, 'audio' | 'sheet' | 'source'>,
    perChapter: { roomTone: number },
  ): Promise<ChapterFile[]> {
    const done = await exportProductionFile({ ...productionRequest(open, sheet, common), perChapter });
    if (!done.files) throw new InputError('the export wrote no file');
    return done.files;
  }

  /** What `cuewright export PROJECT` is asked for the open project's recordings and timeline. */
  function productionRequest(
    open: OpenProject,
    sheet: CueSheet,
    common: Omit<ExportRequest, 'audio' | 'sheet' | 'source'>,
  ) {
    const file = withPlacements(toProjectFile(open, sheet, undefined));
    return {
      ...common,
      recordings: open.recordings.map((r) => r.path),
      script: { sheet, placements: file.placements ?? [], recordingIds: open.recordings.map((r) => r.id) },
      ...(open.timeline ? { timeline: open.timeline } : {}),
    };
  }

  /**
   * The whole script over every recording (pickups aside) in running order, as `cuewright align A
   * B C` does; each cue placed on its recording's clock, its time returned on the production.
   */
  async function alignAcross(open: OpenProject, sheet: CueSheet): Promise<CueTimes[]> {
    const played = open.recordings.filter((r) => !r.pickup);
    const lost = played.find((r) => !r.audio);
    if (lost) throw new FileError(lost.path, 'the audio is missing; relink it to go on');
    try {
      progress('align', 'listening to the recording')(0);
      // One bar that only moves forward (a lost file's second search reports its own fractions).
      let reached = 0;
      const onProgress = forwardProgress(ALIGN_SHARES, (phase, f) => {
        reached = Math.max(reached, f);
        progress('align', phase)(reached);
      });
      const result = await alignProduction(
        sheet,
        played.map((r) => r.path),
        { onProgress },
      );
      // Its recordings are ours, in the same order.
      const ours = new Map(result.recordings.map((r, i) => [r.id, played[i]!.id]));
      const placements = result.placements.map((p) => ({ ...p, recording: ours.get(p.recording)! }));
      const clips = timelineOf({ recordings: open.recordings.map(asRecording), timeline: open.timeline });
      return placedTimes(sheetOnTimeline(result.sheet, placements, clips));
    } finally {
      deps.emit({ type: 'task-done', task: 'align' });
    }
  }

  /**
   * Re-align selection on a production: the stretch between the selection's anchors is decoded
   * from the recording that plays there (a stretch across a join is refused in one line).
   */
  async function alignInProduction(
    open: OpenProject,
    sheet: CueSheet,
    cueIds: string[],
  ): Promise<CueTimes[]> {
    const placed = placeClips(
      timelineOf({ recordings: open.recordings.map(asRecording), timeline: open.timeline }),
    );
    const duration = timelineDuration(placed);
    try {
      progress('align', 're-aligning')(0);
      return await alignRange(sheet, cueIds, duration, async (from, to) => {
        const under = toRecordingTime(placed, from + 1e-6);
        const clip = under ? placed[under.clip]! : undefined;
        const recording = open.recordings.find((r) => r.id === clip?.recording);
        if (!under || !clip || !recording)
          throw new InputError('the cues to re-align lie in a gap of the timeline');
        if (!recording.audio) throw new FileError(recording.path, 'the audio is missing; relink it to go on');
        const clipEnd = clip.at + (clip.to - clip.from);
        // The window may reach a little into the next clip (its anchor is there): cut at the join.
        if (to > clipEnd + JOIN_SPILL)
          throw new InputError(
            'the cues to re-align run across a join between recordings: re-align those on each side of it',
          );
        return decodeStretch(recording.path, under.time, under.time + (Math.min(to, clipEnd) - from));
      });
    } finally {
      deps.emit({ type: 'task-done', task: 'align' });
    }
  }

  /** Refuses a file a project names outside the served folder (symlinks resolved). */
  function confined(named: string, projectPath: string): void {
    const within = deps.referencesWithin;
    // The app's own sample lives in its data folder: a saved copy or a recovery of it stays usable.
    if (isInside(realPath(join(deps.dataDir, 'sample')), realPath(named))) return;
    if (within && !isInside(realPath(within), realPath(named)))
      throw new AccessError(`${projectPath} names ${named}, outside the folder this app serves (${within})`);
  }

  /**
   * The URL the preview plays a drama's sound file from, the file granted for reading; '' when
   * it lies outside the folder this app serves (the export still mixes it).
   */
  function soundUrl(named: string): string {
    const within = deps.referencesWithin;
    if (within && !isInside(realPath(within), realPath(named))) return '';
    deps.grants.grant(named, 'read');
    return mediaUrlOf(named);
  }

  /** Opens a project the user chose (or its recovery): the files it names become readable. */
  async function fromProjectFile(path: string, file: ProjectFile, recovery?: ProjectView['recovery']) {
    const beds = sheetFiles(file.sheet, path);
    for (const named of beds) confined(named, path);
    // Read a few at a time (an unchanged file is only its cache entry; a changed one is probed).
    const recordings: OpenRecording[] = await mapLimited(file.recordings, OPEN_AT_ONCE, async (recording) => {
      const audioPath = resolveAudioPath(path, recording.path);
      // Audio outside the served folder is not read, but the project opens: Relink points it at a
      // copy inside (a bed outside is refused: it has no relink).
      let unreachable: string | undefined;
      try {
        confined(audioPath, path);
      } catch (error) {
        if (!(error instanceof AccessError)) throw error;
        unreachable = error.message;
      }
      const audio = unreachable ? undefined : await openAudioOrMissing(audioPath);
      return {
        id: recording.id,
        path: audioPath,
        audio,
        storedDuration: recording.duration,
        storedSize: recording.size,
        ...(recording.title !== undefined ? { title: recording.title } : {}),
        ...(recording.pickup ? { pickup: true } : {}),
        ...(unreachable ? { unreachable } : {}),
      };
    });
    // The beds become readable only when the project opened.
    for (const bed of beds) deps.grants.grant(bed, 'read');
    // A drama's sounds' rates and lengths (headers only): the mix's rate, the preview's tail.
    const soundInfo = new Map<string, { sampleRate: number; seconds?: number }>();
    await mapLimited(file.sounds ?? [], OPEN_AT_ONCE, async (sound) => {
      const named = resolveAudioPath(path, sound.path);
      const probed = await probeAudio(named).catch(() => undefined);
      if (probed)
        soundInfo.set(named, {
          sampleRate: probed.sampleRate,
          ...(probed.frames > 0 ? { seconds: probed.frames / probed.sampleRate } : {}),
        });
    });
    const open: OpenProject = {
      projectPath: path,
      scriptPath: file.script.path,
      scriptText: file.script.text,
      recordings,
      ...(file.timeline ? { timeline: file.timeline } : {}),
      ...(file.placements ? { placements: file.placements } : {}),
      ...(file.pickups ? { pickups: file.pickups } : {}),
      ...(file.takes ? { takes: file.takes } : {}),
      ...(file.lanes ? { lanes: file.lanes } : {}),
      ...(file.levelDialogue === false ? { levelDialogue: false } : {}),
      ...(file.sounds
        ? { sounds: file.sounds.map((sound) => ({ ...sound, path: resolveAudioPath(path, sound.path) })) }
        : {}),
      ...(soundInfo.size > 0 ? { soundInfo } : {}),
      exportSettings: file.exportSettings ?? DEFAULT_EXPORT_SETTINGS,
      isSample: false,
    };
    return view(open, file.sheet, recovery);
  }

  /**
   * Takes the page's recordings and timeline (added, removed, reordered) into the open project:
   * every path must be a recording opened this session, and the result must be a valid project.
   */
  function takeProduction(open: OpenProject, sheet: CueSheet, edit: ProductionEdit | undefined): void {
    if (!edit) return;
    const recordings = edit.recordings.map((r): OpenRecording => {
      const known = opened.get(r.path);
      if (!known) throw new InputError(`${r.path}: not a recording opened in this session`);
      const { title: _t, pickup: _p, ...rest } = known;
      return {
        ...rest,
        id: r.id,
        ...(r.title !== undefined ? { title: r.title } : {}),
        ...(r.pickup ? { pickup: true } : {}),
      };
    });
    const next: OpenProject = {
      ...open,
      recordings,
      timeline: edit.timeline,
      placements: edit.placements,
      pickups: edit.pickups,
      ...(edit.takes ? { takes: edit.takes } : {}),
      ...(edit.lanes ? { lanes: edit.lanes } : {}),
      ...(edit.sounds && open.sounds ? { sounds: shapedSounds(open.sounds, edit.sounds) } : {}),
      ...(edit.levelDialogue !== undefined ? { levelDialogue: edit.levelDialogue } : {}),
    };
    const checked = projectSchema.safeParse(toProjectFile(next, sheet, undefined));
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      throw new InputError(`the recordings do not make a project: ${issue.path.join('.')}: ${issue.message}`);
    }
    open.recordings = recordings;
    open.timeline = edit.timeline;
    open.placements = edit.placements;
    open.pickups = edit.pickups;
    if (edit.takes) open.takes = edit.takes;
    if (edit.lanes) open.lanes = edit.lanes;
    if (next.sounds) open.sounds = next.sounds;
    if (edit.levelDialogue !== undefined) open.levelDialogue = edit.levelDialogue;
  }

  const handlers = {
    /** The seed chapter with scratch narration: what the app shows with no project open. */
    async openSample(): Promise<ProjectView> {
      const sample = await sampleProduction(deps.dataDir, progress('sample', 'narrating the sample'));
      deps.emit({ type: 'task-done', task: 'sample' });
      const open: OpenProject = {
        scriptPath: 'samples/seed-chapter.txt',
        scriptText: sample.scriptText,
        recordings: single(sample.audioPath, await openAudioOrMissing(sample.audioPath)),
        exportSettings: DEFAULT_EXPORT_SETTINGS,
        isSample: true,
      };
      return view(open, sample.sheet);
    },

    /** Asks the user for a file; the answer is granted (read, or write for save targets). */
    async pick(request: { purpose: PickPurpose; suggestedName?: string }): Promise<string | null> {
      const path = await deps.picker.pick(request);
      if (!path) return null;
      // A folder picked for stems: it, and every file written into it.
      if (request.purpose === 'stems-folder') deps.grants.grantFolder(path, ...PICK_ACCESS[request.purpose]);
      return deps.grants.grant(path, ...PICK_ACCESS[request.purpose]);
    },

    /** Asks for one or more audio files ("Add recordings…"); each answer is granted for reading. */
    async pickRecordings(): Promise<string[]> {
      const request = { purpose: 'audio' as const };
      const paths = deps.picker.pickMany
        ? await deps.picker.pickMany(request)
        : [await deps.picker.pick(request)].filter((p): p is string => p !== undefined);
      return paths.map((p) => deps.grants.grant(p, ...PICK_ACCESS.audio));
    },

    async newProject(request: { scriptPath: string; audioPath: string }): Promise<ProjectView> {
      const scriptPath = deps.grants.check(request.scriptPath, 'read');
      const audioPath = deps.grants.check(request.audioPath, 'read');
      const script = await loadScript(scriptPath);
      const audioFile = await openAudioOrMissing(audioPath);
      if (!audioFile) throw new FileError(audioPath, 'no such file');
      const open: OpenProject = {
        scriptPath,
        scriptText: script.text,
        recordings: single(audioPath, audioFile, audioFile.duration),
        exportSettings: DEFAULT_EXPORT_SETTINGS,
        isSample: false,
      };
      return view(open, script.sheet);
    },

    async openProject(request: { path: string }): Promise<ProjectView> {
      // Only a project the user picked: opening one grants the files it names.
      const path = deps.grants.check(request.path, 'project');
      const file = await loadProject(path);
      deps.grants.grant(path, 'read', 'write');
      const newer = await recoveryFor(recoveryDir, path, file);
      await remember(path);
      return fromProjectFile(
        path,
        file,
        newer ? { recoveryPath: newer.recoveryPath, savedAt: newer.project.savedAt } : undefined,
      );
    },

    /** The project to open on start: the last one opened or saved, when the app reopens it and it is still there. */
    async lastProject(): Promise<string | null> {
      return deps.reopenLast ? ((await recent.existing())[0] ?? null) : null;
    },

    /** The projects opened or saved lately whose files are still there, newest first. */
    async recentProjects(): Promise<string[]> {
      return recent.existing();
    },

    /**
     * Opens a project from the recent list: the list is the back end's own, so a path on it was
     * picked once and is granted again; any other path is refused as an unpicked file would be.
     */
    async openRecent(request: { path: string }): Promise<ProjectView> {
      if (!(await recent.has(request.path)))
        throw new AccessError(`${request.path} is not among the recent projects: open it with Open…`);
      deps.grants.grant(request.path, 'read', 'project');
      return handlers.openProject({ path: request.path });
    },

    /** Opens the autosaved state of a project (after a crash), still tied to its project file. */
    async recoverProject(request: { recoveryPath: string }): Promise<ProjectView> {
      const recoveries = await listRecoveries(recoveryDir);
      const found = recoveries.find((r) => r.recoveryPath === request.recoveryPath);
      if (!found) throw new InputError('that recovery is no longer available');
      const path = found.projectPath ?? untitledRecovery;
      deps.grants.grant(path, 'read', 'write', 'project');
      const recovered = await fromProjectFile(path, found.project);
      if (found.projectPath) return recovered;
      // Untitled work stays untitled: Save asks where (it was tied to the data folder's file, and a
      // save went there, out of the user's sight). Its names were checked from that folder above.
      const { projectPath: _dataFolder, ...untitled } = recovered;
      project().projectPath = undefined;
      return untitled;
    },

    /**
     * The user declined a recovery (and confirmed it): it is deleted, so it is not offered again.
     * Without a path, the open project's own autosave (its changes were discarded on leaving it).
     */
    async discardRecovery(request: { recoveryPath?: string }): Promise<boolean> {
      if (request.recoveryPath === undefined) {
        if (current) await clearRecovery(recoveryDir, current.projectPath);
        return current !== undefined;
      }
      const found = (await listRecoveries(recoveryDir)).find((r) => r.recoveryPath === request.recoveryPath);
      if (!found) throw new InputError('that recovery is no longer available');
      await rm(found.recoveryPath, { force: true });
      return true;
    },

    async listRecoveries(): Promise<
      Array<{ recoveryPath: string; projectPath?: string; savedAt: string; title: string }>
    > {
      return (await listRecoveries(recoveryDir)).map((r) => ({
        recoveryPath: r.recoveryPath,
        ...(r.projectPath ? { projectPath: r.projectPath } : {}),
        savedAt: r.project.savedAt,
        title: r.project.sheet.title,
      }));
    },

    /** Saves to `path` (picked, or the open project's own file); atomic, keeping a .bak. */
    async saveProject(request: {
      path?: string;
      sheet: CueSheet;
      exportSettings?: ExportSettings;
      /** The recordings as edited in the page; absent: as opened. */
      production?: ProductionEdit;
    }): Promise<{ path: string; savedAt: string }> {
      const open = project();
      const target = request.path ?? open.projectPath;
      if (!target) throw new InputError('choose where to save the project');
      const path = deps.grants.check(target, 'write');
      // Relative names move with the project file: check them from both places.
      acceptSheet(request.sheet, open.projectPath, path);
      takeProduction(open, request.sheet, request.production);
      if (request.exportSettings) open.exportSettings = request.exportSettings;
      const file = toProjectFile(open, request.sheet, path);
      await makeFolder(dirname(path)).catch((error: unknown) => {
        throw FileError.wrap(path, error);
      });
      await saveProject(path, file);
      await clearRecovery(recoveryDir, open.projectPath);
      await remember(path);
      open.projectPath = path;
      open.isSample = false;
      return { path, savedAt: file.savedAt };
    },

    /** Keeps the working state in the recovery folder; never touches the user's file. */
    async autosave(request: { sheet: CueSheet; production?: ProductionEdit }): Promise<{ savedAt: string }> {
      // Recovered, an untitled project takes relative names from another folder: check from both.
      const { projectPath } = project();
      const open = acceptSheet(request.sheet, projectPath, ...(projectPath ? [] : [untitledRecovery]));
      takeProduction(open, request.sheet, request.production);
      const file = toProjectFile(open, request.sheet, undefined);
      await autosave(recoveryDir, open.projectPath, file);
      return { savedAt: file.savedAt };
    },

    /**
     * Points a recording at its new place (it was moved or renamed): `recording` names it by id;
     * absent, the first missing one (or the only one).
     */
    async relinkAudio(request: {
      audioPath: string;
      sheet: CueSheet;
      recording?: string;
      production?: ProductionEdit;
    }): Promise<ProjectView> {
      const open = project();
      const audioPath = deps.grants.check(request.audioPath, 'read');
      acceptSheet(request.sheet);
      takeProduction(open, request.sheet, request.production);
      const target = request.recording
        ? open.recordings.find((r) => r.id === request.recording)
        : (open.recordings.find((r) => !r.audio) ?? open.recordings[0]);
      if (!target) throw new InputError(`no recording "${request.recording}" in this project`);
      const audioFile = await openAudioOrMissing(audioPath);
      if (!audioFile) throw new FileError(audioPath, 'no such file');
      checkRelinkedLength(audioPath, target.audio?.duration ?? target.storedDuration, audioFile.duration);
      const { unreachable: _was, ...rest } = target;
      const relinked: OpenRecording = {
        ...rest,
        path: audioPath,
        audio: audioFile,
        storedDuration: audioFile.duration,
        storedSize: audioFile.size,
      };
      return view(
        { ...open, recordings: open.recordings.map((r) => (r === target ? relinked : r)) },
        request.sheet,
      );
    },

    /**
     * "Add recordings…": opens picked files as audio (each must be granted and readable as
     * audio) for the page to append; the project changes when the page saves it.
     */
    async openRecordings(request: { paths: string[] }): Promise<Array<Omit<RecordingView, 'id'>>> {
      project();
      const out: Array<Omit<RecordingView, 'id'>> = [];
      for (const asked of request.paths) {
        const path = deps.grants.check(asked, 'read');
        const audioFile = await openAudioOrMissing(path);
        if (!audioFile) throw new FileError(path, 'no such file');
        const recording: OpenRecording = {
          id: '',
          path,
          audio: audioFile,
          storedDuration: audioFile.duration,
          storedSize: audioFile.size,
        };
        opened.set(path, recording);
        const { id: _none, ...shown } = recordingView(recording, mediaUrlOf(path));
        out.push(shown);
      }
      return out;
    },

    /**
     * "Import chapters…": the chapters of a picked chapter file or audio file, with warnings. A CUE
     * sheet of several files finds them beside it; "Night Tales\\Track 01.wav" is read only when granted.
     */
    async readChapters(request: {
      path: string;
    }): Promise<{ chapters: Array<{ start: number; end?: number; title: string }>; warnings: string[] }> {
      const path = deps.grants.check(request.path, 'read');
      // The files a CUE sheet names are only measured (never streamed), and only inside --root.
      const within = deps.referencesWithin;
      // The open project's recording: a chapter past its end is warned about.
      const only = current?.recordings.length === 1 ? current.recordings[0] : undefined;
      const read = await readChaptersFrom(path, {
        ...(only?.audio ? { recording: only.path } : {}),
        mayRead: (file) => {
          try {
            return !within || isInside(realPath(within), realPath(file));
          } catch {
            return false;
          }
        },
      });
      return { chapters: read.chapters, warnings: read.warnings };
    },

    /**
     * Whether a picked file is audio this app can play and export, and how long it is: asked
     * before a music bed is added (a text file was accepted, drawn, and failed the export).
     */
    async audioInfo(request: { path: string }): Promise<{ duration: number; sampleRate: number }> {
      const path = deps.grants.check(request.path, 'read');
      try {
        const probe = await probeAudio(path);
        const duration = (await audioSeconds(path, probe)) ?? 0;
        return { duration, sampleRate: probe.sampleRate };
      } catch (error) {
        if (!(error instanceof InputError)) throw FileError.wrap(path, error);
        // The reason without the path (named once) and without the bytes a text file starts with.
        const inner = error.message.replace(`${path}: `, '').replace(/ \(the file starts with [^)]*\)/, '');
        throw new FileError(path, `not audio this app can read (${inner})`);
      }
    },

    /** Waveform peaks of one recording (`path`, one opened this session) or of the only one. */
    async peaks(request: { samplesPerPixel: number; path?: string }): Promise<PeaksData> {
      if (request.path === undefined) return audio().peaks(request.samplesPerPixel);
      const recording = opened.get(request.path);
      if (!recording?.audio) throw new InputError(`${request.path}: not a recording open in this session`);
      return recording.audio.peaks(request.samplesPerPixel);
    },

    /** The pauses of the production on its timeline (each recording's, where its clips play). */
    async pauses(): Promise<Pause[]> {
      const open = project();
      if (open.recordings.length === 1 && !open.timeline) return audio('Snap to pauses').findPauses();
      const clips = timelineOf({ recordings: open.recordings.map(asRecording), timeline: open.timeline });
      const byRecording = new Map<string, Pause[]>();
      for (const id of new Set(clips.map((c) => c.recording))) {
        const recording = open.recordings.find((r) => r.id === id)!;
        if (!recording.audio) throw new FileError(recording.path, 'the audio is missing; relink it to go on');
        byRecording.set(id, await recording.audio.findPauses());
      }
      return pausesOnTimeline(byRecording, clips);
    },

    /**
     * The page's recordings and timeline as it lays them out now (added, removed, reordered,
     * undone): what pauses, export and alignment work on before the next save.
     */
    async setProduction(request: { sheet: CueSheet; production: ProductionEdit }): Promise<boolean> {
      const open = acceptSheet(request.sheet);
      takeProduction(open, request.sheet, request.production);
      return true;
    },

    /**
     * A drama's levelling as its export applies it (on by default): per dialogue lane, its
     * loudness (LUFS; null with nothing above the gate) as the picked takes play and the gain (dB) that brings it to the actors'
     * level (src/production/drama-mix.ts, the same measuring pass), for the open project as the
     * page has it (takes, picks, timeline). The preview plays each lane at that gain.
     *
     * @throws InputError when the project is no drama assembled from takes
     */
    async dramaLevels(request: {
      sheet: CueSheet;
      production?: ProductionEdit;
    }): Promise<Array<{ lane: string; measured: number | null; gainDb: number; clamped: boolean }>> {
      const open = acceptSheet(request.sheet);
      takeProduction(open, request.sheet, request.production);
      if (!open.takes) throw new InputError('levelling is for an audio drama assembled from takes');
      return withScratchProject(open, request.sheet, async (path, file) => {
        const drama = await mixProject(path, file, { level: true });
        try {
          return drama.lanes.flatMap((lane) =>
            lane.level
              ? [
                  {
                    lane: lane.name,
                    // JSON has no -Infinity (a lane with nothing above the gate).
                    measured: Number.isFinite(lane.level.measured) ? lane.level.measured : null,
                    gainDb: lane.level.gainDb,
                    clamped: lane.level.clamped === true,
                  },
                ]
              : [],
          );
        } finally {
          await drama.dispose();
        }
      });
    },

    /** Places cues automatically: all of them, or only `cueIds` between their fixed neighbours. */
    async align(request: { sheet: CueSheet; cueIds?: string[] }): Promise<CueTimes[]> {
      const project = acceptSheet(request.sheet);
      // A production: all of it across its recordings, or a range inside one of them.
      if (project.recordings.length > 1 || project.timeline) {
        if (request.cueIds && request.cueIds.length > 0)
          return alignInProduction(project, request.sheet, request.cueIds);
        return alignAcross(project, request.sheet);
      }
      const open = audio('Align');
      try {
        if (request.cueIds && request.cueIds.length > 0) {
          progress('align', 're-aligning')(0);
          return await alignRange(request.sheet, request.cueIds, open.duration, (from, to) =>
            decodeStretch(open.path, from, to),
          );
        }
        const onProgress = forwardProgress(ALIGN_SHARES, (phase, f) => progress('align', phase)(f));
        const aligned = await alignFile(request.sheet, open.path, { onProgress });
        return placedTimes(aligned);
      } finally {
        deps.emit({ type: 'task-done', task: 'align' });
      }
    },

    /**
     * "Align across recordings": the whole script over every recording (pickups aside) in running
     * order, as `cuewright align A B C` does; each cue is placed on its recording's clock and its
     * time returned on the production as the page plays it.
     */
    async alignRecordings(request: { sheet: CueSheet; production?: ProductionEdit }): Promise<CueTimes[]> {
      const open = acceptSheet(request.sheet);
      takeProduction(open, request.sheet, request.production);
      return alignAcross(open, request.sheet);
    },

    /**
     * "Replace with pickup…": the picked re-recording of the cues `cueIds` span is aligned, brought
     * to the reading's level and dropped in as `cuewright pickup` does; the page gets the project
     * after it (one undoable edit there). The open project is unchanged until the page saves.
     */
    async replaceWithPickup(request: {
      sheet: CueSheet;
      production?: ProductionEdit;
      path: string;
      cueIds: string[];
    }): Promise<{
      sheet: CueSheet;
      recording: RecordingView;
      timeline: Clip[];
      placements: Placement[];
      pickups: NonNullable<ProjectFile['pickups']>;
    }> {
      const open = acceptSheet(request.sheet);
      takeProduction(open, request.sheet, request.production);
      const path = deps.grants.check(request.path, 'read');
      const order = request.sheet.cues.map((c) => c.id);
      const picked = request.cueIds.map((id) => order.indexOf(id)).filter((i) => i >= 0);
      if (picked.length === 0) throw new InputError('select the cues the pickup replaces first');
      const first = order[Math.min(...picked)]!;
      const last = order[Math.max(...picked)]!;
      const audioFile = await openAudioOrMissing(path);
      if (!audioFile) throw new FileError(path, 'no such file');
      const project = withPlacements(toProjectFile(open, request.sheet, undefined));
      const phase = progress('align', 'aligning the pickup');
      try {
        phase(0);
        const { take } = await pickupTake(project, open.projectPath ?? untitledRecovery, path, first, last, {
          onProgress: phase,
          storedPath: path,
        });
        const next = applyPickup(project, take);
        const recording: OpenRecording = {
          id: take.recording.id,
          path,
          audio: audioFile,
          storedDuration: audioFile.duration,
          storedSize: audioFile.size,
          ...(take.recording.title ? { title: take.recording.title } : {}),
          pickup: true,
        };
        opened.set(path, recording);
        return {
          sheet: next.sheet,
          recording: recordingView(recording, mediaUrlOf(path)),
          timeline: next.timeline ?? [],
          placements: next.placements ?? [],
          pickups: next.pickups ?? [],
        };
      } catch (error) {
        throw FileError.wrap(path, error);
      } finally {
        deps.emit({ type: 'task-done', task: 'align' });
      }
    },

    /** Files of the user's under the sidecars' names beside `output`: the page asks before replacing them. */
    async sidecarsInTheWay(request: { sheet: CueSheet; output: string }): Promise<string[]> {
      const output = deps.grants.check(request.output, 'write');
      acceptSheet(request.sheet);
      return sidecarsInTheWay(output, request.sheet);
    },

    async exportProduction(request: {
      sheet: CueSheet;
      output: string;
      settings: ExportSettings;
      /** Files in the sidecars' way the user agreed to replace (from sidecarsInTheWay). */
      replace?: string[];
      /** Cover art for the tags (a picked .jpg or .png). */
      cover?: string;
      /** A drama's mixer per lane as the page holds it (what the mix applies). */
      lanes?: ProjectFile['lanes'];
      /** A drama's stems too: one WAV per lane into this (picked) folder, as `--stems DIR`. */
      stems?: string;
      /** A drama's dialogue levelled per actor (default: the project's `levelDialogue`; false: as `--no-level`). */
      level?: boolean;
      /** A drama's sounds as moved, looped and faded in the page (what the mix plays). */
      sounds?: Array<{ cue: string } & SoundShape>;
    }): Promise<ExportSummary> {
      const open = project();
      if (request.lanes) open.lanes = request.lanes;
      if (request.sounds && open.sounds) open.sounds = shapedSounds(open.sounds, request.sounds);
      const output = deps.grants.check(request.output, 'write');
      const stemsDir = request.stems ? deps.grants.check(request.stems, 'write') : undefined;
      if (!open.takes && (stemsDir || request.level === false))
        throw new InputError('stems and levelling are for an audio drama assembled from takes (its lanes)');
      const coverPath = request.cover ? deps.grants.check(request.cover, 'read') : undefined;
      const cover = coverPath ? await coverOf(coverPath) : undefined;
      acceptSheet(request.sheet);
      const replace = new Set(request.replace ?? []);
      // A file per chapter has no sidecars (they describe one file), as with `cuewright export`.
      // A preset that delivers a file per chapter (ACX) always does, as `cuewright export` does.
      const perChapter =
        request.settings.perChapter || request.settings.loudness === 'acx'
          ? { roomTone: request.settings.roomTone ?? 2 }
          : undefined;
      if (open.takes && perChapter)
        throw new InputError(
          'one file per chapter is not made for an assembled drama yet: export it as one file',
        );
      const sidecarsToo = request.settings.sidecars && !perChapter;
      if (sidecarsToo)
        await refuseSidecarsInTheWay(output, request.sheet, replace, 'confirm replacing them to go on');
      // Own keys only: "constructor" or "__proto__" is no preset (it made a silent export).
      // "none": no loudness change, the recording's level, rate and channels as they are.
      const keepLevel = request.settings.loudness === NO_LOUDNESS_CHANGE;
      const preset = Object.hasOwn(LOUDNESS_PRESETS, request.settings.loudness)
        ? LOUDNESS_PRESETS[request.settings.loudness as LoudnessPreset]
        : undefined;
      if (!preset && !keepLevel)
        throw new InputError(`unknown loudness preset "${request.settings.loudness}"`);
      const { title, artist, album, bitrate, sampleRate } = request.settings;
      // ACX takes MP3 at 192 kbps or more: refused before anything is written, as the CLI does.
      const target: LoudnessTarget | undefined = preset;
      if (target)
        refuseUndelivered(exportFormatOf(output), target.delivery, target.name, bitrate && bitrate * 1000);
      open.exportSettings = request.settings;
      exporting?.abort();
      const controller = new AbortController();
      exporting = controller;
      // A production of several recordings (or with pickups) streams them as one source, each
      // cue placed through its recording; the sidecars follow the exported timeline.
      const several = open.recordings.length > 1 || open.timeline !== undefined;
      const lost = open.recordings.find((r) => !r.audio);
      if (several && lost) throw new FileError(lost.path, 'the audio is missing; relink it to go on');
      try {
        const common = {
          output,
          tags: {
            title: title || request.sheet.title,
            album: album || title || request.sheet.title,
            ...(artist ? { artist } : {}),
            ...(cover ? { cover } : {}),
            genre: 'Audiobook',
          },
          ...(preset ? { loudness: preset } : {}),
          ...(bitrate ? { bitrate: bitrate * 1000 } : {}),
          ...(sampleRate ? { sampleRate } : {}),
          lyricsAsChapters: request.settings.lyricChapters,
          signal: controller.signal,
          ...(open.projectPath ? { bedsDir: dirname(open.projectPath) } : {}),
          // Never written over, even when the user agreed to replace a sidecar by that name.
          readsAlso: [
            { path: open.scriptPath, role: 'script' },
            ...(open.projectPath ? [{ path: open.projectPath, role: 'project' }] : []),
            ...(coverPath ? [{ path: coverPath, role: 'cover image' }] : []),
          ],
          writesAlso: sidecarsToo ? sidecarPaths(output, request.sheet) : [],
          onProgress: forwardProgress(EXPORT_SHARES, (phase, fraction) =>
            deps.emit({ type: 'progress', task: 'export', phase, fraction }),
          ),
        };
        if (perChapter) {
          const chapterFiles = several
            ? await exportSeveralChapters(open, request.sheet, common, perChapter)
            : await exportChapterFiles({
                ...common,
                audio: audio('Export').path,
                sheet: request.sheet,
                roomTone: perChapter.roomTone,
              });
          const written = chapterFiles.map((f) => f.output);
          deps.emit({ type: 'exported', output: written[0] ?? output, files: written });
          return {
            output: written[0] ?? output,
            files: written,
            chapters: chapterFiles.map((f) => ({ title: f.title, start: f.start })),
            integrated: null,
            duration: chapterFiles.reduce((sum, f) => sum + f.duration, 0),
            ...(chapterFiles.some((f) => f.check)
              ? { checks: chapterFiles.map((f) => f.check?.verdict ?? { pass: true, problems: [] }) }
              : {}),
          };
        }
        // An assembled drama goes through the drama mix (lanes, levelling, sounds), as the CLI's.
        const drama = open.takes
          ? await exportDrama(
              open,
              request.sheet,
              common,
              request.level ?? open.levelDialogue !== false,
              stemsDir,
            )
          : undefined;
        const { result, sheet } = drama
          ? drama
          : several
            ? await exportSeveral(open, request.sheet, common)
            : {
                result: await exportAudio({ ...common, audio: audio('Export').path, sheet: request.sheet }),
                sheet: request.sheet,
              };
        const sidecars = sidecarsToo
          ? await writeSidecars(output, sheet, result.chapters, undefined, replace)
          : [];
        const files = [output, ...sidecars];
        deps.emit({ type: 'exported', output, files });
        // What the delivered file missed of its target, as `cuewright export` warns on stderr.
        const missed = target && result.delivered ? targetMissed(target, result.delivered) : undefined;
        return {
          output,
          files,
          ...(missed ? { targetMissed: missed } : {}),
          chapters: result.chapters.map((c) => ({ title: c.title, start: c.start })),
          integrated: Number.isFinite(result.measured.integrated) ? result.measured.integrated : null,
          duration: result.duration,
          ...(drama?.stems ? { stems: drama.stems } : {}),
          ...(drama?.clipped ? { clipped: drama.clipped } : {}),
          ...(drama ? { levelled: request.level !== false } : {}),
        };
      } finally {
        if (exporting === controller) exporting = undefined;
        deps.emit({ type: 'task-done', task: 'export' });
      }
    },

    /**
     * The recording's loudness before export (BS.1770-4: integrated LUFS, loudness range LU, true
     * peak dBTP) and ACX's checks, in one decoding pass: what the export will have to change.
     */
    async analyzeLoudness(): Promise<
      AudioAnalysis['loudness'] & { duration: number; acx: AudioAnalysis['acx'] }
    > {
      const analysis = await analyzeAudio(
        audio('Loudness analysis').path,
        progress('analyze', 'measuring loudness'),
      );
      deps.emit({ type: 'task-done', task: 'analyze' });
      return { ...analysis.loudness, duration: analysis.duration, acx: analysis.acx };
    },

    async cancelExport(): Promise<boolean> {
      const running = exporting !== undefined;
      exporting?.abort();
      return running;
    },

    async revealInFolder(request: { path: string }): Promise<string> {
      const path = deps.grants.check(request.path, 'read');
      deps.reveal?.(path);
      return dirname(path);
    },

    /** A URL the page can stream a picked (granted) file from: music beds. */
    async mediaFor(request: { path: string }): Promise<string> {
      const path = deps.grants.check(sheetFilePath(current?.projectPath, request.path), 'read');
      return mediaUrlOf(path);
    },

    /**
     * A bed's waveform for the timeline's beds row: about 2000 min/max pairs over its whole file,
     * from the peaks cache (computed once per file, as a recording's are).
     */
    async bedPeaks(request: { path: string }): Promise<PeaksData> {
      const path = deps.grants.check(sheetFilePath(current?.projectPath, request.path), 'read');
      let audio = bedAudio.get(path);
      if (!audio) {
        audio = OpenAudio.open(path, cacheDir).catch((error: unknown) => {
          bedAudio.delete(path);
          throw FileError.wrap(path, error);
        });
        bedAudio.set(path, audio);
      }
      const open = await audio;
      return open.peaks(Math.max(1, Math.floor((open.duration * open.sampleRate) / 2000)));
    },

    /**
     * The room tone of a recording of the open project (`path` as the project view gives it): its
     * quietest half second, what the export tiles into the gaps between recordings and under a
     * pickup, for the preview to play there. One decode of the file on first use (shared with
     * Snap to pauses); null for a file shorter than half a second.
     */
    async roomTone(request: { path: string }): Promise<RoomToneData | null> {
      const recording = project().recordings.find((r) => r.path === request.path);
      if (!recording) throw new InputError(`${request.path}: not a recording of the open project`);
      if (!recording.audio) throw new FileError(recording.path, 'the audio is missing; relink it to go on');
      return recording.audio.roomTone();
    },

    /** For the media route only: the granted file behind a token of this session. */
    mediaFile(token: string): string | undefined {
      const path = media.get(token);
      return path ? deps.grants.check(path, 'read') : undefined;
    },
  };
  return handlers;
}

export type Handlers = ReturnType<typeof createHandlers>;
export { AccessError };

/**
 * `error` with the scratch project a drama is mixed from (`scratch`, a temporary file) named as
 * the open project (`projectPath`, or "the open project" while untitled): a tester's export failed
 * naming /tmp/cuewright-drama-project-…/drama.cwproj, a file the producer never saw.
 */
function asOpenProject(error: unknown, scratch: string, projectPath: string | undefined): unknown {
  if (error instanceof Error && error.message.includes(scratch))
    error.message = error.message.replaceAll(scratch, projectPath ?? 'the open project');
  return error;
}
