import { describe, expect, it } from 'vitest';
import { neroChapterList } from '../../audio/export/chapter-comments.ts';
import { withChapterTrack } from '../../audio/export/mp4-chapter-track.ts';
import { box, childBoxes, moovWithChapters } from '../../audio/export/mp4-chapters.ts';
import { MOVIE_TIMESCALE, withMovieTimescale } from '../../audio/export/mp4-movie-timescale.ts';
import { withPrimingEdit } from '../../audio/export/mp4-priming-edit.ts';
import type { ChapterMark } from '../../cues/sidecars/chapter-marks.ts';
import {
  be32,
  be64,
  elst,
  ffmpegM4a,
  hdlr,
  mdhd,
  moovOf,
  mvhd,
  probe,
  rawBox,
  replaceMoov,
  tkhd,
  trak,
} from '../support/mp4-fixtures.ts';
import {
  chunkOffsets,
  editList,
  fullBox,
  handler,
  mediaHeader,
  movieHeader,
  mp4Box,
  mp4Boxes,
  neroChapters,
  sampleSizes,
  sampleToChunk,
  textSamples,
  timeToSample,
  trackHeader,
  u32List,
} from '../support/mp4-reader.ts';
import { requireTools } from '../support/required-tools.ts';

// The MP4 box writers (chpl, the QuickTime chapter track, the priming edit list, the movie
// timescale) checked field by field against ISO/IEC 14496-12 with a reader written from it
// (tests/support/mp4-reader.ts), on ffmpeg's own small M4As and on hand-laid moovs; ffprobe reads
// the rewritten files as a second, independent reader.

requireTools('ffmpeg makes the small M4As and ffprobe reads them back', 'ffmpeg', 'ffprobe');

const CHAPTERS: ChapterMark[] = [
  { title: 'Opening', start: 0, end: 0.25 },
  { title: 'Größe — 章', start: 0.25, end: 0.6 },
  { title: 'End', start: 0.6, end: 1 },
];

/** The child traks of a moov, by handler type. */
function traks(moov: Uint8Array): Array<{ type: string; bytes: Uint8Array }> {
  return mp4Boxes(mp4Box(moov, 'moov').body)
    .filter((b) => b.type === 'trak')
    .map((b) => {
      const bytes = mp4Box(moov, 'moov').body.subarray(b.start, b.start + b.size);
      return { type: handler(mp4Box(bytes, 'trak', 'mdia', 'hdlr')).type, bytes };
    });
}

describe('childBoxes and box (ISO/IEC 14496-12 §4.2 box headers)', () => {
  it('writes a box as a 32-bit size counting the 8 header bytes, then the type', () => {
    expect(Array.from(box('abcd', Uint8Array.of(9, 8, 7)))).toEqual([0, 0, 0, 11, 97, 98, 99, 100, 9, 8, 7]);
    expect(Array.from(box('free', new Uint8Array()))).toEqual([0, 0, 0, 8, 102, 114, 101, 101]);
  });

  it('walks plain, 64-bit (size 1) and to-the-end (size 0) boxes within [from, to)', () => {
    const large = Uint8Array.from([
      ...be32(1),
      ...Array.from('wide', (c) => c.charCodeAt(0)),
      ...be64(20),
      1,
      2,
      3,
      4,
    ]);
    const plain = rawBox('aaaa', [5, 6]);
    const last = Uint8Array.from([...be32(0), ...Array.from('rest', (c) => c.charCodeAt(0)), 7, 7, 7]);
    const bytes = Uint8Array.from([0xee, 0xee, ...plain, ...large, ...last]);
    expect(childBoxes(bytes, 2, bytes.length)).toEqual([
      { type: 'aaaa', start: 2, headerSize: 8, size: 10 },
      { type: 'wide', start: 12, headerSize: 16, size: 20 },
      { type: 'rest', start: 32, headerSize: 8, size: 11 },
    ]);
    // A subarray: offsets are within the view, not its buffer.
    expect(childBoxes(bytes.subarray(2), 0, 10)).toEqual([
      { type: 'aaaa', start: 0, headerSize: 8, size: 10 },
    ]);
  });

  it('stops before fewer than 8 bytes and refuses a size under its header or past its parent', () => {
    const plain = rawBox('aaaa', [5, 6]);
    expect(childBoxes(Uint8Array.from([...plain, 0, 0, 0, 0, 0, 0, 0]), 0, 17)).toHaveLength(1);
    expect(childBoxes(plain, 0, 7)).toEqual([]); // no room for a header
    expect(() => childBoxes(plain, 0, 9)).toThrow('malformed MP4 box at 0');
    expect(childBoxes(rawBox('tiny'), 0, 8)).toEqual([{ type: 'tiny', start: 0, headerSize: 8, size: 8 }]);
    const short = Uint8Array.from([0, 0, 0, 7, 97, 97, 97, 97]);
    expect(() => childBoxes(short, 0, 8)).toThrow('malformed MP4 box at 0');
    const shortWide = Uint8Array.from([...be32(1), 98, 98, 98, 98, ...be64(15), 0]);
    expect(() => childBoxes(shortWide, 0, 17)).toThrow('malformed');
  });
});

