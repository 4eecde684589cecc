import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOUDNESS_PRESETS } from '../../audio/export/loudness-target.ts';
import { parseScript } from '../../cues/parse-script.ts';
import { exportAudio } from '../../src/export/export-audio.ts';
import { ffmpegInstalled, ffmpegLoudness, segments, tempDir, writeWav } from '../support/signals.ts';

// A loudness target is a promise about the delivered file: "--loudness podcast" printed -16.0
// LUFS for an MP3 that ffmpeg measured at -16.7 (the encoder's low-pass takes what K-weighting
// counts most). The export now decodes what it wrote and corrects; ffmpeg's ebur128 is the judge.
const dir = tempDir('loudness-delivered');

it('has ffmpeg to compare with (these tests fail without it, never pass quietly)', () => {
  expect(ffmpegInstalled).toBe(true);
});

describe('loudness delivered, not promised', () => {
  const RATE = 22_050;
  // Bright noise in phrases (most of its loudness is above the low-pass of a 64 kbps MP3).
  const audio = writeWav(
    join(dir, 'bright.wav'),
    segments(
      RATE,
      1,
      [
        { seconds: 3, db: -30 },
        { seconds: 0.6, db: -70 },
        { seconds: 3, db: -28, tone: 3000 },
        { seconds: 0.6, db: -70 },
        { seconds: 3, db: -32 },
      ],
      11,
    ),
    RATE,
  );
  const parsed = parseScript('One line of narration.');
  const sheet = { ...parsed, cues: parsed.cues.map((c) => ({ ...c, start: 1, end: 3 })) };
  for (const [format, preset] of [
    ['mp3', 'podcast'],
    ['m4b', 'podcast-mono'],
    ['opus', 'ebu-r128'],
  ] as const) {
    it(`${format} at ${preset}: within 0.1 LU of the target by ffmpeg, true peak under the ceiling, and the measured value reported`, async () => {
      const target = LOUDNESS_PRESETS[preset];
      const output = join(dir, `out.${format}`);
      const result = await exportAudio({
        audio,
        output,
        sheet,
        tags: {},
        loudness: target,
        ...(format === 'mp3' ? { bitrate: 64_000 } : {}),
      });
      const judged = ffmpegLoudness(output);
      expect(Math.abs(judged.integrated - target.integrated)).toBeLessThanOrEqual(0.1);
      expect(judged.truePeak).toBeLessThanOrEqual(target.truePeakCeiling);
      // What we report is what the file measures, not what the gain aimed at.
      expect(Math.abs(result.delivered!.integrated - judged.integrated)).toBeLessThanOrEqual(0.1);
    });
  }
});

describe('a recording that opens on a click', () => {
  // The casual corpus's cold_corpus.wav (a real speaker, ../shared/speech) peaks at -5.6 dB in its
  // first 5 ms. The limiter let a peak inside its first lookahead through at nearly full gain, so
  // the true peak read over the ceiling, every later encode lowered the limiter for it, and the
  // podcast MP3 was delivered at -37.9 LUFS, +1.6 dBTP (the fresh tester's find, exit 0).
  it('is delivered at the podcast target with its true peak under the ceiling, by ffmpeg', async () => {
    const target = LOUDNESS_PRESETS.podcast;
    const audio = join(import.meta.dirname, '../../../shared/speech/casual/cold_corpus.wav');
    const output = join(dir, 'cold.mp3');
    const parsed = parseScript('One line of narration.');
    const sheet = { ...parsed, cues: parsed.cues.map((c) => ({ ...c, start: 1, end: 3 })) };
    const result = await exportAudio({ audio, output, sheet, tags: {}, loudness: target });
    const judged = ffmpegLoudness(output);
    console.log(`cold_corpus.wav at podcast: ffmpeg ${judged.integrated} LUFS, ${judged.truePeak} dBTP`);
    expect(Math.abs(judged.integrated - target.integrated)).toBeLessThanOrEqual(0.2);
    expect(judged.truePeak).toBeLessThanOrEqual(target.truePeakCeiling);
    expect(Math.abs(result.delivered!.integrated - judged.integrated)).toBeLessThanOrEqual(0.1);
  });
});
