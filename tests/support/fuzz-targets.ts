// Work the fuzz tests hand to the hang guard's worker (hang-guard.ts), shaped so the answer is
// small: a decode answers "decoded", not the samples.
import { readWavLayout, type WavLayout } from '../../audio/wav/wav-header.ts';
import { decodeWavSamples } from '../../audio/wav/wav-samples.ts';
import { decodeAudioFile } from '../../src/audio-io/decode-audio-file.ts';

/** Reads a WAV header as a file of `fileSize` bytes would have it, then decodes its whole frames. */
export function readWav(
  bytes: Uint8Array,
  fileSize: number,
): { layout: WavLayout; channels: Float32Array[] } {
  const layout = readWavLayout(bytes, fileSize);
  const body = bytes.subarray(Math.min(bytes.length, layout.dataOffset));
  const frameBytes = (layout.bitsPerSample / 8) * layout.channels;
  const whole = body.subarray(0, body.length - (body.length % frameBytes));
  return { layout, channels: decodeWavSamples(whole, layout) };
}

export async function decodes(path: string): Promise<'decoded'> {
  await decodeAudioFile(path);
  return 'decoded';
}
