import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MonoCollector } from '../../audio/dsp/mono-collector.ts';
import { mixLaneBlock, mixLanes } from '../../audio/mix/lane-mix.ts';
import { LaneMeters, levelLanes } from '../../audio/mix/level-lanes.ts';
import { type LaneClip, renderLaneBlock, renderLanes } from '../../audio/mix/render-lanes.ts';
import { probeAudio, streamAudio } from '../../src/audio-io/audio-source.ts';
import { openSourceCache, type SourceCache } from '../../src/production/source-cache.ts';
import { SPEECH_DIR } from '../support/human-speech.ts';
import { ffmpeg, tempDir } from '../support/signals.ts';

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
    const tracks = renderLanes(lanes, clips, whole, RATE, seconds);
    // Recordings cached mono make mono lanes.
    expect(tracks.map((t) => t.length)).toEqual([1, 1, 1]);
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
      for (const [i, [t]] of blockTracks.entries()) parts[i]!.push(t!);
      const mixed = mixLaneBlock(blockTracks, strips, RATE, true, start);
      for (const [i, s] of mixed.stems.entries()) for (const c of [0, 1]) stemParts[i]![c]!.push(s[c]!);
      for (const c of [0, 1]) mixParts[c]!.push(mixed.mix[c]!);
    }
    for (const [i, [track]] of tracks.entries()) {
      expect(track!.some((s) => s !== 0)).toBe(true);
      expect(mismatches(joined(parts[i]!), track!)).toBe(0);
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

  it('keeps a stereo sound stereo: its sides cached apart, a mono clip on both sides of its lane, block by block as whole', async () => {
    // ffmpeg's stereo FLAC at 48 kHz, a tone each side: resampled to the mix rate side by side.
    const path = join(tempDir('stereo-sound'), 'theme.flac');
    ffmpeg(
      [
        '-v',
        'error',
        '-f',
        'lavfi',
        '-i',
        'sine=f=300:d=4:r=48000',
        '-f',
        'lavfi',
        '-i',
        'sine=f=500:d=4:r=48000',
      ].concat(['-filter_complex', '[0][1]amerge=inputs=2', path]),
    );
    await cache.add('theme', path, { keepStereo: true });
    await cache.add('theme folded', path);
    expect([cache.channels('theme'), cache.channels('theme folded'), cache.channels('talk')]).toEqual([
      2, 1, 1,
    ]);
    const frames = cache.length('theme')!;
    expect(Math.abs(frames - 4 * RATE)).toBeLessThan(2);
    const [left, right] = [cache.read('theme', 0, frames, 0), cache.read('theme', 0, frames, 1)];
    const ups = (x: Float32Array) => x.filter((v, i) => i > 0 && x[i - 1]! < 0 && v >= 0).length;
    expect(Math.abs(ups(left) / 4 - 300)).toBeLessThan(2);
    expect(Math.abs(ups(right) / 4 - 500)).toBeLessThan(2);
    // Folded when not asked: the sides' mean (each side rounded to 16 bits, not the mean: within 2 LSB).
    const folded = cache.read('theme folded', 0, frames);
    let off = 0;
    for (let i = 0; i < frames; i++) off = Math.max(off, Math.abs(folded[i]! - (left[i]! + right[i]!) / 2));
    expect(off).toBeLessThan(2 / 32768);

    const clips: LaneClip[] = [
      { lane: 'S', recording: 'theme', from: 0.25, to: 3, at: 0.1 },
      { lane: 'S', recording: 'talk', from: 1, to: 3, at: 2.5 },
      { lane: 'A', recording: 'talk', from: 0, to: 4, at: 0 },
    ];
    const lanes = ['A', 'S'];
    const whole = renderLaneBlock(lanes, clips, cache, RATE, 0, 5 * RATE);
    expect(whole.map((t) => t.length)).toEqual([1, 2]);
    const [sLeft, sRight] = whole[1]!;
    // Before the talk comes in, each side its own tone; after the theme, the talk on both.
    expect(mismatches(sLeft!.subarray(0.1 * RATE, 2.5 * RATE), left.subarray(0.25 * RATE, 2.65 * RATE))).toBe(
      0,
    );
    expect(
      mismatches(sRight!.subarray(0.1 * RATE, 2.5 * RATE), right.subarray(0.25 * RATE, 2.65 * RATE)),
    ).toBe(0);
    expect(mismatches(sLeft!.subarray(3 * RATE, 4.5 * RATE), sRight!.subarray(3 * RATE, 4.5 * RATE))).toBe(0);
    expect(sLeft!.subarray(3 * RATE, 4.5 * RATE).some((v) => v !== 0)).toBe(true);
    // Blocks give the whole render's samples, and the stereo lane keeps its sides through a pan.
    const strips = [
      { gainDb: 0, pan: 0, audible: true },
      { gainDb: -6, pan: 0.5, audible: true },
    ];
    const mixed = mixLaneBlock(whole, strips, RATE, true, 0);
    const block = 30011;
    const parts: Float32Array[][] = [[], []];
    for (let start = 0; start < 5 * RATE; start += block) {
      const count = Math.min(block, 5 * RATE - start);
      const m = mixLaneBlock(
        renderLaneBlock(lanes, clips, cache, RATE, start, count),
        strips,
        RATE,
        true,
        start,
      );
      for (const c of [0, 1]) parts[c]!.push(m.stems[1]![c]!);
    }
    for (const c of [0, 1]) expect(mismatches(joined(parts[c]!), mixed.stems[1]![c]!)).toBe(0);
    const g = 10 ** (-6 / 20);
    expect(mixed.stems[1]![0]![RATE]).toBe(sLeft![RATE]! * g * 0.5);
    expect(mixed.stems[1]![1]![RATE]).toBe(sRight![RATE]! * g);
    // A stereo lane in a mono mix is refused, not folded silently.
    expect(() => mixLaneBlock(whole, strips, RATE, false, 0)).toThrow('a stereo lane needs a stereo mix');
    // Measured in stereo for levelling: BS.1770 sums the sides' energy.
    const meters = new LaneMeters(2, RATE);
    meters.push(whole);
    expect(meters.levels().levels.map((l) => Number.isFinite(l.measured))).toEqual([true, true]);
    expect(meters.levels().levels[1]!.measured).toBeCloseTo(
      levelLanes([whole[1]!], RATE).levels[0]!.measured,
      10,
    );
  });

  it('names a clip whose recording is not in the cache', () => {
    const clip = { lane: 'A', recording: 'gone', from: 0, to: 1, at: 0 };
    expect(() => renderLaneBlock(['A'], [clip], cache, RATE, 0, RATE)).toThrow(
      'no audio for recording "gone"',
    );
  });
});
