import { describe, expect, it } from 'vitest';
import { LoudnessMeter } from '../../audio/loudness/loudness-meter.ts';
import { decodeAudioFile } from '../../src/audio-io/decode-audio-file.ts';
import { ffmpegLoudness, sine } from '../support/signals.ts';

// The live readout of the editor's level meter (issue 15): the loudness meter fed block by block
// as Web Audio renders (128 frames at a time) reads momentary (400 ms), short-term (3 s) and
// integrated-so-far loudness on the way, and ends where the whole-file measurement does.

const SPEECH = '/work/shared/speech/casual/acoustic_corpus.wav';
const RENDER_QUANTUM = 128;

function pushInQuanta(meter: LoudnessMeter, channels: Float32Array[], onBlock?: () => void): void {
  for (let at = 0; at < channels[0]!.length; at += RENDER_QUANTUM) {
    meter.push(channels.map((c) => c.subarray(at, at + RENDER_QUANTUM)));
    onBlock?.();
  }
}

describe('live loudness (momentary, short-term, integrated so far)', () => {
  it('reads a -20 dBFS 1 kHz sine, mono, as -23 LUFS momentary, short-term and integrated', () => {
    const rate = 48_000;
    const meter = new LoudnessMeter(rate, 1);
    pushInQuanta(meter, sine(rate, 1, 5, 1000, 0.1));
    expect(meter.momentary()).toBeCloseTo(-23.01, 1);
    expect(meter.shortTerm()).toBeCloseTo(-23.01, 1);
    expect(meter.integratedSoFar()).toBeCloseTo(-23.01, 1);
    expect(meter.samplePeakSoFar).toBeCloseTo(0.1, 3);
  });

  it('says nothing until a block is full: momentary after 400 ms, short-term after 3 s', () => {
    const rate = 44_100;
    const meter = new LoudnessMeter(rate, 2);
    const tone = sine(rate, 2, 3.2, 440, 0.25);
    const half = Math.round(rate * 0.35);
    meter.push(tone.map((c) => c.subarray(0, half)));
    expect(meter.momentary()).toBe(Number.NEGATIVE_INFINITY);
    meter.push(tone.map((c) => c.subarray(half, Math.round(rate * 2.5))));
    expect(Number.isFinite(meter.momentary())).toBe(true);
    expect(meter.shortTerm()).toBe(Number.NEGATIVE_INFINITY);
    meter.push(tone.map((c) => c.subarray(Math.round(rate * 2.5))));
    expect(Number.isFinite(meter.shortTerm())).toBe(true);
  });

  it('on real speech, pushed 128 frames at a time, ends at the whole file’s integrated loudness and ffmpeg’s', async () => {
    const audio = await decodeAudioFile(SPEECH);
    const live = new LoudnessMeter(audio.sampleRate, audio.channels.length);
    const momentary: number[] = [];
    pushInQuanta(live, audio.channels, () => momentary.push(live.momentary()));
    const whole = new LoudnessMeter(audio.sampleRate, audio.channels.length);
    whole.push(audio.channels);
    expect(live.integratedSoFar()).toBeCloseTo(whole.result().integrated, 6);
    expect(Math.abs(live.integratedSoFar() - ffmpegLoudness(SPEECH).integrated)).toBeLessThan(0.2);
    // Speech moves: the momentary readout rises and falls by more than 10 LU over the file.
    const finite = momentary.filter(Number.isFinite);
    expect(Math.max(...finite) - Math.min(...finite)).toBeGreaterThan(10);
    // The loudest 400 ms is louder than the whole, as it must be.
    expect(Math.max(...finite)).toBeGreaterThan(live.integratedSoFar());
  });
});
