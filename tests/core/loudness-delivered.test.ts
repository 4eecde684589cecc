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
