// The MPEG-4 AudioSpecificConfig (ISO/IEC 14496-3 §1.6.2.1): what an AAC decoder is told
// before the first frame. Its one trap for us: a config that names AAC-LC at 24 kHz or below and
// says nothing about SBR leaves the decoder to assume SBR may follow ("implicit signalling",
// §1.6.5.2). FAAD2 then upsamples every such stream to twice the rate, whether or not any SBR data
// arrives; ffmpeg decodes it at its own rate unless SBR data does arrive. The explicit form below
// (sync extension 0x2b7, SBR object type, sbrPresentFlag 0) is what ffmpeg's encoder writes.

export const AAC_RATES = [
  96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350,
] as const;

/** Audio object type 2: AAC low complexity. */
export const AAC_LC = 2;

export interface AacConfig {
  /** Audio object type (2 = AAC-LC, 5 = SBR, 29 = PS). */
  objectType: number;
  /** The core coder's rate, Hz (half the output's when SBR is present). */
  sampleRate: number;
  /** Channel configuration 1-7 (0: the layout is in a program config element). */
  channelConfig: number;
  /** 'explicit': the config says whether SBR is present; 'implicit': it leaves it open. */
  sbrSignalling: 'explicit' | 'implicit';
}

class Bits {
  private at = 0;
  private readonly bytes: Uint8Array;
  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }
  get left(): number {
    return this.bytes.length * 8 - this.at;
  }
  read(n: number): number {
    let value = 0;
    for (let i = 0; i < n; i++, this.at++) {
      const byte = this.bytes[this.at >> 3];
      if (byte === undefined) throw new RangeError('AudioSpecificConfig ends early');
      value = value * 2 + ((byte >> (7 - (this.at & 7))) & 1);
    }
    return value;
  }
}

/** Reads the fields we act on; throws RangeError on a config too short to hold them. */
export function parseAudioSpecificConfig(asc: Uint8Array): AacConfig {
  const bits = new Bits(asc);
  const objectType = () => {
    const t = bits.read(5);
    return t === 31 ? 32 + bits.read(6) : t;
  };
  const rate = () => {
    const index = bits.read(4);
    return index === 15 ? bits.read(24) : (AAC_RATES[index] ?? 0);
  };
  let type = objectType();
  const sampleRate = rate();
  const channelConfig = bits.read(4);
  if (type === 5 || type === 29) {
    // Hierarchical (explicit) SBR: the extension's rate, then the core's object type.
    rate();
    type = objectType();
    return { objectType: type, sampleRate, channelConfig, sbrSignalling: 'explicit' };
  }
  let sbrSignalling: AacConfig['sbrSignalling'] = 'implicit';
  if (type === AAC_LC && channelConfig > 0) {
    // GASpecificConfig: frameLengthFlag, dependsOnCoreCoder (+14 bits of delay), extensionFlag.
    bits.read(1);
    if (bits.read(1)) bits.read(14);
    bits.read(1);
    if (bits.left >= 16 && bits.read(11) === 0x2b7 && objectType() === 5) sbrSignalling = 'explicit';
  }
  return { objectType: type, sampleRate, channelConfig, sbrSignalling };
}

/**
 * The same config with SBR explicitly absent when it names plain AAC-LC (channel configuration
 * 1-7, no core coder) and leaves SBR open; any other config is returned as it is. 5 bytes.
 */
export function withSbrAbsent(asc: Uint8Array): Uint8Array {
  let config: AacConfig;
  try {
    config = parseAudioSpecificConfig(asc);
  } catch {
    return asc;
  }
  const plain =
    config.objectType === AAC_LC &&
    config.sbrSignalling === 'implicit' &&
    config.channelConfig > 0 &&
    (((asc[0]! & 7) << 1) | (asc[1]! >> 7)) !== 15 && // a rate by index: the GA flags sit in bits 13-15
    (asc[1]! & 0x07) === 0; // frameLengthFlag, dependsOnCoreCoder, extensionFlag all 0
  if (!plain) return asc;
  // 16 bits as given, then syncExtensionType 0x2b7 (11), SBR object type 5 (5), sbrPresentFlag 0.
  return Uint8Array.of(asc[0]!, asc[1]! & 0xf8, 0x56, 0xe5, 0x00);
}

/** The 2-byte config an ADTS header implies: object type = profile + 1 (§1.A.3.2.1). */
export function configFromAdts(profile: number, rateIndex: number, channelConfig: number): Uint8Array {
  const objectType = profile + 1;
  return Uint8Array.of((objectType << 3) | (rateIndex >> 1), ((rateIndex & 1) << 7) | (channelConfig << 3));
}
