import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProjectFile } from '../../src/project/project-schema.ts';
import { assembleDoor } from '../support/drama-fixture.ts';
import { requireTools } from '../support/required-tools.ts';
import { runCli } from '../support/run-cli.ts';
import { tempDir } from '../support/signals.ts';

// Issue 17, a tester's find: `cuewright assemble` run again over a project edited in the app (a
// theme looped and faded) replaced it, picks and sound edits, saying only "wrote drama.cwproj".
// It says that it replaced the project and where the one it held is kept (saveProject's .bak).

requireTools('the takes are festival voices cut together by ffmpeg', 'festival', 'ffmpeg');

describe('assemble over an existing project', () => {
  it('says it replaced the project and names the backup holding the edited one', () => {
    const work = tempDir('assemble-replaces');
    const first = assembleDoor(work);
    expect(first.stdout).toMatch(/long; wrote .*door\.cwproj\n$/);
    // The producer's edit since: levelling turned off in the app.
    const edited: ProjectFile = { ...first.file, levelDialogue: false };
    const editedText = JSON.stringify(edited);
    writeFileSync(first.projectPath, editedText);
    const again = runCli(
      ['assemble', join(work, 'door.txt'), '--takes', join(work, 'takes'), '-o', first.projectPath],
      work,
      300_000,
    );
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain(
      `long; replaced ${first.projectPath} (the project it held is kept as ${first.projectPath}.bak)\n`,
    );
    expect(readFileSync(`${first.projectPath}.bak`, 'utf8')).toBe(editedText);
    const json = runCli(
      ['assemble', join(work, 'door.txt'), '--takes', join(work, 'takes'), '-o', first.projectPath, '--json'],
      work,
      300_000,
    );
    expect(JSON.parse(json.stdout).backup).toBe(`${first.projectPath}.bak`);
  }, 600_000);
});
