import { createReadStream } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
// audio-decode's own AAC package: its raw-frame decoder takes the config we give it (below).
import { decoder as aacDecoder, gapless } from '@audio/decode-aac';
import { AdtsFramer } from '../../audio/aac/adts-frames.ts';
import { withSbrAbsent } from '../../audio/aac/audio-specific-config.ts';
import { type Mp4AacTrack, readMp4AacTrack } from '../../audio/mp4/mp4-audio-track.ts';
import { InputError } from '../../cues/input-error.ts';

// AAC from ADTS and MP4, decoded by FAAD2 (wasm) from bare frames with a config we choose: a
// plain AAC-LC config at 24 kHz or below goes in with SBR explicitly absent, so the decoder runs
// at the stream's own rate and switches to twice it only if SBR data really arrives (as ffmpeg
// does). Left to its implicit default, FAAD2 doubles every such stream, and a reader that trusted
// the container's rate read it at twice its length. Rate and channels are the decoder's output's.

/** Decoded blocks: planar channels at `sampleRate` Hz. */
export type AacBlock = (channels: Float32Array[], sampleRate: number) => Promise<void>;

export interface AacSource {
  /** Rate and channel count of the decoded signal, from decoding its first frames. */
  sampleRate: number;
  channels: number;
  /** Decodes the whole stream in order; `onProgress` gets the fraction of bytes read. */
  decode(onBlock: AacBlock, onProgress?: (fraction: number) => void): Promise<void>;
}

/** Frames handed to the decoder per call. */
const BATCH = 64;
/** Frames decoded to learn the signal's rate and channels (SBR shows in the first frame's data). */
const PROBE_FRAMES = 8;

/**
 * Opens an ADTS or MP4 file for decoding, or returns undefined for an MP4 this reader does not
 * take (no AAC track, or fragmented): the caller decodes it another way. InputError on a broken file.
 */
export async function openAac(
  path: string,
  format: 'aac' | 'm4a',
  size: number,
): Promise<AacSource | undefined> {
  const frames = format === 'aac' ? adtsFrames(path, size) : await mp4Frames(path, size);
  if (!frames) return undefined;
  const signal = await probeSignal(frames);
  return { ...signal, decode: (onBlock, onProgress) => decodeAll(frames, onBlock, onProgress) };
}

/** A way to read a file's AAC frames, in order, with the config they are decoded with. */
interface FrameSource {
  config(): Promise<{ asc: Uint8Array; window?: { start: number; duration?: number } }>;
  batches(onProgress?: (fraction: number) => void): AsyncGenerator<Uint8Array[]>;
}

async function makeDecoder(frames: FrameSource, trim: boolean) {
  const { asc, window } = await frames.config();
  try {
    return await aacDecoder({ asc: withSbrAbsent(asc), ...(trim && window ? { gapless: window } : {}) });
  } catch (error) {
    throw new InputError(`unsupported or corrupt AAC config (${(error as Error).message})`);
  }
}

async function probeSignal(frames: FrameSource): Promise<{ sampleRate: number; channels: number }> {
  const decoder = await makeDecoder(frames, false);
  try {
    let seen = 0;
    for await (const batch of frames.batches()) {
      for (const frame of batch) {
        const out = decoder.decode(frame);
        seen++;
        const channels = out.channelData.length;
        // FAAD2 holds its first frame back: the second one shows the stream's real output.
        if (channels > 0 && out.sampleRate > 0) return { sampleRate: out.sampleRate, channels };
        if (seen >= PROBE_FRAMES) break;
      }
      if (seen >= PROBE_FRAMES) break;
    }
  } finally {
    decoder.free();
  }
  throw new InputError('no AAC frame could be decoded');
}

async function decodeAll(frames: FrameSource, onBlock: AacBlock, onProgress?: (fraction: number) => void) {
  const decoder = await makeDecoder(frames, true);
  try {
    for await (const batch of frames.batches(onProgress)) {
      const out = decoder.decode(batch);
      if (out.channelData.length > 0 && out.channelData[0]!.length > 0)
        await onBlock(out.channelData, out.sampleRate);
    }
  } finally {
    decoder.free();
  }
}

