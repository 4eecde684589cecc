import { describe, expect, it } from 'vitest';
import { foldChannels } from '../../audio/dsp/channel-fold.ts';
import { ACX_DELIVERY, acxVerdict, type DeliveredFile } from '../../audio/export/acx-delivery.ts';
import { fittedCuts, paddedCuts } from '../../audio/export/chapter-cuts.ts';
import {
  CHAPTER_LIMITS,
  chapterCountProblem,
  refuseChapterCount,
  tooManyChapters,
} from '../../audio/export/chapter-limits.ts';
import { DeliveryConverter } from '../../audio/export/delivery-converter.ts';
import { deliveryShape, refuseUndelivered } from '../../audio/export/delivery-spec.ts';
import { AAC_PACKET, keepsPacket, planSegments } from '../../audio/export/encode-segments.ts';
import { Resampler } from '../../audio/resample.ts';
import { EnergyEnvelope } from '../../audio/silence/energy-envelope.ts';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { InputError } from '../../cues/input-error.ts';

// The delivery rules, each value worked out by hand: what a preset delivers (channels, rate,
// bitrate, formats), ACX's submission requirements (acx.com: MP3 CBR 192 kbps+, 44.1 kHz, 0.5-1 s
// head and 1-5 s tail of room tone, at most 120 minutes), channel folding, the parallel encode's
// segment plan, the chapter files' cuts and the chapter tables' size limits.

describe('deliveryShape and refuseUndelivered', () => {
  const podcast = { channels: 2 as const, sampleRate: 44_100, bitrate: 128_000 };

  it('takes channels, rate and bitrate from the spec, the recording’s own where it has none', () => {
    expect(deliveryShape({ sampleRate: 22_050, channels: 1 }, 'mp3', podcast, 'podcast')).toStrictEqual({
      sampleRate: 44_100,
      channels: 2,
      bitrate: 128_000,
    });
    expect(deliveryShape({ sampleRate: 22_050, channels: 1 }, 'flac', undefined, 'x')).toStrictEqual({
      sampleRate: 22_050,
      channels: 1,
    });
    // Surround is folded to stereo: deliveries are mono or stereo.
    expect(deliveryShape({ sampleRate: 48_000, channels: 6 }, 'wav', {}, 'x')).toStrictEqual({
      sampleRate: 48_000,
      channels: 2,
    });
    // --bitrate wins over the spec's.
    expect(deliveryShape({ sampleRate: 48_000, channels: 2 }, 'm4b', podcast, 'p', 96_000).bitrate).toBe(
      96_000,
    );
    expect(deliveryShape({ sampleRate: 48_000, channels: 2 }, 'm4b', undefined, 'p', 96_000)).toStrictEqual({
      sampleRate: 48_000,
      channels: 2,
      bitrate: 96_000,
    });
  });

  it('leaves Opus at the recording’s rate (its encoder converts to 48 kHz)', () => {
    expect(deliveryShape({ sampleRate: 22_050, channels: 2 }, 'opus', podcast, 'p').sampleRate).toBe(22_050);
  });

  it('folds any recording to mono or stereo: deliveries are never surround', () => {
    expect(deliveryShape({ sampleRate: 48_000, channels: 6 }, 'mp3', { channels: 1 }, 'p').channels).toBe(1);
    expect(deliveryShape({ sampleRate: 48_000, channels: 2 }, 'mp3', { channels: 2 }, 'p').channels).toBe(2);
    expect(deliveryShape({ sampleRate: 48_000, channels: 3 }, 'mp3', { channels: 2 }, 'p').channels).toBe(2);
    for (const format of ['mp3', 'opus', 'flac', 'wav', 'm4b'] as const)
      expect(deliveryShape({ sampleRate: 48_000, channels: 6 }, format, undefined, 'p').channels).toBe(2);
    expect(deliveryShape({ sampleRate: 48_000, channels: 1 }, 'mp3', undefined, 'p').channels).toBe(1);
  });

  it('refuses a format the preset does not deliver, naming those it does and the extension to use', () => {
    expect(() => refuseUndelivered('m4b', ACX_DELIVERY, 'ACX')).toThrow(
      new InputError('ACX delivers MP3, not M4B: name the output .mp3'),
    );
    expect(() => refuseUndelivered('wav', { formats: ['flac', 'mp3'] }, 'Two')).toThrow(
      'Two delivers FLAC or MP3, not WAV: name the output .flac',
    );
    expect(() => refuseUndelivered('mp3', ACX_DELIVERY, 'ACX')).not.toThrow();
    expect(() => refuseUndelivered('wav', {}, 'x')).not.toThrow();
    expect(() => refuseUndelivered('wav', undefined, 'x', 1)).not.toThrow();
    expect(() => deliveryShape({ sampleRate: 1, channels: 1 }, 'opus', ACX_DELIVERY, 'ACX')).toThrow(
      InputError,
    );
  });

  it('refuses a bitrate under the preset’s least, in kbps', () => {
    expect(() => refuseUndelivered('mp3', ACX_DELIVERY, 'ACX', 191_000)).toThrow(
      new InputError('ACX needs 192 kbps or more; --bitrate 191k is too low'),
    );
    expect(() => refuseUndelivered('mp3', ACX_DELIVERY, 'ACX', 192_000)).not.toThrow();
    expect(() => refuseUndelivered('mp3', ACX_DELIVERY, 'ACX')).not.toThrow();
    expect(() => refuseUndelivered('mp3', { bitrate: 128_000 }, 'x', 8_000)).not.toThrow();
  });
});

