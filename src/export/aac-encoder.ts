import { type AudioSample, CustomAudioEncoder, EncodedPacket, registerEncoder } from 'mediabunny';
import { AAC_RATES } from '../../audio/aac/audio-specific-config.ts';
import { AacBatcher } from './aac-batcher.ts';
import type { AacPackets } from './aac-wasm.ts';

// AAC through mediabunny's custom-encoder API, with FFmpeg's encoder from @mediabunny/aac-encoder
// in a worker thread of its own fed in batches (aac-batcher.ts), in place of the package's own
// encoder, which waits on a round trip per 1024-sample frame.

class BatchedAacEncoder extends CustomAudioEncoder {
  private batcher: AacBatcher | undefined;
  private description: Uint8Array | undefined;
  /** Where the next packet starts, in samples (set by the first sample's timestamp). */
  private next: number | undefined;

  static override supports(codec: string, config: AudioEncoderConfig): boolean {
    const format = (config as { aac?: { format?: string } }).aac?.format;
    return (
      codec === 'aac' &&
      format !== 'adts' &&
      config.numberOfChannels >= 1 &&
      config.numberOfChannels <= 8 &&
      (AAC_RATES as readonly number[]).includes(config.sampleRate) &&
      config.bitrate !== undefined
    );
  }

  async init(): Promise<void> {
    const { numberOfChannels: channels, sampleRate, bitrate } = this.config;
    this.batcher = await AacBatcher.open(channels, sampleRate, bitrate!, (packets) => this.emit(packets));
    this.description = this.batcher.extradata;
  }

  async encode(sample: AudioSample): Promise<void> {
    this.next ??= Math.round(sample.timestamp * this.config.sampleRate);
    // Interleaved, straight into the batch being gathered.
    const into = this.batcher!.reserve(sample.numberOfFrames);
    sample.copyTo(into, { format: 'f32', planeIndex: 0 });
    await this.batcher!.commit(sample.numberOfFrames);
  }

  async flush(): Promise<void> {
    await this.batcher!.flush();
  }

  async close(): Promise<void> {
    await this.batcher?.close();
  }

  private emit(reply: AacPackets): void {
    let at = 0;
    this.next ??= 0;
    for (const [i, size] of reply.sizes.entries()) {
      const duration = reply.durations[i]!;
      const rate = this.config.sampleRate;
      const packet = new EncodedPacket(
        reply.data.subarray(at, at + size),
        'key',
        this.next! / rate,
        duration / rate,
      );
      at += size;
      this.next! += duration;
      const first = this.description;
      this.description = undefined;
      this.onPacket(
        packet,
        first && {
          decoderConfig: {
            codec: 'mp4a.40.2',
            numberOfChannels: this.config.numberOfChannels,
            sampleRate: this.config.sampleRate,
            description: first,
          },
        },
      );
    }
  }
}

let registered = false;

/**
 * Registers the batched AAC encoder with mediabunny. Call it before any MediaEncoder opens: mediabunny
 * takes the first registered encoder that supports a codec, and MediaEncoder registers the package's own.
 */
export function registerBatchedAacEncoder(): void {
  if (registered) return;
  registerEncoder(BatchedAacEncoder as never);
  registered = true;
}
