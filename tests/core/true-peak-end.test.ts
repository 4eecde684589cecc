import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LoudnessMeter } from '../../audio/loudness/loudness-meter.ts';
import { StretchMeter } from '../../audio/loudness/stretch-meter.ts';
import { TruePeakChannel } from '../../audio/loudness/true-peak.ts';
import { dbfs } from '../../audio/pcm.ts';
import { measureFile } from '../../src/export/deliver-loudness.ts';
import { ffmpegLoudness, tempDir, writeWav } from '../support/signals.ts';

// BS.1770-4 Annex 2 oversamples the whole signal, its end included. A streaming interpolator
// reaches each point half its taps late (16 samples), so the points among a stream's last 16
// samples need the filter flushed with silence at the end (true-peak.ts peakAtEnd): without it a
// peak there read as the largest sample, 3.1 dB under on the burst below. The reference is the
// Recommendation's own filter (Annex 2, Table 1: 48 taps, 4 phases), computed here on the signal
// with silence before and after it, so it shares nothing with true-peak.ts's longer filter.

const ANNEX2 = [
  [
    0.001708984375, 0.010986328125, -0.0196533203125, 0.033203125, -0.0594482421875, 0.1373291015625,
    0.97216796875, -0.102294921875, 0.047607421875, -0.026611328125, 0.014892578125, -0.00830078125,
  ],
  [
    -0.0291748046875, 0.029296875, -0.0517578125, 0.089111328125, -0.16650390625, 0.465087890625,
    0.77978515625, -0.2003173828125, 0.1015625, -0.0582275390625, 0.0330810546875, -0.0189208984375,
  ],
  [
    -0.0189208984375, 0.0330810546875, -0.0582275390625, 0.1015625, -0.2003173828125, 0.77978515625,
    0.465087890625, -0.16650390625, 0.089111328125, -0.0517578125, 0.029296875, -0.0291748046875,
  ],
  [
    -0.00830078125, 0.014892578125, -0.026611328125, 0.047607421875, -0.102294921875, 0.97216796875,
    0.1373291015625, -0.0594482421875, 0.033203125, -0.0196533203125, 0.010986328125, 0.001708984375,
  ],
];

/** The largest magnitude of every 4x point by the Annex 2 filter, silence around the signal. */
function annex2Peak(x: Float32Array): number {
  let peak = 0;
  for (let i = 0; i < x.length + 12; i++)
    for (const c of ANNEX2) {
      let y = 0;
      for (let t = 0; t < 12; t++) if (i - t >= 0 && i - t < x.length) y += c[t]! * x[i - t]!;
      peak = Math.max(peak, Math.abs(y));
    }
  return peak;
}

const RATE = 48_000;

/** `length` samples of silence but a quarter-rate burst of 12 samples (0.5, 45 degrees off its crests) ending `before` the end. */
function burst(before: number, length = 9600): Float32Array {
  const x = new Float32Array(length);
  const start = length - before - 12;
  for (let i = 0; i < 12; i++) x[start + i] = 0.5 * Math.sin((Math.PI / 2) * i + Math.PI / 4);
  return x;
}

const samplePeak = (x: Float32Array) => x.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

function pushed(x: Float32Array, block = x.length): TruePeakChannel {
  const channel = new TruePeakChannel();
  for (let at = 0; at < x.length; at += block) channel.push(x.subarray(at, at + block));
  return channel;
}

