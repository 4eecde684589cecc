import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import {
  joinedOnSpeech,
  joinGaps,
  layoutProduction,
  type ProductionLayout,
} from '../../audio/production/join-gaps.ts';
import type { Chapter, CueSheet } from '../../cues/cue-sheet.ts';
import { InputError } from '../../cues/input-error.ts';
import { type FileChapter, withFilesChapters } from '../../cues/production/files-chapters.ts';
import { placementsOf, sheetOnTimeline } from '../../cues/production/place-on-recordings.ts';
import type { Clip, Placement } from '../../cues/production/timeline.ts';
import { counted } from '../../cues/text/counted.ts';
import { readEmbeddedChapters } from '../audio-io/embedded-chapters.ts';
import { type ExportRequest, type ExportResult, exportAudio } from '../export/export-audio.ts';
import { type ChapterFile, exportChapterFiles } from '../export/export-chapters.ts';
import { productionAudio, productionShape } from './production-audio.ts';
import { surveyAll } from './survey-all.ts';
import type { SurveyedRecording } from './survey-recording.ts';
import { clipFrames, timelineAudio } from './timeline-audio.ts';

// Export from every recording of a production: the files surveyed (exact lengths, edges, room
// tone), laid end to end with the gaps chosen, streamed as one source through the ordinary export
// (loudness measured over the whole production, parallel encoders, chapters, sidecars). Chapters
// come from the script, each cue placed through its recording; with no script, one chapter per
// file titled from its tags or name. `keepChapters` keeps the chapters inside the files, shifted
// to where each file plays: in place of a chapter per file, or of the script's inside that file.

export interface ProductionRequest extends Omit<ExportRequest, 'audio' | 'sheet' | 'source'> {
  /** The recordings in running order. */
  recordings: string[];
  /**
   * The script's sheet with every cue placed on its recording (`recordings[i]` has id
   * `recordingIds[i]`), or without placements its times on the files end to end with no gaps (what
   * `align SCRIPT A B C` gives); absent: no script, a chapter per file.
   */
  script?: { sheet: CueSheet; placements?: Placement[]; recordingIds?: string[] };
  /** The production's title with no script (default: the first file's title). */
  title?: string;
  /** Seconds of room tone at every join, or 'auto' (default): the files' own pauses, room tone where one is abrupt. */
  gap?: number | 'auto';
  /**
   * Keep the chapters inside each file, shifted to where it plays: with no script, in place of a
   * chapter per file; with one, in place of the script's chapters that start inside a file that
   * has chapters of its own (a file with none keeps the script's).
   */
  keepChapters?: boolean;
  /** One file per chapter (ACX), with this much room tone at each end. */
  perChapter?: { roomTone: number };
  /** Progress of the survey (one decode of every file, before measuring). */
  onSurvey?: (fraction: number) => void;
  /**
   * An edited timeline (pickups) to play instead of the recordings end to end: its clips name the
   * recordings by `script.recordingIds`, and its gaps are the project's (`gap` is not used).
   */
  timeline?: Clip[];
}

/** Where each recording plays in the export. */
export interface PlacedRecording {
  path: string;
  title: string;
  /** Seconds: its first sample in the exported audio, its length, the room tone added before it. */
  start: number;
  duration: number;
  gapBefore: number;
  /** It goes on with the words the file before it stopped in: joined with no room tone. */
  joinedOnSpeech?: boolean;
}

export interface ProductionResult {
  recordings: PlacedRecording[];
  /** The sheet on the exported audio's timeline (sidecars are written from it). */
  sheet: CueSheet;
  /** One file (with its chapters), or one per chapter. */
  file?: ExportResult;
  files?: ChapterFile[];
}

