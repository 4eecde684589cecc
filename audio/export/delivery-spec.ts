import { InputError } from '../../cues/input-error.ts';

// What a delivery preset promises about the file beyond its loudness: channel count, sample rate,
// bitrate, the formats it may be, and for ACX one file per chapter. The export makes the file so
// (folding or spreading channels, resampling) rather than passing the recording's own through.

export type DeliveryFormatName = 'mp3' | 'm4b' | 'flac' | 'opus' | 'wav';

export interface DeliverySpec {
  /**
   * Channels of the delivered file: a stereo mix is folded to mono (mean), mono spread to both,
   * surround folded to stereo (ITU-R BS.775, audio/dsp/channel-fold.ts).
   */
  channels?: 1 | 2;
  /** Sample rate of the delivered file, Hz (Opus is always 48 kHz, as its decoders play it). */
  sampleRate?: number;
  /** Bits per second of MP3 (CBR), AAC and Opus unless --bitrate says otherwise. */
  bitrate?: number;
  /** A lower --bitrate is refused. */
  minBitrate?: number;
  /** The only formats delivered. */
  formats?: readonly DeliveryFormatName[];
  /** One file per chapter, with room tone: head and tail seconds allowed, [least, most]. */
  perChapter?: { head: readonly [number, number]; tail: readonly [number, number] };
  /** Each file's own gain brings its RMS (the whole file, room tone included) here, dBFS. */
  fileRms?: number;
  /** Delivered files are read back and checked against these requirements. */
  check?: 'acx';
}

/** The delivered file's shape: what the encoder is given. */
export interface DeliveryShape {
  sampleRate: number;
  channels: number;
  bitrate?: number;
}

/**
 * The shape a recording of `source` takes under `spec` in `format`; a format or bitrate the preset
 * does not deliver is refused by name (`preset` names it in the message).
 */
export function deliveryShape(
  source: { sampleRate: number; channels: number },
  format: DeliveryFormatName,
  spec: DeliverySpec | undefined,
  preset: string,
  bitrate?: number,
): DeliveryShape {
  refuseUndelivered(format, spec, preset, bitrate);
  // Deliveries are mono or stereo: surround is folded to stereo. (MP3 and Opus carry two channels
  // at most, and FLAC, M4B and WAV writers label other counts by guess: 3 channels as 2.1.)
  const channels = spec?.channels ?? Math.min(source.channels, 2);
  // Opus plays at 48 kHz whatever it is given (its encoder converts): no second conversion.
  const rate = format === 'opus' ? source.sampleRate : (spec?.sampleRate ?? source.sampleRate);
  const chosen = bitrate ?? spec?.bitrate;
  return { sampleRate: rate, channels, ...(chosen !== undefined ? { bitrate: chosen } : {}) };
}

/** Refuses, before any work, a format or bitrate the preset does not deliver. */
export function refuseUndelivered(
  format: DeliveryFormatName,
  spec: DeliverySpec | undefined,
  preset: string,
  bitrate?: number,
): void {
  if (spec?.formats && !spec.formats.includes(format))
    throw new InputError(
      `${preset} delivers ${spec.formats.map((f) => f.toUpperCase()).join(' or ')}, not ${format.toUpperCase()}: name the output .${spec.formats[0]}`,
    );
  if (bitrate !== undefined && spec?.minBitrate !== undefined && bitrate < spec.minBitrate)
    throw new InputError(
      `${preset} needs ${spec.minBitrate / 1000} kbps or more; --bitrate ${bitrate / 1000}k is too low`,
    );
}