function adtsFrames(path: string, size: number): FrameSource {
  const read = async function* (onProgress?: (fraction: number) => void) {
    const framer = new AdtsFramer();
    let done = 0;
    let batch: Uint8Array[] = [];
    for await (const chunk of createReadStream(path, { highWaterMark: 1 << 16 }) as AsyncIterable<Buffer>) {
      done += chunk.length;
      onProgress?.(Math.min(0.999, done / size));
      for (const frame of framer.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length))) {
        batch.push(frame);
        if (batch.length >= BATCH) {
          yield { framer, batch };
          batch = [];
        }
      }
    }
    if (batch.length > 0) yield { framer, batch };
  };
  return {
    async config() {
      for await (const { framer } of read()) return { asc: framer.first!.config };
      throw new InputError('no ADTS frame found');
    },
    async *batches(onProgress) {
      for await (const { batch } of read(onProgress)) yield batch;
    },
  };
}

async function mp4Frames(path: string, size: number): Promise<FrameSource | undefined> {
  const file = await open(path, 'r');
  let track: Mp4AacTrack | undefined;
  try {
    const moov = await findMoov(file, size);
    track = readMp4AacTrack(moov);
  } finally {
    await file.close();
  }
  if (!track) return undefined;
  const found = track;
  const window = gapless({ ...found.boxes, asc: found.asc }) ?? undefined;
  return {
    async config() {
      return { asc: found.asc, ...(window ? { window } : {}) };
    },
    batches: (onProgress) => mp4Samples(path, found, onProgress),
  };
}

/** The moov box's body, wherever it is among the top-level boxes. */
async function findMoov(file: FileHandle, size: number): Promise<Uint8Array> {
  const header = new Uint8Array(16);
  let at = 0;
  while (at + 8 <= size) {
    await file.read(header, 0, 16, at);
    const view = new DataView(header.buffer);
    let boxSize = view.getUint32(0);
    let headerBytes = 8;
    if (boxSize === 1) {
      boxSize = view.getUint32(8) * 2 ** 32 + view.getUint32(12);
      headerBytes = 16;
    } else if (boxSize === 0) boxSize = size - at;
    const type = String.fromCharCode(...header.subarray(4, 8));
    if (boxSize < headerBytes) break;
    if (type === 'moov') {
      if (at + boxSize > size) throw new InputError('truncated MP4: the moov box is cut off');
      const body = new Uint8Array(boxSize - headerBytes);
      await file.read(body, 0, body.length, at + headerBytes);
      return body;
    }
    at += boxSize;
  }
  throw new InputError('corrupt or truncated MP4: no moov box (the index of the samples)');
}

/** The track's samples in order, read chunk by chunk with positional reads. */
async function* mp4Samples(path: string, track: Mp4AacTrack, onProgress?: (fraction: number) => void) {
  const file = await open(path, 'r');
  try {
    let sample = 0;
    let batch: Uint8Array[] = [];
    for (const [c, offset] of track.chunkOffsets.entries()) {
      const count = track.samplesPerChunk[c] ?? 0;
      let bytes = 0;
      for (let i = 0; i < count; i++) bytes += track.sampleSizes[sample + i]!;
      const chunk = new Uint8Array(bytes);
      const { bytesRead } = await file.read(chunk, 0, bytes, offset);
      let at = 0;
      for (let i = 0; i < count; i++, sample++) {
        const n = track.sampleSizes[sample]!;
        // A file cut short ends the stream where its data ends (the caller reports the shortfall).
        if (at + n > bytesRead) return;
        batch.push(chunk.subarray(at, at + n));
        at += n;
      }
      if (batch.length >= BATCH) {
        yield batch;
        batch = [];
        onProgress?.(Math.min(0.999, sample / track.sampleSizes.length));
      }
    }
    if (batch.length > 0) yield batch;
  } finally {
    await file.close();
  }
}
