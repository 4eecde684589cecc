import { latin1 } from './bytes.ts';
import { mp3FrameSamples, readMp3FrameHeader } from './mp3-frames.ts';

// The first frame of an MP3 as LAME writes it: a silent frame carrying the Xing/Info header
// (frame count, byte count, seek table) and the LAME tag (encoder delay and padding, which
// decoders remove: ffmpeg, mpg123, Apple and Android players play the audio at its own times and
// length). "Info", not "Xing", marks a CBR stream, and at the stream's own bitrate the frame keeps
// every frame of a CBR file at one bitrate (ACX checks both).
// Layout: the Xing header (Xing/Info spec, Gabriel Bouvigne's "Mp3 info tag rev 1 specifications").

/** LAME's own delay: the samples its encoder puts before the audio (the decoder adds 529 more). */
export const LAME_ENCODER_DELAY = 576;

/** Xing flags: frames, bytes, TOC and quality fields present (LAME writes all four). */
const XING_FLAGS = 0x0f;
/** Bytes from the Xing/Info id to the end of the LAME tag. */
const TAG_BYTES = 120 + 36;

const BITRATES: Record<1 | 2, number[]> = {
  1: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};

const mpegOf = (sampleRate: number): 1 | 2 => (sampleRate >= 32_000 ? 1 : 2);

/** Where the Xing id sits: after the header and the (all-zero) side information. */
function xingOffset(mpeg: 1 | 2, mono: boolean): number {
  return 4 + (mpeg === 1 ? (mono ? 17 : 32) : mono ? 9 : 17);
}

function frameBytes(mpeg: 1 | 2, kbps: number, sampleRate: number): number {
  return Math.floor(((mpeg === 1 ? 144 : 72) * kbps * 1000) / sampleRate);
}

/**
 * The Info frame's bitrate index and size in bytes: the stream's own bitrate (`bitrate`, bits per
 * second) when its frame holds the tag, else the lowest that does. Known before encoding, so the
 * frame's room can be kept at the start of the stream.
 */
export function infoFrameLayout(
  sampleRate: number,
  channels: number,
  bitrate: number,
): { bitrateIndex: number; size: number } {
  const mpeg = mpegOf(sampleRate);
  const needed = xingOffset(mpeg, channels === 1) + TAG_BYTES;
  const table = BITRATES[mpeg];
  const own = table.indexOf(Math.round(bitrate / 1000));
  const fits = (i: number) => frameBytes(mpeg, table[i]!, sampleRate) >= needed;
  let index = own > 0 && fits(own) ? own : -1;
  for (let i = 1; index < 0 && i < table.length; i++) if (fits(i)) index = i;
  if (index < 0) throw new Error(`MP3 export: no bitrate at ${sampleRate} Hz holds the Info frame`);
  return { bitrateIndex: index, size: frameBytes(mpeg, table[index]!, sampleRate) };
}

/** What the stream after the Info frame holds, as Mp3StreamScan found it. */
export interface Mp3StreamSummary {
  /** The first audio frame's header (4 bytes): version, rate and channel mode to copy. */
  firstHeader: Uint8Array;
  /** Audio frames (the Info frame not counted, as LAME and ffmpeg count them). */
  frames: number;
  /** Bytes of the audio frames. */
  bytes: number;
  /** Byte offset of every audio frame from the first. */
  positions: Uint32Array;
  /** Every audio frame has the same bitrate. */
  constantBitrate: boolean;
  /** The bitrate of the first audio frame, kbps. */
  kbps: number;
  /** CRC-16 of the audio frames' bytes (the LAME tag's music CRC). */
  crc: number;
}

/**
 * The Info frame for a stream of `sourceFrames` samples per channel (the audio as sent to the
 * encoder), whose encoder put `delay` samples before it. Padding, the samples after it, is what
 * the frames hold beyond delay and audio (12 bits each, per the LAME tag).
 */
