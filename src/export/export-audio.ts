import { dirname, extname } from 'node:path';
import { type AudioTags, id3v2Tag } from '../../audio/export/id3v2.ts';
import { type GainPlan, type LoudnessTarget, planGain } from '../../audio/export/loudness-target.ts';
import { ENCODER_DELAY, type EncodedFormat, MediaEncoder } from '../../audio/export/media-encoder.ts';
import { moovWithChapters } from '../../audio/export/mp4-chapters.ts';
import { chunk, wavCueChunks } from '../../audio/export/wav-chapters.ts';
import { LoudnessMeter, type LoudnessResult } from '../../audio/loudness/loudness-meter.ts';
import type { PcmSink } from '../../audio/pcm.ts';
import { encodeWavSamples, wavHeader } from '../../audio/wav/wav-writer.ts';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { InputError } from '../../cues/input-error.ts';
import { type ChapterMark, chapterMarks } from '../../cues/sidecars/chapter-marks.ts';
import { probeAudio, streamAudio } from '../audio-io/audio-source.ts';
import { FileError } from '../io/file-error.ts';
import { registerOpusEncoder } from './opus-encoder.ts';
import { PartFile } from './part-file.ts';

export type ExportFormat = EncodedFormat | 'wav';
export const EXPORT_FORMATS: Record<string, ExportFormat> = {
  '.mp3': 'mp3',
  '.m4b': 'm4b',
  '.m4a': 'm4b',
  '.flac': 'flac',
  '.opus': 'opus',
  '.wav': 'wav',
};

export interface ExportRequest {
  audio: string;
  output: string;
  sheet: CueSheet;
  tags: AudioTags;
  loudness?: LoudnessTarget;
  bitrate?: number;
  lyricsAsChapters?: boolean;
  /** WAV only: also write an `id3 ` chunk with CHAP frames (music-metadata reads it; ffmpeg then lists chapters twice). */
  wavId3?: boolean;
  /** Phase and fraction done, for progress bars and the UI. */
  onProgress?: (phase: 'measuring' | 'encoding', fraction: number) => void;
  signal?: AbortSignal;
}

export interface ExportResult {
  output: string;
  format: ExportFormat;
  duration: number;
  /** Chapters on the audio's own timeline (what a listener hears when). */
  chapters: ChapterMark[];
  measured: LoudnessResult;
  gain?: GainPlan;
}

export function exportFormatOf(path: string): ExportFormat {
  const format = EXPORT_FORMATS[extname(path).toLowerCase()];
  if (!format) {
    throw new InputError(
      `cannot export "${extname(path) || path}": name the output .mp3, .m4b, .flac, .opus or .wav`,
    );
  }
  return format;
}

/** Measures, then renders the narration with gain into the chosen format with its chapters. */
export async function exportAudio(request: ExportRequest): Promise<ExportResult> {
  const format = exportFormatOf(request.output);
  const probe = await probeAudio(request.audio);
  const meter = new LoudnessMeter(probe.sampleRate, probe.channels);
  const measuring = await streamAudio(request.audio, [meter], (f) => request.onProgress?.('measuring', f));
  const measured = meter.result();
  const gain = request.loudness ? planGain(measured, request.loudness) : undefined;
  const duration = measuring.frames / measuring.sampleRate;
  const chapters = chapterMarks(request.sheet, {
    duration,
    ...(request.lyricsAsChapters ? { lyricsAsChapters: true } : {}),
  });

  const part = await PartFile.create(request.output).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT')
      throw new FileError(request.output, `the folder ${dirname(request.output)} does not exist`);
    throw FileError.wrap(request.output, error);
  });
  try {
    const linear = 10 ** ((gain?.gainDb ?? 0) / 20);
    const checkCancel = () => {
      if (request.signal?.aborted) throw new InputError('export cancelled');
    };
    const stream = async (sink: PcmSink) => {
      const withGain: PcmSink = {
        push(channels) {
          checkCancel();
          if (linear !== 1)
            for (const channel of channels) for (let i = 0; i < channel.length; i++) channel[i]! *= linear;
          return sink.push(channels);
        },
      };
      await streamAudio(request.audio, [withGain], (f) => request.onProgress?.('encoding', f));
    };
    if (format === 'wav') {
      await writeWav(part, measuring, chapters, stream, request.wavId3 ?? false);
    } else {
      await encode(part, format, measuring, chapters, request, stream);
    }
    checkCancel();
    await part.commit();
  } catch (error) {
    await part.discard();
    throw FileError.wrap(request.output, error);
  }
  return { output: request.output, format, duration, chapters, measured, ...(gain ? { gain } : {}) };
}

