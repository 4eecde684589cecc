import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SPEECH_DIR } from '../support/human-speech.ts';
import { requireTools } from '../support/required-tools.ts';
import { runCli } from '../support/run-cli.ts';
import { ffmpeg, ffprobe, tempDir } from '../support/signals.ts';

// `cuewright export A B -o acx/book.mp3 --loudness acx` where one recording has a second of
// digital silence cut into it (an edited-out slate): the chapter files' head and tail room tone
// is the recordings' real room tone, never those zeros, and a file holding half a second of zeros
// fails ACX naming the digital silence, never passing at -120 dB. Read back by ffmpeg.

/** [start, end] seconds of every stretch of 50 ms or more below -90 dB (digital silence), by ffmpeg. */
function digitalSilence(path: string): Array<[number, number]> {
  const log = ffmpeg(['-nostats', '-i', path, '-af', 'silencedetect=n=-90dB:d=0.05', '-f', 'null', '-']);
  const starts = [...log.matchAll(/silence_start: ([\d.]+)/g)].map((m) => Number(m[1]));
  const ends = [...log.matchAll(/silence_end: ([\d.]+)/g)].map((m) => Number(m[1]));
  return starts.map((s, i) => [s, ends[i] ?? Number.POSITIVE_INFINITY]);
}

describe('ACX chapter files from recordings with digital silence in them', () => {
  const dir = tempDir('acx-room-tone');
  const a = join(dir, 'a.mp3');
  const b = join(dir, 'b.wav');

  beforeAll(() => {
    requireTools('recordings are cut and exports read back by ffmpeg', 'ffmpeg', 'shared data');
    ffmpeg([
      '-i',
      join(SPEECH_DIR, 'sonnets/sonnet001.mp3'),
      '-t',
      '7',
      '-c:a',
      'libmp3lame',
      '-b:a',
      '96k',
      a,
    ]);
    // Sonnet II, 16 kHz mono, with 2.3..3.3 s replaced by exact zeros.
    ffmpeg([
      '-i',
      join(SPEECH_DIR, 'sonnets/sonnet002.flac'),
      '-t',
      '7',
      '-ac',
      '1',
      '-ar',
      '16000',
      '-af',
      "volume=enable='between(t,2.3,3.3)':volume=0",
      '-c:a',
      'pcm_s16le',
      b,
    ]);
  });

  it('pads every file with the room tone heard in the recordings and measures the floor on it', () => {
    mkdirSync(join(dir, 'acx'));
    const out = join(dir, 'acx', 'book.mp3');
    const result = runCli(['export', a, b, '-o', out, '--loudness', 'acx'], dir, 600_000);
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.status).toBe(0);
    const files = readdirSync(join(dir, 'acx')).sort();
    expect(files).toHaveLength(2);
    for (const name of files) {
      const path = join(dir, 'acx', name);
      const duration = Number(ffprobe(path, 'format=duration').duration);
      // No digital silence at the head or in the tail's room tone.
      for (const [start, end] of digitalSilence(path)) {
        expect(start, `${name}: zeros at ${start}..${end} s`).toBeGreaterThan(0.05);
        expect(end, `${name}: zeros at ${start}..${end} s`).toBeLessThan(duration - 2.1);
      }
    }
    // The first recording's file measures its real floor; the second's holds the second of zeros cut
    // into its source, which is named as digital silence (a failure), never passed at -120 dB.
    const verdicts = result.stdout.split('\n').filter((line) => / ACX: /.test(line));
    expect(verdicts).toHaveLength(2);
    const floors = verdicts.map((line) => Number(/noise floor (-?[\d.]+) dB,/.exec(line)![1]));
    expect(floors[0]).toBeGreaterThan(-100);
    expect(verdicts[1]).toMatch(/ACX: FAIL: .*digital silence/);
  }, 600_000);
});
