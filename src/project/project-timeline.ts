import { placementsOf, sheetOnTimeline } from '../../cues/production/place-on-recordings.ts';
import { type Clip, defaultTimeline, timelineDuration } from '../../cues/production/timeline.ts';
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
