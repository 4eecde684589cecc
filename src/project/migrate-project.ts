import { InputError } from '../../cues/input-error.ts';
import { PROJECT_VERSION } from './project-schema.ts';

// Each entry lifts a project from version N to N + 1. Loading runs the chain, so a file saved by
// any earlier release opens; saving always writes the current version. Version 1 is the first
// released format, so the chain is empty until the format changes.
const MIGRATIONS: Record<number, (project: Record<string, unknown>) => Record<string, unknown>> = {};

export function migrateProject(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError('not a Cuewright project (expected a JSON object)');
  }
  let project = value as Record<string, unknown>;
  if (project.app !== 'cuewright') throw new InputError('not a Cuewright project (no "app": "cuewright")');
  const version = project.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new InputError(`project version ${JSON.stringify(version)} is not a version number`);
  }
  if (version > PROJECT_VERSION) {
    throw new InputError(
      `project version ${version} is newer than this Cuewright understands (${PROJECT_VERSION}); update Cuewright to open it`,
    );
  }
  for (let v = version; v < PROJECT_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step) throw new InputError(`no migration from project version ${v}`);
    project = { ...step(project), version: v + 1 };
  }
  return project;
}