async function encode(
  part: PartFile,
  format: EncodedFormat,
  info: { sampleRate: number; channels: number },
  chapters: ChapterMark[],
  request: ExportRequest,
  stream: (sink: PcmSink) => Promise<void>,
): Promise<void> {
  // Players hear everything ENCODER_DELAY samples late: move every chapter but the first with it.
  const delay = ENCODER_DELAY[format] / info.sampleRate;
  const written = chapters.map((c, i) => ({
    ...c,
    start: i === 0 ? 0 : c.start + delay,
    end: c.end + delay,
  }));
  let offset = 0;
  if (format === 'mp3') {
    const tag = id3v2Tag(request.tags, written);
    await part.write(tag, 0);
    offset = tag.length;
  }
  const bitrate =
    request.bitrate ?? (format === 'opus' ? 32_000 * info.channels : info.channels > 1 ? 128_000 : 64_000);
  if (format === 'opus') registerOpusEncoder();
  const encoder = await MediaEncoder.open(
    {
      format,
      sampleRate: info.sampleRate,
      channels: info.channels,
      bitrate,
      tags: request.tags,
      chapters: written,
    },
    part.mediaTarget(offset),
  );
  try {
    await stream(encoder);
    await encoder.finish();
    if (format === 'm4b') await addMp4Chapters(part, written);
  } catch (error) {
    await encoder.cancel().catch(() => undefined);
    throw error;
  }
}

/** Finds the moov box (last in the file) and rewrites it in place with a chpl box in its udta. */
async function addMp4Chapters(part: PartFile, chapters: ChapterMark[]): Promise<void> {
  const size = await part.size();
  let at = 0;
  while (at + 8 <= size) {
    const header = await part.read(at, 16 <= size - at ? 16 : 8);
    const view = new DataView(header.buffer);
    const small = view.getUint32(0);
    const boxSize = small === 1 ? Number(view.getBigUint64(8)) : small === 0 ? size - at : small;
    const type = String.fromCharCode(...header.subarray(4, 8));
    if (type === 'moov') {
      if (at + boxSize !== size) throw new Error('MP4 export: moov is not the last box');
      await part.write(moovWithChapters(await part.read(at, boxSize), chapters), at);
      return;
    }
    at += boxSize;
  }
  throw new Error('MP4 export: no moov box written');
}

async function writeWav(
  part: PartFile,
  info: { sampleRate: number; channels: number; frames: number },
  chapters: ChapterMark[],
  stream: (sink: PcmSink) => Promise<void>,
  withId3: boolean,
): Promise<void> {
  const spec = { sampleRate: info.sampleRate, channels: info.channels, bitsPerSample: 16 as const };
  const header = wavHeader(spec, info.frames);
  await part.write(header, 0);
  let at = header.length;
  await stream({
    push: async (channels) => {
      const bytes = encodeWavSamples(channels, spec);
      await part.write(bytes, at);
      at += bytes.length;
    },
  });
  if (at - header.length !== info.frames * info.channels * 2)
    throw new Error('WAV export: decoded length changed between passes');
  const markers = wavCueChunks(chapters, info.sampleRate);
  const id3 = withId3 ? chunk('id3 ', id3v2Tag({}, chapters)) : new Uint8Array();
  await part.write(markers, at);
  await part.write(id3, at + markers.length);
  const total = at + markers.length + id3.length;
  // The RIFF (or RF64 ds64) size must cover the chunks after the data.
  const size = new Uint8Array(8);
  const view = new DataView(size.buffer);
  if (header[0] === 0x52 && header[1] === 0x49) {
    view.setUint32(0, total - 8, true);
    await part.write(size.subarray(0, 4), 4);
  } else {
    view.setBigUint64(0, BigInt(total - 8), true);
    await part.write(size, 20);
  }
}
