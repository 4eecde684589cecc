import {
  lastLineEnd,
  MIN_TRIMMED_REST,
  musicDucking,
  SOUND_LATEST_AFTER,
  soundPlays,
} from '../../audio/mix/drama-sounds.ts';
import { audibleLanes, type LaneStrip, mixLaneBlock } from '../../audio/mix/lane-mix.ts';
import { type LaneLevel, LaneMeters } from '../../audio/mix/level-lanes.ts';
import { clipSamples, type LaneClip, laneChannels, renderLaneBlock } from '../../audio/mix/render-lanes.ts';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { InputError } from '../../cues/input-error.ts';
import { dramaLanes, laneOf, MUSIC_LANE, SFX_LANE } from '../../cues/production/drama-lanes.ts';
import { sheetOnTimeline } from '../../cues/production/place-on-recordings.ts';
import { placeClips } from '../../cues/production/timeline.ts';
import { clockTime } from '../../cues/sidecars/timecode.ts';
import { probeAudio } from '../audio-io/audio-source.ts';
import type { LaneSettings } from '../project/lanes-schema.ts';
import type { ProjectFile } from '../project/project-schema.ts';
import { loadProject, resolveAudioPath } from '../project/project-store.ts';
import { timelineOf } from '../project/project-timeline.ts';
import { openSourceCache } from './source-cache.ts';

// An assembled drama mixed block by block: every picked take on its character's lane, every matched
// sound and music file on the SFX and Music lanes where its cue falls (the end of the line before
// it; 0 before the first; moved, looped and faded as the app left it: drama-sounds.ts soundPlays),
// music ducked under dialogue as beds are (ducking.ts, at the beds'
// default depth), dialogue lanes levelled to a common loudness (level-lanes.ts, unless asked
// not to), then each lane's gain, pan, mute and solo from the project (lane-mix.ts). Streamed in
// bounded memory: the recordings are decoded once each into a cache on disk (source-cache.ts),
// the dialogue lanes are measured in a first pass of blocks, and the stems and mix come in a
// second, a block (2^16 samples, 1.5 s at 44.1 kHz) at a time, the same samples as a whole render.

/** Samples per block of the render (what levelling's meter is pushed at a time). */
export const DRAMA_BLOCK = 1 << 16;

export interface DramaMixOptions {
  /**
   * Level the dialogue lanes to a common loudness; absent: as the project says (`levelDialogue`,
   * levelled unless it is false).
   */
  level?: boolean;
}

export interface MixedLane {
  name: string;
  /** The project's own settings for the lane (absent fields: defaults). */
  settings: LaneSettings;
  /** Dialogue lanes (when levelling): loudness before and the gain that levels it. */
  level?: LaneLevel;
  /** Its stem is in the mix (not muted, and soloed when any lane is). */
  audible: boolean;
}

export interface DramaMix {
  lanes: MixedLane[];
  rate: number;
  seconds: number;
  /** Samples per channel of every stem and the mix: ceil(seconds * rate). */
  frames: number;
  /** 1, or 2 when a lane is panned or plays a stereo sound (stems and mix alike). */
  channels: number;
  /** The levelling target (LUFS), when levelled. */
  target?: number;
  /** The sheet on the production's timeline, sound cues at the times they play. */
  sheet: CueSheet;
}

/** A drama ready to render; dispose() once done (it removes the decoded recordings). */
export interface DramaRender extends DramaMix {
  /**
   * Calls `onBlock` for each block in turn: per lane (in `lanes` order) its stem's channels, and
   * the mix's (blocks valid during the call).
   */
  render(onBlock: (stems: Float32Array[][], mix: Float32Array[]) => void): void;
  dispose(): Promise<void>;
}

/**
 * The sheet with each sound cue timed where its file plays (clips keyed `sound:` by cue order),
 * and a chapter opening at its first sound when that plays before its first line.
 */
