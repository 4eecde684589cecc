import type { EncodeSegment } from '../../audio/export/encode-segments.ts';
import { type AudioTags, id3v2Tag } from '../../audio/export/id3v2.ts';
import {
  ENCODER_PRIMING,
  type EncodedFormat,
  type EncoderSpec,
  MediaEncoder,
} from '../../audio/export/media-encoder.ts';
import { infoFrameLayout, Mp3StreamScan, mp3InfoFrame } from '../../audio/export/mp3-info-frame.ts';
import { withChapterTrack } from '../../audio/export/mp4-chapter-track.ts';
import { moovWithChapters } from '../../audio/export/mp4-chapters.ts';
import { withMovieTimescale } from '../../audio/export/mp4-movie-timescale.ts';
import { withPrimingEdit } from '../../audio/export/mp4-priming-edit.ts';
import { chunk, wavCueChunks } from '../../audio/export/wav-chapters.ts';
import type { PcmSink } from '../../audio/pcm.ts';
import { encodeWavSamples, wavHeader } from '../../audio/wav/wav-writer.ts';
import type { ChapterMark } from '../../cues/sidecars/chapter-marks.ts';
import type { PartFile } from '../io/part-file.ts';
import { registerBatchedAacEncoder } from './aac-encoder.ts';
import { registerOpusEncoder } from './opus-encoder.ts';
import { encodeSegmented, type Render } from './segmented-encode.ts';

export type ExportFormat = EncodedFormat | 'wav';

export interface OutputSpec {
  format: ExportFormat;
  sampleRate: number;
  channels: number;
  /** Exact length in frames (the WAV header is written first). */
  frames: number;
  /** Chapters on the audio's own timeline (the file declares its encoder priming, so players share it). */
  chapters: ChapterMark[];
  tags: AudioTags;
  bitrate?: number;
  /** WAV only: also an `id3 ` chunk with CHAP frames. */
  wavId3?: boolean;
}

/** One delivered file being written: push audio, then finish (or cancel). */
export interface OutputWriter extends PcmSink {
  finish(): Promise<void>;
  cancel(): Promise<void>;
}

export async function openOutput(part: PartFile, spec: OutputSpec): Promise<OutputWriter> {
  return spec.format === 'wav' ? openWav(part, spec) : openEncoded(part, spec.format, spec);
}

async function openEncoded(part: PartFile, format: EncodedFormat, spec: OutputSpec): Promise<OutputWriter> {
  const encoding = encoderSpec(format, spec);
  const lead = await writeLeadingTag(part, encoding);
  if (format === 'opus') registerOpusEncoder();
  if (format === 'm4b') registerBatchedAacEncoder();
  const encoder = await MediaEncoder.open(encoding, part.mediaTarget(lead.stream));
  return {
    push: (channels) => encoder.push(channels),
    finish: async () => {
      await encoder.finish();
      await finishContainer(part, encoding, lead, spec.frames);
    },
    cancel: () => encoder.cancel(),
  };
}

interface Lead {
  /** Where the encoder's stream starts in the file. */
  stream: number;
  /** MP3: where its Info frame goes (room kept before the stream), and its layout. */
  info?: { at: number; layout: { bitrateIndex: number; size: number } };
}

/**
 * MP3's ID3v2 tag (tags, cover, CHAP/CTOC chapters) goes before the stream, then room for the
 * Info frame, written once the stream is complete.
 */
async function writeLeadingTag(part: PartFile, encoding: EncoderSpec): Promise<Lead> {
  if (encoding.format !== 'mp3') return { stream: 0 };
  const tag = id3v2Tag(encoding.tags, encoding.chapters);
  await part.write(tag, 0);
  const layout = infoFrameLayout(encoding.sampleRate, encoding.channels, encoding.bitrate);
  return { stream: tag.length + layout.size, info: { at: tag.length, layout } };
}

/** What each container needs once its stream is complete: MP3 its Info frame, M4B its moov edits. */
async function finishContainer(part: PartFile, encoding: EncoderSpec, lead: Lead, frames: number) {
  if (lead.info) await writeInfoFrame(part, lead.stream, lead.info, frames);
  if (encoding.format === 'm4b') await addMp4Chapters(part, encoding, frames);
}

/** Reads the stream back (frame positions, bitrates, music CRC) and writes its Info frame. */
async function writeInfoFrame(
  part: PartFile,
  stream: number,
  info: NonNullable<Lead['info']>,
  frames: number,
) {
  const scan = new Mp3StreamScan();
  const size = await part.size();
  for (let at = stream; at < size; at += READ_BLOCK)
    scan.push(await part.read(at, Math.min(READ_BLOCK, size - at)));
  await part.write(mp3InfoFrame(scan.result(), frames, info.layout, ENCODER_PRIMING.mp3), info.at);
}