export function mp3InfoFrame(
  stream: Mp3StreamSummary,
  sourceFrames: number,
  layout: { bitrateIndex: number; size: number },
  delay = LAME_ENCODER_DELAY,
): Uint8Array {
  const header = readMp3FrameHeader(stream.firstHeader);
  const samples = mp3FrameSamples(header.sampleRate);
  const padding = stream.frames * samples - delay - sourceFrames;
  if (padding < 0 || padding > 4095 || delay > 4095)
    throw new Error(
      `MP3 export: ${stream.frames} frames cannot hold ${sourceFrames} samples after a delay of ${delay}`,
    );
  const out = new Uint8Array(layout.size);
  const view = new DataView(out.buffer);
  out.set(stream.firstHeader.subarray(0, 4));
  out[1]! |= 1; // no CRC
  out[2] = (layout.bitrateIndex << 4) | (out[2]! & 0x0c); // no padding slot, private bit clear
  out[3]! &= 0xcf; // mode extension 0: nothing is coded in this frame
  const x = xingOffset(header.mpeg, header.mono);
  const total = layout.size + stream.bytes;
  out.set(latin1(stream.constantBitrate ? 'Info' : 'Xing'), x);
  view.setUint32(x + 4, XING_FLAGS);
  view.setUint32(x + 8, stream.frames);
  view.setUint32(x + 12, total);
  for (let i = 0; i < 100; i++) {
    const frame = Math.floor((stream.frames * i) / 100);
    const at = layout.size + (stream.positions[frame] ?? stream.bytes);
    out[x + 16 + i] = Math.min(255, Math.floor((256 * at) / total));
  }
  // x + 116: quality (0: unknown). The LAME tag:
  const lame = x + 120;
  out.set(latin1('LAME3.100'), lame);
  out[lame + 9] = stream.constantBitrate ? 1 : 4; // tag revision 0; method: CBR, or VBR
  out[lame + 20] = Math.min(255, stream.kbps);
  out[lame + 21] = delay >> 4;
  out[lame + 22] = ((delay & 0x0f) << 4) | (padding >> 8);
  out[lame + 23] = padding & 0xff;
  view.setUint32(lame + 28, total);
  view.setUint16(lame + 32, stream.crc);
  view.setUint16(lame + 34, crc16(out.subarray(0, lame + 34)));
  return out;
}

/**
 * Walks an MP3 stream (Layer III frames back to back, no tags) fed in pieces of any size:
 * counts and places the frames, checks their bitrates, and sums the music CRC.
 */
export class Mp3StreamScan {
  private positions = new Uint32Array(4096);
  private frames = 0;
  private offset = 0;
  private nextFrame = 0;
  private carry = new Uint8Array(0);
  private first: Uint8Array | undefined;
  private firstIndex = -1;
  private constant = true;
  private crc = 0;

  push(bytes: Uint8Array): void {
    this.crc = crc16(bytes, this.crc);
    // A header may straddle two pieces: keep the last 3 bytes for the next.
    const data = this.carry.length > 0 ? joined(this.carry, bytes) : bytes;
    const base = this.offset - this.carry.length;
    while (this.nextFrame + 4 <= base + data.length) {
      const at = this.nextFrame - base;
      const header = readMp3FrameHeader(data.subarray(at, at + 4));
      if (!this.first) {
        this.first = data.slice(at, at + 4);
        this.firstIndex = header.bitrateIndex;
      } else if (header.bitrateIndex !== this.firstIndex) this.constant = false;
      this.place(this.nextFrame);
      this.nextFrame += header.size;
    }
    this.offset += bytes.length;
    const keep = Math.max(0, Math.min(3, base + data.length - this.nextFrame));
    this.carry = data.slice(data.length - keep);
  }

  result(): Mp3StreamSummary {
    if (!this.first || this.nextFrame !== this.offset)
      throw new Error(`MP3 export: the stream does not end on a whole frame (${this.offset} bytes)`);
    const header = readMp3FrameHeader(this.first);
    return {
      firstHeader: this.first,
      frames: this.frames,
      bytes: this.offset,
      positions: this.positions.subarray(0, this.frames),
      constantBitrate: this.constant,
      kbps: BITRATES[header.mpeg][header.bitrateIndex]!,
      crc: this.crc,
    };
  }

  private place(position: number): void {
    if (this.frames === this.positions.length) {
      const grown = new Uint32Array(this.positions.length * 2);
      grown.set(this.positions);
      this.positions = grown;
    }
    this.positions[this.frames++] = position;
  }
}

function joined(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

const CRC_TABLE = Uint16Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xa001 : c >>> 1;
  return c;
});

/** CRC-16/ARC (polynomial 0x8005 reflected, as LAME and ffmpeg compute the tag's CRCs). */
export function crc16(bytes: Uint8Array, crc = 0): number {
  let c = crc;
  for (let i = 0; i < bytes.length; i++) c = (c >>> 8) ^ CRC_TABLE[(c ^ bytes[i]!) & 0xff]!;
  return c;
}

/** The Xing-family tag a frame carries: "Info" (CBR), "Xing" (VBR), or none (an audio frame). */
export function infoTagOf(frame: Uint8Array): 'Info' | 'Xing' | undefined {
  const header = readMp3FrameHeader(frame);
  const at = xingOffset(header.mpeg, header.mono);
  // A CRC moves it 2 bytes on, though some writers (mediabunny) set the CRC bit and do not.
  for (const id of [at, at + 2].map((x) => String.fromCharCode(...frame.subarray(x, x + 4))))
    if (id === 'Info' || id === 'Xing') return id;
  return undefined;
}
