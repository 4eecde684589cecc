import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appHandlers } from '../support/app-handlers.ts';
import { assembleDoor, cutBenBeforeSecondLine } from '../support/drama-fixture.ts';
import { requireTools } from '../support/required-tools.ts';
import { tempDir } from '../support/signals.ts';

// Issue 17, a tester's find: an assembled drama whose take file was cut short since (a copy that
// stopped early) failed to export from the app naming /tmp/cuewright-drama-project-…/drama.cwproj
// and "line 4", neither of which the producer could find. The app's export mixes a scratch copy of
// the open project; its refusal must name the project the producer opened and the line by its words.

requireTools('the takes are festival voices cut together by ffmpeg', 'festival', 'ffmpeg');

describe('a drama whose take file was cut short since it was assembled, exported from the app', () => {
  it('is refused naming the open project and the line past the cut, not the scratch file', async () => {
    const work = tempDir('drama-cut-take-app');
    const { projectPath, file } = assembleDoor(work);
    // Ben's second line now lies past what his file holds (a copy that stopped early).
    cutBenBeforeSecondLine(work, file);
    const { handlers, picker } = appHandlers(work);
    const output = join(work, 'door.m4b');
    picker.answers.push(projectPath, output);
    await handlers.pick({ purpose: 'project' });
    await handlers.pick({ purpose: 'export' });
    const view = await handlers.openProject({ path: projectPath });
    const settings = { format: 'm4b' as const, loudness: 'podcast', sidecars: false, lyricChapters: false };
    const said = await handlers.exportProduction({ sheet: view.sheet, output, settings }).then(
      () => 'exported',
      (error: Error) => error.message,
    );
    expect(said).not.toContain('cuewright-drama-project');
    expect(said.startsWith(`${projectPath}: `)).toBe(true);
    expect(said).toMatch(
      /line \d+ \(Ben: "Then we should go and look together\."\) starts at \d\d:\d\d:\d\d\.\d{3} in /,
    );
    expect(said).toContain('ben-session1.wav, which is only');
  }, 400_000);
});
