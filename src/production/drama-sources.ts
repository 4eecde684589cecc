import { stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { InputError } from '../../cues/input-error.ts';
import { placementsOutOfRange } from '../../cues/production/placements-in-range.ts';
import { spokenText } from '../../cues/spoken-text.ts';
import { counted } from '../../cues/text/counted.ts';
import { probeAudio } from '../audio-io/audio-source.ts';
import { FileError, systemReason } from '../io/file-error.ts';
import { type InputFile, refuseOutputOverInput } from '../io/output-over-input.ts';
import type { ProjectFile } from '../project/project-schema.ts';
import { resolveAudioPath } from '../project/project-store.ts';

// Before an assembled drama is mixed: nothing it writes (the mix, a stem) may land on a file it
// reads (the project, a take, a sound or music file), and every take must still be the file it
// was assembled from. A take trimmed or replaced since would otherwise play its character's lines
// from the wrong times, or as silence, with nothing said.

/**
 * Seconds a take's length may differ from the one the project recorded: the decoder's rounding
 * (the project keeps the length as probed when assembled), far below any edit of the file.
 */
export const TAKE_LENGTH_SLACK = 0.05;

/** Characters of a line's text that name it in a refusal. */
const OPENING = 40;

/** Every file the mix of `project` (saved at `projectPath`) reads, each with its role. */
export function dramaInputs(projectPath: string, project: ProjectFile): InputFile[] {
  return [
    { path: projectPath, role: 'project' },
    ...project.recordings.map((r) => ({ path: resolveAudioPath(projectPath, r.path), role: 'take file' })),
    ...(project.sounds ?? []).map((s) => ({
      path: resolveAudioPath(projectPath, s.path),
      role: s.lane === 'Music' ? 'music file' : 'sound file',
    })),
  ];
}

/**
 * One line per take file that is not as the project recorded it, each naming the file and the
 * difference: missing or unreadable (`refuse`), another length (`refuse`), the same length but
 * another size in bytes (`warn`: re-tagged, or re-recorded to the same length); and placements
 * past a take's end (`refuse`).
 */
export async function dramaSourceProblems(
  projectPath: string,
  project: ProjectFile,
): Promise<{ refuse: string[]; warn: string[] }> {
  const refuse: string[] = [];
  const warn: string[] = [];
  for (const r of project.recordings) {
    const path = resolveAudioPath(projectPath, r.path);
    try {
      const probe = await probeAudio(path);
      const found = probe.frames / probe.sampleRate;
      const size = (await stat(path)).size;
      if (found > 0 && Math.abs(found - r.duration) > TAKE_LENGTH_SLACK)
        refuse.push(
          `${path}: is ${found.toFixed(2)} s long, but was ${r.duration.toFixed(2)} s when the drama was assembled (${found < r.duration ? 'shortened' : 'lengthened'} by ${Math.abs(found - r.duration).toFixed(2)} s): its takes would play from the wrong times; assemble again`,
        );
      else if (size !== r.size)
        warn.push(
          `${path}: is ${size} bytes, but was ${r.size} when the drama was assembled (same length): changed since? assemble again if its takes moved`,
        );
    } catch (error) {
      const wrapped = FileError.wrap(path, error);
      if (!(wrapped instanceof FileError)) throw error;
      refuse.push(
        systemReason(error) === 'no such file' ? `${path}: the take file is missing` : wrapped.message,
      );
    }
  }
  // A line named by its number in the script and its opening words, which the producer can find.
  const cues = new Map(project.sheet.cues.map((cue, i) => [cue.id, { cue, n: i + 1 }]));
  const numberOf = (p: { kind: string; id: string }) => {
    const found = p.kind === 'cue' ? cues.get(p.id) : undefined;
    if (!found) return `${p.kind} "${p.id}"`;
    const text = spokenText(found.cue);
    const opening = text.length > OPENING ? `${text.slice(0, OPENING).trimEnd()}…` : text;
    return `line ${found.n} (${found.cue.speaker ? `${found.cue.speaker}: ` : ''}"${opening}")`;
  };
  for (const line of placementsOutOfRange(project.placements ?? [], project.recordings, numberOf))
    refuse.push(`${projectPath}: ${line}`);
  return { refuse, warn };
}

/**
 * Refuses, before any work, to mix `project` when one of `writes.outputs` is a file it reads
 * (FileError naming it), `writes.stemsDir` is a folder holding one (the takes folder: a stem named
 * like a take there would replace it), or a take file is not the one it was assembled from
 * (InputError naming the first, and how many more); each problem is also passed to `warn` (one
 * line each), as are the takes that changed size only.
 */
export async function checkDramaSources(
  projectPath: string,
  project: ProjectFile,
  writes: { outputs: string[]; stemsDir?: string; readsAlso?: InputFile[] },
  warn?: (line: string) => void,
): Promise<void> {
  const inputs = [...dramaInputs(projectPath, project), ...(writes.readsAlso ?? [])];
  await refuseOutputOverInput(writes.outputs, inputs);
  if (writes.stemsDir !== undefined) await refuseStemsBesideInputs(writes.stemsDir, inputs);
  const problems = await dramaSourceProblems(projectPath, project);
  for (const line of problems.warn) warn?.(`warning: ${line}`);
  if (problems.refuse.length > 1) for (const line of problems.refuse) warn?.(`error: ${line}`);
  if (problems.refuse.length > 0)
    throw new InputError(
      problems.refuse.length === 1
        ? problems.refuse[0]!
        : `${problems.refuse[0]} (and ${counted(problems.refuse.length - 1, 'more problem')}${warn ? ', listed above' : ''})`,
    );
}

/** FileError when `stemsDir` (compared by device and inode) is the folder of one of `inputs`. */
async function refuseStemsBesideInputs(stemsDir: string, inputs: InputFile[]): Promise<void> {
  const dir = await stat(stemsDir).catch(() => undefined);
  if (!dir) return;
  for (const input of inputs) {
    const folder = await stat(dirname(resolve(input.path))).catch(() => undefined);
    if (folder && folder.dev === dir.dev && folder.ino === dir.ino)
      throw new FileError(
        stemsDir,
        `holds the ${input.role} ${basename(input.path)} this export reads: a stem could replace a file there; choose another folder for the stems`,
      );
  }
}
