import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import decode from 'audio-decode';
import { parseFile } from 'music-metadata';
import type { PcmSink } from '../../audio/pcm.ts';
import { type AudioFormat, FORMAT_NAMES, sniffAudioFormat } from '../../audio/sniff-format.ts';
import { readWavLayout, type WavLayout, wavMissing } from '../../audio/wav/wav-header.ts';
import { decodeWavSamples } from '../../audio/wav/wav-samples.ts';
import { InputError } from '../../cues/input-error.ts';
import { FileError } from '../io/file-error.ts';
import { notRegularFile } from '../io/read-regular-file.ts';
import { type AacSource, openAac } from './aac-source.ts';
import { sayCutShort } from './cut-short.ts';
import { quietDecoders } from './quiet-decoders.ts';

quietDecoders();

export interface AudioInfo {
  format: AudioFormat;
  sampleRate: number;
  channels: number;
  /** Decoded length in frames (known before decoding for WAV only). */
  frames: number;
}

export type Progress = (fraction: number) => void;

/**
 * A request to begin near frame `at` rather than at 0 (a parallel encoder's stretch of the
 * export): a source able to skips whole stretches before it, calls `started` with the frame it
 * begins at before its first block, and streams every frame from there exactly as a whole pass
 * would. A source that cannot skip ignores it and streams from 0 (`started` is not called).
 */
export interface StreamFrom {
  at: number;
  started: (frame: number) => void;
}

const HEAD_BYTES = 1 << 20;
const WAV_BLOCK_BYTES = 1 << 20;
const MAX_BLOCK = 1 << 16;

/** A file whose headers have been read: stream it as often as needed without reading them again. */
export interface ProbedAudio extends AudioInfo {
  path: string;
  size: number;
  wav?: WavLayout;
  aac?: AacSource;
  /** `frames` is the exact decoded length (a production's, from its survey), not a header's estimate. */
  exactFrames?: boolean;
  /** Frames a pass asked to begin near a frame (StreamFrom) can begin at without decoding what is before: a production's joins. */
  starts?: number[];
  /** A source that is no single file (a production of many, src/production): it streams itself. */
  stream?: (sinks: PcmSink[], onProgress?: Progress, from?: StreamFrom) => Promise<AudioInfo>;
}

/**
 * Sample rate, channels and length. WAV: from its header. Compressed formats: rate and channels
 * are those of the decoded signal (the first frames are decoded), cross-checked against the
 * container, and where they disagree the signal wins; `frames` is the container's stated length
 * at the signal's rate (0 when none is stated), used only to spot a cut-off file.
 */
export async function probeAudio(path: string): Promise<ProbedAudio> {
  try {
    const stats = await stat(path);
    const refusal = notRegularFile(stats);
    if (refusal) throw new InputError(refusal);
    const { size } = stats;
    if (size === 0) throw new InputError('the file is empty');
    const head = await readHead(path, Math.min(size, HEAD_BYTES));
    const format = sniffAudioFormat(head);
    if (!format)
      throw new InputError(`unknown audio format (the file starts with ${hex(head.subarray(0, 8))})`);
    if (format === 'wav') {
      const wav = readWavLayout(head, size);
      const missing = wavMissing(wav);
      if (missing) sayCutShort(path, missing);
      return {
        path,
        format,
        sampleRate: wav.sampleRate,
        channels: wav.channels,
        frames: wav.frames,
        wav,
        size,
      };
    }
    const meta = await parseFile(path, { duration: false, skipCovers: true }).catch((error: Error) => {
      throw new InputError(`corrupt ${FORMAT_NAMES[format]}: ${error.message}`);
    });
    const { numberOfChannels, duration } = meta.format;
    const declared = { sampleRate: meta.format.sampleRate ?? 0, channels: numberOfChannels ?? 0 };
    const aac = format === 'aac' || format === 'm4a' ? await openAac(path, format, size) : undefined;
    const signal = aac ?? (await decodedSignal(path, format, declared));
    if (!signal.sampleRate || !signal.channels)
      throw new InputError(`corrupt ${FORMAT_NAMES[format]}: no audio stream found`);
    const frames = duration ? Math.round(duration * signal.sampleRate) : 0;
    const probed = { path, format, sampleRate: signal.sampleRate, channels: signal.channels, frames, size };
    return aac ? { ...probed, aac } : probed;
  } catch (error) {
    throw FileError.wrap(path, error);
  }
}

