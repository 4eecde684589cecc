import { registerAacEncoder } from '@mediabunny/aac-encoder';
import { registerFlacEncoder } from '@mediabunny/flac-encoder';
import { registerMp3Encoder } from '@mediabunny/mp3-encoder';
import {
  AdtsOutputFormat,
  AudioSample,
  AudioSampleSource,
  FlacOutputFormat,
  type MetadataTags,
  Mp3OutputFormat,
  Mp4OutputFormat,
  OggOutputFormat,
  Output,
  type Target,
} from 'mediabunny';
import type { ChapterMark } from '../../cues/sidecars/chapter-marks.ts';
import type { PcmSink } from '../pcm.ts';
import { vorbisChapterComments } from './chapter-comments.ts';
import type { AudioTags } from './id3v2.ts';

// Compressed delivery formats through mediabunny and its wasm encoders (LAME, AAC, libFLAC).
// Chapters: MP3 gets its ID3v2 tag from id3v2.ts (written before the stream by the caller),
// M4B a Nero chpl box (mp4-chapters.ts, after finalizing), FLAC CHAPTERxxx comments.

export type EncodedFormat = 'mp3' | 'm4b' | 'flac' | 'opus';

export interface EncoderSpec {
  format: EncodedFormat;
  sampleRate: number;
  channels: number;
  /** Bits per second for MP3 (CBR) and AAC. */
  bitrate: number;
  tags: AudioTags;
  /** Chapter times as written: already shifted for the encoder's delay. */
  chapters: ChapterMark[];
}

/**
 * Encoder priming: samples the encoder puts before the audio, at the input rate. Each file says
 * so, and decoders drop them: MP3 in its LAME tag (LAME's own 576; decoders add their 529),
 * M4B in an edit list, Opus as OpusHead pre-skip. So chapter times need no shift.
 */
export const ENCODER_PRIMING: Record<EncodedFormat, number> = { mp3: 576, m4b: 1024, flac: 0, opus: 0 };

let registered = false;

export class MediaEncoder implements PcmSink {
  private readonly output: Output;
  private readonly source: AudioSampleSource;
  private readonly spec: EncoderSpec;
  private frames = 0;

  private constructor(output: Output, source: AudioSampleSource, spec: EncoderSpec) {
    this.output = output;
    this.source = source;
    this.spec = spec;
  }

  /**
   * `segment`: one stretch of a parallel encode (encode-segments.ts), assembled into the delivered
   * file afterwards: AAC as bare ADTS packets (the test references; the export writes its AAC
   * stretches with src/export/aac-segment-file.ts), MP3 as a plain stream.
   */
  static async open(spec: EncoderSpec, target: Target, segment = false): Promise<MediaEncoder> {
    if (!registered) {
      registerMp3Encoder();
      registerAacEncoder();
      registerFlacEncoder();
      registered = true;
    }
    const format = {
      // The delivered MP3's Info frame is written by the caller (mp3-info-frame.ts).
      mp3: () => new Mp3OutputFormat({ xingHeader: segment }),
      m4b: () => (segment ? new AdtsOutputFormat() : new Mp4OutputFormat({ fastStart: false })),
      flac: () => new FlacOutputFormat(),
      opus: () => new OggOutputFormat(),
    }[spec.format]();
    const output = new Output({ format, target });
    const codec = ({ mp3: 'mp3', m4b: 'aac', flac: 'flac', opus: 'opus' } as const)[spec.format];
    const source = new AudioSampleSource({ codec, bitrate: spec.bitrate });
    output.addAudioTrack(source);
    if (spec.format !== 'mp3' && !segment) output.setMetadataTags(metadataFor(spec));
    await output.start();
    return new MediaEncoder(output, source, spec);
  }

  async push(channels: Float32Array[]): Promise<void> {
    const frames = channels[0]?.length ?? 0;
    if (frames === 0) return;
    // Planar float: every channel's block one after another (a copy, so callers may reuse theirs).
    const data = new Float32Array(frames * channels.length);
    channels.forEach((channel, c) => {
      data.set(channel, c * frames);
    });
    const sample = new AudioSample({
      data,
      format: 'f32-planar',
      numberOfChannels: channels.length,
      sampleRate: this.spec.sampleRate,
      timestamp: this.frames / this.spec.sampleRate,
    });
    this.frames += frames;
    await this.source.add(sample);
    sample.close();
  }

  async finish(): Promise<void> {
    this.source.close();
    await this.output.finalize();
  }

  async cancel(): Promise<void> {
    await this.output.cancel();
  }
}

export function metadataFor(spec: EncoderSpec): MetadataTags {
  const { tags } = spec;
  // FLAC chapters are plain Vorbis comments; MP4's chpl is added to moov after finalizing
  // (mediabunny would wrap a raw value in an ilst data atom).
  const raw: Record<string, string> =
    spec.format === 'flac' || spec.format === 'opus' ? vorbisChapterComments(spec.chapters) : {};
  return {
    ...(tags.title ? { title: tags.title } : {}),
    ...(tags.artist ? { artist: tags.artist } : {}),
    ...(tags.album ? { album: tags.album } : {}),
    ...(tags.genre ? { genre: tags.genre } : {}),
    ...(tags.comment ? { comment: tags.comment } : {}),
    ...(tags.track ? { trackNumber: tags.track.number, tracksTotal: tags.track.total } : {}),
    ...(tags.cover
      ? { images: [{ data: tags.cover.data, mimeType: tags.cover.mimeType, kind: 'coverFront' as const }] }
      : {}),
    raw,
  };
}
