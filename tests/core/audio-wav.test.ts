import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWavLayout, type WavLayout, wavMissing } from '../../audio/wav/wav-header.ts';
import { encodeWav } from '../../audio/wav/wav-writer.ts';
import { InputError } from '../../cues/input-error.ts';
import { decodeAudioFile } from '../../src/audio-io/decode-audio-file.ts';
import { HangGuard, isRefusal } from '../support/hang-guard.ts';
import { ffprobe, rng, segments, tempDir, writeWav } from '../support/signals.ts';

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
      // An independent reader agrees on what we wrote, RF64 included.
      const probe = ffprobe(path, 'stream=sample_rate,channels,duration_ts');
      expect(probe).toMatchObject({
        sample_rate: '44100',
        channels: '2',
        duration_ts: String(signal[0]!.length),
      });
    }
  });

  it('names the problem in broken files', async () => {
    const good = encodeWav(signal, 44_100);
    const cases: Array<[string, Uint8Array, RegExp]> = [
      ['empty.wav', new Uint8Array(), /the file is empty/],
      [
        'no-samples.wav',
        good.subarray(0, 45),
        /truncated WAV: the data chunk declares 88200 bytes but only 1 are in the file/,
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

  it('reads a file cut short as far as it goes, saying how much is missing', async () => {
    // A copy stopped early: the header declares 0.5 s, the file holds 9,956 bytes (2,489 frames).
    const good = encodeWav(signal, 44_100);
    const path = join(dir, 'truncated.wav');
    writeFileSync(path, good.subarray(0, 10_000));
    const decoded = await decodeAudioFile(path);
    expect(decoded.channels[0]).toHaveLength(2489);
    writeFileSync(join(dir, 'whole.wav'), good);
    const whole = await decodeAudioFile(join(dir, 'whole.wav'));
    expect(decoded.channels[1]).toEqual(whole.channels[1]!.subarray(0, 2489));
    const wav = readWavLayout(good.subarray(0, 10_000), 10_000);
    expect(wav.missingBytes).toBe(88_200 - 9956);
    expect(wavMissing(wav)).toBe(
      'truncated WAV: the header says 0.5 s, the file holds 0.1 s (0.4 s missing)',
    );
    expect(wavMissing(readWavLayout(good, good.length))).toBeUndefined();
  });

  it('says a missing length of an hour or more as a clock, not as thousands of seconds', () => {
    // The same 0.5 s (176,400 bytes a second), its header claiming a data chunk of `declared`
    // bytes: a damaged size field, or a long recording of which one copy kept the start.
    const good = encodeWav(signal, 44_100);
    const dataAt = Buffer.from(good).indexOf('data');
    const claiming = (declared: number) => {
      const bytes = Buffer.from(good);
      bytes.writeUInt32LE(declared, dataAt + 4);
      return wavMissing(readWavLayout(bytes, bytes.length));
    };
    expect(claiming(0xf000_0000)).toBe(
      'truncated WAV: the header says 06:20:26.144, the file holds 0.5 s (06:20:25.644 missing)',
    );
    // Just under an hour stays in seconds; an hour exactly is a clock.
    expect(claiming(3599.9 * 176_400)).toBe(
      'truncated WAV: the header says 3599.9 s, the file holds 0.5 s (3599.4 s missing)',
    );
    expect(claiming(3600 * 176_400)).toBe(
      'truncated WAV: the header says 01:00:00.000, the file holds 0.5 s (3599.5 s missing)',
    );
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

describe('WAV reader fuzzing', () => {
  // Real files of every layout we write, then bytes flipped (in the header above all), cut short or
  // grown: each either reads or is refused with an InputError, quickly, and never claims more
  // samples than the file holds.
  const layouts = [
    { bitsPerSample: 16 as const },
    { bitsPerSample: 24 as const },
    { bitsPerSample: 32 as const, float: true },
    { bitsPerSample: 24 as const, rf64: true },
  ];
  // Whole files, short (800 frames), so that unmutated they read.
  const short = signal.map((channel) => channel.subarray(0, 800));
  const sources = layouts.map((format, i) =>
    readFileSync(writeWav(join(dir, `fuzz-source-${i}.wav`), short, 44_100, format)),
  );

  function mutate(source: Uint8Array, random: () => number): Uint8Array {
    const bytes = Uint8Array.from(source);
    const flips = 1 + Math.floor(random() * 6);
    for (let k = 0; k < flips; k++) {
      // Most flips land in the first 128 bytes, where the chunk sizes and the format live.
      const at = random() < 0.8 ? Math.floor(random() * 128) : Math.floor(random() * bytes.length);
      bytes[at] = random() < 0.3 ? 0xff : Math.floor(random() * 256);
    }
    return random() < 0.25 ? bytes.subarray(0, Math.floor(random() * bytes.length)) : bytes;
  }

  const guard = new HangGuard(new URL('../support/fuzz-targets.ts', import.meta.url));

  it('reads or refuses 5,000 mutated headers, none hanging', async () => {
    const random = rng(2026);
    let read = 0;
    for (let round = 0; round < 5000; round++) {
      const bytes = mutate(sources[round % sources.length]!, random);
      // The file size the reader checks against: as cut, or claimed larger or smaller than it is.
      const fileSize = random() < 0.7 ? bytes.length : Math.floor(random() * 2 * bytes.length);
      const outcome = await guard.call<{ layout: WavLayout; channels: Float32Array[] }>(
        `mutated header ${round}`,
        'readWav',
        bytes,
        fileSize,
      );
      if (outcome.error) {
        expect(isRefusal(outcome), `header ${round}: ${outcome.error.message}`).toBe(true);
        continue;
      }
      const { layout, channels } = outcome.value;
      expect(layout.dataOffset + layout.dataBytes).toBeLessThanOrEqual(Math.max(fileSize, layout.dataOffset));
      expect(channels.length).toBe(layout.channels);
      // Damaged float samples read as silence, never as NaN or infinity.
      expect(
        channels.every((channel) => channel.every(Number.isFinite)),
        `header ${round}`,
      ).toBe(true);
      read++;
    }
    // The mutations are not all fatal: the test exercises reading, not only refusing.
    expect(read).toBeGreaterThan(500);
  });

  it('decodes or names the problem for 300 mutated files, none hanging', async () => {
    const random = rng(7);
    for (let round = 0; round < 300; round++) {
      const path = join(dir, `fuzz-${round}.wav`);
      writeFileSync(path, mutate(sources[round % sources.length]!, random));
      const outcome = await guard.call<'decoded'>(`fuzz-${round}.wav`, 'decodes', path);
      if (outcome.error) {
        expect(isRefusal(outcome), `fuzz-${round}.wav: ${outcome.error.message}`).toBe(true);
        expect(outcome.error.message).toContain(`fuzz-${round}.wav`);
      }
    }
  });
});
