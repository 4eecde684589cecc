import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { childBoxes } from '../../audio/export/mp4-chapters.ts';
import { parseScript } from '../../cues/parse-script.ts';
import { exportAudio } from '../../src/export/export-audio.ts';
import { ffmpegInstalled, ffprobe, segments, tempDir, writeWav } from '../support/signals.ts';

// mutagen (1.47 and older: the Cozy audiobook player) reads Nero chapter times against the movie
// timescale as if it were 1000: our 57600 put a chapter at 10.3 s at 0.18 s. ffmpeg writes 1000.
const RATE = 44_100;
const SECONDS = 8;
const dir = tempDir('m4b-timescale');

interface Found {
  type: string;
  body: Uint8Array;
}

function find(bytes: Uint8Array, path: string[]): Found {
  let from = 0;
  let to = bytes.length;
  let found: Found | undefined;
  for (const type of path) {
    const hit = childBoxes(bytes, from, to).find((b) => b.type === type);
    if (!hit) throw new Error(`no ${path.join('/')} box`);
    from = hit.start + hit.headerSize;
    to = hit.start + hit.size;
    found = { type, body: bytes.subarray(from, to) };
  }
  return found!;
}

/** Timescale and duration of an mvhd body (version 0 or 1). */
function movieHeader(body: Uint8Array): { timescale: number; duration: number } {
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  return body[0] === 1
    ? { timescale: view.getUint32(20), duration: Number(view.getBigUint64(24)) }
    : { timescale: view.getUint32(12), duration: view.getUint32(16) };
}

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
      const movie = movieHeader(find(bytes, ['moov', 'mvhd']).body);
      expect(movie.timescale).toBe(1000);
      // The movie's length in that timescale is the length ffprobe reads.
      const probed = Number(ffprobe(output, 'format=duration').duration);
      expect(Math.abs(movie.duration / 1000 - probed)).toBeLessThanOrEqual(0.002);
      expect(Math.abs(probed - SECONDS)).toBeLessThanOrEqual(0.05);
    });
  }
});