function withSoundTimes(sheet: CueSheet, clips: LaneClip[], rate: number): CueSheet {
  const played = new Map<string, { start: number; end: number }>();
  for (const clip of clips)
    if (clip.cue)
      played.set(clip.cue, {
        start: clip.at,
        end:
          clip.at +
          (clip.shape
            ? clipSamples(clip, rate, Number.POSITIVE_INFINITY)
            : Math.round((clip.to - clip.from) * rate)) /
            rate,
      });
  const cues = sheet.cues.map((c) => (played.has(c.id) ? { ...c, ...played.get(c.id)! } : c));
  const starts = new Map(cues.flatMap((c) => (c.start !== undefined ? [[c.id, c.start] as const] : [])));
  const chapters = sheet.chapters.map((chapter) => {
    const first = Math.min(...chapter.cueIds.flatMap((id) => (starts.has(id) ? [starts.get(id)!] : [])));
    return chapter.start !== undefined && first < chapter.start ? { ...chapter, start: first } : chapter;
  });
  return { ...sheet, cues, chapters };
}

/** The take clips of `project` on the timeline, each on the lane of the cue placed inside it. */
function dialogueClips(project: ProjectFile): LaneClip[] {
  const cues = new Map(project.sheet.cues.map((c) => [c.id, c]));
  return placeClips(timelineOf(project)).map((clip) => {
    const placement = (project.placements ?? []).find(
      (p) => p.kind === 'cue' && p.recording === clip.recording && p.start >= clip.from && p.start < clip.to,
    );
    const cue = placement ? cues.get(placement.id) : undefined;
    return {
      lane: (cue && laneOf(cue)) ?? 'Narration',
      recording: clip.recording,
      from: clip.from,
      to: clip.to,
      at: clip.at,
    };
  });
}

/**
 * The lanes the mix of `project` renders, in order (a stem each): those with a take clip or a
 * sound. Known without reading any audio, so what an export writes is checked before it starts.
 */
export function mixLaneNames(project: ProjectFile, clips = dialogueClips(project)): string[] {
  const used = new Set([...clips.map((c) => c.lane), ...(project.sounds ?? []).map((s) => s.lane)]);
  return dramaLanes(project.sheet.cues).filter((l) => used.has(l));
}

/** Prepares the drama of `projectPath` to render (InputError when it was not assembled from takes). */
export async function mixDrama(projectPath: string, options: DramaMixOptions = {}): Promise<DramaRender> {
  const project = await loadProject(projectPath);
  return mixProject(projectPath, project, options);
}

