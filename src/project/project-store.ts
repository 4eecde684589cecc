import { stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, relative, resolve } from 'node:path';
import { writeFileAtomic } from '../io/atomic-write.ts';
import { FileError, systemReason } from '../io/file-error.ts';
import { PROJECT_LIMIT, readRegularText } from '../io/read-regular-file.ts';
import { migrateProject } from './migrate-project.ts';
import { type ProjectFile, projectSchema } from './project-schema.ts';
import { projectTooLarge } from './project-size.ts';
import { withDerivedTimes, withPlacements } from './project-timeline.ts';

/** Reads a project; a malformed, truncated or future file is a FileError and is never written to. */
export async function loadProject(path: string): Promise<ProjectFile> {
  const text = await readRegularText(path, PROJECT_LIMIT);
  return parseProject(path, text);
}

export function parseProject(path: string, text: string): ProjectFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // Starts like JSON but never closes: a write that was cut short (a copy, a full disk).
    const truncated = /^\s*[{[]/.test(text) && !/[}\]]\s*$/.test(text);
    // A recording or another binary file opened as a project: JSON.parse's message quotes its bytes.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control bytes are what marks it binary
    const binary = /[\u0000-\u0008\u000e-\u001f]/.test(text.slice(0, 512));
    throw new FileError(
      path,
      truncated
        ? 'the project file is cut short (truncated)'
        : binary
          ? 'not valid JSON: a binary file (audio?), not a Cuewright project'
          : `not valid JSON (${(error as Error).message})`,
    );
  }
  try {
    const result = projectSchema.safeParse(migrateProject(value));
    if (!result.success) {
      const issue = result.error.issues[0]!;
      throw new FileError(
        path,
        `not a valid project: ${issue.path.join('.') || 'project'}: ${issue.message}`,
      );
    }
    return withDerivedTimes(result.data);
  } catch (error) {
    throw FileError.wrap(path, error);
  }
}

/**
 * Saves atomically (part file, fsync, rename, folder fsync) after keeping the previous version as
 * `<name>.bak`, so a bad save can be undone by hand and a crash mid-save leaves the old file whole.
 */
export async function saveProject(path: string, project: ProjectFile): Promise<void> {
  const text = projectText(path, project); // before the backup: a refused save changes nothing
  await keepBackup(path);
  try {
    await writeFileAtomic(path, text);
  } catch (error) {
    throw FileError.wrap(path, error);
  }
}

/**
 * The project as written: indented for a person reading it, or compact when only that fits the
 * size limit (a file written compact by hand still saves after opening), else refused: it could
 * not be opened again.
 */
function projectText(path: string, edited: ProjectFile): string {
  const project = withPlacements(edited);
  const indented = `${JSON.stringify(project, null, 1)}\n`;
  if (!projectTooLarge(indented)) return indented;
  const compact = `${JSON.stringify(project)}\n`;
  const problem = projectTooLarge(compact);
  if (problem) throw new FileError(path, `not saved: ${problem}; it could not be opened again`);
  return compact;
}

/**
 * Copies the project as it is now to `<name>.bak`, atomically: the old backup stays whole until
 * the new one is complete (a full disk never costs the last good backup). Only a project that
 * loads becomes the backup. If the backup cannot be written, nothing is saved.
 */
async function keepBackup(path: string): Promise<void> {
  const exists = await stat(path).then(
    () => true,
    () => false,
  );
  const previous = await readRegularText(path, PROJECT_LIMIT).catch(() => undefined);
  // A save replaces a project (a damaged one too), never another kind of file: a save aimed at
  // the recording replaced it with JSON, with no backup.
  if (exists && !previous?.trimStart().startsWith('{'))
    throw new FileError(path, 'not saved: there is a file here that is not a Cuewright project');
  if (previous === undefined) return;
  try {
    parseProject(path, previous);
  } catch {
    return; // never replace a good backup with junk
  }
  const backup = `${path}.bak`;
  try {
    await writeFileAtomic(backup, previous);
  } catch (error) {
    const reason = systemReason(error);
    if (!reason) throw error;
    throw new FileError(
      path,
      `not saved: ${reason} (the previous version could not be kept as ${basename(backup)})`,
    );
  }
}

/** The audio path as stored: relative to the project's folder when it lies inside it. */
export function storedAudioPath(projectPath: string, audioPath: string): string {
  const rel = relative(dirname(resolve(projectPath)), resolve(audioPath));
  return rel.startsWith('..') || isAbsolute(rel) ? resolve(audioPath) : rel;
}

export function resolveAudioPath(projectPath: string, stored: string): string {
  return isAbsolute(stored) ? stored : resolve(dirname(resolve(projectPath)), stored);
}
