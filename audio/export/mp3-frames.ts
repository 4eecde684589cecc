// MPEG audio Layer III frames, as far as splicing two encodes needs them (ISO/IEC 11172-3 and
// 13818-3). A frame's main data need not lie in its own slot: `main_data_begin` points back into
// the slots of the frames before it (the bit reservoir). A frame cut from one encode and put
// after another's would read its start from the wrong bytes, so the first frame after a seam is
// rewritten to carry its main data itself (see reservoirFree).

export interface Mp3FrameHeader {
  /** 1 for MPEG-1 (32-48 kHz, 1152 samples a frame), 2 for MPEG-2 and 2.5 (576). */
  mpeg: 1 | 2;
  /** The version bits as written (3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5). */
  versionBits: number;
  bitrateIndex: number;
  sampleRate: number;
  padding: boolean;
  mono: boolean;
  crc: boolean;
  /** Bytes in the frame, header included. */
  size: number;
  /** Bytes of side information after the header (and CRC). */
  sideInfoSize: number;
}

const BITRATES: Record<1 | 2, number[]> = {
  1: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const SAMPLE_RATES: Record<number, number[]> = {
  3: [44_100, 48_000, 32_000],
  2: [22_050, 24_000, 16_000],
  0: [11_025, 12_000, 8_000],
};

/** Samples in one frame at a sample rate: 1152 for MPEG-1 rates, 576 below them. */
export function mp3FrameSamples(sampleRate: number): number {
  return sampleRate >= 32_000 ? 1152 : 576;
}

export function readMp3FrameHeader(frame: Uint8Array): Mp3FrameHeader {
  if (frame.length < 4 || frame[0] !== 0xff || (frame[1]! & 0xe0) !== 0xe0) {
    throw new Error('MP3 splice: not an MPEG audio frame');
  }
  const versionBits = (frame[1]! >> 3) & 3;
  const layerBits = (frame[1]! >> 1) & 3;
  if (versionBits === 1 || layerBits !== 1) throw new Error('MP3 splice: not a Layer III frame');
  const mpeg = versionBits === 3 ? 1 : 2;
  const bitrateIndex = frame[2]! >> 4;
  const rateIndex = (frame[2]! >> 2) & 3;
  if (bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) {
    throw new Error('MP3 splice: free-format or reserved frame header');
  }
  const sampleRate = SAMPLE_RATES[versionBits]![rateIndex]!;
  const padding = ((frame[2]! >> 1) & 1) === 1;
  const mono = frame[3]! >> 6 === 3;
  const crc = (frame[1]! & 1) === 0;
  return {
    mpeg,
    versionBits,
    bitrateIndex,
    sampleRate,
    padding,
    mono,
    crc,
    size: frameSize(mpeg, bitrateIndex, sampleRate, padding),
    sideInfoSize: mpeg === 1 ? (mono ? 17 : 32) : mono ? 9 : 17,
  };
}

function frameSize(mpeg: 1 | 2, bitrateIndex: number, sampleRate: number, padding: boolean): number {
  const perSecond = BITRATES[mpeg][bitrateIndex]! * 1000;
  return Math.floor(((mpeg === 1 ? 144 : 72) * perSecond) / sampleRate) + (padding ? 1 : 0);
}

/** Where the frame's side information starts, and its payload (main data slot) after it. */
function layout(header: Mp3FrameHeader): { sideInfo: number; payload: number } {
  const sideInfo = 4 + (header.crc ? 2 : 0);
  return { sideInfo, payload: sideInfo + header.sideInfoSize };
}

/** How far back (bytes, before this frame's slot) its main data starts. */
export function mainDataBegin(frame: Uint8Array): number {
  const header = readMp3FrameHeader(frame);
  const at = layout(header).sideInfo;
  return header.mpeg === 1 ? (frame[at]! << 1) | (frame[at + 1]! >> 7) : frame[at]!;
}

/** Length in bytes of the frame's main data: the sum of its granules' part2_3_length bits. */
export function mainDataLength(frame: Uint8Array): number {
  const header = readMp3FrameHeader(frame);
  const bits = new BitReader(frame, layout(header).sideInfo);
  const channels = header.mono ? 1 : 2;
  let total = 0;
  if (header.mpeg === 1) {
    bits.skip(9 + (header.mono ? 5 : 3) + 4 * channels); // main_data_begin, private, scfsi
    for (let granule = 0; granule < 2; granule++) {
      for (let c = 0; c < channels; c++) {
        total += bits.read(12);
        bits.skip(59 - 12);
      }
    }
  } else {
    bits.skip(8 + (header.mono ? 1 : 2));
    for (let c = 0; c < channels; c++) {
      total += bits.read(12);
      bits.skip(63 - 12);
    }
  }
  return Math.ceil(total / 8);
}

/** The bytes of a frame's slot after its header and side information. */
export function payloadOf(frame: Uint8Array): Uint8Array {
  return frame.subarray(layout(readMp3FrameHeader(frame)).payload);
}

/**
 * `frame` rewritten to need no bytes before it, or undefined when no bitrate's frame is large
 * enough. `before` holds the payloads of the frames that came before it in its own encode
 * (at least the last `mainDataBegin(frame)` bytes); `nextBegin` is the next frame's
 * main_data_begin. The new frame carries its own main data at main_data_begin 0, and ends with
 * the very bytes the next frame reaches back for, so that frame and all after it decode exactly
 * as they did in their own encode. Between the two lie filler bytes (ancillary data, ignored).
 */
export function reservoirFree(
  frame: Uint8Array,
  before: Uint8Array,
  nextBegin: number,
): Uint8Array | undefined {
  const header = readMp3FrameHeader(frame);
  if (header.crc) throw new Error('MP3 splice: CRC-protected frames are not supported');
  const begin = mainDataBegin(frame);
  if (begin > before.length) throw new Error('MP3 splice: the bytes before the frame are missing');
  // The main data stream as it stood up to the end of this frame's slot.
  const stream = concat(before.subarray(before.length - begin), payloadOf(frame));
  const own = stream.subarray(0, mainDataLength(frame));
  const tail = stream.subarray(stream.length - nextBegin);
  if (nextBegin > stream.length - own.length) throw new Error('MP3 splice: the next frame overlaps this one');
  const needed = header.sideInfoSize + own.length + tail.length;
  const { sideInfo, payload } = layout(header);
  for (let index = header.bitrateIndex; index <= 14; index++) {
    for (const padding of [false, true]) {
      const size = frameSize(header.mpeg, index, header.sampleRate, padding);
      if (size - sideInfo < needed) continue;
      const out = new Uint8Array(size);
      out.set(frame.subarray(0, payload));
      out[2] = (index << 4) | (out[2]! & 0x0c) | (padding ? 2 : 0) | (out[2]! & 1);
      // main_data_begin := 0 (9 bits in MPEG-1, 8 in MPEG-2).
      out[sideInfo] = 0;
      if (header.mpeg === 1) out[sideInfo + 1]! &= 0x7f;
      out.set(own, payload);
      out.set(tail, size - tail.length);
      return out;
    }
  }
  return undefined;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

class BitReader {
  private readonly bytes: Uint8Array;
  private bit: number;
  constructor(bytes: Uint8Array, start: number) {
    this.bytes = bytes;
    this.bit = start * 8;
  }
  read(count: number): number {
    let value = 0;
    for (let i = 0; i < count; i++, this.bit++) {
      value = (value << 1) | ((this.bytes[this.bit >> 3]! >> (7 - (this.bit & 7))) & 1);
    }
    return value;
  }
  skip(count: number): void {
    this.bit += count;
  }
}
