import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScript } from '../../cues/parse-script.ts';
import { analyzeAudio } from '../../src/audio-io/analyze-audio.ts';
import { answer, startExport } from '../support/app-dialog.ts';
import { type AppSession, readyAppForSuite } from '../support/app-session.ts';
import { SPEECH_DIR, speechRecordings } from '../support/human-speech.ts';
import { requireTools } from '../support/required-tools.ts';
import { ffmpeg, ffprobe, tempDir } from '../support/signals.ts';
import { sonnetsScript } from '../support/sonnet-production.ts';

// The export dialog says when the delivered file missed its loudness target, naming the file in
// one line, as `cuewright export` warns on stderr: the app said "Exported …" and nothing else, so
// the producer never learnt the file was not at the preset's level. A real reading (LibriVox,
// Sonnet I) recorded far too quiet to measure (70 dB down: BS.1770-4 gates it all away) gets no
// gain from the podcast preset; the same reading at its own level reaches -16 LUFS, no warning.

requireTools(
  'the app is driven in Debian’s chromium; the sonnet is the recording',
  'chromium',
  'ffmpeg',
  'shared data',
);

describe('the export dialog, a loudness target missed', () => {
  let app: AppSession;
  const work = tempDir('export-target-missed');
  const missed = () => app.page.locator('[data-testid="export-missed"]');

  readyAppForSuite((opened) => {
    app = opened;
  });

  /** A project of the sonnet's reading at `gainDb`, every line at its true time (truth file). */
  async function openReading(name: string, gainDb: number): Promise<string> {
    const sonnet = speechRecordings().find((r) => r.name === 'sonnet001')!;
    const audio = join(work, `${name}.wav`);
    ffmpeg([
      '-i',
      join(SPEECH_DIR, 'sonnets/sonnet001.flac'),
      '-af',
      `volume=${gainDb}dB`,
      '-c:a',
      'pcm_f32le',
      audio,
    ]);
    const duration = Number(ffprobe(audio, 'format=duration').duration);
    const text = sonnetsScript([sonnet]);
    const sheet = parseScript(text, { format: 'fountain' });
    // The script leaves out the truth's first unit (the title "I"): its lines are units 2 on.
    const starts = sonnet.truth.slice(1).map((u) => u.start);
    let line = 0;
    const cues = sheet.cues.map((c) => {
      if (c.kind !== 'narration') return c;
      const start = starts[line]!;
      const end = Math.min(duration, (starts[line + 1] ?? duration) - 0.05);
      line++;
      return { ...c, start, end };
    });
    expect(line).toBe(starts.length);
    const projectPath = join(work, `${name}.cwproj`);
    writeFileSync(
      projectPath,
      JSON.stringify({
        app: 'cuewright',
        version: 2,
        script: { path: 'sonnet.fountain', text },
        recordings: [{ id: 'rec-1', path: `${name}.wav`, size: 0, duration }],
        sheet: { ...sheet, cues },
        savedAt: new Date().toISOString(),
      }),
    );
    // The export settings are the project's once used: the project left is not saved.
    const dirty = await app.page.evaluate(() => window.cuewrightApp!.store.dirty);
    const before = await app.page.evaluate(
      () => performance.getEntriesByName('cuewright:waveform-drawn').length,
    );
    app.picker.answers.push(projectPath);
    await app.page.keyboard.press('Control+O');
    if (dirty) await answer(app.page, 'discard');
    await app.page.waitForFunction((name) => document.title.includes(name), `${name}.cwproj`);
    await app.page.waitForFunction(
      (count) => performance.getEntriesByName('cuewright:waveform-drawn').length > count,
      before,
    );
    return audio;
  }

  async function exportAs(output: string): Promise<string> {
    await app.page.keyboard.press('Control+E');
    await app.page.selectOption('select[name="format"]', 'mp3');
    await app.page.selectOption('select[name="loudness"]', 'podcast');
    await app.page.selectOption('select[name="bitrate"]', '');
    await app.page.uncheck('input[name="perChapter"]');
    await app.page.uncheck('input[name="sidecars"]');
    app.picker.answers.push(output);
    await startExport(app.page);
    const result = (await app.page.textContent('.export-result'))!;
    expect(result).toMatch(/^Exported/);
    return result;
  }

  it('names the file and what it missed when the recording is too quiet to measure', async () => {
    const audio = await openReading('too-quiet', -70);
    // Real speech, there but under the absolute gate: nothing to measure, so no gain is applied.
    expect((await analyzeAudio(audio)).loudness.integrated).toBeNull();
    const output = join(work, 'too-quiet.mp3');
    expect(await exportAs(output)).toBe(`Exported 1 chapter to ${output}`);
    expect(await missed().isVisible()).toBe(true);
    expect(await missed().textContent()).toBe(
      `Warning: ${output}: the loudness target was not applied: the audio is silent or too short to measure (BS.1770-4 gates it all away)`,
    );
    // In sight, not scrolled away under the dialog's buttons: what is at its middle is itself.
    expect(
      await missed().evaluate((el) => {
        const r = el.getBoundingClientRect();
        return el.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2));
      }),
    ).toBe(true);
    expect(await app.page.textContent('#status-text')).toContain('the loudness target was not applied');
    // The file was written all the same, as quiet as the recording.
    expect((await analyzeAudio(output)).loudness.integrated).toBeNull();
    await app.screenshot('71-export-target-missed');
    await app.page.click('[data-testid="export-cancel"]');
  }, 600_000);

  it('says nothing more when the file reaches the target', async () => {
    await openReading('reading', 0);
    const output = join(work, 'reading.mp3');
    await exportAs(output);
    expect(await missed().isHidden()).toBe(true);
    expect((await analyzeAudio(output)).loudness.integrated).toBeCloseTo(-16, 0);
    await app.page.click('[data-testid="export-cancel"]');
  }, 600_000);
});
