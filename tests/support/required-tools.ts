import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CHROMIUM } from './browser.ts';
import { SHARED_SEED } from './paths.ts';
import { tempDir } from './signals.ts';

// A test whose independent reader is missing fails and says so: it never passes without having
// checked anything. .ci/setup installs every tool named here.

const PRESENT: Record<string, () => boolean> = {
  ffmpeg: () => spawnSync('ffmpeg', ['-version']).status === 0,
  ffprobe: () => spawnSync('ffprobe', ['-version']).status === 0,
  chromium: () => existsSync(CHROMIUM),
  festival: () => spawnSync('festival', ['--version']).status === 0,
  'shared data': () => existsSync(SHARED_SEED),
};

/** Throws, naming the tool and what the test needs it for, unless every tool is here. */
export function requireTools(why: string, ...tools: Array<keyof typeof PRESENT>): void {
  for (const tool of tools) {
    if (!PRESENT[tool]!())
      throw new Error(
        `${tool} is missing: ${why}. This test fails rather than pass unchecked (.ci/setup installs it; shared data is ../shared beside the repo).`,
      );
  }
}

/** Whether this process may mount a tmpfs (root): the full-disk tests need one. */
export const canMountTmpfs = (() => {
  const probe = tempDir('mount-probe');
  const ok = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe]).status === 0;
  if (ok) spawnSync('umount', [probe]);
  return ok;
})();

/** The note an explicit skip gives when a tmpfs cannot be mounted (CI, as root, fails on it). */
export const NO_TMPFS = 'skipped: mounting a tmpfs needs root';
