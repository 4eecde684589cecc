import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectSinging, judgePhrases } from '../../audio/align/singing-voice.ts';
import { lyricSpans } from '../../audio/align/sung-sections.ts';
import { PitchTracker, trackPitch } from '../../audio/pitch/pitch-tracker.ts';
import { parseScript } from '../../cues/parse-script.ts';
import { scratchNarration } from '../../src/tts/scratch-narration.ts';
import { otherReading, songCoverage } from '../support/align-harness.ts';
import { SAMPLE_SEED } from '../support/paths.ts';
import { segments } from '../support/signals.ts';

const RATE = 22_050;

/** One second of a harmonic tone: `weights` are the harmonics' amplitudes, from the fundamental up. */
function tone(f0: number, weights: number[]): Float32Array {
  const x = new Float32Array(RATE);
  for (let i = 0; i < x.length; i++)
    for (const [h, w] of weights.entries())
      if ((h + 1) * f0 < 4000) x[i]! += 0.2 * w * Math.sin((2 * Math.PI * f0 * (h + 1) * i) / RATE);
  return x;
}

function median(xs: Float32Array): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[sorted.length >> 1]!;
}

describe('pitch tracker (YIN at 4 kHz)', () => {
  // Up to 600 Hz within 1 %; at 800 Hz the period is 5 samples at 4 kHz, and 3 % (50 cents) is
  // what interpolation gives: a constant bias, which a held note does not care about.
  it.each([
    [80, 0.01],
    [130, 0.01],
    [220, 0.01],
    [277, 0.01],
    [415, 0.01],
    [600, 0.01],
    [800, 0.03],
  ])(
    'reads a %i Hz voice-like tone (within %d), whether its fundamental is strong, weak or alone',
    (f0, tolerance) => {
      for (const weights of [[1, 0.5, 0.3, 0.2], [0.1, 0.3, 1, 0.4], [1]]) {
        const track = trackPitch([tone(f0, weights)], RATE);
        const inner = track.f0.subarray(5, -5);
        expect(inner.every((f) => f > 0)).toBe(true);
        expect(Math.abs(median(inner) / f0 - 1)).toBeLessThan(tolerance);
        // No frame slips an octave.
        for (const f of inner) expect(Math.abs(Math.log2(f / f0))).toBeLessThan(0.1);
      }
    },
  );

  it('calls noise and silence unvoiced', () => {
    const [noise] = segments(RATE, 1, [{ seconds: 2, db: -20 }]);
    const voiced = trackPitch([noise!], RATE).f0.filter((f) => f > 0).length;
    expect(voiced / (2 / 0.01)).toBeLessThan(0.05);
    expect(trackPitch([new Float32Array(RATE)], RATE).f0.every((f) => f === 0)).toBe(true);
  });

  it('gives the same track streamed in odd-sized blocks as all at once', () => {
    const x = tone(190, [1, 0.6, 0.3]);
    const whole = trackPitch([x], RATE).f0;
    const tracker = new PitchTracker(RATE);
    for (let i = 0; i < x.length; i += 777) tracker.push([x.subarray(i, i + 777)]);
    const streamed = tracker.finish().f0;
    expect(streamed.length).toBe(whole.length);
    for (let i = 0; i < whole.length; i++) expect(streamed[i]!).toBeCloseTo(whole[i]!, 3);
  });
});

describe('singing detection (held notes, unaccompanied)', () => {
  const seed = parseScript(readFileSync(SAMPLE_SEED, 'utf8'));

  // eSpeak reads lyric stanzas slowly over a wide pitch range and holds some of their syllables,
  // so part of a spoken stanza may be found; narration and dialogue never are.
  it('finds no singing in speech: the seed read by the scratch voices and by other voices', async () => {
    const readings = [await scratchNarration(seed), await otherReading(seed)];
    for (const { audio, sheet } of readings) {
      const track = trackPitch(audio.channels, audio.sampleRate);
      const stanzas = lyricSpans(sheet);
      for (const span of detectSinging(track)) {
        expect(stanzas.some((s) => span.start >= s.start - 0.3 && span.end <= s.end + 0.3)).toBe(true);
      }
    }
  }, 60_000);

  it.each([220, 130])(
    'finds each sung song of the seed (tonic %i Hz), edge to edge',
    async (tonicHz) => {
      const sung = await otherReading(seed, { aCappella: { tonicHz, seed: 7 } });
      const track = trackPitch(sung.audio.channels, sung.audio.sampleRate);
      const songs = lyricSpans(sung.sheet);
      const found = detectSinging(track);
      expect(found.length).toBe(songs.length);
      for (const share of songCoverage(songs, found)) expect(share).toBeGreaterThanOrEqual(0.9);
      for (const [i, span] of found.entries()) {
        expect(Math.abs(span.start - songs[i]!.start)).toBeLessThan(0.3);
        expect(Math.abs(span.end - songs[i]!.end)).toBeLessThan(0.3);
      }
      // Sung lines hold their notes most of the time; the speech around them seldom does.
      const phrases = judgePhrases(track);
      const inSong = (p: { start: number; end: number }) =>
        songs.some((s) => p.start < s.end && p.end > s.start);
      const judged = phrases.filter((p) => p.end - p.start >= 0.6);
      const sungShares = judged.filter(inSong).map((p) => p.held);
      const spokenShares = judged.filter((p) => !inSong(p)).map((p) => p.held);
      expect(Math.min(...sungShares)).toBeGreaterThan(Math.max(...spokenShares));
    },
    60_000,
  );
});
