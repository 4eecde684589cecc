import { closeSync, openSync, writeSync } from 'node:fs';
import { encodeWavSamples, type WavSpec, wavHeader } from '../../audio/wav/wav-writer.ts';

// A WAV file written block by block, its length known up front: the header, then each block's
// samples as they come (the same bytes encodeWav would give the whole). Synchronous writes: the
// mix renders on this thread anyway, and a block is a second or two of audio.

export interface WavFile {
  /** One block of every channel, in order. */
  write(channels: Float32Array[]): void;
  /** Closes the file; throws when the blocks did not add up to the frames announced. */
  close(): void;
}

/** Opens `path` for `frames` frames of `spec` (Error from the file system when it cannot be written). */
export function openWavFile(path: string, spec: WavSpec, frames: number): WavFile {
  const fd = openSync(path, 'w');
  let written = 0;
  try {
    writeSync(fd, wavHeader(spec, frames));
  } catch (error) {
    closeSync(fd);
    throw error;
  }
  return {
    write(channels) {
      writeSync(fd, encodeWavSamples(channels, spec));
      written += channels[0]?.length ?? 0;
    },
    close() {
      closeSync(fd);
      if (written !== frames) throw new Error(`${path}: wrote ${written} frames of ${frames}`);
    },
  };
}