const READ_BLOCK = 1 << 20;

/** Bits per second when neither --bitrate nor a preset says: speech-grade for each codec. */
export function defaultBitrate(format: EncodedFormat, channels: number): number {
  return format === 'opus' ? 32_000 * channels : channels > 1 ? 128_000 : 64_000;
}

/** What the encoder is given: chapters on the audio's own timeline, the bitrate or its default. */
function encoderSpec(format: EncodedFormat, spec: OutputSpec): EncoderSpec {
  const bitrate = spec.bitrate ?? defaultBitrate(format, spec.channels);
  return {
    format,
    sampleRate: spec.sampleRate,
    channels: spec.channels,
    bitrate,
    tags: spec.tags,
    chapters: spec.chapters,
  };
}

/**
 * An MP3 or M4B encoded in `segments` at once (segmented-encode.ts), each from its own `render`
 * of the audio; tags and chapters are added as for a single encode.
 */
export async function writeSegmented(
  part: PartFile,
  spec: OutputSpec,
  format: 'mp3' | 'm4b',
  segments: EncodeSegment[],
  render: Render,
  onProgress?: (fraction: number) => void,
): Promise<void> {
  const encoding = encoderSpec(format, spec);
  const lead = await writeLeadingTag(part, encoding);
  if (format === 'm4b') registerBatchedAacEncoder();
  await encodeSegmented(part, lead.stream, encoding, segments, render, onProgress);
  await finishContainer(part, encoding, lead, spec.frames);
}

/**
 * Finds the moov box (last in the file) and rewrites it with ffmpeg's movie timescale, an edit
 * list that presents the audio without the encoder's priming, a Nero chpl box in its udta and a
 * QuickTime chapter track, whose titles follow in an mdat of their own.
 */
async function addMp4Chapters(part: PartFile, encoding: EncoderSpec, frames: number): Promise<void> {
  const { chapters } = encoding;
  const edit = { priming: ENCODER_PRIMING.m4b, frames, sampleRate: encoding.sampleRate };
  const size = await part.size();
  let at = 0;
  while (at + 8 <= size) {
    const header = await part.read(at, size - at >= 16 ? 16 : 8);
    const view = new DataView(header.buffer);
    const small = view.getUint32(0);
    const boxSize = small === 1 ? Number(view.getBigUint64(8)) : small === 0 ? size - at : small;
    if (String.fromCharCode(...header.subarray(4, 8)) === 'moov') {
      if (at + boxSize !== size) throw new Error('MP4 export: moov is not the last box');
      const edited = withPrimingEdit(withMovieTimescale(await part.read(at, boxSize)), edit);
      const withChpl = moovWithChapters(edited, chapters);
      const { moov, mdat } = withChapterTrack(withChpl, chapters, at);
      await part.write(moov, at);
      await part.write(mdat, at + moov.length);
      return;
    }
    at += boxSize;
  }
  throw new Error('MP4 export: no moov box written');
}

async function openWav(part: PartFile, spec: OutputSpec): Promise<OutputWriter> {
  const format = { sampleRate: spec.sampleRate, channels: spec.channels, bitsPerSample: 16 as const };
  const header = wavHeader(format, spec.frames);
  await part.write(header, 0);
  let at = header.length;
  return {
    push: async (channels) => {
      const bytes = encodeWavSamples(channels, format);
      await part.write(bytes, at);
      at += bytes.length;
    },
    finish: async () => {
      if (at - header.length !== spec.frames * spec.channels * 2) {
        throw new Error('WAV export: the audio is not as long as measured');
      }
      const markers = wavCueChunks(spec.chapters, spec.sampleRate);
      const id3 = spec.wavId3 ? chunk('id3 ', id3v2Tag({}, spec.chapters)) : new Uint8Array();
      await part.write(markers, at);
      await part.write(id3, at + markers.length);
      // The RIFF (or RF64 ds64) size must cover the chunks after the data.
      const total = at + markers.length + id3.length;
      const size = new Uint8Array(8);
      const view = new DataView(size.buffer);
      if (header[0] === 0x52 && header[1] === 0x49) {
        view.setUint32(0, total - 8, true);
        await part.write(size.subarray(0, 4), 4);
      } else {
        view.setBigUint64(0, BigInt(total - 8), true);
        await part.write(size, 20);
      }
    },
    cancel: async () => {},
  };
}
