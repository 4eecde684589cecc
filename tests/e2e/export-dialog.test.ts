import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFile } from 'music-metadata';
import { describe, expect, it } from 'vitest';
import { REVIEW } from '../../audio/align/acoustic/place-cues.ts';
import { chapterMarks } from '../../cues/sidecars/chapter-marks.ts';
import { clockTime } from '../../cues/sidecars/timecode.ts';
import { analyzeAudio } from '../../src/audio-io/analyze-audio.ts';
import { sheetOf, startExport } from '../support/app-dialog.ts';
import { type AppSession, readyAppForSuite } from '../support/app-session.ts';
import { requireTools } from '../support/required-tools.ts';
import { tempDir } from '../support/signals.ts';

// Issue 15 part B, the export dialog against `cuewright export`: the file's tags (title, author,
// album), the bitrate, "no loudness change", the chapters the file will have, the recording's
// loudness measured before export (checked against the analyzer on the same file) and a warning
// listing the cues nobody has reviewed. One real MP3 export checks tags, bitrate and level.

requireTools('the app is driven in Debian’s chromium', 'chromium');

describe('the export dialog', () => {
  let app: AppSession;
  const work = tempDir('export-dialog');
  const text = (testid: string) => app.page.textContent(`[data-testid="${testid}"]`);

  readyAppForSuite((opened) => {
    app = opened;
  });

  it('previews the chapters the file will have, with and without sung passages as chapters', async () => {
    const sheet = await sheetOf(app.page);
    const duration = await app.page.evaluate(() => window.cuewrightApp!.store.project!.audio.duration);
    await app.page.keyboard.press('Control+E');
    const listed = () => app.page.locator('[data-testid="export-chapters"] li').allTextContents();
    const expected = (lyricsAsChapters: boolean) =>
      chapterMarks(sheet, { duration, lyricsAsChapters }).map((m) => `${clockTime(m.start)}  ${m.title}`);
    const lyrics = await app.page.isChecked('input[name="lyricChapters"]');
    expect(await listed()).toEqual(expected(lyrics));
    await app.page.click('input[name="lyricChapters"]');
    expect(await listed()).toEqual(expected(!lyrics));
    expect(expected(true).length).toBeGreaterThan(expected(false).length);
    expect(await text('export-chapter-count')).toBe(
      `${expected(!lyrics).length} chapter${expected(!lyrics).length === 1 ? '' : 's'} in the file`,
    );
    // Nothing waits for review in the sample: no warning.
    expect(await app.page.isHidden('[data-testid="export-unreviewed"]')).toBe(true);
    await app.page.click('[data-testid="export-cancel"]');
  });

  it('warns, listing them, of cues not reviewed yet', async () => {
    const sheet = await sheetOf(app.page);
    const flagged = sheet.cues.filter((c, i) => c.start !== undefined && i % 6 === 5).slice(0, 2);
    const flags = { [flagged[0]!.id]: REVIEW.squeezed, [flagged[1]!.id]: REVIEW.notRead };
    await app.page.evaluate((flags) => {
      const { store } = window.cuewrightApp!;
      store.edit('align', (s) => ({
        ...s,
        cues: s.cues.map((c) => (flags[c.id] ? { ...c, confidence: 0.5, review: flags[c.id] } : c)),
      }));
    }, flags);
    await app.page.keyboard.press('Control+E');
    expect(await app.page.isVisible('[data-testid="export-unreviewed"]')).toBe(true);
    expect(await app.page.textContent('[data-testid="export-unreviewed"] p')).toBe(
      '2 cues not reviewed yet (Review tab, R): the export takes them as they are.',
    );
    const items = await app.page.locator('[data-testid="export-unreviewed"] li').allTextContents();
    expect(items.map((t) => t.split(' — ')[0])).toEqual(flagged.map((c) => clockTime(c.start!)));
    expect(items[0]).toContain(REVIEW.squeezed);
    expect(items[1]).toContain(REVIEW.notRead);
    await app.page.click('[data-testid="export-cancel"]');
    await app.page.locator('#timeline').focus();
    await app.page.keyboard.press('Control+Z');
  });

  it('measures the recording’s loudness before export, as the analyzer does, and says the gain', async () => {
    const audioPath = await app.page.evaluate(() => window.cuewrightApp!.store.project!.audio.path);
    const truth = await analyzeAudio(audioPath);
    await app.page.keyboard.press('Control+E');
    await app.page.selectOption('select[name="loudness"]', 'podcast');
    await app.page.click('[data-testid="export-analyze"]');
    await expect.poll(() => text('export-loudness'), { timeout: 120_000 }).toMatch(/LUFS.*: /);
    const line = (await text('export-loudness'))!;
    expect(
      line.startsWith(
        `${truth.loudness.integrated!.toFixed(1)} LUFS, range ${truth.loudness.range.toFixed(1)} LU, true peak ${truth.loudness.truePeak!.toFixed(1)} dBTP: `,
      ),
    ).toBe(true);
    const gain = -16 - truth.loudness.integrated!;
    expect(line).toContain(`${gain > 0 ? 'raised' : 'lowered'} ${Math.abs(gain).toFixed(1)} dB to -16 LUFS`);
    await app.page.selectOption('select[name="loudness"]', 'none');
    expect(await text('export-loudness')).toMatch(/: exported as it is \(no loudness change\)$/);
    await app.screenshot('69-export-dialog');
    await app.page.click('[data-testid="export-cancel"]');
  });

  it('exports an MP3 with the tags, cover and bitrate chosen, at the recording’s level when asked', async () => {
    const audioPath = await app.page.evaluate(() => window.cuewrightApp!.store.project!.audio.path);
    const output = join(work, 'tagged.mp3');
    await app.page.keyboard.press('Control+E');
    await app.page.selectOption('select[name="format"]', 'mp3');
    await app.page.selectOption('select[name="loudness"]', 'none');
    await app.page.selectOption('select[name="bitrate"]', '96');
    await app.page.fill('input[name="title"]', 'The Locket');
    await app.page.fill('input[name="artist"]', 'A. Reader');
    await app.page.fill('input[name="album"]', 'Short Stories');
    // Cover art, picked (a 1×1 PNG): it goes into the file's tags as the front cover.
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    );
    const coverPath = join(work, 'cover.png');
    writeFileSync(coverPath, png);
    app.picker.answers.push(coverPath);
    await app.page.click('[data-testid="export-cover"]');
    await expect.poll(() => text('export-cover-name')).toBe('cover.png');
    expect(app.picker.asked.at(-1)).toEqual({ purpose: 'cover' });
    app.picker.answers.push(output);
    await startExport(app.page);
    expect(await app.page.textContent('.export-result')).toMatch(/^Exported/);
    const metadata = await parseFile(output);
    expect([metadata.common.title, metadata.common.artist, metadata.common.album]).toEqual([
      'The Locket',
      'A. Reader',
      'Short Stories',
    ]);
    expect(metadata.format.bitrate).toBe(96_000);
    expect(metadata.common.picture?.map((p) => [p.format, Buffer.from(p.data).equals(png)])).toEqual([
      ['image/png', true],
    ]);
    const [before, after] = [await analyzeAudio(audioPath), await analyzeAudio(output)];
    // No loudness change: the level is the recording's (96 kbps MP3 moved it 0.44 LU), far from
    // where the podcast preset would have taken it.
    expect(Math.abs(-16 - before.loudness.integrated!)).toBeGreaterThan(2);
    expect(Math.abs(after.loudness.integrated! - before.loudness.integrated!)).toBeLessThan(1);
    // The settings are the project's now: the dialog opens with them.
    await app.page.click('[data-testid="export-cancel"]');
    await app.page.keyboard.press('Control+E');
    expect(await app.page.inputValue('input[name="artist"]')).toBe('A. Reader');
    expect(await app.page.inputValue('select[name="bitrate"]')).toBe('96');
    await app.page.click('[data-testid="export-cancel"]');
  });

  it('writes one file per chapter with the room tone asked at each end, as --per-chapter --room-tone', async () => {
    // A second chapter halfway (C on a cue), so there are files to tell apart.
    const before = await sheetOf(app.page);
    const middle = before.cues.find((c, i) => i > before.cues.length / 2 && c.kind === 'narration')!;
    await app.page.locator(`#script .cue[data-cue="${middle.id}"]`).click();
    await app.page.keyboard.press('C');
    await app.page.fill('[data-testid="dialog-text"]', 'Part Two');
    await app.page.click('#app-dialog button[data-choice="ok"]');
    const sheet = await sheetOf(app.page);
    const duration = await app.page.evaluate(() => window.cuewrightApp!.store.project!.audio.duration);
    const output = join(work, 'book.wav');
    app.picker.answers.push(output);
    await app.page.keyboard.press('Control+E');
    await app.page.selectOption('select[name="format"]', 'wav');
    await app.page.selectOption('select[name="loudness"]', 'ebu-r128');
    await app.page.uncheck('input[name="lyricChapters"]');
    await app.page.check('input[name="perChapter"]');
    await app.page.fill('input[name="roomTone"]', '1.5');
    await startExport(app.page);
    const marks = chapterMarks(sheet, { duration, lyricsAsChapters: false });
    expect(await app.page.textContent('.export-result')).toBe(
      `Exported ${marks.length} chapter file${marks.length === 1 ? '' : 's'}, the first ${join(work, `book 01 - ${marks[0]!.title}.wav`)}`,
    );
    for (const [i, mark] of marks.entries()) {
      const file = join(work, `book ${String(i + 1).padStart(2, '0')} - ${mark.title}.wav`);
      const measured = await analyzeAudio(file);
      expect(measured.duration).toBeCloseTo(mark.end - mark.start + 2 * 1.5, 2);
    }
    expect(marks.map((m) => m.title)).toEqual([before.chapters[0]!.title, 'Part Two']);
    await app.page.click('[data-testid="export-cancel"]');
    await app.page.locator('#timeline').focus();
    await app.page.keyboard.press('Control+Z');
  });

  it('ACX: refused as WAV, nothing written; as MP3 one checked file per chapter, the verdict said', async () => {
    const sheet = await sheetOf(app.page);
    const output = join(work, 'acx.mp3');
    await app.page.keyboard.press('Control+E');
    await app.page.selectOption('select[name="loudness"]', 'acx');
    await app.page.selectOption('select[name="bitrate"]', '');
    await app.page.selectOption('select[name="format"]', 'wav');
    app.picker.answers.push(join(work, 'acx.wav'));
    await app.page.click('[data-testid="export-start"]');
    await expect
      .poll(() => app.page.textContent('.export-result'))
      .toBe(
        'Export failed: ACX audiobook (MP3 192 kbps CBR, 44.1 kHz, a file per chapter) delivers MP3, not WAV: name the output .mp3',
      );
    expect(readdirSync(work).filter((f) => f.startsWith('acx'))).toEqual([]);
    await app.page.selectOption('select[name="format"]', 'mp3');
    await app.page.uncheck('input[name="lyricChapters"]');
    await app.page.uncheck('input[name="perChapter"]');
    app.picker.answers.push(output);
    const refusal = await app.page.textContent('.export-result');
    await app.page.click('[data-testid="export-start"]');
    // Done or failed, then which: a result other than the refusal shown before.
    await app.page.waitForFunction(
      (before) => {
        const now = document.querySelector('.export-result')?.textContent ?? '';
        return now !== before && /^Export(ed|\b.*failed)/.test(now);
      },
      refusal,
      { timeout: 300_000 },
    );
    const result = (await app.page.textContent('.export-result'))!;
    const duration = await app.page.evaluate(() => window.cuewrightApp!.store.project!.audio.duration);
    const marks = chapterMarks(sheet, { duration, lyricsAsChapters: false });
    const first = join(work, `acx ${String(1).padStart(2, '0')} - ${marks[0]!.title}.mp3`);
    expect(result).toMatch(
      new RegExp(
        `^Exported ${marks.length} chapter files?, the first ${first.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}; ACX: `,
      ),
    );
    for (const [i, mark] of marks.entries()) {
      const file = join(work, `acx ${String(i + 1).padStart(2, '0')} - ${mark.title}.mp3`);
      const metadata = await parseFile(file);
      expect([metadata.format.codec, metadata.format.bitrate, metadata.format.sampleRate]).toEqual([
        'MPEG 1 Layer 3',
        192_000,
        44_100,
      ]);
    }
    await app.screenshot('70-export-acx');
    await app.page.click('[data-testid="export-cancel"]');
  });
});
