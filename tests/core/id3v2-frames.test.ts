import { describe, expect, it } from 'vitest';
import { concat, latin1, u32be, utf16WithBom } from '../../audio/export/bytes.ts';
import { id3v2Tag } from '../../audio/export/id3v2.ts';
import type { ChapterMark } from '../../cues/sidecars/chapter-marks.ts';
import { id3v2Chapters, id3v2Frames, id3v2TablesOfContents, id3v2Text } from '../support/id3v2-reader.ts';

// The ID3v2.3 tag byte by byte (id3.org "ID3 tag version 2.3.0" §3.1 header, §3.3 frames, §4.2
// text, §4.11 COMM, §4.15 APIC; the "ID3v2 Chapter Frame Addendum" CHAP and CTOC), with the
// spec-written walker of tests/support/id3v2-reader.ts. id3v2-chapters.test.ts reads the same
// writer through music-metadata and ffprobe.

const bytes = (...parts: Array<number[] | string>) =>
  parts.flatMap((p) => (typeof p === 'string' ? Array.from(p, (c) => c.charCodeAt(0)) : p));
/** UTF-16LE with its byte-order mark, by hand. */
const utf16 = (s: string) => [
  0xff,
  0xfe,
  ...Array.from(s).flatMap((c) => [c.charCodeAt(0) & 255, c.charCodeAt(0) >> 8]),
];
const be = (v: number) => [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
/** A 2.3 frame: id, plain 32-bit size, two zero flag bytes, body. */
const frame = (id: string, body: number[]) => bytes(id, be(body.length), [0, 0], body);

describe('the tag header (§3.1)', () => {
  it('is ID3, version 3.0, no flags, a synchsafe size; nothing else for an empty tag', () => {
    expect(Array.from(id3v2Tag({}, []))).toEqual(bytes('ID3', [3, 0, 0, 0, 0, 0, 0]));
  });

  it('counts the frames’ bytes (not the header) in four 7-bit bytes', () => {
    // A cover of 20,000 bytes: 11 + 10 (APIC header) + 20,000 + ... = the body size, synchsafe.
    const tag = id3v2Tag({ cover: { data: new Uint8Array(20_000), mimeType: 'image/jpeg' } }, []);
    const size = tag.length - 10;
    expect(size).toBe(10 + 1 + 10 + 2 + 2 + 2 + 20_000);
    expect(Array.from(tag.subarray(6, 10))).toEqual([
      (size >> 21) & 127,
      (size >> 14) & 127,
      (size >> 7) & 127,
      size & 127,
    ]);
    expect(Array.from(tag.subarray(6, 10))).toEqual([0, 1, 28, 59]);
    // 2^21 + 2^14 + 2^7 + 1 bytes: each 7-bit byte 1.
    const n = 2 ** 21 + 2 ** 14 + 2 ** 7 + 1 - 10 - 1 - 10 - 2 - 2 - 2;
    const big = id3v2Tag({ cover: { data: new Uint8Array(n), mimeType: 'image/jpeg' } }, []);
    expect(Array.from(big.subarray(6, 10))).toEqual([1, 1, 1, 1]);
  });
});

describe('text, comment and picture frames', () => {
  it('writes each text frame as encoding 1 and UTF-16 with a BOM, in a fixed order', () => {
    const tag = id3v2Tag(
      { title: 'T', artist: 'Ar', album: 'Al', genre: 'G', track: { number: 3, total: 12 } },
      [],
    );
    expect(Array.from(tag.subarray(10))).toEqual([
      ...frame('TIT2', [1, ...utf16('T')]),
      ...frame('TPE1', [1, ...utf16('Ar')]),
      ...frame('TALB', [1, ...utf16('Al')]),
      ...frame('TCON', [1, ...utf16('G')]),
      ...frame('TRCK', [1, ...utf16('3/12')]),
    ]);
  });

  it('leaves out empty values', () => {
    expect(id3v2Tag({ title: '', artist: '', album: '', genre: '', comment: '' }, []).length).toBe(10);
  });

  it('writes COMM as encoding, language eng, an empty description and the text', () => {
    const tag = id3v2Tag({ comment: 'Hi' }, []);
    expect(Array.from(tag.subarray(10))).toEqual(
      frame('COMM', [1, ...bytes('eng'), ...utf16(''), 0, 0, ...utf16('Hi')]),
    );
    expect(id3v2Frames(tag).map((f) => f.id)).toEqual(['COMM']);
  });

  it('writes APIC as encoding, MIME type, front cover (3), an empty description and the data', () => {
    const tag = id3v2Tag(
      { comment: 'c', cover: { data: Uint8Array.of(9, 8, 7), mimeType: 'image/png' } },
      [],
    );
    const frames = id3v2Frames(tag);
    expect(frames.map((f) => f.id)).toEqual(['COMM', 'APIC']);
    expect(Array.from(frames[1]!.body)).toEqual([1, ...bytes('image/png'), 0, 3, 0xff, 0xfe, 0, 0, 9, 8, 7]);
  });
});

describe('CHAP and CTOC (ID3v2 Chapter Frame Addendum)', () => {
  const chapters: ChapterMark[] = [
    { title: 'Ab', start: 0, end: 1.5 },
    { title: 'C', start: 1.5, end: 62.0006 },
  ];

  it('writes each CHAP as id, NUL, start and end in ms, no byte offsets, and a TIT2 sub-frame', () => {
    const tag = id3v2Tag({}, chapters);
    const frames = id3v2Frames(tag);
    expect(frames.map((f) => f.id)).toEqual(['CHAP', 'CHAP', 'CTOC']);
    expect(Array.from(frames[0]!.body)).toEqual([
      ...bytes('ch0', [0]),
      ...be(0),
      ...be(1500),
      ...be(0xffffffff),
      ...be(0xffffffff),
      ...frame('TIT2', [1, ...utf16('Ab')]),
    ]);
    // 62.0006 s is 62,000.6 ms: rounded to 62,001.
    expect(id3v2Chapters(tag).map((c) => [c.id, c.startMs, c.endMs, c.title])).toEqual([
      ['ch0', 0, 1500, 'Ab'],
      ['ch1', 1500, 62_001, 'C'],
    ]);
  });

  it('writes the CTOC as id "toc", flags top-level and ordered, a count and NUL-ended children', () => {
    const frames = id3v2Frames(id3v2Tag({ title: 'x' }, chapters));
    expect(frames.map((f) => f.id)).toEqual(['TIT2', 'CHAP', 'CHAP', 'CTOC']);
    expect(Array.from(frames[3]!.body)).toEqual(bytes('toc', [0, 3, 2], 'ch0', [0], 'ch1', [0]));
  });

  function tables(count: number) {
    const many = Array.from({ length: count }, (_, i) => ({ title: `${i}`, start: i, end: i + 1 }));
    return id3v2TablesOfContents(id3v2Tag({}, many));
  }

  it('keeps 255 chapters in one table', () => {
    const t = tables(255);
    expect(t).toHaveLength(1);
    expect(t[0]).toMatchObject({ id: 'toc', topLevel: true, ordered: true });
    expect(t[0]!.children).toHaveLength(255);
    expect(t[0]!.children[254]).toBe('ch254');
  });

  it('splits 256 into a top table of two ordered sub-tables of 255 and 1', () => {
    const t = tables(256);
    expect(t.map((x) => [x.id, x.topLevel, x.ordered, x.children.length])).toEqual([
      ['toc', true, true, 2],
      ['toc0', false, true, 255],
      ['toc1', false, true, 1],
    ]);
    expect(t[0]!.children).toEqual(['toc0', 'toc1']);
    expect(t[2]!.children).toEqual(['ch255']);
    expect(t[1]!.children[0]).toBe('ch0');
  });

  it('splits 510 into two full sub-tables and 511 into three', () => {
    expect(tables(510).map((x) => x.children.length)).toEqual([2, 255, 255]);
    expect(tables(511).map((x) => x.children.length)).toEqual([3, 255, 255, 1]);
  });

  it('refuses more than 255 x 255 chapters', () => {
    const many = Array.from({ length: 255 * 255 + 1 }, (_, i) => ({ title: '', start: i, end: i + 1 }));
    expect(() => id3v2Tag({}, many)).toThrow('65026 chapters are more than an MP3 holds');
  });

  it('writes no CTOC without chapters', () => {
    expect(id3v2Frames(id3v2Tag({ title: 'x' }, [])).map((f) => f.id)).toEqual(['TIT2']);
    expect(id3v2Text(id3v2Tag({ title: 'Größe 😀' }, []), 'TIT2')).toBe('Größe 😀');
  });
});

describe('byte helpers for ID3 (bytes.ts)', () => {
  it('writes UTF-16LE with a BOM, astral characters as surrogate pairs, lone surrogates as U+FFFD', () => {
    expect(Array.from(utf16WithBom(''))).toEqual([0xff, 0xfe]);
    expect(Array.from(utf16WithBom('Aé€'))).toEqual([0xff, 0xfe, 0x41, 0, 0xe9, 0, 0xac, 0x20]);
    // U+1F600: D83D DE00.
    expect(Array.from(utf16WithBom('😀'))).toEqual([0xff, 0xfe, 0x3d, 0xd8, 0x00, 0xde]);
    // U+10000 and U+10FFFF: the ends of the astral planes.
    expect(Array.from(utf16WithBom('\u{10000}\u{10ffff}'))).toEqual([
      0xff, 0xfe, 0x00, 0xd8, 0x00, 0xdc, 0xff, 0xdb, 0xff, 0xdf,
    ]);
    expect(Array.from(utf16WithBom('\ud800x\udfff'))).toEqual([0xff, 0xfe, 0xfd, 0xff, 0x78, 0, 0xfd, 0xff]);
    expect(Array.from(utf16WithBom('\ud7ff\ue000\uffff'))).toEqual([
      0xff, 0xfe, 0xff, 0xd7, 0x00, 0xe0, 0xff, 0xff,
    ]);
    const text = 'Ådne Ødegård — 章 😀';
    expect(new TextDecoder('utf-16le').decode(utf16WithBom(text).subarray(2))).toBe(text);
  });

  it('writes Latin-1 bytes, anything past U+00FF as "?"', () => {
    expect(Array.from(latin1('aé\u00ff\u0100€'))).toEqual([0x61, 0xe9, 0xff, 63, 63]);
    expect(latin1('').length).toBe(0);
  });

  it('writes big-endian 32-bit numbers, negatives as their two’s complement', () => {
    expect(Array.from(u32be(0x12345678))).toEqual([0x12, 0x34, 0x56, 0x78]);
    expect(Array.from(u32be(0xffffffff))).toEqual([255, 255, 255, 255]);
    expect(Array.from(u32be(-1))).toEqual([255, 255, 255, 255]);
  });

  it('concatenates in order', () => {
    expect(Array.from(concat([Uint8Array.of(1), new Uint8Array(), Uint8Array.of(2, 3)]))).toEqual([1, 2, 3]);
    expect(concat([]).length).toBe(0);
  });
});
