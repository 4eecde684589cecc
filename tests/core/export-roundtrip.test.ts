import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeWav } from '../../audio/wav/wav-writer.ts';
import { parseScript } from '../../cues/parse-script.ts';
import { type AudioAnalysis, analyzeAudio } from '../../src/audio-io/analyze-audio.ts';
import { exportAudio } from '../../src/export/export-audio.ts';
import { scratchNarration } from '../../src/tts/scratch-narration.ts';
import { ffmpegReference } from '../support/ffmpeg-reference.ts';
import { ffmpeg, ffmpegInstalled, ffmpegLoudness, tempDir } from '../support/signals.ts';

// Every export format of a source of 3 minutes or more, read back by our own `analyze`, is its
// source: the same rate and channels, its length (each file declares its encoder's priming and
// padding, so decoders give back exactly what went in), and its loudness within the delivery
// tolerance (the export is asked for the source's own loudness, which encoders would move).
// ffmpeg reads the same files as the independent check.

const dir = tempDir('export-roundtrip');
const FORMATS = ['mp3', 'm4b', 'flac', 'opus', 'wav'] as const;
/** Samples in an AAC frame. */
const AAC_FRAME = 1024;
let source: string;
let original: AudioAnalysis;
/** The source's length in samples, as ffmpeg decodes it. */
let sourceFrames: number;
const parsed = parseScript('# Part one\n\nThe first half.\n\n# Part two\n\nThe second half.', {
  format: 'fountain',
});
const sheet = { ...parsed, cues: parsed.cues.map((c, i) => ({ ...c, start: i * 50, end: i * 50 + 10 })) };

it('has ffmpeg to read the files back (these tests fail without it, never pass quietly)', () => {
  expect(ffmpegInstalled).toBe(true);
});

beforeAll(async () => {
  // Three minutes of the scratch voices reading prose, made 48 kHz stereo by ffmpeg (one
  // channel a little quieter than the other), with peaks well under the ceiling.
  const text = Array.from({ length: 14 }, (_, i) =>
    [
      `Paragraph ${i + 1}. The rain had stopped by the time the ferry reached the harbour,`,
      'and the lamps along the quay came on one by one while the gulls argued over the nets.',
      'Nobody on the boat would say where the keeper had gone, or why his lamp was dark.',
    ].join(' '),
  ).join('\n\n');
  const read = await scratchNarration(parseScript(text));
  const voice = join(dir, 'voice.wav');
  (await import('node:fs')).writeFileSync(voice, encodeWav(read.audio.channels, read.audio.sampleRate));
  source = join(dir, 'source.wav');
  ffmpeg([
    '-i',
    voice,
    '-af',
    'pan=stereo|c0=0.6*c0|c1=0.45*c0',
    '-ar',
    '48000',
    '-c:a',
    'pcm_s16le',
    source,
  ]);
  original = await analyzeAudio(source);
  sourceFrames = ffmpegReference(source).frames;
}, 120_000);

describe('every export format of a 3-minute source, read back, is its source', () => {
  it('the source is 3 minutes or more, 48 kHz stereo', () => {
    expect(original.duration).toBeGreaterThanOrEqual(180);
    expect([original.sampleRate, original.channels]).toEqual([48_000, 2]);
    expect(original.loudness.truePeak!).toBeLessThan(-2);
  });

  for (const format of FORMATS) {
    it(`${format}: rate, channels, length and loudness by analyze (and ffmpeg)`, async () => {
      const output = join(dir, `book.${format}`);
      const target = {
        name: 'the source loudness',
        integrated: original.loudness.integrated!,
        truePeakCeiling: -1,
      };
      await exportAudio({ audio: source, output, sheet, tags: {}, loudness: target });
      const read = await analyzeAudio(output);
      expect([read.sampleRate, read.channels]).toEqual([original.sampleRate, original.channels]);
      // Durations are printed to the millisecond; an edit list counts whole milliseconds.
      expect(Math.abs(read.duration - original.duration), 'length by analyze').toBeLessThanOrEqual(0.0015);
      expect(Math.abs(read.loudness.integrated! - original.loudness.integrated!)).toBeLessThanOrEqual(0.1);

      const reference = ffmpegReference(output);
      expect([reference.sampleRate, reference.channels]).toEqual([48_000, 2]);
      // ffmpeg decodes the whole last AAC frame (it does so for its own M4As too); all else exactly.
      const slack = format === 'm4b' ? AAC_FRAME : 0;
      expect(reference.frames - sourceFrames, 'length by ffmpeg (samples)').toBeGreaterThanOrEqual(0);
      expect(reference.frames - sourceFrames, 'length by ffmpeg (samples)').toBeLessThanOrEqual(slack);
      expect(Math.abs(ffmpegLoudness(output).integrated - original.loudness.integrated!)).toBeLessThanOrEqual(
        0.2,
      );
    }, 120_000);
  }
});