export async function mixProject(
  projectPath: string,
  project: ProjectFile,
  options: DramaMixOptions = {},
): Promise<DramaRender> {
  if (!project.takes)
    throw new InputError(`${projectPath}: not an audio drama assembled from takes (cuewright assemble)`);
  const timeline = timelineOf(project);
  const sheet = sheetOnTimeline(project.sheet, project.placements ?? [], timeline);
  const clips = dialogueClips(project);
  // The mix runs at the highest rate of the takes and sounds (a 44.1 kHz effect is not dulled to 16 kHz).
  const paths = [...project.recordings, ...(project.sounds ?? [])].map((r) =>
    resolveAudioPath(projectPath, r.path),
  );
  const probes = await Promise.all(paths.map((p) => probeAudio(p)));
  const rate = Math.max(...probes.map((p) => p.sampleRate));
  const sources = await openSourceCache(rate);
  try {
    for (const r of project.recordings) await sources.add(r.id, resolveAudioPath(projectPath, r.path));
    const fileSeconds = new Map<string, number>();
    for (const sound of project.sounds ?? []) {
      // Kept stereo (an ambience, a theme): the mix goes stereo for it, as the preview plays it.
      const length = await sources.add(`sound:${sound.path}`, resolveAudioPath(projectPath, sound.path), {
        keepStereo: true,
      });
      // A trim past the file's end leaves nothing to play (soundPlays would loop its last 10 ms).
      if ((sound.offset ?? 0) > length / rate - MIN_TRIMMED_REST)
        throw new InputError(
          `${sound.path}: its start is trimmed ${sound.offset} s into a ${(length / rate).toFixed(2)} s file, leaving nothing to play`,
        );
      fileSeconds.set(sound.cue, length / rate);
    }
    // Each sound where it plays, moved, looped and faded as the app left it (soundPlays).
    const paths = new Map((project.sounds ?? []).map((s) => [s.cue, s.path]));
    const latest = lastLineEnd(sheet) + SOUND_LATEST_AFTER;
    for (const play of soundPlays(sheet, project.sounds ?? [], (cue) => fileSeconds.get(cue))) {
      // A start hours past the drama (a slip of the keyboard in a hand-edited project) would render
      // hours of silence, so it is named instead.
      if (play.at > latest)
        throw new InputError(
          `${projectPath}: ${paths.get(play.cue)} starts at ${clockTime(play.at)}, more than ${SOUND_LATEST_AFTER} s after the last line ends (${clockTime(latest - SOUND_LATEST_AFTER)}): move it (the app's Plays at, or its shift in the project)`,
        );
      clips.push({
        lane: play.lane,
        recording: `sound:${paths.get(play.cue)}`,
        from: play.span.offset,
        to: play.fileSeconds,
        at: play.at,
        cue: play.cue,
        shape: {
          length: play.span.length,
          loop: play.span.loop,
          fadeIn: play.span.fadeIn,
          fadeOut: play.span.fadeOut,
        },
      });
    }
    const timed = withSoundTimes(sheet, clips, rate);
    const seconds = clips.reduce(
      (end, c) =>
        Math.max(
          end,
          c.shape ? c.at + clipSamples(c, rate, Number.POSITIVE_INFINITY) / rate : c.at + c.to - c.from,
        ),
      0,
    );
    const frames = Math.ceil(seconds * rate);
    const names = mixLaneNames(project, clips);
    const blocks = function* () {
      for (let start = 0; start < frames; start += DRAMA_BLOCK) {
        const count = Math.min(DRAMA_BLOCK, frames - start);
        yield { start, tracks: renderLaneBlock(names, clips, sources, rate, start, count) };
      }
    };
    const dialogue = names.map((n) => n !== SFX_LANE && n !== MUSIC_LANE);
    let levelled: ReturnType<LaneMeters['levels']> | undefined;
    if ((options.level ?? project.levelDialogue) !== false) {
      // First pass: the dialogue lanes measured as they will play before levelling.
      const meters = new LaneMeters(dialogue.filter((d) => d).length, rate);
      for (const { tracks } of blocks()) meters.push(tracks.filter((_, i) => dialogue[i]));
      levelled = meters.levels();
    }
    const levels = new Map<number, LaneLevel>();
    if (levelled) {
      let k = 0;
      for (const [i, d] of dialogue.entries()) if (d) levels.set(i, levelled.levels[k++]!);
    }
    const settings = names.map((n) => project.lanes?.[n] ?? {});
    const audible = audibleLanes(settings);
    const duck = musicDucking(sheet);
    const strips: LaneStrip[] = names.map((n, i) => ({
      gainDb: (settings[i]!.gainDb ?? 0) + (levels.get(i)?.gainDb ?? 0),
      pan: settings[i]!.pan ?? 0,
      audible: audible[i]!,
      ...(n === MUSIC_LANE ? { envelope: duck } : {}),
    }));
    const stereo = strips.some((s) => s.pan !== 0) || laneChannels(names, clips, sources).includes(2);
    return {
      lanes: names.map((name, i) => ({
        name,
        settings: settings[i]!,
        ...(levels.has(i) ? { level: levels.get(i)! } : {}),
        audible: audible[i]!,
      })),
      rate,
      seconds,
      frames,
      channels: stereo ? 2 : 1,
      ...(levelled ? { target: levelled.target } : {}),
      sheet: timed,
      render(onBlock) {
        for (const { start, tracks } of blocks()) {
          const { stems, mix } = mixLaneBlock(tracks, strips, rate, stereo, start);
          onBlock(stems, mix);
        }
      },
      dispose: () => sources.dispose(),
    };
  } catch (error) {
    await sources.dispose();
    throw error;
  }
}
