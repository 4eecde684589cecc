import type { EncodeSegment } from '../../audio/export/encode-segments.ts';
import { type AudioTags, id3v2Tag } from '../../audio/export/id3v2.ts';
import {
  ENCODER_DELAY,
  type EncodedFormat,
  type EncoderSpec,
  MediaEncoder,
} from '../../audio/export/media-encoder.ts';
import { withChapterTrack } from '../../audio/export/mp4-chapter-track.ts';
import { moovWithChapters } from '../../audio/export/mp4-chapters.ts';
import { withMovieTimescale } from '../../audio/export/mp4-movie-timescale.ts';
import { chunk, wavCueChunks } from '../../audio/export/wav-chapters.ts';
import type { PcmSink } from '../../audio/pcm.ts';
import { encodeWavSamples, wavHeader } from '../../audio/wav/wav-writer.ts';
import type { ChapterMark } from '../../cues/sidecars/chapter-marks.ts';
import type { PartFile } from '../io/part-file.ts';
import { registerOpusEncoder } from './opus-encoder.ts';
import { encodeSegmented, type Render } from './segmented-encode.ts';

export type ExportFormat = EncodedFormat | 'wav';

export interface OutputSpec {
  format: ExportFormat;
  sampleRate: number;
  channels: number;
  /** Exact length in frames (the WAV header is written first). */
  frames: number;
  /** Chapters on the audio's own timeline; encoder delay is accounted for here. */
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
  const offset = await writeLeadingTag(part, encoding);
  if (format === 'opus') registerOpusEncoder();
  const encoder = await MediaEncoder.open(encoding, part.mediaTarget(offset));
  return {
    push: (channels) => encoder.push(channels),
    finish: async () => {
      await encoder.finish();
      if (format === 'm4b') await addMp4Chapters(part, encoding.chapters);
    },
    cancel: () => encoder.cancel(),
  };
}

/** MP3's ID3v2 tag (tags, cover, CHAP/CTOC chapters) goes before the stream: its length is the stream's offset. */
async function writeLeadingTag(part: PartFile, encoding: EncoderSpec): Promise<number> {
  if (encoding.format !== 'mp3') return 0;
  const tag = id3v2Tag(encoding.tags, encoding.chapters);
  await part.write(tag, 0);
  return tag.length;
}

/** What the encoder is given: chapters as players will hear them, the bitrate or its default. */
function encoderSpec(format: EncodedFormat, spec: OutputSpec): EncoderSpec {
  // Players hear everything ENCODER_DELAY samples late: move every chapter but the first with it.
  const delay = ENCODER_DELAY[format] / spec.sampleRate;
  const chapters = spec.chapters.map((c, i) => ({
    ...c,
    start: i === 0 ? 0 : c.start + delay,
    end: c.end + delay,
  }));
  const bitrate =
    spec.bitrate ?? (format === 'opus' ? 32_000 * spec.channels : spec.channels > 1 ? 128_000 : 64_000);
  return { format, sampleRate: spec.sampleRate, channels: spec.channels, bitrate, tags: spec.tags, chapters };
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
  const offset = await writeLeadingTag(part, encoding);
  await encodeSegmented(part.mediaTarget(offset), encoding, segments, render, onProgress);
  if (format === 'm4b') await addMp4Chapters(part, encoding.chapters);
}

/**
 * Finds the moov box (last in the file) and rewrites it with ffmpeg's movie timescale, a Nero
 * chpl box in its udta and a QuickTime chapter track, whose titles follow in an mdat of their own.
 */
async function addMp4Chapters(part: PartFile, chapters: ChapterMark[]): Promise<void> {
  const size = await part.size();
  let at = 0;
  while (at + 8 <= size) {
    const header = await part.read(at, size - at >= 16 ? 16 : 8);
    const view = new DataView(header.buffer);
    const small = view.getUint32(0);
    const boxSize = small === 1 ? Number(view.getBigUint64(8)) : small === 0 ? size - at : small;
    if (String.fromCharCode(...header.subarray(4, 8)) === 'moov') {
      if (at + boxSize !== size) throw new Error('MP4 export: moov is not the last box');
      const withChpl = moovWithChapters(withMovieTimescale(await part.read(at, boxSize)), chapters);
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