describe('ACX’s requirements', () => {
  it('are MP3 at 192 kbps CBR, 44.1 kHz, 0.5-1 s head and 1-5 s tail, -20.5 dB RMS', () => {
    expect(ACX_DELIVERY).toEqual({
      sampleRate: 44_100,
      bitrate: 192_000,
      minBitrate: 192_000,
      formats: ['mp3'],
      perChapter: { head: [0.5, 1], tail: [1, 5] },
      fileRms: -20.5,
      check: 'acx',
    });
  });

  const good: DeliveredFile = {
    format: 'MP3',
    sampleRate: 44_100,
    channels: 1,
    constantBitrate: true,
    bitrate: 192_000,
    duration: 600,
    acx: { rms: -20, peak: -4, noiseFloor: -65, pass: true, problems: [] },
    head: 0.75,
    tail: 2,
  };

  it('passes a file that meets each, at the edges too', () => {
    expect(acxVerdict(good)).toEqual({ pass: true, problems: [] });
    for (const edge of [
      { head: 0.5 },
      { head: 1 },
      { tail: 1 },
      { tail: 5 },
      { duration: 7200 },
      { channels: 2 },
      { bitrate: 320_000 },
    ])
      expect(acxVerdict({ ...good, ...edge }), JSON.stringify(edge)).toEqual({ pass: true, problems: [] });
  });

  it('names each requirement missed, with what was measured', () => {
    const miss = (change: Partial<DeliveredFile>) => acxVerdict({ ...good, ...change });
    expect(miss({ format: 'FLAC' })).toEqual({ pass: false, problems: ['FLAC, not MP3'] });
    expect(miss({ constantBitrate: false }).problems).toEqual(['not constant bitrate (CBR)']);
    expect(miss({ constantBitrate: undefined }).problems).toEqual(['not constant bitrate (CBR)']);
    expect(miss({ bitrate: 191_600 }).problems).toEqual(['192 kbps is under 192 kbps']);
    expect(miss({ bitrate: 128_000 }).problems).toEqual(['128 kbps is under 192 kbps']);
    expect(miss({ bitrate: undefined }).problems).toEqual(['0 kbps is under 192 kbps']);
    expect(miss({ sampleRate: 48_000 }).problems).toEqual(['48000 Hz, not 44100 Hz']);
    expect(miss({ channels: 3 }).problems).toEqual(['3 channels, not mono or stereo']);
    expect(miss({ head: 0.49 }).problems).toEqual(['0.49 s of room tone at the head, not 0.5-1 s']);
    expect(miss({ head: 1.004 }).problems).toEqual(['1.00 s of room tone at the head, not 0.5-1 s']);
    expect(miss({ tail: 0.999 }).problems).toEqual(['1.00 s of room tone at the tail, not 1-5 s']);
    expect(miss({ tail: 5.5 }).problems).toEqual(['5.50 s of room tone at the tail, not 1-5 s']);
    expect(miss({ duration: 7206 }).problems).toEqual(['120.1 minutes long, over 120']);
    expect(
      miss({ acx: { ...good.acx, pass: false, problems: ['RMS -30.0 dB', 'peak -1.0 dB'] }, format: 'WAV' })
        .problems,
    ).toEqual(['WAV, not MP3', 'RMS -30.0 dB', 'peak -1.0 dB']);
  });
});

