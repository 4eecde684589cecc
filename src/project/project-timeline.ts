import { InputError } from '../../cues/input-error.ts';
import { placementsOf, sheetOnTimeline } from '../../cues/production/place-on-recordings.ts';
import {
  type Clip,
  defaultTimeline,
  type Recording,
  timelineDuration,
} from '../../cues/production/timeline.ts';
import type { ProjectFile } from './project-schema.ts';

// A project's sheet is on the production's timeline; its file also places everything on the
// recordings' own clocks. On load the placements win (the sheet's times are derived from them);
// before a save they are recomputed from the sheet as edited.

/** The clips that play: the project's own timeline, or every recording whole, end to end. */
export function timelineOf(project: Pick<ProjectFile, 'recordings' | 'timeline'>): Clip[] {
  return project.timeline ?? defaultTimeline(project.recordings);
}

/** The production's length in seconds (gaps and crossfades included). */
export function projectDuration(project: Pick<ProjectFile, 'recordings' | 'timeline'>): number {
  return timelineDuration(timelineOf(project));
}

/** The project as loaded: placements present, the sheet's times derived from them. */
export function withDerivedTimes(project: ProjectFile): ProjectFile {
  const clips = timelineOf(project);
  if (!project.placements) return { ...project, placements: placementsOf(project.sheet, clips) };
  return { ...project, sheet: sheetOnTimeline(project.sheet, project.placements, clips) };
}

/** The project as saved: placements recomputed from the sheet's times (unplaced things keep theirs). */
export function withPlacements(project: ProjectFile): ProjectFile {
  return { ...project, placements: placementsOf(project.sheet, timelineOf(project), project.placements) };
}

/** The `recordings` of a one-recording project (the app's new project, the single-file CLI). */
export function oneRecording(path: string, size: number, duration: number): { recordings: Recording[] } {
  return { recordings: [{ id: 'rec-1', path, size, duration }] };
}

/**
 * The recording of a one-recording project, for the parts of the app that play one file; a
 * production of several is refused in one line naming what opens it.
 */
export function onlyRecording(project: ProjectFile): Recording {
  const playing = timelineOf(project);
  const first = project.recordings[0]!;
  if (project.recordings.length > 1 || playing.length !== 1)
    throw new InputError(
      `this project has ${project.recordings.length} recordings; the app opens one-recording projects so far (use cuewright project / export)`,
    );
  return first;
}
