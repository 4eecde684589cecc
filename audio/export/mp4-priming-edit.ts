import { concat, u32be } from './bytes.ts';
import { box, childBoxes } from './mp4-chapters.ts';

// AAC encoders put priming samples before the audio (1024 here). An edit list says which stretch
// of the decoded samples is presented (ISO/IEC 14496-12 §8.6.6), as ffmpeg writes it for AAC:
// one edit starting at the priming and lasting exactly the audio. Readers that honour it (ffmpeg,
// Apple's players, our own reader) play the audio at its own times and length, so chapters need
// no shift and the sidecars beside the file share its timeline.

export interface PrimingEdit {
  /** Samples before the audio, at the sample rate. */
  priming: number;
  /** The audio's length in samples (per channel). */
  frames: number;
  sampleRate: number;
}

/**
 * The moov box (whole) with the sound track's edit list set to present `edit`, and its tkhd and
 * the mvhd durations made the audio's length, in the movie timescale already in mvhd.
 */
export function withPrimingEdit(moov: Uint8Array, edit: PrimingEdit): Uint8Array {
  const view = new DataView(moov.buffer, moov.byteOffset, moov.byteLength);
  const children = childBoxes(moov, 8, moov.length);
  const mvhd = children.find((b) => b.type === 'mvhd');
  if (!mvhd) throw new Error('MP4 export: moov has no mvhd');
  const mvhdBody = mvhd.start + mvhd.headerSize;
  const v1 = moov[mvhdBody] === 1;
  const movieScale = view.getUint32(mvhdBody + (v1 ? 20 : 12));
  const duration = Math.round((edit.frames * movieScale) / edit.sampleRate);
  const parts = children.map((child) => {
    const bytes = moov.slice(child.start, child.start + child.size);
    if (child.type === 'mvhd') setDuration(bytes, child.headerSize, v1 ? 24 : 16, duration);
    if (child.type !== 'trak' || !isSound(bytes, child.headerSize)) return bytes;
    return trakWithEdit(bytes, child.headerSize, edit, duration);
  });
  return box('moov', concat(parts));
}

function trakWithEdit(trak: Uint8Array, headerSize: number, edit: PrimingEdit, duration: number) {
  const kids = childBoxes(trak, headerSize, trak.length).filter((b) => b.type !== 'edts');
  const mdhd = find(trak, kids, 'mdia', 'mdhd');
  // Media time counts in the media timescale (mdhd), normally the sample rate.
  const mdhdView = new DataView(trak.buffer, trak.byteOffset + mdhd, 32);
  const mediaScale = mdhdView.getUint32(trak[mdhd] === 1 ? 20 : 12);
  const mediaTime = Math.round((edit.priming * mediaScale) / edit.sampleRate);
  const parts: Uint8Array[] = [];
  for (const kid of kids) {
    const bytes = trak.slice(kid.start, kid.start + kid.size);
    if (kid.type === 'tkhd')
      setDuration(bytes, kid.headerSize, bytes[kid.headerSize] === 1 ? 28 : 20, duration);
    parts.push(bytes);
    // The edit list follows tkhd (and tref, when there is one), before mdia.
    if (kid.type === 'tkhd' || kid.type === 'tref') {
      const next = kids[kids.indexOf(kid) + 1];
      if (next?.type !== 'tref') parts.push(editBox(duration, mediaTime));
    }
  }
  return box('trak', concat(parts));
}

function editBox(duration: number, mediaTime: number): Uint8Array {
  const wide = duration > 0xffffffff;
  const entry = wide
    ? concat([u64be(duration), u64be(mediaTime)])
    : concat([u32be(duration), u32be(mediaTime)]);
  const elst = concat([Uint8Array.of(wide ? 1 : 0, 0, 0, 0), u32be(1), entry, Uint8Array.of(0, 1, 0, 0)]);
  return box('edts', box('elst', elst));
}

function u64be(value: number): Uint8Array {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, BigInt(value));
  return out;
}

/** Sets a version-0 (32-bit) or version-1 (64-bit) duration `at` bytes into a full box's body. */
function setDuration(bytes: Uint8Array, headerSize: number, at: number, duration: number) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes[headerSize] === 1) view.setBigUint64(headerSize + at, BigInt(duration));
  else view.setUint32(headerSize + at, duration);
}

function isSound(trak: Uint8Array, headerSize: number): boolean {
  const kids = childBoxes(trak, headerSize, trak.length);
  const hdlr = find(trak, kids, 'mdia', 'hdlr');
  // version/flags, pre_defined, then the handler type.
  return String.fromCharCode(...trak.subarray(hdlr + 8, hdlr + 12)) === 'soun';
}

/** Where the body of trak/<parent>/<type> starts. */
function find(trak: Uint8Array, kids: ReturnType<typeof childBoxes>, parent: string, type: string): number {
  const outer = kids.find((b) => b.type === parent);
  const inner =
    outer &&
    childBoxes(trak, outer.start + outer.headerSize, outer.start + outer.size).find((b) => b.type === type);
  if (!inner) throw new Error(`MP4 export: the track has no ${parent}/${type}`);
  return inner.start + inner.headerSize;
}