describe('Nero chpl in moov/udta', () => {
  it('lays out version 1, a reserved word, a one-byte count, 100 ns starts and length-prefixed UTF-8', () => {
    const chapters: ChapterMark[] = [
      { title: 'A', start: 0, end: 3.25 },
      { title: 'Größe', start: 3.25, end: 1000.5 },
      { title: 'x'.repeat(300), start: 1000.5, end: 2000 },
    ];
    const body = neroChapterList(chapters);
    expect(Array.from(body.subarray(0, 9))).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 3]);
    // 3.25 s = 32,500,000 x 100 ns; 1000.5 s = 10,005,000,000 (past 32 bits: high word 2).
    expect(Array.from(body.subarray(9, 19))).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1, 65]);
    expect(Array.from(body.subarray(19, 27))).toEqual(be64(32_500_000));
    const read = neroChapters({ type: 'chpl', start: 0, size: body.length + 8, body });
    expect(read.version).toBe(1);
    expect(read.reserved).toBe(0);
    expect(read.chapters.map((c) => c.start)).toEqual([0n, 32_500_000n, 10_005_000_000n]);
    expect(read.chapters.map((c) => c.title)).toEqual(['A', 'Größe', 'x'.repeat(255)]);
    // Größe is 7 UTF-8 bytes: its length byte says so.
    expect(body[27]).toBe(7);
  });

  it('rounds each start to the nearest 100 ns', () => {
    const body = neroChapterList([{ title: '', start: 1.23456789, end: 2 }]);
    expect(neroChapters({ type: 'chpl', start: 0, size: 0, body }).chapters[0]!.start).toBe(12_345_679n);
  });

  it('refuses 256 chapters (the count is one byte) and writes 255', () => {
    const many = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ title: `${i}`, start: i, end: i + 1 }));
    expect(() => neroChapterList(many(256))).toThrow('256 chapters are more than an M4B holds');
    expect(neroChapterList(many(255))[8]).toBe(255);
  });

  it('adds udta/chpl to a moov without udta, keeping every other box as it was', () => {
    const moov = moovOf(mvhd(0, 1000, 1000, 2), trak('soun', tkhd(0, 1, 1000), mdhd(0, 44_100, 44_100)));
    const out = moovWithChapters(moov, CHAPTERS);
    const kids = mp4Boxes(mp4Box(out, 'moov').body);
    expect(kids.map((b) => b.type)).toEqual(['mvhd', 'trak', 'udta']);
    expect(mp4Boxes(kids[2]!.body).map((b) => b.type)).toEqual(['chpl']);
    expect(Array.from(mp4Box(out, 'moov').body.subarray(0, kids[2]!.start))).toEqual(
      Array.from(moov.subarray(8, moov.length)),
    );
    const chpl = neroChapters(mp4Box(out, 'moov', 'udta', 'chpl'));
    expect(chpl.chapters.map((c) => [c.start, c.title])).toEqual([
      [0n, 'Opening'],
      [2_500_000n, 'Größe — 章'],
      [6_000_000n, 'End'],
    ]);
  });

  it('replaces an old chpl inside an existing udta and keeps the udta’s other boxes', () => {
    const old = rawBox('chpl', [1, 0, 0, 0], be32(0), [0]);
    const meta = rawBox('meta', [0, 0, 0, 0], rawBox('hdlr', [1, 2, 3]));
    const moov = moovOf(mvhd(0, 1000, 1000, 2), rawBox('udta', old, meta), rawBox('free', [1]));
    const out = moovWithChapters(moov, CHAPTERS);
    expect(mp4Boxes(mp4Box(out, 'moov').body).map((b) => b.type)).toEqual(['mvhd', 'udta', 'free']);
    const udta = mp4Boxes(mp4Box(out, 'moov', 'udta').body);
    expect(udta.map((b) => b.type)).toEqual(['meta', 'chpl']);
    expect(Array.from(mp4Box(out, 'moov', 'udta').body.subarray(0, meta.length))).toEqual(Array.from(meta));
    expect(neroChapters(udta[1]!).chapters).toHaveLength(3);
  });

  it('is read by ffprobe from a real M4A (moov at the end, rewritten in place)', () => {
    const { file, moov, moovAt } = ffmpegM4a('chpl');
    const probed = probe(replaceMoov(file, moovAt, moovWithChapters(moov, CHAPTERS)), 'chpl.m4a');
    expect(probed.chapters.map((c) => c.title)).toEqual(CHAPTERS.map((c) => c.title));
    expect(probed.chapters.map((c) => c.start)).toEqual([0, 0.25, 0.6]);
    expect(probed.duration).toBe(1);
  });
});

