import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSourceCache } from '../../src/production/source-cache.ts';
import { removeStaleSources, sourcesPrefix } from '../../src/production/stale-sources.ts';
import { tempDir } from '../support/signals.ts';

// A drama mix stopped by Ctrl+C or a kill leaves its decoded sources in a temporary folder (a
// tester found /tmp/cuewright-sources-… behind). Each folder names its process; the next mix
// removes those of processes no longer running, and no other.

/** The id of a process that has run and exited. */
function deadPid(): number {
  const run = spawnSync('true');
  return run.pid!;
}

/** A source folder under `dir` as process `pid` would make it, with a decoded file in it. */
function sourcesOf(dir: string, pid: number, suffix: string): string {
  const folder = join(dir, `${sourcesPrefix(pid)}${suffix}`);
  mkdirSync(folder);
  writeFileSync(join(folder, '0.s16'), new Uint8Array(64));
  return folder;
}

describe('source folders a stopped mix left', () => {
  it('are removed when their process is gone; this process’s, a running one’s and others stay', async () => {
    const dir = tempDir('stale-sources');
    const gone = sourcesOf(dir, deadPid(), 'aB3xYz');
    const mine = sourcesOf(dir, process.pid, 'Qw12er');
    const init = sourcesOf(dir, 1, 'Zx9876');
    const other = join(dir, 'cuewright-sources-Kq1W2e');
    mkdirSync(other);
    expect(await removeStaleSources(dir)).toEqual([gone.slice(dir.length + 1)]);
    expect(existsSync(gone)).toBe(false);
    for (const kept of [mine, init, other]) expect(existsSync(kept)).toBe(true);
  });

  it('are removed by the next mix that opens its sources', async () => {
    const gone = sourcesOf(tmpdir(), deadPid(), 'Mn5Op7');
    const cache = await openSourceCache(44_100);
    try {
      expect(existsSync(gone)).toBe(false);
    } finally {
      await cache.dispose();
    }
  });
});
