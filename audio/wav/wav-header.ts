import { InputError } from '../../cues/input-error.ts';
import { clockTime } from '../../cues/sidecars/timecode.ts';

// RIFF/WAVE and RF64 headers: PCM 8/16/24/32-bit, IEEE float 32/64, WAVE_FORMAT_EXTENSIBLE.

export interface WavLayout {
  sampleFormat: 'int' | 'float';
  bitsPerSample: number;
  channels: number;
  sampleRate: number;
  /** Byte offset of the first sample in the file. */
  dataOffset: number;
  dataBytes: number;
  frames: number;
  rf64: boolean;
  /**
   * Bytes of samples the data chunk declares but the file does not hold (a recording cut short:
   * a copy stopped early, a full disk). What is there is read, as ffmpeg and sox do; callers say
   * how much is missing (wavMissing). Absent when the file holds what it declares.
   */
  missingBytes?: number;
}

const FORMAT_PCM = 1;
const FORMAT_FLOAT = 3;
const FORMAT_EXTENSIBLE = 0xfffe;

export function isWav(head: Uint8Array): boolean {
  const id = ascii(head, 0, 4);
  return (id === 'RIFF' || id === 'RF64' || id === 'BW64') && ascii(head, 8, 4) === 'WAVE';
}

/**
 * Reads the chunk list from the file's first bytes (`head`, enough to reach the data chunk) and
 * checks it against the real file size, so a truncated or corrupt file is named as such.
 */
export function readWavLayout(head: Uint8Array, fileSize: number): WavLayout {
  if (!isWav(head)) throw new InputError('not a WAV file (no RIFF/WAVE header)');
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const rf64 = ascii(head, 0, 4) !== 'RIFF';
  let ds64DataBytes: number | undefined;
  let fmt: Omit<WavLayout, 'dataOffset' | 'dataBytes' | 'frames' | 'rf64'> | undefined;
  let at = 12;
  while (at + 8 <= head.length) {
    const id = ascii(head, at, 4);
    let size = view.getUint32(at + 4, true);
    const body = at + 8;
    if ((id === 'ds64' || id === 'fmt ') && body + Math.min(size, 40) > head.length) {
      throw new InputError(`corrupt or truncated WAV: the ${id.trim()} chunk is cut off`);
    }
    if (id === 'ds64') {
      ds64DataBytes = Number(view.getBigUint64(body + 8, true));
    } else if (id === 'fmt ') {
      fmt = readFmt(view, body, size);
    } else if (id === 'data') {
      if (!fmt) throw new InputError('corrupt WAV: the data chunk comes before the fmt chunk');
      if (rf64 && size === 0xffffffff) {
        if (ds64DataBytes === undefined)
          throw new InputError('corrupt RF64: no ds64 chunk gives the data size');
        size = ds64DataBytes;
      }
      const frameBytes = (fmt.bitsPerSample / 8) * fmt.channels;
      const present = fileSize - body;
      // Some writers leave 0 or 0xFFFFFFFF when recording stopped early; trust the file then.
      const streaming = size === 0 || size === 0xffffffff;
      if (!streaming && present < frameBytes)
        throw new InputError(
          `truncated WAV: the data chunk declares ${size} bytes but only ${Math.max(0, present)} are in the file`,
        );
      const dataBytes = streaming ? present : Math.min(size, present);
      const cut = !streaming && size > present + frameBytes;
      return {
        ...fmt,
        dataOffset: body,
        dataBytes,
        frames: Math.floor(dataBytes / frameBytes),
        rf64,
        ...(cut ? { missingBytes: size - present } : {}),
      };
    }
    at = body + size + (size & 1);
  }
  throw new InputError(
    fmt ? 'corrupt or truncated WAV: no data chunk' : 'corrupt or truncated WAV: no fmt chunk',
  );
}

function readFmt(view: DataView, body: number, size: number) {
  if (size < 16) throw new InputError('corrupt WAV: the fmt chunk is too short');
  let tag = view.getUint16(body, true);
  const channels = view.getUint16(body + 2, true);
  const sampleRate = view.getUint32(body + 4, true);
  const bitsPerSample = view.getUint16(body + 14, true);
  if (tag === FORMAT_EXTENSIBLE && size >= 40) tag = view.getUint16(body + 24, true);
  const sampleFormat = tag === FORMAT_PCM ? 'int' : tag === FORMAT_FLOAT ? 'float' : undefined;
  if (!sampleFormat)
    throw new InputError(`unsupported WAV encoding (format tag 0x${tag.toString(16)}); use PCM or float`);
  const supported = sampleFormat === 'int' ? [8, 16, 24, 32] : [32, 64];
  if (!supported.includes(bitsPerSample)) {
    throw new InputError(`unsupported WAV sample size: ${bitsPerSample}-bit ${sampleFormat}`);
  }
  if (channels < 1 || channels > 64) throw new InputError(`corrupt WAV: ${channels} channels`);
  if (sampleRate < 1000 || sampleRate > 768_000)
    throw new InputError(`corrupt WAV: sample rate ${sampleRate} Hz`);
  return { sampleFormat, bitsPerSample, channels, sampleRate } as const;
}

function ascii(bytes: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + length));
}

/**
 * "truncated WAV: the header says 26.7 s, the file holds 17.5 s (9.2 s missing)": what a reader of
 * a cut-off WAV is told, the rest being read; undefined when nothing is missing. A length of an
 * hour or more is given as a clock ("the header says 37:16:53.400"): 134203.4 s reads as nothing.
 */
export function wavMissing(wav: WavLayout): string | undefined {
  if (!wav.missingBytes) return undefined;
  const bytesPerSecond = (wav.bitsPerSample / 8) * wav.channels * wav.sampleRate;
  const held = wav.dataBytes / bytesPerSecond;
  const missing = wav.missingBytes / bytesPerSecond;
  return `truncated WAV: the header says ${length(held + missing)}, the file holds ${length(held)} (${length(missing)} missing)`;
}

/** `seconds` as "43.3 s" under an hour (as rounded), else as clockTime's "37:16:43.400". */
function length(seconds: number): string {
  const tenths = seconds.toFixed(1);
  return Number(tenths) < 3600 ? `${tenths} s` : clockTime(seconds);
}
