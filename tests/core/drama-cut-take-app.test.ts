import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appHandlers } from '../support/app-handlers.ts';
import { assembleDoor } from '../support/drama-fixture.ts';
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
    // Ben's file (16 kHz 16-bit mono): his first line, then "Then we should go and look together."
    // Cut 1.5 s before that second line, the header still saying the whole length (a copy stopped
    // early): the line lies past what the file holds.
    const ben = file.recordings.find((r) => r.path.includes('ben-session1'))!;
    const cue = file.sheet.cues.find((c) => c.text.startsWith('Then we should'))!;
    const start = file.placements!.find((p) => p.id === cue.id)!.start;
    const take = join(work, 'takes', 'ben-session1.wav');
    const bytes = readFileSync(take);
    const header = bytes.length - Math.round(ben.duration * 16_000) * 2;
    writeFileSync(take, bytes.subarray(0, header + Math.floor((start - 1.5) * 16_000) * 2));
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
