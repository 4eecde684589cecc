import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { kaiserSinc, normalized } from '../../audio/dsp/kaiser-sinc.ts';
import { TruePeakChannel } from '../../audio/loudness/true-peak.ts';
import { decodeAudioFile } from '../../src/audio-io/decode-audio-file.ts';
import { SPEECH_DIR } from '../support/human-speech.ts';
import { requireTools } from '../support/required-tools.ts';

// The true-peak detector skips what cannot pass the peak found so far (a segment's bound, then
// each point's centre taps with a bound on the rest). Skipping must change nothing: the peak is
// the one every interpolated point, computed in full, gives (BS.1770-4 Annex 2, 4x oversampling,
// with true-peak.ts's 32-tap Kaiser-windowed sinc: beta 9, cutoff 0.97).

/** Every interpolated point computed, none skipped, up to the end (silence after it, as before it). */
function bruteForcePeak(x: Float32Array): number {
  const taps = 32;
  const phases = [1, 2, 3].map((p) => {
    const c = new Float64Array(taps);
    for (let t = 0; t < taps; t++) c[t] = kaiserSinc(t - taps / 2 + p / 4, 0.97, taps / 2 + 1, 9);
    normalized(c);
    return c;
  });
  let peak = 0;
  for (let i = 0; i < x.length + taps / 2; i++) {
    if (i < x.length) peak = Math.max(peak, Math.abs(x[i]!));
    for (const c of phases) {
      let y = 0;
      for (let t = 0; t < taps; t++) y += c[t]! * (i - t >= 0 && i - t < x.length ? x[i - t]! : 0);
      peak = Math.max(peak, Math.abs(y));
    }
  }
  return peak;
}

function streamed(x: Float32Array, block: number): number {
  const meter = new TruePeakChannel();
  for (let at = 0; at < x.length; at += block) meter.push(x.subarray(at, at + block));
  return meter.peakAtEnd;
}

describe('true peak with skipping', () => {
  it('equals the peak of every point computed, on a real reading and on one full of overs', async () => {
    requireTools('a real reading is measured', 'shared data');
    const reading = (await decodeAudioFile(join(SPEECH_DIR, 'sonnets/sonnet001.flac'))).channels[0]!.subarray(
      0,
      16_000 * 12,
    );
    // A quarter-rate tone sampled 45 degrees off its crests: the interpolated peak is above every sample.
    const overs = reading.map((v, i) => 0.3 * v + 0.6 * Math.sin((Math.PI / 2) * i + Math.PI / 4));
    for (const x of [reading, overs]) {
      const expected = bruteForcePeak(x);
      expect(streamed(x, 1152)).toBe(expected);
      expect(streamed(x, 77)).toBe(expected);
    }
    expect(bruteForcePeak(overs)).toBeGreaterThan(overs.reduce((m, v) => Math.max(m, Math.abs(v)), 0) * 1.05);
  });
});
