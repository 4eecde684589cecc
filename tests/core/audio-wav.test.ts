import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeWav } from '../../audio/wav/wav-writer.ts';
import { InputError } from '../../cues/input-error.ts';
import { decodeAudioFile } from '../../src/audio-io/decode-audio-file.ts';
import { ffmpegInstalled, ffprobe, segments, tempDir, writeWav } from '../support/signals.ts';

const dir = tempDir('wav');
const signal = segments(44_100, 2, [{ seconds: 0.5, db: -12, tone: 440 }], 7);

describe('WAV files', () => {
  it('round-trip 16/24/32-bit integer and 32-bit float, RIFF and RF64', async () => {
    const formats = [
      { bitsPerSample: 16 as const, tolerance: 2 / 32768 },
      { bitsPerSample: 24 as const, tolerance: 2 / 8388608 },
      { bitsPerSample: 32 as const, tolerance: 1e-9 },
      { bitsPerSample: 32 as const, float: true, tolerance: 0 },
      { bitsPerSample: 24 as const, rf64: true, tolerance: 2 / 8388608 },
    ];
    for (const { tolerance, ...format } of formats) {
      const path = writeWav(
        join(dir, `rt-${format.bitsPerSample}-${format.float ?? false}-${format.rf64 ?? false}.wav`),
        signal,
        44_100,
        format,
      );
      const decoded = await decodeAudioFile(path);
      expect(decoded.sampleRate).toBe(44_100);
      expect(decoded.channels).toHaveLength(2);
      expect(decoded.channels[0]!.length).toBe(signal[0]!.length);
      let worst = 0;
      for (let c = 0; c < 2; c++) {
        for (let i = 0; i < signal[c]!.length; i++)
          worst = Math.max(worst, Math.abs(decoded.channels[c]![i]! - signal[c]![i]!));
      }
      expect(worst).toBeLessThanOrEqual(tolerance + 1e-7);
      if (ffmpegInstalled) {
        // An independent reader agrees on what we wrote, RF64 included.
        const probe = ffprobe(path, 'stream=sample_rate,channels,duration_ts');
        expect(probe).toMatchObject({
          sample_rate: '44100',
          channels: '2',
          duration_ts: String(signal[0]!.length),
        });
      }
    }
  });

  it('names the problem in broken files', async () => {
    const good = encodeWav(signal, 44_100);
    const cases: Array<[string, Uint8Array, RegExp]> = [
      ['empty.wav', new Uint8Array(), /the file is empty/],
      [
        'truncated.wav',
        good.subarray(0, 10_000),
        /truncated WAV: the data chunk declares 88200 bytes but only 9956/,
      ],
      ['header-only.wav', good.subarray(0, 30), /corrupt or truncated WAV: the fmt chunk is cut off/],
      ['riff-only.wav', good.subarray(0, 12), /corrupt or truncated WAV: no fmt chunk/],
      ['adpcm.wav', patch(good, 20, [0x11, 0]), /unsupported WAV encoding \(format tag 0x11\)/],
      ['12-bit.wav', patch(good, 34, [12, 0]), /unsupported WAV sample size: 12-bit int/],
      ['zero-rate.wav', patch(good, 24, [0, 0, 0, 0]), /corrupt WAV: sample rate 0 Hz/],
      [
        'text.wav',
        new TextEncoder().encode('hello, this is not audio at all'),
        /unknown audio format \(the file starts with 68 65 6c/,
      ],
    ];
    for (const [name, bytes, message] of cases) {
      const path = join(dir, name);
      writeFileSync(path, bytes);
      const error = await decodeAudioFile(path).catch((e: unknown) => e);
      expect(error, name).toBeInstanceOf(InputError);
      expect((error as Error).message, name).toMatch(
        new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `),
      );
      expect((error as Error).message, name).toMatch(message);
    }
  });

  it('accepts a recorder that stopped without fixing up the data size', async () => {
    const bytes = encodeWav(signal, 44_100);
    const path = join(dir, 'streaming.wav');
    writeFileSync(path, patch(bytes, 40, [0, 0, 0, 0]));
    expect((await decodeAudioFile(path)).channels[0]!.length).toBe(signal[0]!.length);
    expect(readFileSync(path).length).toBe(bytes.length);
  });
});

function patch(bytes: Uint8Array, at: number, values: number[]): Uint8Array {
  const copy = bytes.slice();
  copy.set(values, at);
  return copy;
}
