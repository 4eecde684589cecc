import { placementsOutOfRange } from '../../cues/production/placements-in-range.ts';
import { clockTime } from '../../cues/sidecars/timecode.ts';
import { probeAudio } from '../audio-io/audio-source.ts';
import { FileError, systemReason } from '../io/file-error.ts';
import type { ProjectFile } from './project-schema.ts';
import { resolveAudioPath } from './project-store.ts';

// Before a project is exported or listed: is every recording the file it was timed on (there, and
// as long as the project says, as the app's relink checks), and every placement inside its file?
// A swapped file would otherwise export every cue on the old timings without a word.

/** One line per problem, each naming the file: a missing recording, another length, a bad time. */
export async function recordingProblems(projectPath: string, project: ProjectFile): Promise<string[]> {
  const out: string[] = [];
  for (const r of project.recordings) {
    const path = resolveAudioPath(projectPath, r.path);
    try {
      const probe = await probeAudio(path);
      const found = probe.frames / probe.sampleRate;
      // A re-encode may pad a second or 1 % of a long book; a stored length of 0 is an old file's.
      const slack = Math.max(1, r.duration * 0.01);
      if (r.duration > 0 && found > 0 && Math.abs(found - r.duration) > slack)
        out.push(
          `${path}: is ${clockTime(found)} long, but the project's ${r.id} was ${clockTime(r.duration)}: another file? (relink the right one)`,
        );
    } catch (error) {
      const wrapped = FileError.wrap(path, error);
      if (!(wrapped instanceof FileError)) throw error;
      const missing = systemReason(error) === 'no such file' || wrapped.message.endsWith(': no such file');
      out.push(missing ? `${path}: the recording is missing (no such file)` : wrapped.message);
    }
  }
  const index = new Map(project.sheet.cues.map((c, i) => [c.id, i + 1]));
  const numberOf = (p: { kind: string; id: string }) =>
    p.kind === 'cue' && index.has(p.id) ? `cue ${index.get(p.id)}` : `${p.kind} "${p.id}"`;
  for (const line of placementsOutOfRange(project.placements ?? [], project.recordings, numberOf))
    out.push(`${projectPath}: ${line}`);
  return out;
}
