import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ADTS,
  EncodedAudioPacketSource,
  EncodedPacketSink,
  FilePathSource,
  FilePathTarget,
  Input,
  Mp4OutputFormat,
  Output,
  type Target,
} from 'mediabunny';
import { type AacSegment, keepsPacket } from '../../audio/export/aac-segments.ts';
import { type EncoderSpec, MediaEncoder, metadataFor } from '../../audio/export/media-encoder.ts';
import type { PcmSink } from '../../audio/pcm.ts';

/** Streams the export's finished samples into a sink; every call streams the same samples. */
export type Render = (sink: PcmSink) => Promise<void>;

/** Thrown by a segment's sink once it has what it needs, to stop that render early. */
class SegmentFilled extends Error {}

/**
 * The wasm AAC encoder is single-threaded (one worker, one frame per round trip): an hour took
 * twice as long as native ffmpeg. So each segment gets its own encoder and its own render of
 * the audio, all at once, into ADTS files in a temporary folder; their packets are then
 * spliced into one M4B in order (see aac-segments.ts for why that is sound).
 */
export async function encodeSegmentedM4b(
  target: Target,
  spec: EncoderSpec,
  segments: AacSegment[],
  render: Render,
  onProgress?: (fraction: number) => void,
): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'cuewright-aac-'));
  try {
    const files = segments.map((_, i) => join(dir, `segment-${i}.aac`));
    const total = segments.reduce((n, s) => n + s.encodeTo - s.encodeFrom, 0);
    let done = 0;
    const failed = { error: undefined as unknown };
    await Promise.all(
      segments.map((segment, i) =>
        encodeSegment(spec, segment, files[i]!, render, failed, (frames) => {
          done += frames;
          onProgress?.(Math.min(1, done / total));
        }).catch((error: unknown) => {
          // One failure (a cancel, a full disk) stops the other segments at their next block.
          failed.error ??= error;
        }),
      ),
    );
    if (failed.error !== undefined) throw failed.error;
    await spliceSegments(target, spec, segments, files);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function encodeSegment(
  spec: EncoderSpec,
  segment: AacSegment,
  file: string,
  render: Render,
  failed: { error: unknown },
  progress: (frames: number) => void,
): Promise<void> {
  const encoder = await MediaEncoder.open(spec, new FilePathTarget(file), true);
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
    await render(window);
  } catch (error) {
    if (!(error instanceof SegmentFilled)) {
      await encoder.cancel().catch(() => undefined);
      throw error;
    }
  }
  await encoder.finish();
}

/** One M4B from the segments' packets, each packet taken from the segment that keeps it. */
async function spliceSegments(
  target: Target,
  spec: EncoderSpec,
  segments: AacSegment[],
  files: string[],
): Promise<void> {
  const output = new Output({ format: new Mp4OutputFormat({ fastStart: false }), target });
  const source = new EncodedAudioPacketSource('aac');
  output.addAudioTrack(source);
  output.setMetadataTags(metadataFor(spec));
  await output.start();
  let first = true;
  for (const [i, segment] of segments.entries()) {
    using input = new Input({ source: new FilePathSource(files[i]!), formats: [ADTS] });
    const track = await input.getPrimaryAudioTrack();
    if (!track) throw new Error(`AAC segment ${i + 1} holds no audio`);
    const decoderConfig = await track.getDecoderConfig();
    for await (const packet of new EncodedPacketSink(track).packets()) {
      const frame = segment.encodeFrom + Math.round(packet.timestamp * spec.sampleRate);
      if (!keepsPacket(segment, frame)) continue;
      const placed = packet.clone({ timestamp: frame / spec.sampleRate });
      await source.add(placed, first && decoderConfig ? { decoderConfig } : undefined);
      first = false;
    }
  }
  source.close();
  await output.finalize();
}
