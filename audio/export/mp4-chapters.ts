import type { ChapterMark } from '../../cues/sidecars/chapter-marks.ts';
import { concat, latin1, u32be } from './bytes.ts';
import { neroChapterList } from './chapter-comments.ts';

// Adds a Nero `chpl` box to an MP4's moov/udta. The writer leaves moov at the end of the file
// (no fast start), so growing it moves no sample data and every chunk offset stays valid.

export function box(type: string, body: Uint8Array): Uint8Array {
  return concat([u32be(8 + body.length), latin1(type), body]);
}

interface BoxSpan {
  type: string;
  start: number;
  headerSize: number;
  size: number;
}

/** The child boxes of `bytes[from, to)`. */
export function childBoxes(bytes: Uint8Array, from: number, to: number): BoxSpan[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const boxes: BoxSpan[] = [];
  let at = from;
  while (at + 8 <= to) {
    let size = view.getUint32(at);
    let headerSize = 8;
    if (size === 1) {
      size = Number(view.getBigUint64(at + 8));
      headerSize = 16;
    } else if (size === 0) {
      size = to - at;
    }
    if (size < headerSize || at + size > to) throw new RangeError(`malformed MP4 box at ${at}`);
    boxes.push({ type: String.fromCharCode(...bytes.subarray(at + 4, at + 8)), start: at, headerSize, size });
    at += size;
  }
  return boxes;
}

/** The moov box with a chpl (replacing any old one) inside its udta, creating udta if needed. */
export function moovWithChapters(moov: Uint8Array, chapters: ChapterMark[]): Uint8Array {
  const children = childBoxes(moov, 8, moov.length);
  const chpl = box('chpl', neroChapterList(chapters));
  const parts: Uint8Array[] = [];
  let hasUdta = false;
  for (const child of children) {
    const bytes = moov.subarray(child.start, child.start + child.size);
    if (child.type !== 'udta') {
      parts.push(bytes);
      continue;
    }
    hasUdta = true;
    const inner = childBoxes(bytes, child.headerSize, child.size)
      .filter((b) => b.type !== 'chpl')
      .map((b) => bytes.subarray(b.start, b.start + b.size));
    parts.push(box('udta', concat([...inner, chpl])));
  }
  if (!hasUdta) parts.push(box('udta', chpl));
  return box('moov', concat(parts));
}
