import type { ChapterMark } from '../../cues/sidecars/chapter-marks.ts';
import { concat, latin1, u32be, utf16WithBom } from './bytes.ts';
import { refuseChapterCount } from './chapter-limits.ts';

// ID3v2.3 with chapters (id3.org "ID3 tag version 2.3.0" and the "ID3v2 Chapter Frame
// Addendum"): text tags, a front cover, one CHAP per chapter and a CTOC listing them in order. A
// CTOC holds at most 255 entries, so longer books get a top-level CTOC of sub-tables.
// Version 2.3, not 2.4: its frame sizes are plain 32-bit numbers, which every reader agrees on.
// ffmpeg (5.1, Debian 12) reads the frames inside a CHAP as plain numbers in 2.4 too, so a 2.4
// chapter whose title frame passed 127 bytes vanished from ffprobe; Windows never read 2.4.
// Text is UTF-16 with a byte-order mark, 2.3's only Unicode encoding.

export interface AudioTags {
  title?: string;
  artist?: string;
  album?: string;
  genre?: string;
  comment?: string;
  cover?: { data: Uint8Array; mimeType: string };
  /** Position in a set of files (one file per chapter). */
  track?: { number: number; total: number };
}

const UTF16 = 1;
/** UTF-16's terminator, after a description inside COMM and APIC. */
const END16 = Uint8Array.of(0, 0);
const NO_OFFSET = 0xffffffff;

export function id3v2Tag(tags: AudioTags, chapters: ChapterMark[]): Uint8Array {
  const frames: Uint8Array[] = [];
  const textFrame = (id: string, value: string | undefined) => {
    if (value) frames.push(textFrame16(id, value));
  };
  textFrame('TIT2', tags.title);
  textFrame('TPE1', tags.artist);
  textFrame('TALB', tags.album);
  textFrame('TCON', tags.genre);
  textFrame('TRCK', tags.track ? `${tags.track.number}/${tags.track.total}` : undefined);
  if (tags.comment)
    frames.push(
      frame(
        'COMM',
        concat([Uint8Array.of(UTF16), latin1('eng'), utf16WithBom(''), END16, utf16WithBom(tags.comment)]),
      ),
    );
  if (tags.cover) {
    frames.push(
      frame(
        'APIC',
        concat([
          Uint8Array.of(UTF16),
          latin1(tags.cover.mimeType),
          Uint8Array.of(0, 3), // MIME terminator, picture type 3: front cover
          utf16WithBom(''),
          END16,
          tags.cover.data,
        ]),
      ),
    );
  }
  const ids = chapters.map((_, i) => `ch${i}`);
  chapters.forEach((chapter, i) => {
    const title = textFrame16('TIT2', chapter.title);
    const times = [
      Math.round(chapter.start * 1000),
      Math.round(chapter.end * 1000),
      NO_OFFSET,
      NO_OFFSET,
    ].map(u32be);
    frames.push(frame('CHAP', concat([latin1(ids[i]!), Uint8Array.of(0), ...times, title])));
  });
  if (ids.length > 0) frames.push(...tablesOfContents(ids));
  const body = concat(frames);
  return concat([latin1('ID3'), Uint8Array.of(3, 0, 0), synchsafe(body.length), body]);
}

function tablesOfContents(ids: string[]): Uint8Array[] {
  refuseChapterCount('mp3', ids.length); // a top table of more than 255 tables would wrap its count
  const TOP_LEVEL = 0x02;
  const ORDERED = 0x01;
  const ctoc = (id: string, flags: number, children: string[]) =>
    frame(
      'CTOC',
      concat([
        latin1(id),
        Uint8Array.of(0, flags, children.length),
        ...children.map((c) => concat([latin1(c), Uint8Array.of(0)])),
      ]),
    );
  if (ids.length <= 255) return [ctoc('toc', TOP_LEVEL | ORDERED, ids)];
  const groups: string[][] = [];
  for (let i = 0; i < ids.length; i += 255) groups.push(ids.slice(i, i + 255));
  return [
    ctoc(
      'toc',
      TOP_LEVEL | ORDERED,
      groups.map((_, i) => `toc${i}`),
    ),
    ...groups.map((g, i) => ctoc(`toc${i}`, ORDERED, g)),
  ];
}

function textFrame16(id: string, value: string): Uint8Array {
  return frame(id, concat([Uint8Array.of(UTF16), utf16WithBom(value)]));
}

/** A 2.3 frame: id, size as a plain 32-bit number, two flag bytes, body. */
function frame(id: string, body: Uint8Array): Uint8Array {
  return concat([latin1(id), u32be(body.length), Uint8Array.of(0, 0), body]);
}

/** 28-bit size in four 7-bit bytes: the tag header's size (every ID3v2 version). */
function synchsafe(size: number): Uint8Array {
  if (size >= 1 << 28) throw new RangeError('ID3 tag larger than 256 MB');
  return Uint8Array.of((size >> 21) & 0x7f, (size >> 14) & 0x7f, (size >> 7) & 0x7f, size & 0x7f);
}