/**
 * Decodes a file block by block into the sinks, in bounded memory: WAV (including RF64) with our
 * own reader, compressed formats with the wasm decoders of audio-decode. A block is only valid
 * during the sink's push (buffers are reused): a sink that keeps samples copies them.
 */
export async function streamAudio(
  source: string | ProbedAudio,
  sinks: PcmSink[],
  onProgress?: Progress,
  from?: StreamFrom,
): Promise<AudioInfo> {
  const info = typeof source === 'string' ? await probeAudio(source) : source;
  if (info.stream) return info.stream(sinks, onProgress, from);
  const path = info.path;
  const emit = async (channels: Float32Array[]) => {
    try {
      for (const sink of sinks) await sink.push(channels);
    } catch (error) {
      throw new SinkFailure(error);
    }
  };
  let frames = 0;
  try {
    if (info.wav) {
      frames = await streamWav(path, info.wav, emit, onProgress);
    } else {
      frames = await streamCompressed(path, info, emit, onProgress);
      // Headers that state a length (Xing/Info, FLAC STREAMINFO, MP4) let us spot a cut-off file.
      if (info.frames > 0 && frames < info.frames * 0.9 - info.sampleRate * 0.1) {
        const want = (info.frames / info.sampleRate).toFixed(1);
        throw new InputError(
          `truncated ${FORMAT_NAMES[info.format]}: the header says ${want} s but only ${(frames / info.sampleRate).toFixed(1)} s could be decoded`,
        );
      }
    }
  } catch (error) {
    // A sink's failure (a full disk while exporting) is not this file's fault: pass it on as is.
    if (error instanceof SinkFailure) throw error.cause;
    throw FileError.wrap(path, error);
  }
  if (frames === 0)
    throw new FileError(path, `no audio could be decoded from this ${FORMAT_NAMES[info.format]}`);
  onProgress?.(1);
  return { format: info.format, sampleRate: info.sampleRate, channels: info.channels, frames };
}

async function streamWav(
  path: string,
  wav: WavLayout,
  emit: (c: Float32Array[]) => void,
  onProgress?: Progress,
) {
  const frameBytes = (wav.bitsPerSample / 8) * wav.channels;
  const blockBytes = Math.floor(WAV_BLOCK_BYTES / frameBytes) * frameBytes;
  const file = await open(path, 'r');
  const buffer = new Uint8Array(blockBytes);
  const blocks = Array.from({ length: wav.channels }, () => new Float32Array(blockBytes / frameBytes));
  let done = 0;
  const total = wav.frames * frameBytes;
  try {
    while (done < total) {
      const want = Math.min(blockBytes, total - done);
      const { bytesRead } = await file.read(buffer, 0, want, wav.dataOffset + done);
      if (bytesRead === 0) break;
      const whole = bytesRead - (bytesRead % frameBytes);
      await emit(decodeWavSamples(buffer.subarray(0, whole), wav, blocks));
      done += whole;
      onProgress?.(done / total);
      if (whole === 0) break;
    }
  } finally {
    await file.close();
  }
  return done / frameBytes;
}

type StreamingFormat = 'mp3' | 'flac' | 'opus' | 'oga' | 'aac';
const STREAMING: Partial<Record<AudioFormat, StreamingFormat>> = {
  mp3: 'mp3',
  flac: 'flac',
  opus: 'opus',
  vorbis: 'oga',
  aac: 'aac',
};