describe('true peak at the end of a stream (BS.1770-4 Annex 2)', () => {
  it('reads a peak among the last samples as the Annex 2 filter does, and as the same peak mid-stream', () => {
    // In the middle, 4,000 samples of silence after it: the streaming filter's points all reached.
    const middle = pushed(burst(4000)).peak;
    expect(Math.abs(dbfs(middle) - dbfs(annex2Peak(burst(4000))))).toBeLessThan(0.1);
    for (let before = 0; before <= 20; before++) {
      const x = burst(before);
      const atEnd = pushed(x).peakAtEnd;
      expect(atEnd, `${before} samples before the end`).toBe(middle);
      expect(Math.abs(dbfs(atEnd) - dbfs(annex2Peak(x))), `${before} before the end`).toBeLessThan(0.1);
    }
    // The size of what was lost: the burst's samples lie 3 dB under its peak between them.
    expect(dbfs(middle) - dbfs(samplePeak(burst(0)))).toBeGreaterThan(3);
  });

  it('reaches every point of the last 16 samples: a lone peak between two samples, at each place', () => {
    // Two equal samples: one point between them, 2 dB over them, and no other near it. The streaming
    // filter reaches points up to 16 samples before the end; peakAtEnd must take each one after.
    const pair = (before: number, length = 4100) => {
      const x = new Float32Array(length);
      x[length - before - 2] = 0.5;
      x[length - before - 1] = 0.5;
      return x;
    };
    const middle = pushed(pair(4000)).peak;
    expect(dbfs(middle) - dbfs(0.5)).toBeGreaterThan(1.5);
    for (let before = 0; before <= 40; before++)
      expect(pushed(pair(before)).peakAtEnd, `${before} samples before the end`).toBe(middle);
  });

  it('takes the stream as silent after its end, whatever it ends on, and changes nothing when read', () => {
    // A stream ending on full-scale samples of alternating pairs: the points past its last sample
    // ring toward the silence after it, as the Annex 2 filter's do.
    const x = new Float32Array(500);
    for (let i = 0; i < 40; i++) x[460 + i] = i % 4 < 2 ? 1 : -1;
    const whole = pushed(x).peakAtEnd;
    expect(Math.abs(dbfs(whole) - dbfs(annex2Peak(x)))).toBeLessThan(0.1);
    for (const block of [1, 7, 33, 1152]) {
      const channel = new TruePeakChannel();
      let before = 0;
      for (let at = 0; at < x.length; at += block) {
        channel.push(x.subarray(at, at + block));
        const reading = channel.peakAtEnd;
        // Never under what the stream has reached, and a second reading gives the same.
        expect(reading).toBeGreaterThanOrEqual(channel.peak);
        expect(channel.peakAtEnd).toBe(reading);
        before = channel.peak;
      }
      expect(channel.peakAtEnd, `pushed ${block} at a time`).toBe(whole);
      expect(channel.peak).toBe(before);
    }
    // Nothing pushed, or silence: no peak.
    expect(new TruePeakChannel().peakAtEnd).toBe(0);
    expect(pushed(new Float32Array(100)).peakAtEnd).toBe(0);
  });

  it('is the true peak the meter, its stretches joined and a measured file report', async () => {
    const x = burst(3);
    const expected = dbfs(pushed(x).peakAtEnd);
    const meter = new LoudnessMeter(RATE, 1);
    meter.push([x]);
    expect(meter.result().truePeak).toBe(expected);
    // Two stretches, the second warmed with the first's audio: the second ends the stream.
    const first = new StretchMeter(RATE, 1, 0, 4800);
    const second = new StretchMeter(RATE, 1, 4800, Number.POSITIVE_INFINITY);
    first.push([x]);
    second.push([x]);
    expect(StretchMeter.joined([first, second]).truePeak).toBe(expected);
    // A stretch that does not end the stream reads only up to where the next one takes over: the
    // same burst ending the first stretch is the second's to read.
    const early = burst(4800 + 3);
    const a = new StretchMeter(RATE, 1, 0, 4800);
    const b = new StretchMeter(RATE, 1, 4800, Number.POSITIVE_INFINITY);
    a.push([early]);
    b.push([early]);
    expect(StretchMeter.joined([a, b]).truePeak).toBe(expected);
    const path = writeWav(join(tempDir('true-peak-end'), 'end.wav'), [x], RATE);
    expect((await measureFile(path)).truePeak).toBeCloseTo(expected, 9);
  });

  it("agrees with ffmpeg's ebur128 filter on the burst mid-file (it loses one at the very end)", () => {
    const dir = tempDir('true-peak-end');
    const ours = dbfs(pushed(burst(4000)).peakAtEnd);
    const middle = ffmpegLoudness(writeWav(join(dir, 'middle.wav'), [burst(4000)], RATE)).truePeak;
    expect(Math.abs(ours - middle)).toBeLessThanOrEqual(0.1);
  });
});