describe('the QuickTime chapter track (text track, tref/chap)', () => {
  const { file, moov, moovAt } = ffmpegM4a('chapter-track');
  const result = withChapterTrack(moov, CHAPTERS, moovAt);
  const written = replaceMoov(file, moovAt, result.moov, result.mdat);

  it('takes the next track id from mvhd for a disabled text track lasting the movie', () => {
    const before = movieHeader(mp4Box(moov, 'moov', 'mvhd'));
    const after = movieHeader(mp4Box(result.moov, 'moov', 'mvhd'));
    expect(after.nextTrackId).toBe(before.nextTrackId + 1);
    expect({ ...after, nextTrackId: 0 }).toEqual({ ...before, nextTrackId: 0 });
    const text = traks(result.moov).find((t) => t.type === 'text')!;
    const header = trackHeader(mp4Box(text.bytes, 'trak', 'tkhd'));
    expect(header.trackId).toBe(before.nextTrackId);
    expect(header.flags).toBe(0); // not enabled: navigation, not a subtitle
    expect(header.version).toBe(0);
    // 1 s in the movie timescale (ffmpeg's 1000).
    expect(header.duration).toBe(1000);
    expect(header.matrix).toEqual([0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000]);
    expect(mp4Box(text.bytes, 'trak', 'tkhd').body.length).toBe(84);
  });

  it('points the audio track at it with tref/chap right after tkhd', () => {
    const audio = traks(result.moov).find((t) => t.type === 'soun')!;
    const kids = mp4Boxes(mp4Box(audio.bytes, 'trak').body).map((b) => b.type);
    expect(kids.slice(0, 2)).toEqual(['tkhd', 'tref']);
    expect(u32List(mp4Box(audio.bytes, 'trak', 'tref', 'chap'))).toEqual([
      movieHeader(mp4Box(moov, 'moov', 'mvhd')).nextTrackId,
    ]);
    // Everything else of the audio track is as ffmpeg wrote it.
    const original = traks(moov).find((t) => t.type === 'soun')!;
    const rest = (bytes: Uint8Array) =>
      mp4Boxes(mp4Box(bytes, 'trak').body)
        .filter((b) => b.type !== 'tref')
        .map((b) => Array.from(b.body));
    expect(rest(audio.bytes)).toEqual(rest(original.bytes));
  });

  it('times the titles in milliseconds (mdhd 1000, stts one sample per chapter), language und', () => {
    const text = traks(result.moov).find((t) => t.type === 'text')!;
    const media = mediaHeader(mp4Box(text.bytes, 'trak', 'mdia', 'mdhd'));
    expect(media).toEqual({ timescale: 1000, duration: 1000, language: 'und' });
    expect(handler(mp4Box(text.bytes, 'trak', 'mdia', 'hdlr'))).toEqual({ type: 'text', name: 'Chapters' });
    const stbl = ['trak', 'mdia', 'minf', 'stbl'];
    expect(timeToSample(mp4Box(text.bytes, ...stbl, 'stts'))).toEqual([
      [1, 250],
      [1, 350],
      [1, 400],
    ]);
    expect(sampleToChunk(mp4Box(text.bytes, ...stbl, 'stsc'))).toEqual([[1, 3, 1]]);
    const stsd = fullBox(mp4Box(text.bytes, ...stbl, 'stsd'));
    expect(stsd.fields.getUint32(0)).toBe(1);
    const entry = mp4Boxes(stsd.rest.subarray(4));
    expect(entry.map((b) => b.type)).toEqual(['text']);
    expect(entry[0]!.body[7]).toBe(1); // data_reference_index 1
    const dref = fullBox(mp4Box(text.bytes, 'trak', 'mdia', 'minf', 'dinf', 'dref'));
    expect(dref.fields.getUint32(0)).toBe(1);
    const url = fullBox(mp4Boxes(dref.rest.subarray(4))[0]!);
    expect(url.flags).toBe(1); // self-contained: media in this file
    const gmhd = mp4Boxes(mp4Box(text.bytes, 'trak', 'mdia', 'minf', 'gmhd').body).map((b) => b.type);
    expect(gmhd).toEqual(['gmin', 'text']);
  });

  it('stores length-prefixed UTF-8 titles with encd 0x100 in the mdat after moov, found by stco', () => {
    const text = traks(result.moov).find((t) => t.type === 'text')!;
    const stbl = ['trak', 'mdia', 'minf', 'stbl'];
    const offsets = chunkOffsets(mp4Box(text.bytes, ...stbl, 'stco'));
    expect(offsets).toEqual([moovAt + result.moov.length + 8]);
    expect(Array.from(result.mdat.subarray(4, 8))).toEqual(Array.from('mdat', (c) => c.charCodeAt(0)));
    const sizes = sampleSizes(mp4Box(text.bytes, ...stbl, 'stsz'));
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(result.mdat.length - 8);
    const samples = textSamples(written, sampleToChunk(mp4Box(text.bytes, ...stbl, 'stsc')), sizes, offsets);
    expect(samples.map((s) => s.text)).toEqual(CHAPTERS.map((c) => c.title));
    for (const s of samples) {
      expect(s.atoms.map((a) => a.type)).toEqual(['encd']);
      expect(u32List(s.atoms[0]!)).toEqual([0x100]);
    }
  });

  it('is read by ffprobe as the chapters, with each title’s start and end', () => {
    const probed = probe(written, 'chapter-track.m4a');
    expect(probed.chapters.map((c) => c.title)).toEqual(CHAPTERS.map((c) => c.title));
    expect(probed.chapters.map((c) => [c.start, c.end])).toEqual(CHAPTERS.map((c) => [c.start, c.end]));
    expect(probed.duration).toBe(1);
  });

  it('gives a zero-length chapter one millisecond, and replaces an audio track’s old tref', () => {
    const moov2 = moovOf(
      mvhd(1, 600, 600, 7),
      trak('soun', tkhd(0, 1, 600), mdhd(0, 8000, 8000), [rawBox('tref', rawBox('chap', be32(99)))]),
      trak('vide', tkhd(0, 2, 600), mdhd(0, 600, 600)),
    );
    const chapters = [
      { title: 'a', start: 0, end: 0 },
      { title: 'b', start: 0, end: 2.5 },
    ];
    const out = withChapterTrack(moov2, chapters, 100).moov;
    // mvhd version 1: its timescale (600) sits after two 64-bit times.
    expect(movieHeader(mp4Box(out, 'moov', 'mvhd')).nextTrackId).toBe(8);
    const [audio, video, text] = traks(out);
    expect([audio!.type, video!.type, text!.type]).toEqual(['soun', 'vide', 'text']);
    expect(mp4Boxes(mp4Box(audio!.bytes, 'trak').body).filter((b) => b.type === 'tref')).toHaveLength(1);
    expect(u32List(mp4Box(audio!.bytes, 'trak', 'tref', 'chap'))).toEqual([7]);
    expect(mp4Boxes(mp4Box(video!.bytes, 'trak').body).map((b) => b.type)).toEqual(['tkhd', 'mdia']);
    expect(trackHeader(mp4Box(text!.bytes, 'trak', 'tkhd')).duration).toBe(1500);
    expect(timeToSample(mp4Box(text!.bytes, 'trak', 'mdia', 'minf', 'stbl', 'stts'))).toEqual([
      [1, 1],
      [1, 2500],
    ]);
    expect(mediaHeader(mp4Box(text!.bytes, 'trak', 'mdia', 'mdhd')).duration).toBe(2501);
    const offsets = chunkOffsets(mp4Box(text!.bytes, 'trak', 'mdia', 'minf', 'stbl', 'stco'));
    expect(offsets).toEqual([100 + out.length + 8]);
  });

  it('refuses a moov without mvhd', () => {
    expect(() => withChapterTrack(moovOf(rawBox('free')), CHAPTERS, 0)).toThrow('moov has no mvhd');
  });

  it('lays out the QuickTime base media header and text sample entry as Apple’s QTFF gives them', () => {
    const text = traks(result.moov).find((t) => t.type === 'text')!;
    const gmhd = mp4Boxes(mp4Box(text.bytes, 'trak', 'mdia', 'minf', 'gmhd').body);
    // gmin: version/flags, graphics mode 0x40 (dither copy), opcolor 0x8000 x 3, balance 0, reserved.
    expect(Array.from(gmhd[0]!.body)).toEqual([0, 0, 0, 0, 0, 0x40, 0x80, 0, 0x80, 0, 0x80, 0, 0, 0, 0, 0]);
    // gmhd/text: a 3x3 matrix (16.16 and 2.30 fixed point) after a reserved word: identity.
    const matrix = new DataView(gmhd[1]!.body.buffer, gmhd[1]!.body.byteOffset, gmhd[1]!.body.byteLength);
    expect(gmhd[1]!.body.length).toBe(36);
    expect([matrix.getUint16(0), matrix.getUint32(14), matrix.getUint32(30)]).toEqual([1, 1, 0x4000]);
    expect(gmhd[1]!.body.filter((b) => b !== 0).length).toBe(3);
    // The text sample entry: reserved, data_reference_index 1, then display flags, justification,
    // colours, box, font, face, an empty name: 52 bytes, all zero but the index.
    const stsd = fullBox(mp4Box(text.bytes, 'trak', 'mdia', 'minf', 'stbl', 'stsd'));
    const entry = mp4Boxes(stsd.rest.subarray(4))[0]!;
    expect(entry.body.length).toBe(52);
    expect(entry.body.filter((b) => b !== 0).length).toBe(1);
    // hdlr: pre_defined 0, 'text', three reserved words, "Chapters" and its NUL.
    const hdlr = mp4Box(text.bytes, 'trak', 'mdia', 'hdlr').body;
    expect(Array.from(hdlr)).toEqual([
      ...new Array(8).fill(0),
      ...Array.from('text', (c) => c.charCodeAt(0)),
      ...new Array(12).fill(0),
      ...Array.from('Chapters', (c) => c.charCodeAt(0)),
      0,
    ]);
    expect(mp4Boxes(mp4Box(text.bytes, 'trak', 'mdia').body).map((b) => b.type)).toEqual([
      'mdhd',
      'hdlr',
      'minf',
    ]);
    expect(mp4Boxes(mp4Box(text.bytes, 'trak', 'mdia', 'minf').body).map((b) => b.type)).toEqual([
      'gmhd',
      'dinf',
      'stbl',
    ]);
    expect(mp4Boxes(mp4Box(text.bytes, 'trak', 'mdia', 'minf', 'stbl').body).map((b) => b.type)).toEqual([
      'stsd',
      'stts',
      'stsc',
      'stsz',
      'stco',
    ]);
    expect(fullBox(mp4Box(text.bytes, 'trak', 'mdia', 'mdhd')).version).toBe(0);
  });

  it('leaves tracks that are no sound track alone: no mdia, or no hdlr', () => {
    const bare = rawBox('trak', tkhd(0, 1, 10));
    const noHdlr = rawBox('trak', tkhd(0, 2, 10), rawBox('mdia', mdhd(0, 1000, 10)));
    const moov2 = moovOf(mvhd(0, 1000, 10, 3), bare, noHdlr);
    const out = withChapterTrack(moov2, [], 0).moov;
    const kids = mp4Boxes(mp4Box(out, 'moov').body);
    expect(kids.map((b) => b.type)).toEqual(['mvhd', 'trak', 'trak', 'trak']);
    const body = mp4Box(out, 'moov').body;
    expect(Array.from(body.subarray(kids[1]!.start, kids[2]!.start + kids[2]!.size))).toEqual([
      ...Array.from(bare),
      ...Array.from(noHdlr),
    ]);
    // No chapters: a text track of no length and no samples.
    const text = body.subarray(kids[3]!.start, kids[3]!.start + kids[3]!.size);
    expect(trackHeader(mp4Box(text, 'trak', 'tkhd')).duration).toBe(0);
    expect(timeToSample(mp4Box(text, 'trak', 'mdia', 'minf', 'stbl', 'stts'))).toEqual([]);
    expect(sampleSizes(mp4Box(text, 'trak', 'mdia', 'minf', 'stbl', 'stsz'))).toEqual([]);
  });
});

