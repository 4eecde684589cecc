import { InputError } from '../../cues/input-error.ts';

// The AAC track of an MP4/M4A/M4B (ISO/IEC 14496-12 and -14), read from the moov box alone: its
// AudioSpecificConfig from esds (the channel count and rate the codec uses: the mp4a sample
// entry's own fields are often a fixed 2 channels), where its samples lie, and the boxes that
// say which stretch of the decoded samples is presented (edit list, iTunSMPB).

export interface Mp4AacTrack {
  /** DecoderSpecificInfo of the esds: the AudioSpecificConfig. */
  asc: Uint8Array;
  /** Bodies (after the 8-byte header) of the boxes that set the presentation window. */
  boxes: { mvhd?: Uint8Array; mdhd?: Uint8Array; elst?: Uint8Array; stts?: Uint8Array; ilst?: Uint8Array };
  /** Byte size of each sample (one AAC frame each). */
  sampleSizes: Uint32Array;
  /** File offset of each chunk, and how many samples each holds. */
  chunkOffsets: number[];
  samplesPerChunk: number[];
}

interface Box {
  type: string;
  body: Uint8Array;
}

function* boxesIn(bytes: Uint8Array): Generator<Box> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  while (at + 8 <= bytes.length) {
    let size = view.getUint32(at);
    let header = 8;
    if (size === 1 && at + 16 <= bytes.length) {
      size = view.getUint32(at + 8) * 2 ** 32 + view.getUint32(at + 12);
      header = 16;
    } else if (size === 0) size = bytes.length - at;
    if (size < header || at + size > bytes.length)
      throw new InputError('corrupt MP4: a box runs past its parent');
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    yield { type, body: bytes.subarray(at + header, at + size) };
    at += size;
  }
}

function child(body: Uint8Array, type: string): Uint8Array | undefined {
  for (const box of boxesIn(body)) if (box.type === type) return box.body;
  return undefined;
}

function path(body: Uint8Array | undefined, ...types: string[]): Uint8Array | undefined {
  let at = body;
  for (const type of types) at = at && child(at, type);
  return at;
}

const u32 = (b: Uint8Array, at: number) =>
  ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;

/**
 * The first AAC audio track of a moov box's body, or undefined when it has none (another codec,
 * or a fragmented file whose samples live in moof boxes). Throws InputError on broken tables.
 */
export function readMp4AacTrack(moov: Uint8Array): Mp4AacTrack | undefined {
  const mvhd = child(moov, 'mvhd');
  const meta = path(moov, 'udta', 'meta');
  // meta is a full box: 4 bytes of version and flags before its children.
  const ilst = meta && meta.length > 4 ? child(meta.subarray(4), 'ilst') : undefined;
  for (const trak of boxesIn(moov)) {
    if (trak.type !== 'trak') continue;
    const mdia = child(trak.body, 'mdia');
    const hdlr = mdia && child(mdia, 'hdlr');
    if (!hdlr || String.fromCharCode(...hdlr.subarray(8, 12)) !== 'soun') continue;
    const stbl = path(mdia, 'minf', 'stbl');
    const stsd = stbl && child(stbl, 'stsd');
    const asc = stsd && aacConfigOf(stsd);
    if (!stbl || !asc) continue;
    const stsz = child(stbl, 'stsz');
    const stsc = child(stbl, 'stsc');
    const stco = child(stbl, 'stco');
    const co64 = child(stbl, 'co64');
    if (!stsz || !stsc || !(stco || co64))
      throw new InputError('corrupt MP4: the audio track has no sample table');
    const sampleSizes = sizesOf(stsz);
    if (sampleSizes.length === 0) return undefined; // fragmented: samples are in moof boxes
    const chunkOffsets = stco ? offsets32(stco) : offsets64(co64!);
    const elst = path(trak.body, 'edts', 'elst');
    const mdhd = child(mdia, 'mdhd');
    const stts = child(stbl, 'stts');
    return {
      asc,
      boxes: {
        ...(mvhd ? { mvhd } : {}),
        ...(mdhd ? { mdhd } : {}),
        ...(elst ? { elst } : {}),
        ...(stts ? { stts } : {}),
        ...(ilst ? { ilst } : {}),
      },
      sampleSizes,
      chunkOffsets,
      samplesPerChunk: perChunk(stsc, chunkOffsets.length, sampleSizes.length),
    };
  }
  return undefined;
}