async function streamCompressed(
  path: string,
  info: ProbedAudio,
  emit: (c: Float32Array[]) => Promise<void>,
  onProgress?: Progress,
): Promise<number> {
  let frames = 0;
  // audio-decode folds identical stereo channels of lossy streams into one; restore the width
  // the container declares so loudness and peaks see the real channel count.
  const push = async (channelData: Float32Array[]) => {
    const length = channelData[0]?.length ?? 0;
    // Whole-file decodes (MP4) arrive as one block: hand sinks bounded pieces all the same.
    for (let at = 0; at < length; at += MAX_BLOCK) {
      const block = channelData.map((c) => c.subarray(at, Math.min(length, at + MAX_BLOCK)));
      // A restored channel is a copy, never the same array twice (sinks may work in place).
      if (block.length > info.channels)
        throw new InputError(
          `the ${name} stream grows from ${info.channels} to ${block.length} channels (not supported)`,
        );
      const wide = Array.from({ length: info.channels }, (_, i) =>
        i < block.length ? block[i]! : block[i % block.length]!.slice(),
      );
      frames += wide[0]!.length;
      await emit(wide);
    }
  };
  const name = FORMAT_NAMES[info.format];
  const atRate = (sampleRate: number) => {
    // Sinks were built for the probed rate: a stream that changes it is refused, never misread.
    if (sampleRate !== info.sampleRate)
      throw new InputError(
        `the sample rate changes from ${info.sampleRate} Hz to ${sampleRate} Hz within the ${name} stream (not supported)`,
      );
  };
  try {
    if (info.aac) {
      await info.aac.decode(async (channels, sampleRate) => {
        atRate(sampleRate);
        await push(channels);
      }, onProgress);
      return frames;
    }
    const streaming = STREAMING[info.format];
    if (!streaming) {
      // MP4 keeps its index (moov) anywhere in the file, so it is decoded whole: memory grows with
      // its length (about 10 MB per minute of stereo) — the one format not streamed.
      const whole = await decode(await readFile(path));
      atRate(whole.sampleRate);
      await push(whole.channelData);
      return frames;
    }
    const source = countingChunks(createReadStream(path, { highWaterMark: 1 << 18 }), (read) =>
      onProgress?.(Math.min(0.999, read / info.size)),
    );
    for await (const block of decode(source, streaming)) {
      atRate(block.sampleRate);
      await push(block.channelData);
    }
  } catch (error) {
    if (error instanceof InputError || error instanceof SinkFailure) throw error;
    throw new InputError(`corrupt or truncated ${name}: the decoder stopped (${(error as Error).message})`);
  }
  return frames;
}

/** Formats whose audio-decode wrapper folds identical stereo channels into one (its `dedupe`). */
const FOLDS_DUAL_MONO: ReadonlySet<AudioFormat> = new Set(['mp3', 'aac', 'm4a']);

/**
 * Rate and channels of the decoded signal: the stream's start is decoded until a block comes out.
 * A folded dual-mono block says nothing about width, so there the container's count stands when larger.
 */
async function decodedSignal(
  path: string,
  format: AudioFormat,
  declared: { sampleRate: number; channels: number },
): Promise<{ sampleRate: number; channels: number }> {
  const streaming = STREAMING[format];
  if (!streaming) return declared; // decoded whole when streamed; its rate is checked then
  const source = createReadStream(path, { highWaterMark: 1 << 16 });
  try {
    for await (const block of decode(source, streaming)) {
      const decoded = block.channelData.length;
      const channels = FOLDS_DUAL_MONO.has(format) ? Math.max(decoded, declared.channels) : decoded;
      if (decoded > 0) return { sampleRate: block.sampleRate, channels };
    }
  } catch (error) {
    throw new InputError(
      `corrupt ${FORMAT_NAMES[format]}: the decoder stopped (${(error as Error).message})`,
    );
  } finally {
    source.destroy();
  }
  return declared;
}

/** An error thrown by a consumer of the audio, carried out of the decoder untouched. */
class SinkFailure extends Error {
  constructor(cause: unknown) {
    super('a sink failed', { cause });
  }
}

/** Passes chunks through, reporting bytes read (a 'data' listener would race the iterator). */
async function* countingChunks(source: AsyncIterable<Uint8Array>, onRead: (bytes: number) => void) {
  let read = 0;
  for await (const chunk of source) {
    read += chunk.length;
    onRead(read);
    yield chunk;
  }
}

async function readHead(path: string, bytes: number): Promise<Uint8Array> {
  const file = await open(path, 'r');
  try {
    const buffer = new Uint8Array(bytes);
    const { bytesRead } = await file.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await file.close();
  }
}

function hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ');
}
