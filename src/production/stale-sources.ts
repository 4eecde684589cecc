import { readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A drama mix decodes its recordings into a temporary folder and removes it when done; a mix
// stopped by Ctrl+C or a kill cannot (a tester found /tmp/cuewright-sources-… left, 8 MB for a
// 43 s drama: 159 MB for 30 minutes). Each folder carries its process id, so a process's first mix
// removes the ones whose process is gone.

/** The prefix of this process's source folders under the system's temporary folder. */
export function sourcesPrefix(pid = process.pid): string {
  return `cuewright-sources-${pid}-`;
}

const OWNED = /^cuewright-sources-(\d+)-/;

/** Whether process `pid` is running (one of another user's counts as running). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the source folders under `dir` (default: the system's temporary folder) left by
 * processes that are no longer running; folders it may not remove are left. Returns their names.
 */
export async function removeStaleSources(dir = tmpdir()): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const stale = names.filter((name) => {
    const pid = OWNED.exec(name)?.[1];
    return pid !== undefined && Number(pid) !== process.pid && !running(Number(pid));
  });
  const removed: string[] = [];
  for (const name of stale)
    await rm(join(dir, name), { recursive: true, force: true }).then(
      () => removed.push(name),
      () => undefined,
    );
  return removed;
}