describe('the priming edit list (§8.6.6)', () => {
  it('presents the audio after 1024 priming samples for exactly its length, in a real M4A', () => {
    const { file, moov, moovAt } = ffmpegM4a('priming', { seconds: 1 });
    // Say the audio is 0.5 s (22,050 frames) after 1024 samples of priming.
    const out = withPrimingEdit(moov, { priming: 1024, frames: 22_050, sampleRate: 44_100 });
    const audio = traks(out).find((t) => t.type === 'soun')!;
    expect(movieHeader(mp4Box(out, 'moov', 'mvhd')).duration).toBe(500);
    expect(trackHeader(mp4Box(audio.bytes, 'trak', 'tkhd')).duration).toBe(500);
    expect(editList(mp4Box(audio.bytes, 'trak', 'edts', 'elst'))).toEqual({
      version: 0,
      entries: [{ segmentDuration: 500, mediaTime: 1024, rateInteger: 1, rateFraction: 0 }],
    });
    expect(mp4Boxes(mp4Box(audio.bytes, 'trak').body).map((b) => b.type)).toEqual(['tkhd', 'edts', 'mdia']);
    const probed = probe(replaceMoov(file, moovAt, out), 'priming.m4a');
    expect(probed.duration).toBe(0.5);
  });

  it('counts media time in the media timescale and durations in the movie’s, rounded', () => {
    const moov = moovOf(
      mvhd(0, 600, 1, 3),
      trak('soun', tkhd(0, 1, 1), mdhd(0, 22_050, 1), [elst(0, [[5, 6]])]),
      trak('text', tkhd(0, 2, 77), mdhd(0, 1000, 77), [rawBox('tref', rawBox('chap', be32(1)))]),
    );
    // 1000 frames at 44.1 kHz = 13.605... movie ticks at 600: 14. Priming 2112 at 22.05 kHz
    // media scale: 1056.
    const out = withPrimingEdit(moov, { priming: 2112, frames: 1000, sampleRate: 44_100 });
    const [audio, text] = traks(out);
    expect(movieHeader(mp4Box(out, 'moov', 'mvhd')).duration).toBe(14);
    expect(trackHeader(mp4Box(audio!.bytes, 'trak', 'tkhd')).duration).toBe(14);
    expect(mp4Boxes(mp4Box(audio!.bytes, 'trak').body).filter((b) => b.type === 'edts')).toHaveLength(1);
    expect(editList(mp4Box(audio!.bytes, 'trak', 'edts', 'elst')).entries).toEqual([
      { segmentDuration: 14, mediaTime: 1056, rateInteger: 1, rateFraction: 0 },
    ]);
    // The text track is no sound track: left exactly as it was.
    expect(Array.from(text!.bytes)).toEqual(Array.from(traks(moov)[1]!.bytes));
  });

  it('puts the edit after tref when the track has one, and reads version-1 headers', () => {
    const moov = moovOf(
      mvhd(1, 1000, 5, 3),
      trak('soun', tkhd(1, 1, 5), mdhd(1, 48_000, 5), [rawBox('tref', rawBox('chap', be32(2)))]),
    );
    const out = withPrimingEdit(moov, { priming: 1024, frames: 48_000 * 3, sampleRate: 48_000 });
    const audio = traks(out)[0]!;
    expect(mp4Boxes(mp4Box(audio.bytes, 'trak').body).map((b) => b.type)).toEqual([
      'tkhd',
      'tref',
      'edts',
      'mdia',
    ]);
    expect(movieHeader(mp4Box(out, 'moov', 'mvhd'))).toMatchObject({
      version: 1,
      timescale: 1000,
      duration: 3000,
    });
    expect(trackHeader(mp4Box(audio.bytes, 'trak', 'tkhd'))).toMatchObject({ version: 1, duration: 3000 });
    expect(editList(mp4Box(audio.bytes, 'trak', 'edts', 'elst')).entries[0]).toMatchObject({
      segmentDuration: 3000,
      mediaTime: 1024,
    });
  });

  it('puts the edit after a tkhd that comes last in its track', () => {
    const moov = moovOf(
      mvhd(0, 1000, 5, 2),
      rawBox('trak', rawBox('mdia', mdhd(0, 8000, 5), hdlr('soun')), tkhd(0, 1, 5)),
    );
    const out = withPrimingEdit(moov, { priming: 80, frames: 8000, sampleRate: 8000 });
    expect(mp4Boxes(mp4Box(traks(out)[0]!.bytes, 'trak').body).map((b) => b.type)).toEqual([
      'mdia',
      'tkhd',
      'edts',
    ]);
  });

  it('writes a version-1 edit when the duration passes 32 bits', () => {
    const moov = moovOf(mvhd(1, 1000, 5, 2), trak('soun', tkhd(1, 1, 5), mdhd(0, 44_100, 5)));
    const frames = 44_100 * 5_000_000; // 5,000,000 s = 5e9 ms
    const out = withPrimingEdit(moov, { priming: 1024, frames, sampleRate: 44_100 });
    const audio = traks(out)[0]!;
    expect(editList(mp4Box(audio.bytes, 'trak', 'edts', 'elst'))).toEqual({
      version: 1,
      entries: [{ segmentDuration: 5_000_000_000, mediaTime: 1024, rateInteger: 1, rateFraction: 0 }],
    });
    expect(movieHeader(mp4Box(out, 'moov', 'mvhd')).duration).toBe(5_000_000_000);
    // Exactly 2^32 - 1 still fits version 0.
    const edge = withPrimingEdit(moov, { priming: 0, frames: 0xffffffff, sampleRate: 1000 });
    expect(editList(mp4Box(traks(edge)[0]!.bytes, 'trak', 'edts', 'elst'))).toMatchObject({ version: 0 });
  });

  it('names what is missing', () => {
    expect(() => withPrimingEdit(moovOf(rawBox('free')), { priming: 0, frames: 1, sampleRate: 1 })).toThrow(
      'moov has no mvhd',
    );
    const noMdia = moovOf(mvhd(0, 1000, 1, 2), rawBox('trak', tkhd(0, 1, 1)));
    expect(() => withPrimingEdit(noMdia, { priming: 0, frames: 1, sampleRate: 1 })).toThrow(
      'the track has no mdia/hdlr',
    );
    const noMdhd = moovOf(mvhd(0, 1000, 1, 2), rawBox('trak', tkhd(0, 1, 1), rawBox('mdia', hdlr('soun'))));
    expect(() => withPrimingEdit(noMdhd, { priming: 0, frames: 1, sampleRate: 1 })).toThrow(
      'the track has no mdia/mdhd',
    );
  });
});

