// MPEG audio Layer III frame headers and the Xing/Info + LAME tag, read from the specifications
// (ISO/IEC 11172-3 §2.4.1.3 and 13818-3 for the header, Gabriel Bouvigne's "Mp3 info tag rev 1
// specifications" for the tag), independent of our writers: every field by its bit position.

export interface MpegHeader {
  /** '1', '2' or '2.5'. */
  version: '1' | '2' | '2.5';
  layer: number;
  /** The protection bit is 0: a 16-bit CRC follows the header. */
  protected: boolean;
  bitrateKbps: number;
  sampleRate: number;
  padding: boolean;
  private: boolean;
  /** 0 stereo, 1 joint stereo, 2 dual channel, 3 single channel. */
  mode: number;
  modeExtension: number;
  copyright: boolean;
  original: boolean;
  emphasis: number;
  /** Bytes in the frame: 144·bitrate/rate (+1 with padding) for MPEG-1, 72·bitrate/rate below. */
  length: number;
  samples: number;
  /** Bytes of side information (Layer III): 32/17 (MPEG-1 stereo/mono), 17/9 (MPEG-2/2.5). */
  sideInfo: number;
}

// Layer III bitrates (kbps), index 1..14, ISO/IEC 11172-3 Table 3-B.2 and 13818-3 Table B.1.
const V1_L3 = [32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320];
const V2_L3 = [8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160];
const RATES = {
  '1': [44_100, 48_000, 32_000],
  '2': [22_050, 24_000, 16_000],
  '2.5': [11_025, 12_000, 8_000],
};

export function mpegHeader(bytes: Uint8Array, at = 0): MpegHeader {
  const h = ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
  const bits = (from: number, count: number) => (h >>> (32 - from - count)) & ((1 << count) - 1);
  if (bits(0, 11) !== 0x7ff) throw new Error(`no frame sync at ${at}`);
  const versionId = bits(11, 2);
  if (versionId === 1) throw new Error('reserved version');
  const version = versionId === 3 ? '1' : versionId === 2 ? '2' : '2.5';
  const layer = 4 - bits(13, 2);
  const index = bits(16, 4);
  if (index === 0 || index === 15) throw new Error('free or bad bitrate');
  const bitrateKbps = (version === '1' ? V1_L3 : V2_L3)[index - 1]!;
  const sampleRate = RATES[version][bits(20, 2)]!;
  const padding = bits(22, 1) === 1;
  const mode = bits(24, 2);
  const v1 = version === '1';
  const samples = v1 ? 1152 : 576;
  // samples/8 bytes per (bit per sample-second): 1152/8 = 144, 576/8 = 72.
  const length = Math.floor(((samples / 8) * bitrateKbps * 1000) / sampleRate) + (padding ? 1 : 0);
  return {
    version,
    layer,
    protected: bits(15, 1) === 0,
    bitrateKbps,
    sampleRate,
    padding,
    private: bits(23, 1) === 1,
    mode,
    modeExtension: bits(26, 2),
    copyright: bits(28, 1) === 1,
    original: bits(29, 1) === 1,
    emphasis: bits(30, 2),
    length,
    samples,
    sideInfo: v1 ? (mode === 3 ? 17 : 32) : mode === 3 ? 9 : 17,
  };
}

/** CRC-16/ARC, bit by bit (polynomial x^16 + x^15 + x^2 + 1, reflected, initial 0): the LAME tag's CRCs. */
export function crc16Arc(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
  }
  return crc;
}

export interface InfoTag {
  id: 'Xing' | 'Info';
  /** Where the id sits in the frame. */
  offset: number;
  flags: number;
  frames?: number;
  bytes?: number;
  toc?: number[];
  quality?: number;
  lame?: {
    version: string;
    revision: number;
    method: number;
    lowpass: number;
    bitrate: number;
    delay: number;
    padding: number;
    musicLength: number;
    musicCrc: number;
    tagCrc: number;
    /** CRC-16 of the frame's bytes before the tag CRC, as the tag CRC must be. */
    computedTagCrc: number;
  };
}

/** The Xing/Info header after the side information (no CRC), and the LAME tag after it. */
export function infoTag(frame: Uint8Array): InfoTag | undefined {
  const header = mpegHeader(frame);
  const offset = 4 + header.sideInfo;
  const id = String.fromCharCode(...frame.subarray(offset, offset + 4));
  if (id !== 'Xing' && id !== 'Info') return undefined;
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const flags = view.getUint32(offset + 4);
  let at = offset + 8;
  const tag: InfoTag = { id, offset, flags };
  if (flags & 1) {
    tag.frames = view.getUint32(at);
    at += 4;
  }
  if (flags & 2) {
    tag.bytes = view.getUint32(at);
    at += 4;
  }
  if (flags & 4) {
    tag.toc = Array.from(frame.subarray(at, at + 100));
    at += 100;
  }
  if (flags & 8) {
    tag.quality = view.getUint32(at);
    at += 4;
  }
  const l = at;
  const version = String.fromCharCode(...frame.subarray(l, l + 9));
  if (/^LAME/.test(version)) {
    tag.lame = {
      version,
      revision: frame[l + 9]! >> 4,
      method: frame[l + 9]! & 15,
      lowpass: frame[l + 10]!,
      bitrate: frame[l + 20]!,
      // 12 bits of delay, then 12 of padding.
      delay: (frame[l + 21]! << 4) | (frame[l + 22]! >> 4),
      padding: ((frame[l + 22]! & 15) << 8) | frame[l + 23]!,
      musicLength: view.getUint32(l + 28),
      musicCrc: view.getUint16(l + 32),
      tagCrc: view.getUint16(l + 34),
      computedTagCrc: crc16Arc(frame.subarray(0, l + 34)),
    };
  }
  return tag;
}
