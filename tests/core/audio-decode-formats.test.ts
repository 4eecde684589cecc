import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readAudioMetadata } from '../../src/audio-io/audio-metadata.ts';
import { decodeAudioFile } from '../../src/audio-io/decode-audio-file.ts';
import { HangGuard, isRefusal } from '../support/hang-guard.ts';
import { requireTools } from '../support/required-tools.ts';
import { ffmpeg, rng, segments, sine, tempDir, writeWav } from '../support/signals.ts';

// Compressed fixtures are made by ffmpeg from our own WAV, then decoded by our wasm decoders.
const dir = tempDir('formats');
const RATE = 44_100;
const source = segments(RATE, 2, [{ seconds: 2, db: -20, tone: 300 }], 3);
const wav = writeWav(join(dir, 'source.wav'), source, RATE, { bitsPerSample: 16 });
const ENCODINGS: Array<[string, string[], number]> = [
  ['mp3', ['-c:a', 'libmp3lame', '-b:a', '128k'], RATE],
  ['flac', ['-c:a', 'flac'], RATE],
  ['ogg', ['-c:a', 'libvorbis'], RATE],
  ['opus', ['-c:a', 'libopus'], 48_000],
  ['m4a', ['-c:a', 'aac'], RATE],
];

function rmsDb(samples: Float32Array): number {
  let sum = 0;
  for (const x of samples) sum += x * x;
  return 10 * Math.log10(sum / samples.length);
}

requireTools('the compressed files are made by ffmpeg', 'ffmpeg');

describe('decoding compressed formats', () => {
  for (const [ext, args, rate] of ENCODINGS) {
    it(`decodes ${ext} at its rate, both channels, full length and level`, async () => {
      const path = join(dir, `source.${ext}`);
      ffmpeg(['-i', wav, ...args, path]);
      const decoded = await decodeAudioFile(path);
      expect(decoded.sampleRate).toBe(rate);
      expect(decoded.channels).toHaveLength(2);
      expect(Math.abs(decoded.channels[0]!.length / rate - 2)).toBeLessThan(0.06);
      // ffmpeg's own decode of the same file is the reference for level (lossy encoders low-pass).
      const reference = join(dir, `reference-${ext}.wav`);
      ffmpeg(['-i', path, '-c:a', 'pcm_f32le', reference]);
      const expected = await decodeAudioFile(reference);
      for (let c = 0; c < 2; c++) {
        expect(Math.abs(rmsDb(decoded.channels[c]!) - rmsDb(expected.channels[c]!))).toBeLessThan(0.1);
      }
      if (ext === 'flac') {
        // Lossless: every sample back exactly (at 16-bit resolution).
        for (let i = 0; i < 1000; i++)
          expect(decoded.channels[1]![i]).toBeCloseTo(Math.round(source[1]![i]! * 32767) / 32768, 4);
      }
    });
  }

  it('keeps two channels for a dual-mono stereo MP3', async () => {
    const path = join(dir, 'dual-mono.mp3');
    ffmpeg(['-i', writeWav(join(dir, 'dual-mono.wav'), sine(RATE, 2, 1, 440, 0.3), RATE), path]);
    expect((await decodeAudioFile(path)).channels).toHaveLength(2);
  });

  it('reads tags and existing chapters with music-metadata', async () => {
    const meta = join(dir, 'chapters.txt');
    writeFileSync(
      meta,
      ';FFMETADATA1\ntitle=Locket\nartist=Narrator\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=1000\ntitle=Opening\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=1000\nEND=2000\ntitle=Chapitre deux\n',
    );
    const path = join(dir, 'chapters.mp3');
    ffmpeg(['-i', wav, '-i', meta, '-map_metadata', '1', '-map_chapters', '1', '-id3v2_version', '3', path]);
    const tags = await readAudioMetadata(path);
    expect(tags.title).toBe('Locket');
    expect(tags.artist).toBe('Narrator');
    expect(tags.chapters.map((c) => [c.title, Math.round(c.start * 1000)])).toEqual([
      ['Opening', 0],
      ['Chapitre deux', 1000],
    ]);
  });

  it('names truncated and corrupt compressed files, and never fails any other way', async () => {
    for (const ext of ['mp3', 'flac', 'opus']) {
      const bytes = readFileSync(join(dir, `source.${ext}`));
      const path = join(dir, `cut.${ext}`);
      writeFileSync(path, bytes.subarray(0, Math.floor(bytes.length / 3)));
      await expect(decodeAudioFile(path)).rejects.toThrow(/truncated|no audio could be decoded|corrupt/);
    }
    // Mutated real files: decoding either succeeds or says what is wrong with the file.
    const random = rng(99);
    // A whole decode of a damaged file: a longer limit than one header's worth of work.
    const guard = new HangGuard(new URL('../support/fuzz-targets.ts', import.meta.url), 60_000);
    for (let round = 0; round < 60; round++) {
      const [ext] = ENCODINGS[round % ENCODINGS.length]!;
      const bytes = Buffer.from(readFileSync(join(dir, `source.${ext}`)));
      for (let k = 0; k < 20; k++) bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256);
      const cut = round % 3 === 0 ? bytes.subarray(0, Math.floor(random() * bytes.length)) : bytes;
      const path = join(dir, `fuzz-${round}.${ext}`);
      writeFileSync(path, cut);
      const outcome = await guard.call<'decoded'>(`fuzz-${round}.${ext}`, 'decodes', path);
      if (outcome.error)
        expect(isRefusal(outcome), `fuzz-${round}.${ext}: ${outcome.error.message}`).toBe(true);
    }
  });
});