describe('channel mapping and conversion', () => {
  const a = Float32Array.of(1, 0.5, -1);
  const b = Float32Array.of(0, 0.25, 1);

  it('copies the same count, folds to mono by the mean, spreads mono to each', () => {
    const same = foldChannels([a, b], 2);
    expect(same.map((c) => Array.from(c))).toEqual([Array.from(a), Array.from(b)]);
    expect(same[0]).not.toBe(a);
    expect(foldChannels([a, b], 1).map((c) => Array.from(c))).toEqual([[0.5, 0.375, 0]]);
    expect(foldChannels([a, b, Float32Array.of(2, 0.75, 3)], 1).map((c) => Array.from(c))).toEqual([
      [1, 0.5, 1],
    ]);
    const spread = foldChannels([a], 2);
    expect(spread.map((c) => Array.from(c))).toEqual([Array.from(a), Array.from(a)]);
    expect(spread[0]).not.toBe(a);
    expect(spread[1]).not.toBe(spread[0]);
    expect(foldChannels([a], 3)).toHaveLength(3);
    expect(foldChannels([], 1)).toEqual([new Float32Array(0)]);
    expect(() => foldChannels([a, b], 3)).toThrow('no fold from 2 to 3 channels');
  });

  it('folds 5.0, 5.1 and 7.1 as ITU-R BS.775 downmixes 3/2 to 2/0: LFE left out', () => {
    const h = Math.SQRT1_2;
    // One channel sounding at a time: where it lands in the stereo pair and in mono.
    const alone = (count: number, c: number) =>
      Array.from({ length: count }, (_, k) => Float32Array.of(k === c ? 1 : 0));
    const stereo = (count: number, c: number) => foldChannels(alone(count, c), 2).map((x) => x[0]!);
    const mono = (count: number, c: number) => foldChannels(alone(count, c), 1)[0]![0]!;
    // 5.1 in WAV/SMPTE order: L R C LFE Ls Rs.
    const expected51 = [
      [1, 0],
      [0, 1],
      [h, h],
      [0, 0],
      [h, 0],
      [0, h],
    ];
    for (const [c, pair] of expected51.entries()) {
      expect(stereo(6, c)[0]).toBeCloseTo(pair[0]!, 6);
      expect(stereo(6, c)[1]).toBeCloseTo(pair[1]!, 6);
      expect(mono(6, c)).toBeCloseTo((pair[0]! + pair[1]!) / 2, 6);
    }
    // 5.0 (L R C Ls Rs): the surrounds are channels 3 and 4.
    expect(stereo(5, 3)).toEqual([expect.closeTo(h, 6), 0]);
    expect(stereo(5, 4)).toEqual([0, expect.closeTo(h, 6)]);
    // 7.1 (L R C LFE Lb Rb Ls Rs): backs and sides to their own side, LFE nowhere.
    expect(stereo(8, 3)).toEqual([0, 0]);
    expect(stereo(8, 6)).toEqual([expect.closeTo(h, 6), 0]);
    expect(stereo(8, 7)).toEqual([0, expect.closeTo(h, 6)]);
    // No agreed layout (4 channels): the mean, on both sides.
    expect(stereo(4, 1)).toEqual([0.25, 0.25]);
  });

  it('converts block by block without resampling at the same rate', () => {
    const converter = new DeliveryConverter(
      { sampleRate: 44_100, channels: 2 },
      { sampleRate: 44_100, channels: 1 },
    );
    const out = converter.push([a, b]);
    expect(out.map((c) => Array.from(c))).toEqual([[0.5, 0.375, 0]]);
    expect(converter.flush()).toEqual([]);
  });

  it('resamples the mapped channels when the rates differ, as the resampler does alone', () => {
    const n = 4800;
    const tone = Float32Array.from({ length: n }, (_, i) => Math.sin(i / 7));
    const converter = new DeliveryConverter(
      { sampleRate: 48_000, channels: 1 },
      { sampleRate: 24_000, channels: 2 },
    );
    const parts = [
      converter.push([tone.subarray(0, 1000)]),
      converter.push([tone.subarray(1000)]),
      converter.flush(),
    ];
    const joined = [0, 1].map((c) => parts.flatMap((p) => Array.from(p[c]!)));
    expect(joined[0]!.length).toBe(n / 2);
    expect(joined[1]).toEqual(joined[0]);
    const alone = new Resampler(48_000, 24_000, 2);
    const reference = [alone.push([tone, tone]), alone.flush()];
    expect(joined[0]).toEqual(reference.flatMap((p) => Array.from(p[0]!)));
  });
});