/** The AudioSpecificConfig of an mp4a entry whose esds names MPEG-4 audio (0x40). */
function aacConfigOf(stsd: Uint8Array): Uint8Array | undefined {
  for (const entry of boxesIn(stsd.subarray(8))) {
    if (entry.type !== 'mp4a') continue;
    // Sound sample entry: 8 reserved/reference bytes, then 20 bytes (QuickTime version 1: +16, 2: +36).
    const version = (entry.body[8]! << 8) | entry.body[9]!;
    const head = version === 1 ? 44 : version === 2 ? 64 : 28;
    const children = entry.body.subarray(head);
    const esds = child(children, 'esds') ?? path(children, 'wave', 'esds');
    if (esds) return decoderSpecificInfo(esds);
  }
  return undefined;
}

/** ES_Descriptor (tag 3) > DecoderConfigDescriptor (4) > DecoderSpecificInfo (5), §7.2.6 of 14496-1. */
function decoderSpecificInfo(esds: Uint8Array): Uint8Array | undefined {
  let at = 4; // full box version and flags
  let objectType = -1;
  while (at < esds.length) {
    const tag = esds[at++]!;
    let length = 0;
    for (let i = 0; i < 4; i++) {
      const b = esds[at++] ?? 0;
      length = (length << 7) | (b & 127);
      if (!(b & 128)) break;
    }
    if (tag === 3) {
      const flags = esds[at + 2]!;
      at += 3;
      if (flags & 0x80) at += 2; // dependsOn_ES_ID
      if (flags & 0x40) at += 1 + esds[at]!; // URL
      if (flags & 0x20) at += 2; // OCR_ES_Id
    } else if (tag === 4) {
      objectType = esds[at]!;
      at += 13;
    } else if (tag === 5) {
      return objectType === 0x40 ? esds.slice(at, at + length) : undefined;
    } else at += length;
  }
  return undefined;
}

function sizesOf(stsz: Uint8Array): Uint32Array {
  const fixed = u32(stsz, 4);
  const count = u32(stsz, 8);
  if (fixed) return new Uint32Array(count).fill(fixed);
  if (12 + count * 4 > stsz.length) throw new InputError('corrupt MP4: the sample size table is cut short');
  const sizes = new Uint32Array(count);
  for (let i = 0; i < count; i++) sizes[i] = u32(stsz, 12 + i * 4);
  return sizes;
}

function offsets32(stco: Uint8Array): number[] {
  const count = u32(stco, 4);
  if (8 + count * 4 > stco.length) throw new InputError('corrupt MP4: the chunk offset table is cut short');
  return Array.from({ length: count }, (_, i) => u32(stco, 8 + i * 4));
}

function offsets64(co64: Uint8Array): number[] {
  const count = u32(co64, 4);
  if (8 + count * 8 > co64.length) throw new InputError('corrupt MP4: the chunk offset table is cut short');
  return Array.from({ length: count }, (_, i) => u32(co64, 8 + i * 8) * 2 ** 32 + u32(co64, 12 + i * 8));
}

/** stsc runs (first chunk, samples per chunk) expanded to one count per chunk, capped at the samples. */
function perChunk(stsc: Uint8Array, chunks: number, samples: number): number[] {
  const runs = u32(stsc, 4);
  if (runs === 0 || 8 + runs * 12 > stsc.length)
    throw new InputError('corrupt MP4: the sample-to-chunk table is broken');
  const out: number[] = [];
  let left = samples;
  for (let r = 0; r < runs; r++) {
    const first = u32(stsc, 8 + r * 12);
    const next = r + 1 < runs ? u32(stsc, 8 + (r + 1) * 12) : chunks + 1;
    const each = u32(stsc, 12 + r * 12);
    for (let c = first; c < next && out.length < chunks; c++) {
      const n = Math.min(each, left);
      out.push(n);
      left -= n;
    }
  }
  return out;
}
