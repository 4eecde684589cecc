// An ID3v2 frame walker written from the specifications (id3.org "ID3 tag version 2.3.0", "2.4.0 -
// Main Structure" and the "ID3v2 Chapter Frame Addendum"), independent of our writer: the tag size
// is synchsafe, frame sizes are plain 32-bit in 2.3 and synchsafe in 2.4, and the walk must land
// exactly on the tag's end.

export interface Id3Frame {
  id: string;
  body: Uint8Array;
}

export interface Id3Chapter {
  id: string;
  startMs: number;
  endMs: number;
  title: string;
}

export interface Id3TableOfContents {
  id: string;
  topLevel: boolean;
  ordered: boolean;
  children: string[];
}

function synchsafe(bytes: Uint8Array, at: number): number {
  for (let i = 0; i < 4; i++)
    if (bytes[at + i]! & 0x80) throw new Error(`byte ${at + i} of a synchsafe size has its top bit set`);
  return (bytes[at]! << 21) | (bytes[at + 1]! << 14) | (bytes[at + 2]! << 7) | bytes[at + 3]!;
}

const ascii = (bytes: Uint8Array) => String.fromCharCode(...bytes);

/** The tag's frames; throws when a frame runs past the tag or the walk misses its end. */
export function id3v2Frames(file: Uint8Array): Id3Frame[] {
  if (ascii(file.subarray(0, 3)) !== 'ID3' || (file[3] !== 3 && file[3] !== 4))
    throw new Error('not an ID3v2.3 or 2.4 tag');
  const version = file[3]!;
  const frameSize = (at: number) =>
    version === 4 ? synchsafe(file, at) : new DataView(file.buffer, file.byteOffset + at, 4).getUint32(0);
  const end = 10 + synchsafe(file, 6);
  const frames: Id3Frame[] = [];
  let at = 10;
  while (at < end) {
    if (file[at] === 0) break; // padding
    const id = ascii(file.subarray(at, at + 4));
    if (!/^[A-Z0-9]{4}$/.test(id)) throw new Error(`no frame id at byte ${at} (read "${id}")`);
    const size = frameSize(at + 4);
    const body = file.subarray(at + 10, at + 10 + size);
    if (at + 10 + size > end) throw new Error(`frame ${id} at byte ${at} runs past the tag's end`);
    frames.push({ id, body });
    at += 10 + size;
  }
  if (at !== end && file[at] !== 0) throw new Error(`frames end at byte ${at}, the tag at ${end}`);
  return frames;
}

function nulTerminated(body: Uint8Array, from: number): [string, number] {
  const nul = body.indexOf(0, from);
  return [ascii(body.subarray(from, nul)), nul + 1];
}

/** A text frame's value: encoding 1 is UTF-16 with a byte-order mark, 3 is UTF-8 (2.4 only). */
function textFrameValue(body: Uint8Array): string {
  const decoders: Record<number, string> = { 1: 'utf-16', 3: 'utf-8' };
  const label = decoders[body[0]!];
  if (!label) throw new Error(`text encoding ${body[0]}, expected UTF-16 (1) or UTF-8 (3)`);
  const bytes = body.subarray(1);
  if (
    label === 'utf-16' &&
    !(bytes[0] === 0xff && bytes[1] === 0xfe) &&
    !(bytes[0] === 0xfe && bytes[1] === 0xff)
  )
    throw new Error('UTF-16 text without a byte-order mark');
  return new TextDecoder(label, { fatal: true }).decode(bytes).replace(/\0+$/, '');
}

export function id3v2Chapters(file: Uint8Array): Id3Chapter[] {
  return id3v2Frames(file)
    .filter((f) => f.id === 'CHAP')
    .map(({ body }) => {
      const [id, at] = nulTerminated(body, 0);
      const view = new DataView(body.buffer, body.byteOffset + at, 16);
      const sub = id3v2Frames(id3Wrap(body.subarray(at + 16), file[3]!));
      const title = sub.find((f) => f.id === 'TIT2');
      return {
        id,
        startMs: view.getUint32(0),
        endMs: view.getUint32(4),
        title: title ? textFrameValue(title.body) : '',
      };
    });
}

export function id3v2TablesOfContents(file: Uint8Array): Id3TableOfContents[] {
  return id3v2Frames(file)
    .filter((f) => f.id === 'CTOC')
    .map(({ body }) => {
      const [id, at] = nulTerminated(body, 0);
      const flags = body[at]!;
      const count = body[at + 1]!;
      const children: string[] = [];
      let p = at + 2;
      for (let i = 0; i < count; i++) {
        const [child, next] = nulTerminated(body, p);
        children.push(child);
        p = next;
      }
      return { id, topLevel: (flags & 2) !== 0, ordered: (flags & 1) !== 0, children };
    });
}

/** The text of a top-level text frame (TIT2, TALB...). */
export function id3v2Text(file: Uint8Array, id: string): string | undefined {
  const frame = id3v2Frames(file).find((f) => f.id === id);
  return frame ? textFrameValue(frame.body) : undefined;
}

/** Embedded sub-frames (inside CHAP) walked as a tag of their own, of the outer tag's version. */
function id3Wrap(frames: Uint8Array, version: number): Uint8Array {
  const n = frames.length;
  const size = [(n >> 21) & 0x7f, (n >> 14) & 0x7f, (n >> 7) & 0x7f, n & 0x7f];
  const out = new Uint8Array(10 + n);
  out.set([0x49, 0x44, 0x33, version, 0, 0, ...size]);
  out.set(frames, 10);
  return out;
}
