import { InputError } from '../../cues/input-error.ts';
import { configFromAdts } from './audio-specific-config.ts';

// ADTS (ISO/IEC 14496-3 Annex 1.A): each AAC frame behind a 7-byte header (9 with a CRC) that
// repeats the stream's config. We cut the bare frames out so the decoder can be given a config
// of our choosing (audio-specific-config.ts says why), fed in pieces of any size.

export interface AdtsHeader {
  /** The AudioSpecificConfig the header implies (2 bytes). */
  config: Uint8Array;
  /** Header bytes before the frame's payload. */
  headerBytes: number;
  /** Whole frame, header included. */
  frameBytes: number;
  rawBlocks: number;
}

/** The header at `at`, or undefined when no ADTS sync word is there. */
export function adtsHeaderAt(bytes: Uint8Array, at: number): AdtsHeader | undefined {
  if (at + 7 > bytes.length || bytes[at] !== 0xff || (bytes[at + 1]! & 0xf6) !== 0xf0) return undefined;
  const b2 = bytes[at + 2]!;
  const profile = b2 >> 6;
  const rateIndex = (b2 >> 2) & 15;
  const channelConfig = ((b2 & 1) << 2) | (bytes[at + 3]! >> 6);
  const frameBytes = ((bytes[at + 3]! & 3) << 11) | (bytes[at + 4]! << 3) | (bytes[at + 5]! >> 5);
  const headerBytes = bytes[at + 1]! & 1 ? 7 : 9;
  if (rateIndex > 12 || frameBytes <= headerBytes) return undefined;
  return {
    config: configFromAdts(profile, rateIndex, channelConfig),
    headerBytes,
    frameBytes,
    rawBlocks: (bytes[at + 6]! & 3) + 1,
  };
}

/** Cuts ADTS bytes, pushed in pieces, into bare AAC frames. Skips a leading ID3v2 tag. */
export class AdtsFramer {
  private pending: Uint8Array = new Uint8Array(0);
  private skip = 0;
  private started = false;
  /** The first frame's header: the stream's config. */
  first: AdtsHeader | undefined;

  push(chunk: Uint8Array): Uint8Array[] {
    let bytes = chunk;
    if (this.skip > 0) {
      const n = Math.min(this.skip, bytes.length);
      this.skip -= n;
      bytes = bytes.subarray(n);
    }
    const all = joined(this.pending, bytes);
    let at = 0;
    if (!this.started) {
      if (all.length < 10) {
        this.pending = all.slice();
        return [];
      }
      this.started = true;
      if (all[0] === 0x49 && all[1] === 0x44 && all[2] === 0x33) {
        // ID3v2: 10-byte header, syncsafe size, a footer when flagged.
        const size =
          ((all[6]! & 127) << 21) | ((all[7]! & 127) << 14) | ((all[8]! & 127) << 7) | (all[9]! & 127);
        at = 10 + size + (all[5]! & 0x10 ? 10 : 0);
        if (at > all.length) {
          this.skip = at - all.length;
          this.pending = new Uint8Array(0);
          return [];
        }
      }
    }
    const frames: Uint8Array[] = [];
    while (at + 7 <= all.length) {
      const header = adtsHeaderAt(all, at);
      if (!header) {
        // Resynchronise on the next sync word (a damaged frame, trailing tags): as ffmpeg does.
        at++;
        continue;
      }
      if (at + header.frameBytes > all.length) break;
      if (!this.first) {
        if (header.rawBlocks > 1)
          throw new InputError(
            `AAC (ADTS) with ${header.rawBlocks} raw data blocks per frame is not supported`,
          );
        this.first = header;
      }
      frames.push(all.slice(at + header.headerBytes, at + header.frameBytes));
      at += header.frameBytes;
    }
    this.pending = all.slice(at);
    return frames;
  }
}

function joined(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
