import type { ChapterMark } from '../../cues/sidecars/chapter-marks.ts';
import { concat, latin1, text, u32be } from './bytes.ts';
import { box, childBoxes } from './mp4-chapters.ts';

// The QuickTime chapter track Apple's players read: a disabled `text` track whose samples are the
// chapter titles, referenced from the audio track by `tref/chap`. Its samples go into an `mdat`
// appended after moov (moov is last, so nothing else moves).

const TEXT_TIMESCALE = 1000;

const u16 = (v: number) => Uint8Array.of((v >> 8) & 0xff, v & 0xff);
const zeros = (n: number) => new Uint8Array(n);
const fullBox = (type: string, version: number, body: Uint8Array) =>
  box(type, concat([Uint8Array.of(version, 0, 0, 0), body]));

export interface ChapterTrackResult {
  moov: Uint8Array;
  /** The mdat holding the chapter titles, to be written right after moov. */
  mdat: Uint8Array;
}

/** `moovAt` is where moov starts in the file: the titles' offset follows from it. */
export function withChapterTrack(
  moov: Uint8Array,
  chapters: ChapterMark[],
  moovAt: number,
): ChapterTrackResult {
  const samples = chapters.map((c) => {
    const title = text(c.title);
    // length-prefixed UTF-8, then an `encd` atom saying so (256 = UTF-8)
    return concat([u16(title.length), title, box('encd', u32be(0x100))]);
  });
  const mdat = box('mdat', concat(samples));
  const draft = build(moov, chapters, samples, 0);
  // The moov's size does not depend on the offset value: build once to learn it, then for real.
  return { moov: build(moov, chapters, samples, moovAt + draft.length + 8), mdat };
}

function build(
  moov: Uint8Array,
  chapters: ChapterMark[],
  samples: Uint8Array[],
  dataOffset: number,
): Uint8Array {
  const children = childBoxes(moov, 8, moov.length);
  const mvhd = children.find((b) => b.type === 'mvhd');
  if (!mvhd) throw new Error('MP4 export: moov has no mvhd');
  const mvhdBytes = moov.slice(mvhd.start, mvhd.start + mvhd.size);
  const view = new DataView(mvhdBytes.buffer);
  const version = mvhdBytes[8]!;
  const movieTimescale = view.getUint32(8 + 4 + (version === 1 ? 16 : 8));
  const nextIdAt = mvhdBytes.length - 4;
  const trackId = view.getUint32(nextIdAt);
  view.setUint32(nextIdAt, trackId + 1);

  const total = chapters[chapters.length - 1]?.end ?? 0;
  const parts: Uint8Array[] = [];
  for (const child of children) {
    const bytes = moov.subarray(child.start, child.start + child.size);
    if (child.type === 'mvhd') parts.push(mvhdBytes);
    else if (child.type === 'trak' && isAudioTrak(bytes)) parts.push(withChapterReference(bytes, trackId));
    else parts.push(bytes);
  }
  parts.push(textTrak(trackId, chapters, samples, dataOffset, Math.round(total * movieTimescale)));
  return box('moov', concat(parts));
}

function isAudioTrak(trak: Uint8Array): boolean {
  const mdia = childBoxes(trak, 8, trak.length).find((b) => b.type === 'mdia');
  if (!mdia) return false;
  const hdlr = childBoxes(trak, mdia.start + 8, mdia.start + mdia.size).find((b) => b.type === 'hdlr');
  return (
    hdlr !== undefined && String.fromCharCode(...trak.subarray(hdlr.start + 16, hdlr.start + 20)) === 'soun'
  );
}

/** The audio trak with `tref/chap` pointing at the chapter track (replacing any old tref). */
function withChapterReference(trak: Uint8Array, chapterTrackId: number): Uint8Array {
  const kids = childBoxes(trak, 8, trak.length).filter((b) => b.type !== 'tref');
  const tref = box('tref', box('chap', u32be(chapterTrackId)));
  const parts: Uint8Array[] = [];
  for (const kid of kids) {
    parts.push(trak.subarray(kid.start, kid.start + kid.size));
    if (kid.type === 'tkhd') parts.push(tref);
  }
  return box('trak', concat(parts));
}

function textTrak(
  id: number,
  chapters: ChapterMark[],
  samples: Uint8Array[],
  dataOffset: number,
  movieDuration: number,
): Uint8Array {
  const identity = concat([0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000].map(u32be));
  // Track disabled (flags 0): players use it for navigation, not as a visible subtitle.
  const tkhd = box(
    'tkhd',
    concat([
      Uint8Array.of(0, 0, 0, 0),
      zeros(8),
      u32be(id),
      zeros(4),
      u32be(movieDuration),
      zeros(8),
      zeros(8),
      identity,
      zeros(8),
    ]),
  );
  const durationMs = chapters.map((c) => Math.max(1, Math.round((c.end - c.start) * TEXT_TIMESCALE)));
  const mdhd = fullBox(
    'mdhd',
    0,
    concat([
      zeros(8),
      u32be(TEXT_TIMESCALE),
      u32be(durationMs.reduce((a, b) => a + b, 0)),
      u16(0x55c4),
      zeros(2),
    ]),
  );
  const hdlr = fullBox(
    'hdlr',
    0,
    concat([zeros(4), latin1('text'), zeros(12), latin1('Chapters'), zeros(1)]),
  );
  const gmin = fullBox('gmin', 0, concat([u16(0x40), u16(0x8000), u16(0x8000), u16(0x8000), zeros(4)]));
  const gmhdText = box('text', concat([u16(1), zeros(12), u32be(1), zeros(12), u32be(0x4000), zeros(2)]));
  const dinf = box('dinf', fullBox('dref', 0, concat([u32be(1), fullBox('url ', 0, new Uint8Array())])));
  dinf[dinf.length - 1] = 1; // url entry flag: media in this file
  const textEntry = box(
    'text',
    concat([zeros(6), u16(1), zeros(4 + 4 + 6 + 8 + 8 + 2 + 2 + 1 + 2 + 6), Uint8Array.of(0)]),
  );
  const stbl = box(
    'stbl',
    concat([
      fullBox('stsd', 0, concat([u32be(1), textEntry])),
      fullBox(
        'stts',
        0,
        concat([u32be(durationMs.length), ...durationMs.flatMap((d) => [u32be(1), u32be(d)])]),
      ),
      fullBox('stsc', 0, concat([u32be(1), u32be(1), u32be(samples.length), u32be(1)])),
      fullBox('stsz', 0, concat([u32be(0), u32be(samples.length), ...samples.map((s) => u32be(s.length))])),
      fullBox('stco', 0, concat([u32be(1), u32be(dataOffset)])),
    ]),
  );
  const minf = box('minf', concat([box('gmhd', concat([gmin, gmhdText])), dinf, stbl]));
  return box('trak', concat([tkhd, box('mdia', concat([mdhd, hdlr, minf]))]));
}
