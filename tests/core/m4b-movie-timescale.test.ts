import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScript } from '../../cues/parse-script.ts';
import { exportAudio } from '../../src/export/export-audio.ts';
import { movieHeader, mp4Box } from '../support/mp4-reader.ts';
import { ffmpegInstalled, ffprobe, segments, tempDir, writeWav } from '../support/signals.ts';

// mutagen (1.47 and older: the Cozy audiobook player) reads Nero chapter times against the movie
// timescale as if it were 1000: our 57600 put a chapter at 10.3 s at 0.18 s. ffmpeg writes 1000.
const RATE = 44_100;
const SECONDS = 8;
const dir = tempDir('m4b-timescale');

it('has ffmpeg to compare with (these tests fail without it, never pass quietly)', () => {
  expect(ffmpegInstalled).toBe(true);
});

describe('M4B movie timescale', () => {
  const audio = writeWav(join(dir, 'in.wav'), segments(RATE, 2, [{ seconds: SECONDS, db: -24 }], 3), RATE);
  const parsed = parseScript('# One\n\nFirst line.\n\n# Two\n\nSecond line.', { format: 'fountain' });
  const sheet = {
    ...parsed,
    cues: parsed.cues.map((c, i) => ({ ...c, start: i * 1.5, end: i * 1.5 + 1 })),
    chapters: parsed.chapters.map((c, i) => ({ ...c, start: i * 4 })),
  };
  for (const encoders of [1, 2]) {
    it(`is 1000, as ffmpeg writes it, with every movie duration in it (${encoders} encoder${encoders > 1 ? 's' : ''})`, async () => {
      const output = join(dir, `book-${encoders}.m4b`);
      await exportAudio({ audio, output, sheet, tags: {}, encoders });
      const bytes = new Uint8Array(readFileSync(output));
      const movie = movieHeader(mp4Box(bytes, 'moov', 'mvhd'));
      expect(movie.timescale).toBe(1000);
      // The movie's length in that timescale is the length ffprobe reads.
      const probed = Number(ffprobe(output, 'format=duration').duration);
      expect(Math.abs(movie.duration / 1000 - probed)).toBeLessThanOrEqual(0.002);
      expect(Math.abs(probed - SECONDS)).toBeLessThanOrEqual(0.05);
    });
  }
});
