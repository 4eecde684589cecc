import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LoudnessMeter, subBlockOf } from '../../audio/loudness/loudness-meter.ts';
import { StretchMeter } from '../../audio/loudness/stretch-meter.ts';
import { decodeAudioFile } from '../../src/audio-io/decode-audio-file.ts';
import { SPEECH_DIR } from '../support/human-speech.ts';
import { requireTools } from '../support/required-tools.ts';

// Parallel encoders measure a production between them (export-audio.ts): each its own stretch,
// fed from a little before it. Joined, the stretches must give what one meter over the whole
// recording gives, on a real reading (a human voice, with its pauses gated out).

const BLOCK = 4096;

function feed(sink: { push(c: Float32Array[]): void }, channels: Float32Array[], from: number, to: number) {
  for (let at = from; at < to; at += BLOCK)
    sink.push(channels.map((c) => c.subarray(at, Math.min(to, at + BLOCK))));
}

describe('loudness measured in stretches', () => {
  it('joins to the whole recording’s loudness, range and peaks', async () => {
    requireTools('a real reading is measured', 'shared data');
    const audio = await decodeAudioFile(join(SPEECH_DIR, 'sonnets/sonnet001.flac'));
    const { sampleRate, channels } = audio;
    const length = channels[0]!.length;
    const whole = new LoudnessMeter(sampleRate, channels.length);
    feed(whole, channels, 0, length);

    // Seams on the sub-block grid, each pass starting 2 s (not on a block edge) before its stretch.
    const sub = subBlockOf(sampleRate);
    const seams = [0, Math.floor((length * 0.37) / sub) * sub, Math.floor((length * 0.71) / sub) * sub];
    const stretches = seams.map(
      (from, i) =>
        new StretchMeter(sampleRate, channels.length, from, seams[i + 1] ?? Number.POSITIVE_INFINITY),
    );
    for (const [i, stretch] of stretches.entries()) {
      const start = Math.max(0, seams[i]! - 2 * sampleRate - 123);
      stretch.startsAt(start);
      // A pass runs on past its stretch (into the next encoder's context); that is not counted.
      feed(stretch, channels, start, Math.min(length, (seams[i + 1] ?? length) + sampleRate));
      expect(stretch.complete || i === stretches.length - 1).toBe(true);
    }
    const joined = StretchMeter.joined(stretches);
    const expected = whole.result();
    expect(Number.isFinite(expected.integrated)).toBe(true);
    expect(joined.integrated).toBeCloseTo(expected.integrated, 6);
    expect(joined.range).toBeCloseTo(expected.range, 6);
    expect(joined.truePeak).toBe(expected.truePeak);
    expect(joined.samplePeak).toBe(expected.samplePeak);
  });

  it('refuses stretches off the sub-block grid, and stretches that do not meet', () => {
    expect(() => new StretchMeter(44_100, 1, 100, 44_100)).toThrow(/4410-frame sub-blocks/);
    expect(() => new StretchMeter(44_100, 1, 4410, 4410)).toThrow(RangeError);
    expect(() => new StretchMeter(44_100, 1, 0, 4411)).toThrow(/not 0 to 4411/);
    expect(new StretchMeter(44_100, 1, 4410, 8820).to).toBe(8820);
    const a = new StretchMeter(44_100, 1, 0, 44_100);
    const gap = new StretchMeter(44_100, 1, 88_200, Number.POSITIVE_INFINITY);
    expect(() => StretchMeter.joined([a, gap])).toThrow(/starts at 88200, not 44100/);
  });

  it('counts nothing twice: a stretch fed the next one’s audio leaves it to that one', () => {
    // A step down: counted twice, the quiet half would pull the integrated loudness down.
    const rate = 48_000;
    const step = new Float32Array(rate * 4).map(
      (_, i) => (i < rate * 2 ? 0.3 : 0.1) * Math.sin((2 * Math.PI * 1000 * i) / rate),
    );
    const first = new StretchMeter(rate, 1, 0, rate * 2);
    const second = new StretchMeter(rate, 1, rate * 2, Number.POSITIVE_INFINITY);
    feed(first, [step], 0, step.length);
    second.startsAt(rate);
    feed(second, [step], rate, step.length);
    const whole = new LoudnessMeter(rate, 1);
    feed(whole, [step], 0, step.length);
    expect(StretchMeter.joined([first, second]).integrated).toBeCloseTo(whole.result().integrated, 6);
    expect(first.reached).toBe(step.length);
    // Complete from the frame that ends it, not before.
    const exact = new StretchMeter(rate, 1, 0, rate);
    feed(exact, [step], 0, rate - 1);
    expect(exact.complete).toBe(false);
    feed(exact, [step], rate - 1, rate);
    expect(exact.complete).toBe(true);
  });

  it('joins range and peaks too: the larger peak of the two, whichever stretch holds it', () => {
    const rate = 16_000;
    // 3 s loud, 3 s 10 dB down with a click in it (the largest sample), a peak of 0.5 in the first.
    const tone = new Float32Array(rate * 6).map(
      (_, i) => (i < rate * 3 ? 0.3 : 0.3 / Math.sqrt(10)) * Math.sin((2 * Math.PI * 1000 * i) / rate),
    );
    tone[rate * 4 + 7] = -0.9;
    const late = tone.slice();
    tone[rate + 3] = 0.95; // the first stretch's peak over the second's in this one
    for (const signal of [tone, late]) {
      const whole = new LoudnessMeter(rate, 1);
      feed(whole, [signal], 0, signal.length);
      const first = new StretchMeter(rate, 1, 0, rate * 3);
      const second = new StretchMeter(rate, 1, rate * 3, Number.POSITIVE_INFINITY);
      feed(first, [signal], 0, rate * 3 + 1000);
      second.startsAt(rate * 2 + 17);
      feed(second, [signal], rate * 2 + 17, signal.length);
      expect(first.complete).toBe(true);
      expect(second.complete).toBe(false);
      const joined = StretchMeter.joined([first, second]);
      const expected = whole.result();
      expect(expected.range).toBeGreaterThan(5);
      expect(joined.range).toBeCloseTo(expected.range, 6);
      expect(joined.integrated).toBeCloseTo(expected.integrated, 6);
      expect(joined.truePeak).toBe(expected.truePeak);
      expect(joined.samplePeak).toBe(expected.samplePeak);
    }
  });
});
