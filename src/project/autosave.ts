import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../../cues/input-error.ts';
import { fnv1a } from '../../cues/text/hash.ts';
import { writeFileAtomic } from '../io/atomic-write.ts';
import { systemReason } from '../io/file-error.ts';
import { makeFolder } from '../io/make-folder.ts';
import { PROJECT_LIMIT, readRegularText } from '../io/read-regular-file.ts';
import type { ProjectFile } from './project-schema.ts';
import { projectTooLarge } from './project-size.ts';
import { parseProject } from './project-store.ts';
import { withPlacements } from './project-timeline.ts';

// Autosave writes the working project to the app's recovery folder (never over the user's file):
// after a crash, a recovery newer than the saved project is offered on open.

export interface Recovery {
  /** The project file it belongs to, or undefined for a project never saved. */
  projectPath?: string;
  recoveryPath: string;
  project: ProjectFile;
}

function recoveryFile(dir: string, projectPath: string | undefined): string {
  return join(dir, `${projectPath ? fnv1a(projectPath) : 'untitled'}.autosave.json`);
}

export async function autosave(
  dir: string,
  projectPath: string | undefined,
  project: ProjectFile,
): Promise<string> {
  const path = recoveryFile(dir, projectPath);
  const text = JSON.stringify({ projectPath, project: withPlacements(project) });
  // Read back with the project limit: a larger recovery would be skipped, the work lost unseen.
  const problem = projectTooLarge(text);
  if (problem) throw new InputError(`not autosaved: ${problem}`);
  try {
    await makeFolder(dir);
    await writeFileAtomic(path, text);
  } catch (error) {
    // A full disk or a read-only data folder is named: every edit autosaves.
    const reason = systemReason(error);
    throw reason ? new InputError(`not autosaved: ${reason} (${dir})`) : error;
  }
  return path;
}

/** Recoveries that load; a damaged one (a crash inside the rename is impossible, but disks fail) is skipped. */
export async function listRecoveries(dir: string): Promise<Recovery[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const found: Recovery[] = [];
  for (const name of names.filter((n) => n.endsWith('.autosave.json'))) {
    const recoveryPath = join(dir, name);
    try {
      const saved = JSON.parse(await readRegularText(recoveryPath, PROJECT_LIMIT)) as {
        projectPath?: string;
        project: unknown;
      };
      const project = parseProject(recoveryPath, JSON.stringify(saved.project));
      found.push({ ...(saved.projectPath ? { projectPath: saved.projectPath } : {}), recoveryPath, project });
    } catch {
      // Not recoverable: leave it for inspection, offer the others.
    }
  }
  return found;
}

/** A recovery for this project that is newer than what was last saved to it. */
export async function recoveryFor(
  dir: string,
  projectPath: string,
  saved: ProjectFile,
): Promise<Recovery | undefined> {
  const all = await listRecoveries(dir);
  return all.find((r) => r.projectPath === projectPath && r.project.savedAt > saved.savedAt);
}

export async function clearRecovery(dir: string, projectPath: string | undefined): Promise<void> {
  await rm(recoveryFile(dir, projectPath), { force: true });
}
