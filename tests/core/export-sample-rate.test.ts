import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFile } from 'music-metadata';
import { describe, expect, it } from 'vitest';
import { parseScript } from '../../cues/parse-script.ts';
import { sampleRateOf } from '../../src/cli/commands/export.ts';
import { runCli } from '../support/run-cli.ts';
import { tempDir, toneOf, writeWav } from '../support/signals.ts';

// `cuewright export --sample-rate`: the delivered file is resampled to the rate asked for (the
// export converts rates already for the presets); a preset with a rate of its own keeps it.

describe('export --sample-rate', () => {
  const dir = tempDir('rate');
  const script = join(dir, 'book.txt');
  writeFileSync(script, 'Chapter 1\n\nThe lamp was lit.\n\nChapter 2\n\nThe boat left.\n');
  const parsed = parseScript('Chapter 1\n\nThe lamp was lit.\n\nChapter 2\n\nThe boat left.\n');
  const cues = join(dir, 'book.cues.json');
  writeFileSync(
    cues,
    JSON.stringify({
      ...parsed,
      cues: parsed.cues.map((c, i) => ({ ...c, start: i * 1.5, end: i * 1.5 + 1 })),
    }),
  );
  const audio = writeWav(join(dir, 'reading.wav'), [toneOf(7, 220, 0.2, 16_000)], 16_000);

  it('reads Hz or kHz, 8 to 192 kHz', () => {
    expect(sampleRateOf('22050')).toBe(22_050);
    expect(sampleRateOf('44.1k')).toBe(44_100);
    expect(sampleRateOf('48kHz')).toBe(48_000);
    for (const bad of ['fast', '4000', '400k', ''])
      expect(() => sampleRateOf(bad), bad).toThrow(/--sample-rate takes 8000\.\.192000 Hz/);
  });

  it('a 16 kHz recording exported at 22.05 kHz is a 22.05 kHz file; a preset’s own rate is not overridden', async () => {
    const out = join(dir, 'book.mp3');
    const result = runCli(['export', script, audio, '-o', out, '--cues', cues, '--sample-rate', '22.05k']);
    expect(result.status, result.stderr).toBe(0);
    expect((await parseFile(out)).format.sampleRate).toBe(22_050);
    const refused = runCli([
      'export',
      script,
      audio,
      '-o',
      join(dir, 'podcast.mp3'),
      '--cues',
      cues,
      '--loudness',
      'podcast',
      '--sample-rate',
      '22.05k',
    ]);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/delivers 44100 Hz, not 22050 Hz/);
  });
});
