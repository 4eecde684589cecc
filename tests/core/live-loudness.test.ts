import { describe, expect, it } from 'vitest';
import { LoudnessMeter } from '../../audio/loudness/loudness-meter.ts';
import { decodeAudioFile } from '../../src/audio-io/decode-audio-file.ts';
import { SHARED } from '../support/paths.ts';
import { ffmpegLoudness, sine } from '../support/signals.ts';

// The live readout of the editor's level meter (issue 15): the loudness meter fed block by block
// as Web Audio renders (128 frames at a time) reads momentary (400 ms), short-term (3 s) and
// integrated-so-far loudness on the way, and ends where the whole-file measurement does.

const SPEECH = `${SHARED}speech/casual/acoustic_corpus.wav`;
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

  it('reads from the frame that fills the block: 400 ms and 3 s exactly, not a sub-block later', () => {
    const rate = 48_000;
    const tone = sine(rate, 1, 3, 1000, 0.1)[0]!;
    const meter = new LoudnessMeter(rate, 1);
    meter.push([tone.subarray(0, 0.4 * rate - 1)]);
    expect(meter.momentary()).toBe(Number.NEGATIVE_INFINITY);
    meter.push([tone.subarray(0.4 * rate - 1, 0.4 * rate)]);
    expect(meter.momentary()).toBeCloseTo(-23.01, 1);
    meter.push([tone.subarray(0.4 * rate, 3 * rate - 1)]);
    expect(meter.shortTerm()).toBe(Number.NEGATIVE_INFINITY);
    meter.push([tone.subarray(3 * rate - 1)]);
    expect(meter.shortTerm()).toBeCloseTo(-23.01, 1);
  });

  it('reads the last 400 ms and the last 3 s, not the first: a tone that drops 20 dB', () => {
    const rate = 16_000;
    const meter = new LoudnessMeter(rate, 1);
    meter.push(sine(rate, 1, 3, 1000, 0.1));
    const loud = meter.momentary();
    expect(meter.shortTerm()).toBeCloseTo(loud, 3);
    meter.push(sine(rate, 1, 3, 1000, 0.01));
    expect(meter.momentary()).toBeCloseTo(loud - 20, 2);
    expect(meter.shortTerm()).toBeCloseTo(loud - 20, 2);
    // Gated: of the 57 blocks of 400 ms, the 27 all quiet are 20 LU under and out; the 27 all loud
    // and the 3 across the drop (0.75, 0.5 and 0.25 of the loud energy, plus the quiet's) stay in.
    expect(meter.integratedSoFar()).toBeCloseTo(loud + 10 * Math.log10(28.515 / 30), 3);
  });

  it('reads digital silence after a tone as silence (-Infinity) within a second: the filters settle to zero', () => {
    // A drama lane is mostly digital silence between its lines. Left to ring down, the
    // K-weighting filters reach subnormal numbers (a 1e-80 energy, some 100x slower to compute on
    // x86: a 27-minute drama's levels took 10.4 s, 1.7 s once settled) and never quite zero.
    const rate = 16_000;
    const meter = new LoudnessMeter(rate, 1);
    meter.push(sine(rate, 1, 2, 1000, 0.1));
    const silence = new Float32Array(rate / 10);
    for (let i = 0; i < 8; i++) meter.push([silence]);
    expect(meter.momentary()).toBe(Number.NEGATIVE_INFINITY);
    // What was heard is kept: the tone's 17 blocks of 400 ms, and the 3 across its end (3/4, 1/2 and
    // 1/4 of its energy, inside the relative gate), over 20; the silent blocks are gated out.
    expect(Math.abs(meter.integratedSoFar() - (-23.01 + 10 * Math.log10(18.5 / 20)))).toBeLessThan(0.1);
    meter.push(sine(rate, 1, 1, 1000, 0.1));
    expect(meter.momentary()).toBeCloseTo(-23.01, 1);
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
