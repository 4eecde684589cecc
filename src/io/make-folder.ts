import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Creates a folder and its parents. Node's recursive mkdir reports a read-only file system as
 * ENOENT ("no such file"), so on ENOENT the first missing folder is made alone to learn why.
 */
export async function makeFolder(path: string): Promise<void> {
  try {
    await mkdir(path, { recursive: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    let first = path;
    while (dirname(first) !== first && !existsSync(dirname(first))) first = dirname(first);
    const refused = await mkdir(first).then(
      () => undefined,
      (again: NodeJS.ErrnoException) => again,
    );
    if (refused) throw refused.code === 'ENOENT' || refused.code === 'EEXIST' ? error : refused;
    await mkdir(path, { recursive: true });
  }
}
