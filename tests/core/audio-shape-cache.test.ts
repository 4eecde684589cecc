import { existsSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OpenAudio } from '../../src/app/open-audio.ts';
import { readAudioMetadata } from '../../src/audio-io/audio-metadata.ts';
import { cacheEntry, loadShape } from '../../src/audio-io/peaks-cache.ts';
import { ffmpeg, ffmpegInstalled, segments, tempDir, writeWav } from '../support/signals.ts';

// Opening a project reads each recording's shape and exact length once; an unchanged file (same
// path, size, modification time) then takes them from its peaks cache entry instead of the file.

const RATE = 44_100;
const noReread = async (): Promise<never> => {
  throw new Error('the file was read again');
};

describe.skipIf(!ffmpegInstalled)('a recording’s shape in the peaks cache', () => {
  const dir = tempDir('shape-cache');
  const wav = writeWav(
    join(dir, 'take.wav'),
    segments(
      RATE,
      1,
      [
        { seconds: 4, db: -18, tone: 220 },
        { seconds: 1.5, db: -50 },
      ],
      3,
    ),
    RATE,
  );
  // No Xing header: the exact length is found by reading the whole file, the cost the cache saves.
  const mp3 = join(dir, 'take.mp3');
  ffmpeg(['-i', wav, '-c:a', 'libmp3lame', '-b:a', '96k', '-write_xing', '0', mp3]);

  it('is read from the file the first time and kept exact: format, rate, channels, length', async () => {
    const cache = join(dir, 'cache-1');
    const opened = await OpenAudio.open(mp3, cache);
    expect(opened.format).toBe('mp3');
    expect(opened.sampleRate).toBe(RATE);
    expect(opened.channels).toBe(1);
    expect(opened.duration).toBe((await readAudioMetadata(mp3)).duration);
    expect(opened.duration).toBeGreaterThan(5.4);
    expect(existsSync((await cacheEntry(mp3, cache)).shapePath)).toBe(true);
    const again = await OpenAudio.open(mp3, cache);
    expect([again.format, again.sampleRate, again.channels, again.duration, again.size]).toEqual([
      opened.format,
      opened.sampleRate,
      opened.channels,
      opened.duration,
      opened.size,
    ]);
    const cached = await loadShape(await cacheEntry(mp3, cache), noReread);
    expect(cached).toEqual({
      format: 'mp3',
      sampleRate: RATE,
      channels: 1,
      duration: opened.duration,
      fromCache: true,
    });
  });

  it('is read again when the file changed, or its entry is damaged', async () => {
    const cache = join(dir, 'cache-2');
    const opened = await OpenAudio.open(mp3, cache);
    const entry = await cacheEntry(mp3, cache);
    writeFileSync(entry.shapePath, '{"version":1,"format":"mp3","sampleRate":0}');
    await expect(loadShape(entry, noReread)).rejects.toThrow(/read again/);
    expect((await OpenAudio.open(mp3, cache)).duration).toBe(opened.duration);
    expect((await loadShape(entry, noReread)).fromCache).toBe(true);
    utimesSync(mp3, new Date(), new Date(Date.now() + 5000));
    const changed = await cacheEntry(mp3, cache);
    expect(changed.shapePath).not.toBe(entry.shapePath);
    await expect(loadShape(changed, noReread)).rejects.toThrow(/read again/);
    expect((await OpenAudio.open(mp3, cache)).duration).toBe(opened.duration);
    expect((await loadShape(changed, noReread)).fromCache).toBe(true);
  });

  it('a WAV is cached too, its length from its header', async () => {
    const cache = join(dir, 'cache-3');
    const opened = await OpenAudio.open(wav, cache);
    expect(opened.duration).toBeCloseTo(5.5, 6);
    expect(await loadShape(await cacheEntry(wav, cache), noReread)).toMatchObject({
      duration: opened.duration,
      format: 'wav',
    });
  });
});
