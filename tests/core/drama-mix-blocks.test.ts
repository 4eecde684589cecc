import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MonoCollector } from '../../audio/dsp/mono-collector.ts';
import { mixLaneBlock, mixLanes } from '../../audio/mix/lane-mix.ts';
import { LaneMeters, levelLanes } from '../../audio/mix/level-lanes.ts';
import { type LaneClip, renderLaneBlock, renderLanes } from '../../audio/mix/render-lanes.ts';
import { probeAudio, streamAudio } from '../../src/audio-io/audio-source.ts';
import { openSourceCache, type SourceCache } from '../../src/production/source-cache.ts';
import { SPEECH_DIR } from '../support/human-speech.ts';

// The drama mix rendered block by block (issue 17: a 30-minute drama no longer held whole in
// memory) gives the samples the whole render gave: real speech (a 16 kHz WAV resampled to 44.1 kHz
// and an MP3) decoded into the cache on disk as the whole decode had it, clips that straddle blocks
// and overlap on a lane, ducking and pan, and the levelling figures.

const RATE = 44100;
const FILES = {
  talk: join(SPEECH_DIR, 'casual/acoustic_corpus.wav'),
  sonnet: join(SPEECH_DIR, 'sonnets/sonnet001.mp3'),
};

/** The whole-memory decode the mix used before it streamed. */
async function decodeWhole(path: string): Promise<Float32Array> {
  const probe = await probeAudio(path);
  const mono = new MonoCollector(probe.sampleRate, RATE, probe.frames / probe.sampleRate);
  await streamAudio(probe, [mono]);
  return Float32Array.from(mono.finish(), (s) => s / 32768);
}

function mismatches(a: Float32Array, b: Float32Array): number {
  let bad = Math.abs(a.length - b.length);
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (!Object.is(a[i], b[i])) bad++;
  return bad;
}

function joined(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

describe('drama mix in blocks', () => {
  let cache: SourceCache;
  const whole = new Map<string, Float32Array>();
  beforeAll(async () => {
    cache = await openSourceCache(RATE);
    for (const [key, path] of Object.entries(FILES)) {
      await cache.add(key, path);
      whole.set(key, await decodeWhole(path));
    }
  });
  afterAll(() => cache.dispose());

  it('caches each recording on disk as the whole decode has it', () => {
    for (const [key, samples] of whole) {
      expect(samples.length).toBeGreaterThan(RATE * 10);
      expect(cache.length(key)).toBe(samples.length);
      expect(mismatches(cache.read(key, 0, samples.length), samples)).toBe(0);
      expect(mismatches(cache.read(key, 12345, 777), samples.subarray(12345, 12345 + 777))).toBe(0);
    }
    expect(cache.length('nothing')).toBeUndefined();
  });

  it('renders, mixes and measures lanes block by block exactly as whole', () => {
    const clips: LaneClip[] = [
      { lane: 'A', recording: 'talk', from: 0.5, to: 6.25, at: 0 },
      { lane: 'B', recording: 'sonnet', from: 2, to: 9.1, at: 5.9 },
      // Overlapping the first on its lane, and running past the production's end (cut there).
      { lane: 'A', recording: 'sonnet', from: 0, to: 4, at: 6.1 },
      { lane: 'A', recording: 'talk', from: 10, to: 40, at: 11.3 },
      { lane: 'M', recording: 'talk', from: 0, to: 30, at: 1 },
    ];
    const lanes = ['A', 'B', 'M'];
    const seconds = 20;
    const length = Math.ceil(seconds * RATE);
    const { stems: tracks } = renderLanes(lanes, clips, whole, RATE, seconds);
    const strips = [
      { gainDb: -3, pan: -0.4, audible: true },
      { gainDb: 2.5, pan: 0.7, audible: true },
      {
        gainDb: 0,
        pan: 0,
        audible: true,
        envelope: [
          { time: 0, gain: 1 },
          { time: 5.75, gain: 1 },
          { time: 6, gain: 0.25 },
          { time: 13.2, gain: 0.25 },
          { time: 13.8, gain: 1 },
        ],
      },
    ];
    const { stems, mix } = mixLanes(tracks, strips, RATE, true);
    // Odd blocks, so clips and envelope ramps start and end inside them.
    const block = 40961;
    const parts = lanes.map(() => [] as Float32Array[]);
    const stemParts = lanes.map(() => [[], []] as Float32Array[][]);
    const mixParts: Float32Array[][] = [[], []];
    for (let start = 0; start < length; start += block) {
      const count = Math.min(block, length - start);
      const blockTracks = renderLaneBlock(lanes, clips, cache, RATE, start, count);
      for (const [i, t] of blockTracks.entries()) parts[i]!.push(t);
      const mixed = mixLaneBlock(blockTracks, strips, RATE, true, start);
      for (const [i, s] of mixed.stems.entries()) for (const c of [0, 1]) stemParts[i]![c]!.push(s[c]!);
      for (const c of [0, 1]) mixParts[c]!.push(mixed.mix[c]!);
    }
    for (const [i, track] of tracks.entries()) {
      expect(track.some((s) => s !== 0)).toBe(true);
      expect(mismatches(joined(parts[i]!), track)).toBe(0);
      for (const c of [0, 1]) expect(mismatches(joined(stemParts[i]![c]!), stems[i]![c]!)).toBe(0);
    }
    for (const c of [0, 1]) expect(mismatches(joined(mixParts[c]!), mix[c]!)).toBe(0);

    // Levelling measured as the render goes (its blocks of 2^16) says what the whole tracks say.
    const meters = new LaneMeters(2, RATE);
    for (let start = 0; start < length; start += 1 << 16) {
      const count = Math.min(1 << 16, length - start);
      meters.push(renderLaneBlock(lanes, clips, cache, RATE, start, count).slice(0, 2));
    }
    const streamed = meters.levels();
    const measured = levelLanes(tracks.slice(0, 2), RATE);
    expect(streamed).toEqual(measured);
    expect(Number.isFinite(measured.target)).toBe(true);
  });

  it('names a clip whose recording is not in the cache', () => {
    const clip = { lane: 'A', recording: 'gone', from: 0, to: 1, at: 0 };
    expect(() => renderLaneBlock(['A'], [clip], cache, RATE, 0, RATE)).toThrow(
      'no audio for recording "gone"',
    );
  });
});
