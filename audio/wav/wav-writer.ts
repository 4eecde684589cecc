// WAV output: 16/24-bit PCM or 32-bit float, RIFF up to 4 GB and RF64 beyond, written as a header
// plus sample blocks so long renders stream instead of sitting in memory.

export interface WavSpec {
  sampleRate: number;
  channels: number;
  bitsPerSample: 16 | 24 | 32;
  float?: boolean;
  /** Write RF64 even below 4 GB (what recorders that may run long do). */
  rf64?: boolean;
}

const RIFF_LIMIT = 0xffffffff - 36;

/** The header for `frames` frames of audio (RF64 with a ds64 chunk when the data passes 4 GB). */
export function wavHeader(spec: WavSpec, frames: number): Uint8Array {
  const blockAlign = (spec.bitsPerSample / 8) * spec.channels;
  const dataBytes = frames * blockAlign;
  const rf64 = spec.rf64 === true || dataBytes > RIFF_LIMIT - 36;
  const header = new Uint8Array(rf64 ? 80 : 44);
  const view = new DataView(header.buffer);
  let at = 0;
  const text = (s: string) => {
    for (const ch of s) view.setUint8(at++, ch.charCodeAt(0));
  };
  const u32 = (v: number) => {
    view.setUint32(at, v, true);
    at += 4;
  };
  const u16 = (v: number) => {
    view.setUint16(at, v, true);
    at += 2;
  };
  const u64 = (v: number) => {
    view.setBigUint64(at, BigInt(v), true);
    at += 8;
  };
  text(rf64 ? 'RF64' : 'RIFF');
  u32(rf64 ? 0xffffffff : header.length - 8 + dataBytes);
  text('WAVE');
  if (rf64) {
    text('ds64');
    u32(28);
    u64(header.length - 8 + dataBytes);
    u64(dataBytes);
    u64(frames);
    u32(0);
  }
  text('fmt ');
  u32(16);
  u16(spec.float ? 3 : 1);
  u16(spec.channels);
  u32(spec.sampleRate);
  u32(spec.sampleRate * blockAlign);
  u16(blockAlign);
  u16(spec.bitsPerSample);
  text('data');
  u32(rf64 ? 0xffffffff : dataBytes);
  return header;
}

/** Interleaves float channels into WAV sample bytes (integer formats are clipped and rounded). */
export function encodeWavSamples(channels: Float32Array[], spec: WavSpec): Uint8Array {
  const frames = channels[0]?.length ?? 0;
  const bytesPerSample = spec.bitsPerSample / 8;
  const out = new Uint8Array(frames * channels.length * bytesPerSample);
  const view = new DataView(out.buffer);
  let at = 0;
  for (let f = 0; f < frames; f++) {
    for (const channel of channels) {
      const x = channel[f]!;
      if (spec.float) {
        view.setFloat32(at, x, true);
      } else if (spec.bitsPerSample === 16) {
        view.setInt16(at, Math.round(clip(x) * 32767), true);
      } else if (spec.bitsPerSample === 24) {
        const v = Math.round(clip(x) * 8388607);
        view.setUint8(at, v & 0xff);
        view.setUint8(at + 1, (v >> 8) & 0xff);
        view.setUint8(at + 2, (v >> 16) & 0xff);
      } else {
        view.setInt32(at, Math.round(clip(x) * 2147483647), true);
      }
      at += bytesPerSample;
    }
  }
  return out;
}

/** A whole WAV file in memory (tests, short renders). */
export function encodeWav(
  channels: Float32Array[],
  sampleRate: number,
  format: Omit<WavSpec, 'sampleRate' | 'channels'> = { bitsPerSample: 16 },
): Uint8Array {
  const spec: WavSpec = { sampleRate, channels: channels.length, ...format };
  const header = wavHeader(spec, channels[0]?.length ?? 0);
  const body = encodeWavSamples(channels, spec);
  const file = new Uint8Array(header.length + body.length);
  file.set(header);
  file.set(body, header.length);
  return file;
}

function clip(x: number): number {
  return Math.max(-1, Math.min(1, x));
}
