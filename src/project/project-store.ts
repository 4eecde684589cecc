import { copyFile, stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { writeFileAtomic } from '../io/atomic-write.ts';
import { FileError } from '../io/file-error.ts';
import { PROJECT_LIMIT, readRegularText } from '../io/read-regular-file.ts';
import { migrateProject } from './migrate-project.ts';
import { type ProjectFile, projectSchema } from './project-schema.ts';

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
    throw new FileError(
      path,
      truncated
        ? 'the project file is cut short (truncated)'
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
    return result.data;
  } catch (error) {
    throw FileError.wrap(path, error);
  }
}

/**
 * Saves atomically (part file, fsync, rename, folder fsync) after keeping the previous version as
 * `<name>.bak`, so a bad save can be undone by hand and a crash mid-save leaves the old file whole.
 */
export async function saveProject(path: string, project: ProjectFile): Promise<void> {
  const previous = await stat(path).then(
    () => true,
    () => false,
  );
  if (previous) {
    // Only a project that still loads becomes the backup: never replace a good backup with junk.
    const ok = await loadProject(path).then(
      () => true,
      () => false,
    );
    if (ok) await copyFile(path, `${path}.bak`);
  }
  try {
    await writeFileAtomic(path, `${JSON.stringify(project, null, 1)}\n`);
  } catch (error) {
    throw FileError.wrap(path, error);
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
