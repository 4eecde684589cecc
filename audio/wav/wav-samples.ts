import type { WavLayout } from './wav-header.ts';

/**
 * Interleaved WAV sample bytes → one Float32Array per channel. `bytes` must hold whole frames.
 * With `reuse`, the result is views into those buffers, valid until the next call.
 */
export function decodeWavSamples(
  bytes: Uint8Array,
  layout: WavLayout,
  reuse?: Float32Array[],
): Float32Array[] {
  const { channels: n, bitsPerSample, sampleFormat } = layout;
  const bytesPerSample = bitsPerSample / 8;
  const frames = Math.floor(bytes.length / (bytesPerSample * n));
  // Streaming reuses one set of buffers per file: no garbage and no fresh pages per block.
  const out =
    reuse && reuse.length === n && reuse[0]!.length >= frames
      ? reuse.map((c) => c.subarray(0, frames))
      : Array.from({ length: n }, () => new Float32Array(frames));
  if (deinterleaveTyped(bytes, layout, frames, out)) return out;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const read = sampleReader(view, bitsPerSample, sampleFormat);
  let at = 0;
  for (let f = 0; f < frames; f++) {
    for (let c = 0; c < n; c++) {
      out[c]![f] = read(at);
      at += bytesPerSample;
    }
  }
  return out;
}

/**
 * A float sample that is NaN or infinite is damage, not sound (one would make loudness, the
 * limiter and the encoder produce NaN): it reads as silence. `x - x` is 0 only for finite x.
 */
function finite(x: number): number {
  return x - x === 0 ? x : 0;
}

function sampleReader(view: DataView, bits: number, format: 'int' | 'float'): (at: number) => number {
  if (format === 'float')
    return bits === 32
      ? (at) => finite(view.getFloat32(at, true))
      : (at) => finite(view.getFloat64(at, true));
  switch (bits) {
    case 8:
      return (at) => (view.getUint8(at) - 128) / 128;
    case 16:
      return (at) => view.getInt16(at, true) / 32768;
    case 24:
      return (at) =>
        (view.getUint8(at) | (view.getUint8(at + 1) << 8) | (view.getInt8(at + 2) << 16)) / 8388608;
    default:
      return (at) => view.getInt32(at, true) / 2147483648;
  }
}

/**
 * The common formats (16-bit integer, 32-bit float) read through a typed array when the bytes are
 * aligned: several times faster than a DataView call per sample. WAV is little-endian, as are the
 * platforms Cuewright runs on; the DataView path stays for everything else.
 */
function deinterleaveTyped(
  bytes: Uint8Array,
  layout: WavLayout,
  frames: number,
  out: Float32Array[],
): boolean {
  if (!LITTLE_ENDIAN) return false;
  const count = frames * layout.channels;
  if (layout.sampleFormat === 'int' && layout.bitsPerSample === 16 && bytes.byteOffset % 2 === 0) {
    deinterleaveInt16(new Int16Array(bytes.buffer, bytes.byteOffset, count), out);
    return true;
  }
  if (layout.sampleFormat === 'float' && layout.bitsPerSample === 32 && bytes.byteOffset % 4 === 0) {
    deinterleaveFloat32(new Float32Array(bytes.buffer, bytes.byteOffset, count), out);
    return true;
  }
  return false;
}

// Two copies on purpose: one loop per element type keeps each call site monomorphic (3x faster).
const INT16_SCALE = 1 / 32768;

function deinterleaveInt16(samples: Int16Array, out: Float32Array[]): void {
  const n = out.length;
  if (n === 1) {
    const channel = out[0]!;
    for (let i = 0; i < channel.length; i++) channel[i] = samples[i]! * INT16_SCALE;
    return;
  }
  for (let c = 0; c < n; c++) {
    const channel = out[c]!;
    for (let f = 0, i = c; f < channel.length; f++, i += n) channel[f] = samples[i]! * INT16_SCALE;
  }
}

function deinterleaveFloat32(samples: Float32Array, out: Float32Array[]): void {
  const n = out.length;
  for (let c = 0; c < n; c++) {
    const channel = out[c]!;
    for (let f = 0, i = c; f < channel.length; f++, i += n) {
      const x = samples[i]!;
      channel[f] = x - x === 0 ? x : 0; // finite(x), inlined in the hot loop
    }
  }
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