describe('planSegments and keepsPacket', () => {
  it('cuts about equal stretches on packet boundaries, each with whole packets of context', () => {
    // 10 packets in 4: seams at round(2.5) = 3, 5, round(7.5) = 8 packets; 1500 frames of
    // overlap are 2 packets.
    expect(planSegments(10 * 1024, 4, 1500, 1024)).toEqual([
      { keepFrom: 0, keepTo: 3072, encodeFrom: 0, encodeTo: 5120 },
      { keepFrom: 3072, keepTo: 5120, encodeFrom: 1024, encodeTo: 7168 },
      { keepFrom: 5120, keepTo: 8192, encodeFrom: 3072, encodeTo: 10_240 },
      { keepFrom: 8192, keepTo: Number.POSITIVE_INFINITY, encodeFrom: 6144, encodeTo: 10_240 },
    ]);
  });

  it('keeps at least two packets a segment, and one segment at least', () => {
    // 2.9 packets -> 3; floor(3 / 2) = 1 segment.
    expect(planSegments(3000, 8, 0, 1024)).toEqual([
      { keepFrom: 0, keepTo: Number.POSITIVE_INFINITY, encodeFrom: 0, encodeTo: 3000 },
    ]);
    expect(planSegments(4096, 8, 0, 1024).map((s) => s.keepTo)).toEqual([2048, Number.POSITIVE_INFINITY]);
    expect(planSegments(100_000, 0, 0, 1024)).toHaveLength(1);
    expect(planSegments(0, 4, 0, 1024)).toHaveLength(1);
  });

  it('rounds the context up to whole packets', () => {
    const context = (overlap: number) =>
      planSegments(8 * 1152, 2, overlap, 1152)[1]!.keepFrom -
      planSegments(8 * 1152, 2, overlap, 1152)[1]!.encodeFrom;
    expect([0, 1, 1152, 1153].map(context)).toEqual([0, 1152, 1152, 2304]);
  });

  it('moves a seam just past a join where that spares more decoding than it shifts encoding', () => {
    const P = 1024;
    // Eight files of 100 packets: the even seam (400) has its context from 398, in file 4, whose
    // pass would decode from its join at 300. Moved 2 packets, the context begins at the join.
    const joins = Array.from({ length: 8 }, (_, i) => i * 100 * P);
    const [first, second] = planSegments(800 * P, 2, 2 * P, P, joins);
    expect(second!.keepFrom).toBe(402 * P);
    expect(second!.encodeFrom).toBe(400 * P);
    expect(first!.keepTo).toBe(402 * P);
    // A join 20 packets on would shift more encoding than the 98 packets of decoding it spares / 8.
    expect(planSegments(800 * P, 2, 2 * P, P, [0, 300 * P, 420 * P])[1]!.keepFrom).toBe(400 * P);
    // No join past the context: the seam stays.
    expect(planSegments(800 * P, 2, 2 * P, P, [0, 390 * P])[1]!.keepFrom).toBe(400 * P);
    // Never by a quarter of a stretch or more, whatever it would spare: four stretches of 1000
    // packets, the third seam's pass would decode 2998 packets, and the join is 272 on.
    const far = planSegments(4000 * P, 4, 2 * P, P, [0, 3270 * P]).map((s) => s.keepFrom);
    expect(far).toEqual([0, 1000 * P, 2000 * P, 3000 * P]);
    const near = planSegments(4000 * P, 4, 2 * P, P, [0, 3240 * P]).map((s) => s.keepFrom);
    expect(near).toEqual([0, 1000 * P, 2000 * P, 3242 * P]);
  });

  it('keeps the packets starting in [keepFrom, keepTo)', () => {
    const s = { keepFrom: 2048, keepTo: 4096, encodeFrom: 0, encodeTo: 8192 };
    expect([2047, 2048, 4095, 4096].map((f) => keepsPacket(s, f))).toEqual([false, true, true, false]);
    expect(AAC_PACKET).toBe(1024);
  });
});

