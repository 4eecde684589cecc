import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BufferTarget,
  EncodedAudioPacketSource,
  EncodedPacket,
  EncodedPacketSink,
  FilePathSource,
  FilePathTarget,
  Input,
  MP3,
  Mp3OutputFormat,
  Mp4OutputFormat,
  Output,
  type Target,
} from 'mediabunny';
import { withSbrAbsent } from '../../audio/aac/audio-specific-config.ts';
import { type EncodeSegment, keepsPacket } from '../../audio/export/encode-segments.ts';
import { type EncoderSpec, MediaEncoder, metadataFor } from '../../audio/export/media-encoder.ts';
import { mainDataBegin, payloadOf, reservoirFree } from '../../audio/export/mp3-frames.ts';
import { childBoxes } from '../../audio/export/mp4-chapters.ts';
import { withAudioSampleTables } from '../../audio/export/mp4-sample-tables.ts';
import type { PcmSink } from '../../audio/pcm.ts';
import type { StreamFrom } from '../audio-io/audio-source.ts';
import type { PartFile } from '../io/part-file.ts';
import { AacSegmentFile, type AacSegmentIndex } from './aac-segment-file.ts';

/**
 * Streams the export's finished samples into a sink; every call streams the same samples. With
 * `from` it may begin at a frame before `from.at` (said through `from.started`), not at 0.
 */
export type Render = (sink: PcmSink, from?: StreamFrom) => Promise<void>;

/** No frame near a seam could be rewritten to stand alone: the caller encodes in one piece. */
export class SpliceError extends Error {}

/** Thrown by a segment's sink once it has what it needs, to stop that render early. */
class SegmentFilled extends Error {}

/**
 * The wasm encoders are single-threaded (one worker each, one frame per round trip): an hour of
 * AAC took twice as long as native ffmpeg, MP3 1.3 times. So each segment gets its own encoder
 * and its own render of the audio, all at once, into files in a temporary folder; their packets
 * are then spliced into one stream in order (encode-segments.ts says why that is sound).
 */
