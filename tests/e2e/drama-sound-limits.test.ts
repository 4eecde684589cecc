import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {} from '../../renderer/src/main.ts';
import type { ProjectFile } from '../../src/project/project-schema.ts';
import { type AppSession, openProjectInApp } from '../support/app-session.ts';
import { cutBenBeforeSecondLine, doorSounds, openDoorInApp } from '../support/drama-fixture.ts';
import { requireTools } from '../support/required-tools.ts';
import { runCli } from '../support/run-cli.ts';
import { tempDir } from '../support/signals.ts';

// Issue 17, a tester's finds on "The Door" (assembled by `cuewright assemble`, a 5 s theme):
// - "Plays at" 99999 (for 9.999) was taken, and the 43 s drama became 27 h 46 min long: the app
//   refuses a start more than 60 s after the last line, and `cuewright export` names one in a
//   hand-edited project instead of rendering hours of silence;
// - a length of 0 or -1 was stored as a 50 ms blip, a fade in of -2 ignored without a word, a fade
//   in of 20 s on the 5 s theme stored (and shown) as 20: each is refused now, saying why, the field
//   showing the value kept again, and no undo step made;
// - a take file cut short since the drama was assembled played one of its lines as silence with
//   nothing said: the truncated-WAV banner counts the clips that run past what the file holds.

requireTools(
  'the takes are festival voices cut together by ffmpeg, the sounds ffmpeg sources; the app runs in Debian’s chromium',
  'festival',
  'ffmpeg',
  'chromium',
);

describe('a drama’s sound fields refuse what cannot be meant; a cut take’s silent lines are counted', () => {
  let app: AppSession;
  const work = tempDir('drama-sound-limits');
  let projectPath: string;
  let file: ProjectFile;
  let theme: string;

  const field = (id: string) => app.page.locator(`[data-testid="${id}"]`);
  const status = () => app.page.locator('#status-text').textContent();
  const docSound = () =>
    app.page.evaluate(
      (cue) => JSON.stringify(window.cuewrightApp!.store.doc.sounds!.find((s) => s.cue === cue)),
      theme,
    );
  const undoLabel = () => app.page.evaluate(() => window.cuewrightApp!.store.undoLabel);

  beforeAll(async () => {
    ({ app, projectPath, file } = await openDoorInApp(work, doorSounds(work)));
    theme = file.sounds!.find((s) => s.lane === 'Music')!.cue;
    await app.page.waitForFunction(() => window.cuewrightApp!.playback.sounds.placed.length === 2, null, {
      timeout: 30_000,
    });
    // The theme's block clicked: its cue selected, the inspector showing the sound.
    const box = await app.page.evaluate(() => {
      const root = document.querySelector('#waveform div')!.shadowRoot!;
      const r = root
        .querySelector<HTMLElement>('[part="drama-sound"][data-lane="Music"]')!
        .getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    });
    await app.page.mouse.click(box.x, box.y);
    await app.page.waitForFunction(
      () => document.querySelector('[data-testid="sound-file"]')?.textContent === 'low-theme.wav',
      null,
      { timeout: 30_000 },
    );
  }, 400_000);

  afterAll(async () => {
    expect(app?.errors ?? []).toEqual([]);
    await app?.close();
  });

  it('refuses a start an hour away, a length under 0.05 s and fades that do not fit, saying why', async () => {
    const before = await docSound();
    const undo = await undoLabel();
    const shown = await field('sound-at').inputValue();
    const cases: Array<[string, string, RegExp]> = [
      [
        'sound-at',
        '99999',
        /^not moved: a sound starts at most 60 s after the last line ends \(\d+\.\d{3} s here\)$/,
      ],
      [
        'sound-length',
        '0',
        /^not changed: a sound plays 0\.05 s at the least \(Play the whole file gives its own length back\)$/,
      ],
      ['sound-length', '-1', /^not changed: a sound plays 0\.05 s at the least/],
      ['sound-fade-in', '-2', /^not changed: a fade in is 0 s or more \(0: none\)$/],
      ['sound-fade-in', '20', /^not changed: the sound plays 5\.00 s, so its fade in is 5\.00 s at most$/],
      ['sound-fade-out', '6', /^not changed: the sound plays 5\.00 s, so its fade out is 5\.00 s at most$/],
    ];
    for (const [id, typed, said] of cases) {
      const kept = await field(id).inputValue();
      await field(id).fill(typed);
      await field(id).press('Enter');
      await expect.poll(status).toMatch(said);
      // The field shows the value the sound keeps, not the one refused.
      expect(await field(id).inputValue(), `${id} ${typed}`).toBe(kept);
    }
    expect(await docSound()).toBe(before);
    expect(await undoLabel()).toBe(undo);
    expect(await field('sound-at').inputValue()).toBe(shown);
    await app.screenshot('drama-sound-limits-refused');
    // A fade that fits is still taken, beside the other: 2 s in leaves 3 s for the fade out.
    await field('sound-fade-in').fill('2');
    await field('sound-fade-in').press('Enter');
    await expect.poll(undoLabel).toBe('fade in low-theme.wav');
    await field('sound-fade-out').fill('3.5');
    await field('sound-fade-out').press('Enter');
    await expect
      .poll(status)
      .toBe(
        'not changed: the sound plays 5.00 s, so its fade out is 3.00 s at most beside its fade in of 2.00 s',
      );
    await app.page.locator('#timeline').focus();
    await app.page.keyboard.press('Control+Z');
    await expect.poll(docSound).toBe(before);
  });

  it('the export names a sound a hand-edited project starts hours after the last line', () => {
    const far = join(work, 'far.cwproj');
    const edited: ProjectFile = {
      ...file,
      sounds: file.sounds!.map((s) => (s.cue === theme ? { ...s, shift: 99_999 } : s)),
    };
    writeFileSync(far, JSON.stringify(edited));
    const run = runCli(['export', far, '-o', join(work, 'far.wav')], work);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(
      /^cuewright: .*far\.cwproj: .*low-theme\.wav starts at 27:\d\d:\d\d\.\d{3}, more than 60 s after the last line ends \(00:00:\d\d\.\d{3}\): move it/,
    );
  });

  it('counts the clips of a take file cut short since assembly that now play silence', async () => {
    cutBenBeforeSecondLine(work, file);
    await openProjectInApp(app, projectPath);
    const banner = app.page.locator('[data-notice="cut-short"] .notice-text');
    await expect
      .poll(() => banner.textContent())
      .toMatch(
        /^ben-session1\.wav: 1 clip of it plays silence past (\d+\.\d) s, where the file ends: truncated WAV: the header says \d+\.\d s, the file holds \1 s \(\d+\.\d s missing\): read as far as it goes\.$/,
      );
    await app.screenshot('drama-cut-take-banner');
  });
});