describe('chapter cuts', () => {
  it('pads every chapter alike', () => {
    expect(paddedCuts([0, 100, 250], 10)).toEqual([
      { from: 0, to: 100, head: 10, tail: 10 },
      { from: 100, to: 250, head: 10, tail: 10 },
    ]);
    expect(paddedCuts([0], 10)).toEqual([]);
  });

  /** A 1 kHz recording of quiet (-60 dB) and sound (-20 dB) stretches: [from, to) in samples. */
  function envelope(length: number, loud: Array<[number, number]>): EnergyEnvelope {
    const x = new Float32Array(length).fill(0.001);
    for (const [from, to] of loud) x.fill(0.1, from, to);
    const env = new EnergyEnvelope(1000);
    env.push([x]);
    return env;
  }

  it('fits room tone: a long quiet edge is cut to the pad, a short one topped up, a silent chapter padded', () => {
    // 10 ms frames of 10 samples. Threshold: -60 + max(6, 40 / 4) = -50 dB.
    const env = envelope(7000, [
      [500, 2500],
      [3100, 5900],
    ]);
    expect(fittedCuts([0, 3000, 6000, 7000], env, 10, 200, 300)).toEqual([
      // 500 quiet before, 500 after: cut to 200 and 300, nothing added.
      { from: 300, to: 2800, head: 0, tail: 0 },
      // 100 quiet before and after: kept, 100 and 200 added.
      { from: 3000, to: 6000, head: 100, tail: 200 },
      // All room tone: kept, both pads added.
      { from: 6000, to: 7000, head: 200, tail: 300 },
    ]);
  });

  it('takes quiet edges of exactly the pad as they are', () => {
    const env = envelope(4000, [[1200, 2700]]);
    expect(fittedCuts([1000, 3000, 4000], env, 10, 200, 300)).toEqual([
      { from: 1000, to: 3000, head: 0, tail: 0 },
      { from: 3000, to: 4000, head: 200, tail: 300 },
    ]);
  });

  it('holds the cut within the chapter when its sound starts in the frame the chapter starts in', () => {
    // Sound from 2000 to 3000; the chapter starts at 2005, in frame 200.
    const env = envelope(4000, [
      [0, 50],
      [2000, 3000],
    ]);
    const [, cut] = fittedCuts([0, 2005, 2996, 4000], env, 10, 200, 300);
    expect(cut).toEqual({ from: 2005, to: 2996, head: 200, tail: 300 });
  });
});

