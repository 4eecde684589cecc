import { dirname, resolve, sep } from 'node:path';

// The renderer may only touch files the user picked (or that a picked project names): a
// compromised page cannot read ~/.ssh or write over arbitrary files through the API.

export type Access = 'read' | 'write';

export class AccessError extends Error {
  override name = 'AccessError';
}

export class PathGrants {
  private readonly files = new Map<string, Set<Access>>();
  private readonly folders = new Map<string, Set<Access>>();

  grant(path: string, ...access: Access[]): string {
    const key = resolve(path);
    const set = this.files.get(key) ?? new Set();
    for (const a of access) set.add(a);
    this.files.set(key, set);
    return key;
  }

  /** Everything inside a folder (the app's own data folder, a picked export folder). */
  grantFolder(path: string, ...access: Access[]): void {
    const key = resolve(path);
    const set = this.folders.get(key) ?? new Set();
    for (const a of access) set.add(a);
    this.folders.set(key, set);
  }

  allows(path: string, access: Access): boolean {
    const key = resolve(path);
    if (this.files.get(key)?.has(access)) return true;
    for (let dir = dirname(key); ; dir = dirname(dir)) {
      if (this.folders.get(dir)?.has(access)) return true;
      if (dir === dirname(dir)) return false;
    }
  }

  /** The resolved path when allowed; otherwise an AccessError that names the path and the refusal. */
  check(path: string, access: Access): string {
    if (typeof path !== 'string' || path.length === 0 || path.includes('\0')) {
      throw new AccessError('not a file path');
    }
    if (!this.allows(path, access)) {
      throw new AccessError(
        `${resolve(path)}: not ${access === 'read' ? 'readable' : 'writable'} here; pick it with the file dialog first`,
      );
    }
    return resolve(path);
  }
}

/** Whether `child` lies inside `folder` (or is it). */
export function isInside(folder: string, child: string): boolean {
  const f = resolve(folder);
  const c = resolve(child);
  return c === f || c.startsWith(f.endsWith(sep) ? f : f + sep);
}