export async function exportProduction(request: ProductionRequest): Promise<ProductionResult> {
  if (request.recordings.length === 0) throw new InputError('export needs at least one recording');
  const surveyed = await surveyAll(
    request.recordings,
    request.onSurvey,
    await surveyThreads(request.recordings),
  );
  const shape = productionShape(surveyed);
  if (request.timeline) return exportTimeline(request, request.timeline, surveyed, shape);
  const files = surveyed.map((f) => ({ frames: f.frames, sampleRate: f.probe.sampleRate }));
  const onRecordings = request.script
    ? scriptPlacements(
        request.script,
        surveyed,
        layoutProduction(
          files,
          files.map(() => 0),
          shape.sampleRate,
        ),
      )
    : undefined;
  const auto = request.gap === undefined || request.gap === 'auto';
  // A file that stops in the middle of a line goes on in the next: no room tone inside a sentence.
  const onSpeech = surveyed.map(
    (f, i) =>
      auto &&
      i > 0 &&
      (joinedOnSpeech(surveyed[i - 1]!, f) ||
        (onRecordings !== undefined && endsMidCue(onRecordings, i - 1, surveyed[i - 1]!))),
  );
  // One file per chapter with no script: each file is its chapter, ends padded with room tone by
  // the chapter export itself; a join gap would only lengthen the chapter before it.
  const perFile = request.perChapter !== undefined && !request.script;
  const gaps = joinGaps(surveyed, request.gap ?? 'auto').map((gap, i) => (onSpeech[i] || perFile ? 0 : gap));
  const layout = layoutProduction(files, gaps, shape.sampleRate);
  const sheet = onRecordings
    ? await withKeptChapters(
        request,
        sheetOnTimeline(
          request.script!.sheet,
          onRecordings.placements,
          layoutClips(onRecordings.ids, surveyed, layout),
        ),
        layoutClips(onRecordings.ids, surveyed, layout),
        new Map(surveyed.map((f, i) => [onRecordings.ids[i]!, f.path])),
      )
    : await chapterPerFile(surveyed, layout, request);
  const placed = surveyed.map((f, i) => ({
    path: f.path,
    title: f.title,
    start: layout.starts[i]! / layout.sampleRate,
    duration: layout.lengths[i]! / layout.sampleRate,
    gapBefore: layout.gaps[i]! / layout.sampleRate,
    ...(onSpeech[i] ? { joinedOnSpeech: true } : {}),
  }));
  return exportPlaced(request, sheet, productionAudio(surveyed, layout), placed);
}

/** Below this many bytes of recordings in all, the survey's threads would cost more to start than they save. */
const SURVEY_THREADED_BYTES = 8 << 20;

/** Threads for the survey: one per core (up to 4) for several large files, else this one alone. */
async function surveyThreads(paths: string[]): Promise<number> {
  if (paths.length < 2) return 1;
  const sizes = await Promise.all(
    paths.map((p) =>
      stat(p).then(
        (s) => s.size,
        () => 0,
      ),
    ),
  );
  if (sizes.reduce((a, b) => a + b, 0) < SURVEY_THREADED_BYTES) return 1;
  return Math.min(4, availableParallelism());
}

/** Export of an edited timeline: its clips stream as they are cut, its cues placed through them. */
async function exportTimeline(
  request: ProductionRequest,
  clips: Clip[],
  surveyed: SurveyedRecording[],
  shape: { sampleRate: number; channels: number },
): Promise<ProductionResult> {
  const script = request.script;
  const ids = script?.recordingIds;
  if (!script?.placements || !ids || ids.length !== surveyed.length)
    throw new InputError('an edited timeline needs the script placed on its recordings (a project)');
  const byId = new Map(surveyed.map((f, i) => [ids[i]!, f]));
  // The clips as sampled (each start and length rounded to the rate), so cue times land on them.
  const frames = clipFrames(clips, shape.sampleRate);
  const sampled = clips.map((c, i) => ({ ...c, to: c.from + frames[i]!.length / shape.sampleRate }));
  const sheet = await withKeptChapters(
    request,
    sheetOnTimeline(script.sheet, script.placements, sampled),
    sampled,
    new Map(surveyed.map((f, i) => [ids[i]!, f.path])),
  );
  const placed = clips.map((c, i) => ({
    path: byId.get(c.recording)!.path,
    title: byId.get(c.recording)!.title,
    start: frames[i]!.start / shape.sampleRate,
    duration: frames[i]!.length / shape.sampleRate,
    gapBefore: c.gapBefore ?? 0,
  }));
  return exportPlaced(request, sheet, timelineAudio(clips, byId, shape), placed);
}

/**
 * The export itself, from the production's audio as it plays (`source`) with the sheet placed on
 * it: one file, or one per chapter. `placed` reports where each recording or clip landed.
 */
