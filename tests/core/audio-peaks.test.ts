import { utimesSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  BASE_SAMPLES_PER_PIXEL,
  deserializePeaks,
  levelFor,
  PeakBuilder,
  serializePeaks,
} from '../../audio/peaks/peak-pyramid.ts';
import { loadPeaks } from '../../src/audio-io/peaks-cache.ts';
import { segments, tempDir, writeWav } from '../support/signals.ts';

const RATE = 22_050;
const signal = segments(
  RATE,
  2,
  [
    { seconds: 3, db: -15, tone: 200 },
    { seconds: 2, db: -40 },
  ],
  5,
);

function build(channels: Float32Array[], block = 1000) {
  const builder = new PeakBuilder(RATE);
  for (let at = 0; at < channels[0]!.length; at += block)
    builder.push(channels.map((c) => c.subarray(at, at + block)));
  return builder.finish();
}

describe('waveform peaks', () => {
  it('hold the true min and max of every bin at every zoom level, however the audio arrives', () => {
    const pyramid = build(signal, 777);
    expect(pyramid.frames).toBe(signal[0]!.length);
    for (const level of pyramid.levels) {
      const spp = level.samplesPerPixel;
      expect(level.data.length / 2).toBe(Math.ceil(signal[0]!.length / spp));
      const bins = level.data.length / 2;
      for (const bin of new Set([0, Math.min(3, bins - 1), bins - 1])) {
        let min = 1;
        let max = -1;
        for (const channel of signal) {
          for (const x of channel.subarray(bin * spp, (bin + 1) * spp)) {
            min = Math.min(min, x);
            max = Math.max(max, x);
          }
        }
        expect(level.data[bin * 2]).toBe(Math.round(min * 32767));
        expect(level.data[bin * 2 + 1]).toBe(Math.round(max * 32767));
      }
    }
    expect(pyramid.levels[0]!.samplesPerPixel).toBe(BASE_SAMPLES_PER_PIXEL);
    expect(levelFor(pyramid, 3000).samplesPerPixel).toBe(2048);
    expect(build(signal, 4096)).toEqual(pyramid);
  });

  it('survive serialisation and refuse a damaged cache file', () => {
    const pyramid = build(signal);
    const bytes = serializePeaks(pyramid);
    expect(deserializePeaks(bytes)).toEqual(pyramid);
    expect(() => deserializePeaks(bytes.subarray(0, bytes.length - 10))).toThrow(/truncated peaks file/);
    expect(() => deserializePeaks(new Uint8Array(40))).toThrow(/not a Cuewright peaks file/);
  });

  it('are cached beside the project and recomputed when the audio changes', async () => {
    const dir = tempDir('peaks');
    const audio = writeWav(join(dir, 'narration.wav'), signal, RATE);
    const cache = join(dir, 'project-cache');
    const first = await loadPeaks(audio, cache);
    expect(first.fromCache).toBe(false);
    const second = await loadPeaks(audio, cache);
    expect(second.fromCache).toBe(true);
    expect(second.pyramid).toEqual(first.pyramid);
    utimesSync(audio, new Date(), new Date(Date.now() + 5000));
    expect((await loadPeaks(audio, cache)).fromCache).toBe(false);
  });
});
