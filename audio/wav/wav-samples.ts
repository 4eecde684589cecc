import type { WavLayout } from './wav-header.ts';

/**
 * Interleaved WAV sample bytes → one Float32Array per channel. `bytes` must hold whole frames.
 */
export function decodeWavSamples(bytes: Uint8Array, layout: WavLayout): Float32Array[] {
  const { channels: n, bitsPerSample, sampleFormat } = layout;
  const bytesPerSample = bitsPerSample / 8;
  const frames = Math.floor(bytes.length / (bytesPerSample * n));
  const out = Array.from({ length: n }, () => new Float32Array(frames));
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

function sampleReader(view: DataView, bits: number, format: 'int' | 'float'): (at: number) => number {
  if (format === 'float')
    return bits === 32 ? (at) => view.getFloat32(at, true) : (at) => view.getFloat64(at, true);
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