async function exportPlaced(
  request: ProductionRequest,
  sheet: CueSheet,
  source: ExportRequest['source'],
  placed: ProductionResult['recordings'],
): Promise<ProductionResult> {
  const {
    recordings: _r,
    script: _s,
    title: _t,
    gap: _g,
    keepChapters: _k,
    perChapter,
    onSurvey: _o,
    timeline: _l,
    ...rest
  } = request;
  const exportRequest: ExportRequest = {
    ...rest,
    audio: request.recordings[0]!,
    source,
    sheet,
    readsAlso: [
      ...request.recordings.slice(1).map((path) => ({ path, role: 'recording' })),
      ...(request.readsAlso ?? []),
    ],
  };
  if (perChapter) {
    const files = await exportChapterFiles({ ...exportRequest, roomTone: perChapter.roomTone });
    return { recordings: placed, sheet, files };
  }
  return { recordings: placed, sheet, file: await exportAudio(exportRequest) };
}

/** The recordings as they play in this export: each whole, after its gap. */
function layoutClips(ids: string[], surveyed: SurveyedRecording[], layout: ProductionLayout): Clip[] {
  return surveyed.map((_file, i) => ({
    recording: ids[i]!,
    from: 0,
    to: layout.lengths[i]! / layout.sampleRate,
    ...(i > 0 ? { gapBefore: layout.gaps[i]! / layout.sampleRate } : {}),
  }));
}

/** Every cue on its recording: the script's own placements, or its times on the files end to end. */
function scriptPlacements(
  script: NonNullable<ProductionRequest['script']>,
  surveyed: SurveyedRecording[],
  gapless: ProductionLayout,
): { ids: string[]; placements: Placement[] } {
  const ids = script.recordingIds ?? surveyed.map((_, i) => `rec-${i + 1}`);
  if (ids.length !== surveyed.length)
    throw new InputError(
      `the cues are placed on ${counted(ids.length, 'recording')} but ${surveyed.length} ${surveyed.length === 1 ? 'was' : 'were'} given`,
    );
  return {
    ids,
    placements: script.placements ?? placementsOf(script.sheet, layoutClips(ids, surveyed, gapless)),
  };
}

/** Whether a cue placed in file `i` runs past its end (the file stops mid-line). */
function endsMidCue(
  placed: { ids: string[]; placements: Placement[] },
  i: number,
  file: SurveyedRecording,
): boolean {
  const duration = file.frames / file.probe.sampleRate;
  return placed.placements.some(
    (p) =>
      p.kind === 'cue' &&
      p.recording === placed.ids[i] &&
      p.end !== undefined &&
      p.end > duration - 0.05 &&
      p.start < duration - 0.05,
  );
}

/**
 * With a script and `keepChapters`: the chapters inside the recordings (`paths` by recording id)
 * in place of the script's that start inside them (files-chapters.ts); otherwise `sheet` itself.
 */
async function withKeptChapters(
  request: ProductionRequest,
  sheet: CueSheet,
  clips: Clip[],
  paths: Map<string, string>,
): Promise<CueSheet> {
  if (!request.keepChapters) return sheet;
  const own: FileChapter[] = [];
  for (const [recording, path] of paths) {
    const found = await readEmbeddedChapters(path).then(
      (f) => f.chapters,
      () => [],
    );
    for (const c of found) own.push({ recording, title: c.title, start: c.start });
  }
  return withFilesChapters(sheet, clips, own);
}

/** No script: a chapter per file from its title, or the chapters inside it (`keepChapters`). */
async function chapterPerFile(
  surveyed: SurveyedRecording[],
  layout: ProductionLayout,
  request: ProductionRequest,
): Promise<CueSheet> {
  const chapters: Chapter[] = [];
  // Files tagged alike (every part "The Sonnets") or one file named twice: numbered, as a player
  // lists chapters by title alone.
  const seen = new Map<string, number>();
  const titleOf = (title: string) => {
    const n = (seen.get(title) ?? 0) + 1;
    seen.set(title, n);
    return n === 1 ? title : `${title} (${n})`;
  };
  for (const [i, file] of surveyed.entries()) {
    const start = layout.starts[i]! / layout.sampleRate;
    const duration = layout.lengths[i]! / layout.sampleRate;
    const inside = request.keepChapters
      ? await readEmbeddedChapters(file.path).then(
          (found) => found.chapters.filter((c) => c.start < duration),
          () => [],
        )
      : [];
    // A file's own chapters replace its chapter; the first still opens where the file does.
    const marks = inside.length > 0 ? inside : [{ title: titleOf(file.title), start: 0 }];
    for (const [k, mark] of marks.entries())
      chapters.push({
        id: `file-${i + 1}-${k + 1}`,
        title: mark.title,
        start: k === 0 ? start : start + mark.start,
        cueIds: [],
      });
  }
  return { version: 1, title: request.title ?? surveyed[0]!.title, chapters, cues: [] };
}
