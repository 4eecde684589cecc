import { readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { writeFileAtomic } from '../io/atomic-write.ts';
import { makeFolder } from '../io/make-folder.ts';

// The projects opened or saved lately, newest first, kept in the app's data folder (recent.json).
// Only the back end writes the list, so a path in it was once picked by the user: reopening it
// from the list may grant it again. A file that has gone is left out of what is shown.

/** How many projects the list keeps. */
export const RECENT_LIMIT = 10;

export class RecentProjects {
  private readonly file: string;

  /** `dataDir`: the app's own folder (the list is `recent.json` in it). */
  constructor(dataDir: string) {
    this.file = join(dataDir, 'recent.json');
  }

  /** The paths on record, newest first (absolute); a missing or unreadable list is an empty one. */
  async all(): Promise<string[]> {
    try {
      const parsed: unknown = JSON.parse(await readFile(this.file, 'utf8'));
      const paths = (parsed as { projects?: unknown }).projects;
      return Array.isArray(paths) ? paths.filter((p): p is string => typeof p === 'string') : [];
    } catch {
      return [];
    }
  }

  /** The paths on record whose file is still there, newest first. */
  async existing(): Promise<string[]> {
    const paths = await this.all();
    const present = await Promise.all(
      paths.map((p) =>
        stat(p).then(
          (s) => s.isFile(),
          () => false,
        ),
      ),
    );
    return paths.filter((_, i) => present[i]);
  }

  /** Puts `path` first (once), keeping at most RECENT_LIMIT. */
  async add(path: string): Promise<void> {
    const absolute = resolve(path);
    const paths = [absolute, ...(await this.all()).filter((p) => p !== absolute)].slice(0, RECENT_LIMIT);
    await makeFolder(dirname(this.file));
    await writeFileAtomic(this.file, `${JSON.stringify({ projects: paths }, null, 2)}\n`);
  }

  /** Whether `path` is on the list (what reopening from it requires). */
  async has(path: string): Promise<boolean> {
    return (await this.all()).includes(resolve(path));
  }
}
