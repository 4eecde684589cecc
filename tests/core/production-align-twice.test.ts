import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireTools } from '../support/required-tools.ts';
import { runCli } from '../support/run-cli.ts';
import { tempDir } from '../support/signals.ts';

// Tester 16: the same recording given twice to `align` was aligned twice without a word (export
// warns of it); a slip like that is said, and the alignment still runs.

describe('align given the same recording twice', () => {
  it('warns, naming the file', () => {
    requireTools('the reading is spoken by festival', 'festival');
    const dir = tempDir('production-align-twice');
    const line = 'From fairest creatures we desire increase.';
    const script = join(dir, 'book.txt');
    writeFileSync(script, `${line}\n\nThat thereby beauty's rose might never die.\n`);
    const wav = join(dir, 'read.wav');
    const say = spawnSync('text2wave', ['-eval', '(voice_kal_diphone)', '-o', wav], {
      input: line,
      encoding: 'utf8',
    });
    if (say.status !== 0) throw new Error(`text2wave: ${say.stderr}`);
    const run = runCli(['align', script, wav, wav], undefined, 600_000);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/warning: .*read\.wav is given more than once: it is aligned as 2 recordings/);
  }, 600_000);
});