describe('chapter limits', () => {
  it('hold 255 in an M4B, 255 x 255 in an MP3, 999 in Vorbis comments', () => {
    expect(Object.fromEntries(Object.entries(CHAPTER_LIMITS).map(([k, v]) => [k, v.max]))).toEqual({
      m4b: 255,
      mp3: 65_025,
      flac: 999,
      opus: 999,
      vorbis: 999,
    });
    for (const [format, limit] of Object.entries(CHAPTER_LIMITS)) {
      expect(chapterCountProblem(format, limit.max), format).toBeUndefined();
      expect(chapterCountProblem(format, limit.max + 1), format).toBe(
        `${limit.max + 1} chapters are more than ${limit.file} holds (${limit.max}: ${limit.why})`,
      );
    }
    expect(chapterCountProblem('m4b', 256)).toBe(
      '256 chapters are more than an M4B holds (255: its chpl list counts them in one byte)',
    );
    expect(chapterCountProblem('opus', 1000)).toBe(
      '1000 chapters are more than an Opus file holds (999: Vorbis-comment chapters are numbered CHAPTER001 to CHAPTER999)',
    );
    expect(chapterCountProblem('flac', 1000)).toContain('a FLAC file holds');
    expect(chapterCountProblem('mp3', 65_026)).toBe(
      '65026 chapters are more than an MP3 holds (65025: ID3v2 tables of contents list 255 entries, two levels deep)',
    );
  });

  it('set no limit for WAV or a name that is no format (not even an Object property)', () => {
    expect(chapterCountProblem('wav', 1_000_000)).toBeUndefined();
    expect(chapterCountProblem('toString', 1_000_000)).toBeUndefined();
    expect(chapterCountProblem('__proto__', 1_000_000)).toBeUndefined();
  });

  it('refuse with an InputError', () => {
    expect(() => refuseChapterCount('m4b', 256)).toThrow(InputError);
    expect(() => refuseChapterCount('m4b', 255)).not.toThrow();
  });

  function sheet(chapters: number, lyricAt?: number): CueSheet {
    const cues = Array.from({ length: chapters }, (_, i) => ({
      id: `c${i}`,
      kind: (i === lyricAt ? 'lyric' : 'narration') as 'lyric' | 'narration',
      text: i === lyricAt ? '♪ la la' : 'x',
      source: { start: i, end: i + 0.5 },
      start: i,
      end: i + 0.5,
    }));
    return {
      version: 1,
      title: 'Book',
      chapters: cues
        .filter((c) => c.kind === 'narration')
        .map((c, i) => ({ id: `ch${i}`, title: `Chapter ${i + 1}`, cueIds: [c.id] })),
      cues,
    };
  }

  it('count the sheet’s chapters on an endless timeline, the sung ones only when asked', () => {
    expect(tooManyChapters('m4b', sheet(255))).toBeUndefined();
    expect(tooManyChapters('m4b', sheet(256))).toContain('256 chapters are more than an M4B holds');
    // 254 chapters and a song in the middle: the song and the chapter resumed after it make 256.
    const sung = sheet(255, 100);
    expect(tooManyChapters('m4b', sung)).toBeUndefined();
    expect(tooManyChapters('m4b', sung, false)).toBeUndefined();
    expect(tooManyChapters('m4b', sung, true)).toContain('256 chapters');
  });
});