describe('the movie timescale (§8.2.2, §8.3.2, §8.6.6)', () => {
  it('is 1000, as ffmpeg writes it', () => {
    expect(MOVIE_TIMESCALE).toBe(1000);
  });

  it('rescales a real 57600 M4A to 1000: ffprobe reads the same length', () => {
    const { file, moov, moovAt } = ffmpegM4a('timescale', { seconds: 1.5, movieTimescale: 57_600 });
    expect(movieHeader(mp4Box(moov, 'moov', 'mvhd')).timescale).toBe(57_600);
    const before = probe(file, 'timescale-57600.m4a');
    const out = withMovieTimescale(moov);
    expect(movieHeader(mp4Box(out, 'moov', 'mvhd'))).toMatchObject({ timescale: 1000, duration: 1500 });
    const audio = traks(out)[0]!;
    expect(trackHeader(mp4Box(audio.bytes, 'trak', 'tkhd')).duration).toBe(1500);
    expect(editList(mp4Box(audio.bytes, 'trak', 'edts', 'elst')).entries[0]!.segmentDuration).toBe(1500);
    const after = probe(replaceMoov(file, moovAt, out), 'timescale-1000.m4a');
    expect(after.duration).toBe(before.duration);
  });

  it('rounds mvhd and tkhd durations, floors every edit, and leaves unknown durations unknown', () => {
    const moov = moovOf(
      mvhd(0, 57_600, 57_629, 3), // 1000.50... -> 1001 (rounded)
      trak('soun', tkhd(0, 1, 57_590), mdhd(0, 44_100, 9), [
        elst(0, [
          [57_599, 0], // 999.98 -> 999 (floored)
          [0xffffffff, 5], // unknown: kept
          [115_200, 7], // 2000
        ]),
      ]),
      trak('soun', tkhd(0, 2, 0xffffffff), mdhd(0, 44_100, 9)),
    );
    const out = withMovieTimescale(moov);
    expect(movieHeader(mp4Box(out, 'moov', 'mvhd'))).toMatchObject({ timescale: 1000, duration: 1001 });
    const [a, b] = traks(out);
    expect(trackHeader(mp4Box(a!.bytes, 'trak', 'tkhd')).duration).toBe(1000); // 999.83 rounded
    expect(
      editList(mp4Box(a!.bytes, 'trak', 'edts', 'elst')).entries.map((e) => [e.segmentDuration, e.mediaTime]),
    ).toEqual([
      [999, 0],
      [0xffffffff, 5],
      [2000, 7],
    ]);
    expect(trackHeader(mp4Box(b!.bytes, 'trak', 'tkhd')).duration).toBe(0xffffffff);
    // Media time stays in the media timescale; mdhd is untouched.
    expect(mediaHeader(mp4Box(a!.bytes, 'trak', 'mdia', 'mdhd'))).toMatchObject({
      timescale: 44_100,
      duration: 9,
    });
    expect(out.length).toBe(moov.length);
  });

  it('reads edit lists only inside edts: other boxes of a track are not walked', () => {
    // A track box whose body is no boxes (a size of 4 would be malformed if walked).
    const odd = rawBox('udta', [0, 0, 0, 4, 1, 2, 3, 4]);
    const moov = moovOf(mvhd(0, 600, 600, 2), trak('soun', tkhd(0, 1, 600), mdhd(0, 44_100, 9), [odd]));
    const out = withMovieTimescale(moov);
    expect(trackHeader(mp4Box(traks(out)[0]!.bytes, 'trak', 'tkhd')).duration).toBe(1000);
    expect(Array.from(mp4Box(traks(out)[0]!.bytes, 'trak', 'udta').body)).toEqual([0, 0, 0, 4, 1, 2, 3, 4]);
  });

  it('passes over an edts without an elst', () => {
    const moov = moovOf(
      mvhd(0, 600, 600, 2),
      trak('soun', tkhd(0, 1, 600), mdhd(0, 44_100, 9), [rawBox('edts', rawBox('free', [1, 2]))]),
    );
    const out = withMovieTimescale(moov);
    expect(trackHeader(mp4Box(traks(out)[0]!.bytes, 'trak', 'tkhd')).duration).toBe(1000);
    // Nothing else in the track is touched (no stray edit read from other bytes).
    expect(Array.from(mp4Box(traks(out)[0]!.bytes, 'trak', 'mdia').body)).toEqual(
      Array.from(mp4Box(traks(moov)[0]!.bytes, 'trak', 'mdia').body),
    );
    expect(Array.from(mp4Box(traks(out)[0]!.bytes, 'trak', 'edts').body)).toEqual(
      Array.from(rawBox('free', [1, 2])),
    );
  });

  it('reads and writes version-1 (64-bit) fields', () => {
    const moov = moovOf(
      mvhd(1, 600, 6_000_000_000, 2),
      trak('soun', tkhd(1, 1, 1_200_000_000), mdhd(1, 44_100, 9), [
        elst(1, [
          [6_000_000_001, 1024],
          [1_200, 0],
        ]),
      ]),
    );
    const out = withMovieTimescale(moov, 1000);
    expect(movieHeader(mp4Box(out, 'moov', 'mvhd'))).toMatchObject({
      timescale: 1000,
      duration: 10_000_000_000,
    });
    const a = traks(out)[0]!;
    expect(trackHeader(mp4Box(a.bytes, 'trak', 'tkhd')).duration).toBe(2_000_000_000);
    expect(
      editList(mp4Box(a.bytes, 'trak', 'edts', 'elst')).entries.map((e) => [e.segmentDuration, e.mediaTime]),
    ).toEqual([
      [10_000_000_001, 1024], // 6e9+1 ticks at 600 -> 1e10 + 1.67: floored
      [2000, 0],
    ]);
  });

  it('keeps an all-ones 64-bit duration (unknown)', () => {
    const allOnes = Uint8Array.from([255, 255, 255, 255, 255, 255, 255, 255]);
    const header = mvhd(1, 600, 0, 2);
    header.set(allOnes, 8 + 4 + 16 + 4);
    const out = withMovieTimescale(moovOf(header));
    expect(Array.from(mp4Box(out, 'moov', 'mvhd').body.subarray(24, 32))).toEqual(Array.from(allOnes));
    expect(movieHeader(mp4Box(out, 'moov', 'mvhd')).timescale).toBe(1000);
  });

  it('returns an unchanged copy when the timescale is already so, or 0, and never changes its input', () => {
    const moov = moovOf(mvhd(0, 1000, 1234, 2), trak('soun', tkhd(0, 1, 1234), mdhd(0, 8000, 1)));
    const same = withMovieTimescale(moov);
    expect(Array.from(same)).toEqual(Array.from(moov));
    expect(same).not.toBe(moov);
    const zero = moovOf(mvhd(0, 0, 1234, 2));
    expect(Array.from(withMovieTimescale(zero))).toEqual(Array.from(zero));
    const other = moovOf(mvhd(0, 600, 600, 2));
    const copy = other.slice();
    expect(movieHeader(mp4Box(withMovieTimescale(other, 48_000), 'moov', 'mvhd'))).toMatchObject({
      timescale: 48_000,
      duration: 48_000,
    });
    expect(Array.from(other)).toEqual(Array.from(copy));
    expect(() => withMovieTimescale(moovOf(rawBox('free')))).toThrow('moov has no mvhd');
  });
});
