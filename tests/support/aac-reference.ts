import { BufferTarget } from 'mediabunny';
import { AdtsFramer } from '../../audio/aac/adts-frames.ts';
import { MediaEncoder } from '../../audio/export/media-encoder.ts';
import { AacWasm } from '../../src/export/aac-wasm.ts';

// Shared by the AAC encoder tests: a test signal, its bare frames through whichever AAC encoder
// mediabunny has registered, and through the wasm encoder driven directly.

export const RATE = 22_050;

/** Two distinct channels: a tone each and a little deterministic noise, so every frame differs. */
export function stereo(frames: number): Float32Array[] {
  let seed = 1;
  const noise = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31 - 0.5;
  };
  return [440, 660].map((hz, c) =>
    Float32Array.from(
      { length: frames },
      (_, i) => (c ? -0.25 : 0.5) * Math.sin((2 * Math.PI * hz * i) / RATE) + 0.05 * noise(),
    ),
  );
}

/** Bare AAC frames from MediaEncoder's segment output (ADTS), fed in blocks of `block` frames. */
export async function framesThroughMediaEncoder(input: Float32Array[], block: number): Promise<Uint8Array[]> {
  const target = new BufferTarget();
  const spec = {
    format: 'm4b' as const,
    sampleRate: RATE,
    channels: 2,
    bitrate: 64_000,
    tags: {},
    chapters: [],
  };
  const encoder = await MediaEncoder.open(spec, target, true);
  const frames = input[0]!.length;
  for (let at = 0; at < frames; at += block) await encoder.push(input.map((c) => c.subarray(at, at + block)));
  await encoder.finish();
  return new AdtsFramer().push(new Uint8Array(target.buffer!));
}

/** The same through AacWasm in one call, the last frame padded with silence. */
export async function framesThroughWasm(input: Float32Array[]): Promise<Uint8Array[]> {
  const encoder = await AacWasm.open(2, RATE, 64_000);
  const frames = Math.ceil(input[0]!.length / encoder.frameSize) * encoder.frameSize;
  const interleaved = new Float32Array(frames * 2);
  input[0]!.forEach((x, i) => {
    interleaved[2 * i] = x;
    interleaved[2 * i + 1] = input[1]![i]!;
  });
  const out = [encoder.encode(interleaved), encoder.flush()];
  encoder.close();
  return out.flatMap(({ data, sizes }) => {
    let at = 0;
    return sizes.map((size) => {
      at += size;
      return data.slice(at - size, at);
    });
  });
}
