import { describe, expect, it } from 'vitest';
import { text, u32le } from '../../audio/export/bytes.ts';
import { vorbisChapterComments } from '../../audio/export/chapter-comments.ts';
import { chunk, wavCueChunks } from '../../audio/export/wav-chapters.ts';
import type { ChapterMark } from '../../cues/sidecars/chapter-marks.ts';
import { probe } from '../support/mp4-fixtures.ts';
import { requireTools } from '../support/required-tools.ts';
import { cuePoints, label, listOf, riffChunks, wavFile } from '../support/riff-reader.ts';

// WAV chapters (RIFF `cue ` points and `LIST`/`adtl` labels) and Vorbis-comment chapters
// (CHAPTERxxx=HH:MM:SS.mmm, CHAPTERxxxNAME=title) against their specifications, with a RIFF
// reader written from the 1991 Multimedia Programming Interface spec (tests/support/riff-reader.ts)
// and ffprobe reading a small WAV carrying our chunks.

requireTools('ffprobe reads the WAV chapters back', 'ffprobe');

const CHAPTERS: ChapterMark[] = [
  { title: 'One', start: 0, end: 0.5 },
  { title: 'Größe', start: 0.5, end: 1.25 },
  { title: 'Drei 章', start: 1.25, end: 2 },
];

describe('RIFF chunks and WAV cue points', () => {
  it('pads an odd chunk to a word with a zero byte the size does not count', () => {
    expect(Array.from(chunk('abcd', Uint8Array.of(1, 2, 3)))).toEqual([
      97, 98, 99, 100, 3, 0, 0, 0, 1, 2, 3, 0,
    ]);
    expect(Array.from(chunk('abcd', Uint8Array.of(1, 2)))).toEqual([97, 98, 99, 100, 2, 0, 0, 0, 1, 2]);
    expect(Array.from(chunk('abcd', new Uint8Array()))).toEqual([97, 98, 99, 100, 0, 0, 0, 0]);
  });

  it('writes a cue point per chapter at its first sample, in the data chunk, and a label naming it', () => {
    const written = wavCueChunks(CHAPTERS, 8000);
    const chunks = riffChunks(written);
    expect(chunks.map((c) => c.id)).toEqual(['cue ', 'LIST']);
    expect(cuePoints(chunks[0]!)).toEqual([
      { name: 1, position: 0, chunk: 'data', chunkStart: 0, blockStart: 0, sampleOffset: 0 },
      { name: 2, position: 4000, chunk: 'data', chunkStart: 0, blockStart: 0, sampleOffset: 4000 },
      { name: 3, position: 10_000, chunk: 'data', chunkStart: 0, blockStart: 0, sampleOffset: 10_000 },
    ]);
    const list = listOf(chunks[1]!);
    expect(list.form).toBe('adtl');
    expect(list.chunks.map((c) => c.id)).toEqual(['labl', 'labl', 'labl']);
    expect(list.chunks.map(label)).toEqual([
      { name: 1, text: 'One', terminated: true },
      { name: 2, text: 'Größe', terminated: true },
      { name: 3, text: 'Drei 章', terminated: true },
    ]);
    // "One" + NUL is 8 bytes with the id: even; "Größe" + NUL is 4 + 8 = 12; "Drei 章" 4 + 9 = 13: padded.
    expect(list.chunks.map((c) => [c.size, c.padded])).toEqual([
      [8, false],
      [12, false],
      [13, true],
    ]);
  });

  it('rounds a start to the nearest sample', () => {
    const points = cuePoints(riffChunks(wavCueChunks([{ title: '', start: 1.00007, end: 2 }], 10_000))[0]!);
    expect([points[0]!.position, points[0]!.sampleOffset]).toEqual([10_001, 10_001]);
  });

  it('writes an empty cue and adtl for no chapters', () => {
    const chunks = riffChunks(wavCueChunks([], 44_100));
    expect(cuePoints(chunks[0]!)).toEqual([]);
    expect(listOf(chunks[1]!)).toEqual({ form: 'adtl', chunks: [] });
  });

  it('is read by ffprobe as chapters with their titles and times', () => {
    const rate = 8000;
    const samples = new Int16Array(rate * 2).map((_, i) => Math.round(8000 * Math.sin(i / 5)));
    const probed = probe(wavFile(samples, rate, wavCueChunks(CHAPTERS, rate)), 'cues.wav');
    expect(probed.chapters.map((c) => c.title)).toEqual(CHAPTERS.map((c) => c.title));
    expect(probed.chapters.map((c) => c.start)).toEqual([0, 0.5, 1.25]);
    expect(probed.duration).toBe(2);
  });
});

