import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/io/atomic-write.ts';
import { tempDir } from '../support/signals.ts';

describe('atomic writes', () => {
  it('replace a file whole and leave no part files behind', async () => {
    const dir = tempDir('atomic');
    const path = join(dir, 'project.json');
    writeFileSync(path, 'old');
    await writeFileAtomic(path, '{"version": 2, "title": "été"}');
    expect(readFileSync(path, 'utf8')).toBe('{"version": 2, "title": "été"}');
    await writeFileAtomic(path, Uint8Array.of(1, 2, 3));
    expect([...readFileSync(path)]).toEqual([1, 2, 3]);
    expect(readdirSync(dir)).toEqual(['project.json']);
  });

  it('fail without touching anything when the folder is missing', async () => {
    const dir = tempDir('atomic-missing');
    await expect(writeFileAtomic(join(dir, 'nope', 'x.json'), 'x')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(readdirSync(dir)).toEqual([]);
  });
});
