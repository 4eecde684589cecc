import { InputError } from '../../cues/input-error.ts';
import { PROJECT_VERSION } from './project-schema.ts';

// Each entry lifts a project from version N to N + 1. Loading runs the chain, so a file saved by
// any earlier release opens; saving always writes the current version.
const MIGRATIONS: Record<number, (project: Record<string, unknown>) => Record<string, unknown>> = {
  1: oneRecordingToMany,
  // Version 3 only adds optional fields (a drama's sounds' shift, loop, length and fades, and
  // `levelDialogue`): a version-2 file is a version-3 file as it is. The number moves so that an
  // older Cuewright says it is too old instead of refusing the new fields one by one.
  2: (project) => project,
  // Version 4 only adds a drama sound's `offset` (its head trimmed), as version 3 did its shape.
  3: (project) => project,
};

/**
 * Version 1 held one recording (`audio: { path, size, duration }`) and cue times on it; version 2
 * holds a list of recordings, and the cue times become placements on that one recording when the
 * project loads (project-store.ts).
 */
function oneRecordingToMany(project: Record<string, unknown>): Record<string, unknown> {
  const { audio, ...rest } = project;
  if (typeof audio !== 'object' || audio === null || Array.isArray(audio))
    throw new InputError('not a valid project: audio: expected an object with the recording');
  const { path } = audio as { path?: unknown };
  const title = typeof path === 'string' ? fileTitle(path) : undefined;
  return { ...rest, recordings: [{ id: 'rec-1', ...audio, ...(title ? { title } : {}) }] };
}

/** A file's name without folders or extension ("ch01.mp3" → "ch01"), either slash. */
export function fileTitle(path: string): string {
  return path.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
}

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