describe('Vorbis-comment chapters', () => {
  it('numbers them from CHAPTER001 with HH:MM:SS.mmm starts and NAME titles', () => {
    const comments = vorbisChapterComments([
      { title: 'A', start: 0, end: 1 },
      { title: 'B', start: 3725.5, end: 3800 },
      { title: 'C', start: 36_000.001, end: 36_001 },
    ]);
    expect(comments).toEqual({
      CHAPTER001: '00:00:00.000',
      CHAPTER001NAME: 'A',
      CHAPTER002: '01:02:05.500',
      CHAPTER002NAME: 'B',
      CHAPTER003: '10:00:00.001',
      CHAPTER003NAME: 'C',
    });
    expect(Object.keys(comments)[0]).toBe('CHAPTER001');
  });

  it('writes CHAPTER999 and refuses a thousandth chapter', () => {
    const many = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ title: `t${i}`, start: i, end: i + 1 }));
    const comments = vorbisChapterComments(many(999));
    expect(comments.CHAPTER999NAME).toBe('t998');
    expect(comments.CHAPTER010).toBe('00:00:09.000');
    expect(comments.CHAPTER100NAME).toBe('t99');
    expect(() => vorbisChapterComments(many(1000))).toThrow(
      '1000 chapters are more than a Vorbis-comment chapter list holds (999',
    );
    expect(vorbisChapterComments([])).toEqual({});
  });
});

describe('UTF-8 and little-endian helpers (bytes.ts)', () => {
  it('encodes each UTF-8 length at its boundaries as TextEncoder does', () => {
    const cases: Array<[string, number[]]> = [
      ['\u0000\u007f', [0x00, 0x7f]],
      ['\u0080', [0xc2, 0x80]],
      ['\u07ff', [0xdf, 0xbf]],
      ['\u0800', [0xe0, 0xa0, 0x80]],
      ['\ud7ff', [0xed, 0x9f, 0xbf]],
      ['\ue000', [0xee, 0x80, 0x80]],
      ['\uffff', [0xef, 0xbf, 0xbf]],
      ['\u{10000}', [0xf0, 0x90, 0x80, 0x80]],
      ['\u{10ffff}', [0xf4, 0x8f, 0xbf, 0xbf]],
      ['😀', [0xf0, 0x9f, 0x98, 0x80]],
      // Lone surrogates: U+FFFD.
      ['\ud800', [0xef, 0xbf, 0xbd]],
      ['\udfff', [0xef, 0xbf, 0xbd]],
    ];
    for (const [s, want] of cases) {
      expect(Array.from(text(s)), JSON.stringify(s)).toEqual(want);
      expect(Array.from(new TextEncoder().encode(s))).toEqual(want);
    }
    const mixed = 'Ådne — 章 😀 \ud83d end';
    expect(Array.from(text(mixed))).toEqual(Array.from(new TextEncoder().encode(mixed)));
  });

  it('writes little-endian 32-bit numbers', () => {
    expect(Array.from(u32le(0x12345678))).toEqual([0x78, 0x56, 0x34, 0x12]);
    expect(Array.from(u32le(-2))).toEqual([0xfe, 255, 255, 255]);
  });
});
