import { realpathSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';

// The renderer may only touch files the user picked (or that a project the user opened names): a
// compromised page cannot read ~/.ssh or write over arbitrary files through the API. Grants are
// kept by real path (symlinks resolved), so a link to an ungranted file is refused like the file.

/** `project`: picked as a project to open or save, so opening it may grant what it names. */
export type Access = 'read' | 'write' | 'project';

export class AccessError extends Error {
  override name = 'AccessError';
}

/**
 * The path with every symlink resolved; for a file not yet there (a save target), its folder's
 * real path and its name (saves rename over the name, so they never write through a link).
 */
export function realPath(path: string): string {
  const lexical = resolve(path);
  try {
    return realpathSync.native(lexical);
  } catch {
    const parent = dirname(lexical);
    if (parent === lexical) return lexical;
    return join(realPath(parent), basename(lexical));
  }
}

export class PathGrants {
  private readonly files = new Map<string, Set<Access>>();
  private readonly folders = new Map<string, Set<Access>>();

  /** Grants the file the user chose; returns the path as chosen (absolute). */
  grant(path: string, ...access: Access[]): string {
    const key = realPath(path);
    const set = this.files.get(key) ?? new Set();
    for (const a of access) set.add(a);
    this.files.set(key, set);
    return resolve(path);
  }

  /** Everything inside a folder the user picked. */
  grantFolder(path: string, ...access: Access[]): void {
    const key = realPath(path);
    const set = this.folders.get(key) ?? new Set();
    for (const a of access) set.add(a);
    this.folders.set(key, set);
  }

  allows(path: string, access: Access): boolean {
    const key = realPath(path);
    if (this.files.get(key)?.has(access)) return true;
    for (let dir = dirname(key); ; dir = dirname(dir)) {
      if (this.folders.get(dir)?.has(access)) return true;
      if (dir === dirname(dir)) return false;
    }
  }

  /** The absolute path when allowed; otherwise an AccessError that names the path and the refusal. */
  check(path: string, access: Access): string {
    if (typeof path !== 'string' || path.length === 0 || path.includes('\0')) {
      throw new AccessError('not a file path');
    }
    if (!this.allows(path, access)) throw new AccessError(`${resolve(path)}: ${REFUSALS[access]}`);
    return resolve(path);
  }
}

const REFUSALS: Record<Access, string> = {
  read: 'not readable here; pick it with the file dialog first',
  write: 'not writable here; pick it with the file dialog first',
  project: 'not a project you opened; open it with the file dialog first',
};

/** Whether `child` lies inside `folder` (or is it), both taken as they are (no symlinks resolved). */
export function isInside(folder: string, child: string): boolean {
  const f = resolve(folder);
  const c = resolve(child);
  return c === f || c.startsWith(f.endsWith(sep) ? f : f + sep);
}
