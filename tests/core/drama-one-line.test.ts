import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ProjectFile } from '../../src/project/project-schema.ts';
import { session, speak } from '../support/drama-fixture.ts';
import { requireTools } from '../support/required-tools.ts';
import { runCli } from '../support/run-cli.ts';
import { tempDir } from '../support/signals.ts';

// A tester's script of one speech, "ANNA: Uh.": assemble said "the script has no lines with
// speakers to find takes of". The hesitation was not the cause: one `NAME: line` is too little for
// the format detector to call a script a drama (it wants two speeches or a sound cue), so it was
// read as prose, its only line a title. Assemble reads such a script as the drama it is. Real
// take: festival's kal voice saying "Uh.".

describe('cuewright assemble: a script of one speech', () => {
  let dir: string;

  beforeAll(() => {
    requireTools('the actor is a festival voice', 'ffmpeg', 'festival');
    dir = tempDir('drama-one-line');
    const parts = join(dir, 'parts');
    mkdirSync(parts);
    mkdirSync(join(dir, 'takes'));
    session(parts, join(dir, 'takes', 'anna-day1.wav'), [speak(parts, 'uh', 'Uh.', 'kal_diphone')]);
  }, 300_000);

  for (const [name, script] of [
    ['its only line', 'ANNA: Uh.\n'],
    ['under a heading', 'The Pause\n\nANNA: Uh.\n'],
  ] as const)
    it(`finds the take of a speech that is ${name}, counted in the singular`, () => {
      writeFileSync(join(dir, 'uh.txt'), script);
      const run = runCli(['assemble', 'uh.txt', '--takes', 'takes', '-o', 'uh.cwproj'], dir, 300_000);
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toContain('1 of 1 line placed from 1 take file\n');
      const project = JSON.parse(readFileSync(join(dir, 'uh.cwproj'), 'utf8')) as ProjectFile;
      const lines = project.sheet.cues.filter((c) => c.kind === 'dialogue');
      expect(lines.map((c) => [c.speaker, c.text])).toEqual([['Anna', 'Uh.']]);
      expect(project.takes?.[0]?.pick).toBeDefined();
    });
});
