import { laneOf } from '../../../cues/production/drama-lanes.ts';
import { placeClips } from '../../../cues/production/timeline.ts';
import { chapterMarks } from '../../../cues/sidecars/chapter-marks.ts';
import { clockTime } from '../../../cues/sidecars/timecode.ts';
import { spokenText } from '../../../cues/spoken-text.ts';
import { counted } from '../../../cues/text/counted.ts';
import { recordingProblems } from '../../project/check-recordings.ts';
import { loadProject, resolveAudioPath } from '../../project/project-store.ts';
import { projectDuration, timelineOf } from '../../project/project-timeline.ts';
import { type Io, toJson } from '../output.ts';

export interface ProjectArgs {
  project: string;
  json: boolean;
}

/**
 * `cuewright project PROJECT.cwproj [--json]`: its recordings (where each plays), every cue with its
 * recording and time inside it and on the production's timeline, and the chapters.
 */
export async function runProject(args: ProjectArgs, io: Io): Promise<void> {
  const project = await loadProject(args.project);
  // Named, not refused: the listing is how one finds what to relink or fix.
  for (const problem of await recordingProblems(args.project, project)) io.err(`warning: ${problem}\n`);
  const clips = placeClips(timelineOf(project));
  const duration = projectDuration(project);
  const placedCue = new Map((project.placements ?? []).filter((p) => p.kind === 'cue').map((p) => [p.id, p]));
  const recordings = project.recordings.map((r) => ({
    id: r.id,
    path: resolveAudioPath(args.project, r.path),
    ...(r.title ? { title: r.title } : {}),
    duration: r.duration,
    ...(r.pickup ? { pickup: true } : {}),
    plays: clips.filter((c) => c.recording === r.id).map((c) => ({ at: c.at, from: c.from, to: c.to })),
  }));
  const takesOf = new Map((project.takes ?? []).map((t) => [t.cue, t]));
  const cues = project.sheet.cues.map((c) => {
    const p = placedCue.get(c.id);
    const lane = project.takes ? laneOf(c) : undefined;
    const takes = takesOf.get(c.id);
    return {
      id: c.id,
      kind: c.kind,
      // A sound or music cue has nothing spoken: it carries its cue as written ("[SFX: door slams]").
      text: c.kind === 'sfx' || c.kind === 'music' ? c.text : spokenText(c),
      // An assembled drama: the cue's lane, every take found and the one that plays.
      ...(lane ? { lane } : {}),
      ...(takes ? { takes: takes.takes, ...(takes.pick !== undefined ? { pick: takes.pick } : {}) } : {}),
      ...(p
        ? {
            recording: p.recording,
            recordingStart: p.start,
            ...(p.end !== undefined ? { recordingEnd: p.end } : {}),
          }
        : {}),
      ...(c.start !== undefined ? { start: c.start } : {}),
      ...(c.end !== undefined ? { end: c.end } : {}),
      ...(c.review ? { review: c.review } : {}),
    };
  });
  const timed = project.sheet.cues.some((c) => c.start !== undefined);
  const chapters: Array<{ title: string; start?: number; end?: number }> =
    timed || project.sheet.chapters.some((c) => c.start !== undefined)
      ? chapterMarks(project.sheet, { duration })
      : project.sheet.chapters.map((c) => ({ title: c.title }));
  if (args.json) {
    io.out(toJson({ title: project.sheet.title, duration, recordings, cues, chapters }));
    return;
  }
  // A pickup taken out keeps its recording in the file (its edit is gone): named as undone.
  const edited = new Set((project.pickups ?? []).map((p) => p.recording));
  const undone = (r: (typeof recordings)[number]) =>
    r.pickup === true && !edited.has(r.id) && r.plays.length === 0;
  const files = recordings.filter((r) => !r.pickup).length;
  const pickups = recordings.filter((r) => r.pickup && !undone(r)).length;
  const out = recordings.length - files - pickups;
  const counts = [
    `${files} ${files === 1 ? 'recording' : 'recordings'}`,
    ...(pickups > 0 ? [`${pickups} ${pickups === 1 ? 'pickup' : 'pickups'}`] : []),
    ...(out > 0 ? [`${out} undone ${out === 1 ? 'pickup' : 'pickups'} (not played)`] : []),
  ];
  io.out(`${project.sheet.title}: ${counts.join(', ')}, ${clockTime(duration)}\n`);
  for (const r of recordings) {
    const where = r.plays.map((p) => clockTime(p.at)).join(', ');
    const kind = undone(r) ? ', pickup, undone' : r.pickup ? ', pickup' : '';
    io.out(
      `  ${r.id}  ${r.path} (${clockTime(r.duration)}${kind}) ${where ? `plays at ${where}` : 'not played'}\n`,
    );
  }
  const placed = cues.filter((c) => c.start !== undefined).length;
  const review = cues.filter((c) => c.review).length;
  io.out(`${counted(cues.length, 'cue')}, ${placed} placed, ${review} to review\n`);
  io.out('chapters:\n');
  for (const chapter of chapters)
    io.out(`  ${chapter.start !== undefined ? clockTime(chapter.start) : '--:--'}  ${chapter.title}\n`);
}
