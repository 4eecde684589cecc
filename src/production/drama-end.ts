import { soundPlays } from '../../audio/mix/drama-sounds.ts';
import { sheetOnTimeline } from '../../cues/production/place-on-recordings.ts';
import { audioSeconds } from '../audio-io/audio-metadata.ts';
import { probeAudio } from '../audio-io/audio-source.ts';
import type { ProjectFile } from '../project/project-schema.ts';
import { resolveAudioPath } from '../project/project-store.ts';
import { projectDuration, timelineOf } from '../project/project-timeline.ts';

// Where an assembled drama really ends: its closing music may play on past its last line, and the
// drama mix (drama-mix.ts) renders it to its end, so a length that stops at the last line is short.

/**
 * Where a drama ends, in production seconds: the later of its last take clip's end and the end of
 * any sound or music block as the mix plays it (soundPlays: moved, trimmed, a loop with a set
 * length ending there). Each sound file's length is its header's (probeAudio), or its measured
 * duration when the header states none; a sound that cannot be read is left out (its export says
 * why).
 *
 * @param projectPath the project's path (its sounds' paths are relative to it)
 */
export async function dramaEnd(projectPath: string, project: ProjectFile): Promise<number> {
  const linesEnd = projectDuration(project);
  const sounds = project.sounds ?? [];
  if (sounds.length === 0) return linesEnd;
  const fileSeconds = new Map<string, number>();
  for (const sound of sounds) {
    const seconds = await soundSeconds(resolveAudioPath(projectPath, sound.path));
    if (seconds !== undefined) fileSeconds.set(sound.cue, seconds);
  }
  const sheet = sheetOnTimeline(project.sheet, project.placements ?? [], timelineOf(project));
  const plays = soundPlays(sheet, sounds, (cue) => fileSeconds.get(cue));
  return Math.max(linesEnd, ...plays.map((p) => p.at + p.span.length));
}

/** A sound file's length in seconds; undefined when it cannot be read. */
async function soundSeconds(path: string): Promise<number | undefined> {
  try {
    return await audioSeconds(path, await probeAudio(path));
  } catch {
    return undefined;
  }
}