export async function encodeSegmented(
  part: PartFile,
  base: number,
  spec: EncoderSpec,
  segments: EncodeSegment[],
  render: Render,
  onProgress?: (fraction: number) => void,
): Promise<void> {
  if (spec.format !== 'm4b' && spec.format !== 'mp3') throw new Error(`no segmented ${spec.format} encode`);
  const dir = await mkdtemp(join(tmpdir(), 'cuewright-segments-'));
  try {
    const files = segments.map((_, i) => join(dir, `segment-${i}.${spec.format === 'm4b' ? 'aac' : 'mp3'}`));
    const total = segments.reduce((n, s) => n + s.encodeTo - s.encodeFrom, 0);
    let done = 0;
    const failed = { error: undefined as unknown };
    const indexes = await Promise.all(
      segments.map((segment, i) =>
        encodeSegment(spec, segment, files[i]!, render, failed, (frames) => {
          done += frames;
          onProgress?.(Math.min(1, done / total));
        }).catch((error: unknown) => {
          // One failure (a cancel, a full disk) stops the other segments at their next block.
          failed.error ??= error;
          return undefined;
        }),
      ),
    );
    if (failed.error !== undefined) throw failed.error;
    if (spec.format === 'm4b') await spliceAac(part, base, spec, segments, indexes as AacSegmentIndex[]);
    else await spliceMp3(part.mediaTarget(base), spec, segments, files);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function encodeSegment(
  spec: EncoderSpec,
  segment: EncodeSegment,
  file: string,
  render: Render,
  failed: { error: unknown },
  progress: (frames: number) => void,
): Promise<AacSegmentIndex | undefined> {
  // AAC: bare packets in a file and their sizes; MP3: a stream of frames, which carry their own.
  const encoder =
    spec.format === 'm4b'
      ? await AacSegmentFile.create(file, spec.channels, spec.sampleRate, bitrateOf(spec))
      : await MediaEncoder.open(spec, new FilePathTarget(file), true);
  let position = 0;
  // The last segment takes everything to the end (a limiter's tail included).
  const end = segment.keepTo === Number.POSITIVE_INFINITY ? Number.POSITIVE_INFINITY : segment.encodeTo;
  const window: PcmSink = {
    async push(channels) {
      if (failed.error !== undefined) throw failed.error;
      const start = position;
      position += channels[0]!.length;
      const from = Math.max(segment.encodeFrom, start);
      const to = Math.min(end, position);
      if (to > from) {
        await encoder.push(channels.map((c) => c.subarray(from - start, to - start)));
        progress(to - from);
      }
      if (position >= end) throw new SegmentFilled();
    },
  };
  try {
    // A source that can skips what comes before this segment's stretch (a production's earlier files).
    await render(window, {
      at: segment.encodeFrom,
      started: (frame) => {
        position = frame;
      },
    });
  } catch (error) {
    if (!(error instanceof SegmentFilled)) {
      await encoder.cancel().catch(() => undefined);
      throw error;
    }
  }
  const index = await encoder.finish();
  return index ?? undefined;
}

/** The bitrate output-writer.ts always sets for an encoded format. */
function bitrateOf(spec: EncoderSpec): number {
  if (spec.bitrate === undefined) throw new Error('a segmented encode needs its bitrate');
  return spec.bitrate;
}

/** A segment's packets, each with the frame (on the whole timeline) it starts at. */
async function* packetsOf(
  file: string,
  format: typeof MP3,
  segment: EncodeSegment,
  sampleRate: number,
): AsyncGenerator<{ packet: EncodedPacket; frame: number; config?: AudioDecoderConfig }> {
  using input = new Input({ source: new FilePathSource(file), formats: [format] });
  const track = await input.getPrimaryAudioTrack();
  if (!track) throw new Error(`segment ${file} holds no audio`);
  const config = (await track.getDecoderConfig()) ?? undefined;
  let first = true;
  for await (const packet of new EncodedPacketSink(track).packets()) {
    const frame = segment.encodeFrom + Math.round(packet.timestamp * sampleRate);
    yield first && config ? { packet, frame, config } : { packet, frame };
    first = false;
  }
}

/**
 * One M4B from the segments' packets, each packet taken from the segment that keeps it, written
 * at `base` in the part: mediabunny writes the container for the first packet alone (ftyp, the
 * track's sample description, the tags), then the kept packets follow as one mdat, copied a
 * megabyte at a time from the segment files, and the moov gets the whole stream's sample tables
 * from their sizes (mp4-sample-tables.ts): memory stays flat however long the book (the muxer
 * kept an object per packet). The config says "no SBR" explicitly, as the single encoder's and
 * ffmpeg's do: a 2-byte config leaves SBR open, and at 24 kHz or below readers that assume SBR
 * (FAAD2 and the players built on it) then play the book at twice its length.
 */
async function spliceAac(
  part: PartFile,
  base: number,
  spec: EncoderSpec,
  segments: EncodeSegment[],
  indexes: AacSegmentIndex[],
) {
  const kept = segments.map((segment, i) => keptPackets(segment, indexes[i]!));
  const first = kept.find((k) => k.sizes.length > 0);
  if (!first) throw new Error('a segmented AAC encode kept no packet');
  const template = await containerFor(
    spec,
    indexes[0]!,
    await readBytes(first.file, first.from, first.sizes[0]!),
  );
  const payload = kept.reduce((n, k) => n + k.to - k.from, 0);
  let at = base;
  for (const bytes of [template.head, mdatHeader(payload)]) {
    await part.write(bytes, at);
    at += bytes.length;
  }
  const sizes = new Uint32Array(kept.reduce((n, k) => n + k.sizes.length, 0));
  const chunkOffsets: number[] = [];
  let sample = 0;
  for (const k of kept) {
    await copyRange(part, at, k.file, k.from, k.to);
    for (const size of k.sizes) {
      if (sample % SAMPLES_PER_CHUNK === 0) chunkOffsets.push(at);
      sizes[sample++] = size;
      at += size;
    }
  }
  const moov = withAudioSampleTables(template.moov, {
    sizes,
    sampleFrames: indexes[0]!.frameSize,
    sampleRate: spec.sampleRate,
    samplesPerChunk: SAMPLES_PER_CHUNK,
    chunkOffsets,
  });
  await part.write(moov, at);
}

/** About a second of AAC per chunk. */
const SAMPLES_PER_CHUNK = 43;

/** The packets a segment keeps: bytes [from, to) of its file, and their sizes. */
function keptPackets(segment: EncodeSegment, index: AacSegmentIndex) {
  let first = 0;
  let end = 0;
  let from = 0;
  let to = 0;
  let offset = 0;
  for (const [k, size] of index.sizes.entries()) {
    if (keepsPacket(segment, segment.encodeFrom + k * index.frameSize)) {
      if (end === 0) [first, from] = [k, offset];
      [end, to] = [k + 1, offset + size];
    }
    offset += size;
  }
  return { file: index.file, from, to, sizes: index.sizes.subarray(first, end) };
}

/** An mdat's header for `payload` bytes: 8 bytes, or 16 (a 64-bit size) past 4 GB. */
function mdatHeader(payload: number): Uint8Array {
  const wide = payload + 8 > 0xffffffff;
  const out = new Uint8Array(wide ? 16 : 8);
  const view = new DataView(out.buffer);
  view.setUint32(0, wide ? 1 : payload + 8);
  out.set([0x6d, 0x64, 0x61, 0x74], 4); // 'mdat'
  if (wide) view.setBigUint64(8, BigInt(payload + 16));
  return out;
}

/** mediabunny's M4B of the first packet alone: the boxes before its mdat, and its moov. */
async function containerFor(
  spec: EncoderSpec,
  index: AacSegmentIndex,
  packet: Uint8Array,
): Promise<{ head: Uint8Array; moov: Uint8Array }> {
  const target = new BufferTarget();
  const output = new Output({ format: new Mp4OutputFormat({ fastStart: false }), target });
  const source = new EncodedAudioPacketSource('aac');
  output.addAudioTrack(source);
  output.setMetadataTags(metadataFor(spec));
  await output.start();
  const decoderConfig: AudioDecoderConfig = {
    codec: 'mp4a.40.2',
    numberOfChannels: spec.channels,
    sampleRate: spec.sampleRate,
    description: withSbrAbsent(index.extradata),
  };
  await source.add(new EncodedPacket(packet, 'key', 0, index.frameSize / spec.sampleRate), { decoderConfig });
  source.close();
  await output.finalize();
  const bytes = new Uint8Array(target.buffer!);
  const boxes = childBoxes(bytes, 0, bytes.length);
  const mdat = boxes.find((b) => b.type === 'mdat');
  const moov = boxes.find((b) => b.type === 'moov');
  if (!mdat || !moov) throw new Error('MP4 export: the container for the splice has no mdat or moov');
  return { head: bytes.slice(0, mdat.start), moov: bytes.slice(moov.start, moov.start + moov.size) };
}

async function readBytes(file: string, from: number, length: number): Promise<Uint8Array> {
  await using handle = await open(file, 'r');
  const out = new Uint8Array(length);
  const { bytesRead } = await handle.read(out, 0, length, from);
  if (bytesRead !== length) throw new Error(`segment ${file} ends inside a packet`);
  return out;
}

/** Bytes [from, to) of `file` written into the part at `at`, a megabyte at a time. */
async function copyRange(part: PartFile, at: number, file: string, from: number, to: number): Promise<void> {
  await using handle = await open(file, 'r');
  const block = new Uint8Array(READ_BYTES);
  for (let done = from; done < to; ) {
    const { bytesRead } = await handle.read(block, 0, Math.min(READ_BYTES, to - done), done);
    if (bytesRead === 0) throw new Error(`segment ${file} ends before byte ${to}`);
    await part.write(block.subarray(0, bytesRead), at + done - from);
    done += bytesRead;
  }
}

/** Bytes read from a segment file at a time. */
const READ_BYTES = 1 << 20;

/** The bit reservoir reaches back at most 511 bytes; keep a little more of the dropped frames. */
const RESERVOIR_BYTES = 2048;

/** Where segment i takes over from segment i-1, and its first frame rewritten to stand alone. */
interface Mp3Seam {
  frame: number;
  data: Uint8Array;
}

/**
 * One MP3 stream from the segments' frames. Each seam moves to the first frame at or after the
 * planned one whose rewrite fits in a frame (nearly always the planned one), looking no further
 * than half the context the segment before was encoded with.
 */
async function spliceMp3(target: Target, spec: EncoderSpec, segments: EncodeSegment[], files: string[]) {
  const seams: Array<Mp3Seam | undefined> = [undefined];
  for (let i = 1; i < segments.length; i++)
    seams.push(await findSeam(files[i]!, segments[i]!, segments[i - 1]!, spec));
  // No Xing frame here: output-writer.ts writes the Info frame once the stream is complete.
  const output = new Output({ format: new Mp3OutputFormat({ xingHeader: false }), target });
  const source = new EncodedAudioPacketSource('mp3');
  output.addAudioTrack(source);
  await output.start();
  let decoderConfig: AudioDecoderConfig | undefined;
  let first = true;
  for (const [i, segment] of segments.entries()) {
    const from = seams[i]?.frame ?? segment.keepFrom;
    const to = seams[i + 1]?.frame ?? segment.keepTo;
    for await (const { packet, frame, config } of packetsOf(files[i]!, MP3, segment, spec.sampleRate)) {
      decoderConfig ??= config;
      if (frame < from) continue;
      if (frame >= to) break;
      const data = frame === seams[i]?.frame ? seams[i]!.data : packet.data;
      const placed = new EncodedPacket(data, 'key', frame / spec.sampleRate, packet.duration);
      await source.add(placed, first && decoderConfig ? { decoderConfig } : undefined);
      first = false;
    }
  }
  source.close();
  await output.finalize();
}

async function findSeam(
  file: string,
  segment: EncodeSegment,
  previous: EncodeSegment,
  spec: EncoderSpec,
): Promise<Mp3Seam> {
  const limit = segment.keepFrom + (previous.encodeTo - segment.keepFrom) / 2;
  let reservoir: Uint8Array = new Uint8Array(0);
  let candidate: { data: Uint8Array; frame: number; before: Uint8Array } | undefined;
  for await (const { packet, frame } of packetsOf(file, MP3, segment, spec.sampleRate)) {
    if (candidate) {
      const data = standAlone(candidate.data, candidate.before, packet.data);
      if (data) return { frame: candidate.frame, data };
      candidate = undefined;
    }
    if (frame >= limit) break;
    if (frame >= segment.keepFrom) candidate = { data: packet.data, frame, before: reservoir };
    reservoir = appendTail(reservoir, payloadOf(packet.data), RESERVOIR_BYTES);
  }
  throw new SpliceError(`MP3 splice: no frame near ${segment.keepFrom} could stand alone`);
}

/**
 * The frame rewritten to stand alone, or undefined when it cannot be: too big for any frame, or
 * a frame the rewrite does not handle (CRC-protected). Never an error: the caller's answer to
 * no seam is one encoder, which is always right.
 */
function standAlone(frame: Uint8Array, before: Uint8Array, next: Uint8Array): Uint8Array | undefined {
  try {
    return reservoirFree(frame, before, mainDataBegin(next));
  } catch {
    return undefined;
  }
}

function appendTail(bytes: Uint8Array, more: Uint8Array, keep: number): Uint8Array {
  const joined = new Uint8Array(bytes.length + more.length);
  joined.set(bytes);
  joined.set(more, bytes.length);
  return joined.length > keep ? joined.slice(joined.length - keep) : joined;
}
