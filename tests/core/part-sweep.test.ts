import { existsSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/io/atomic-write.ts';
import { tempDir } from '../support/signals.ts';

// A process killed mid-write leaves its hidden part file behind; the next write of the same
// target sweeps such leftovers (ours by name, last written before this process started) and
// nothing else: not another target's, not a fresh one, not a file of the user's.

describe('stale part files', () => {
  it('are swept by the next write of their target; fresh, foreign and look-alike files stay', async () => {
    const dir = tempDir('sweep');
    const target = join(dir, 'story.cwproj');
    const stale = join(dir, '.story.cwproj.0badc0de.part');
    const fresh = join(dir, '.story.cwproj.cafebabe.part');
    const otherTarget = join(dir, '.notes.txt.0badc0de.part');
    const userFile = join(dir, '.story.cwproj.draft.part');
    for (const path of [stale, fresh, otherTarget, userFile]) writeFileSync(path, 'x');
    const anHourAgo = new Date(Date.now() - 3_600_000 - process.uptime() * 1000);
    for (const path of [stale, otherTarget, userFile]) utimesSync(path, anHourAgo, anHourAgo);

    await writeFileAtomic(target, '{}');

    expect(existsSync(stale)).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(
      [
        '.notes.txt.0badc0de.part',
        '.story.cwproj.cafebabe.part',
        '.story.cwproj.draft.part',
        'story.cwproj',
      ].sort(),
    );
  });
});
