import { type FileHandle, open } from 'node:fs/promises';
import type { PcmSink } from '../../audio/pcm.ts';
import { AacBatcher } from './aac-batcher.ts';
import type { AacPackets } from './aac-wasm.ts';

// One parallel encoder's AAC packets (segmented-encode.ts), bare, end to end in a file of their
// own, their sizes kept here: the splice reads them straight back. Muxed as ADTS and demuxed
// again, as first done, each of the ~43 packets a second went through two container layers
// (a sixth of the main thread's work and most of its garbage, for frames we cut out again).

/** What a segment's file holds: packet k is bytes [offset k, offset k + sizes[k]), frameSize frames from k · frameSize on. */
export interface AacSegmentIndex {
  file: string;
  sizes: Uint32Array;
  frameSize: number;
  /** The encoder's AudioSpecificConfig. */
  extradata: Uint8Array;
}

export class AacSegmentFile implements PcmSink {
  private readonly batcher: AacBatcher;
  private readonly handle: FileHandle;
  private readonly file: string;
  private sizes = new Uint32Array(4096);
  private count = 0;
  /** Packet data waits here for the file in order; a write failure surfaces at the next push. */
  private writing: Promise<unknown> = Promise.resolve();

  private constructor(batcher: AacBatcher, handle: FileHandle, file: string) {
    this.batcher = batcher;
    this.handle = handle;
    this.file = file;
  }

  /** An encoder thread and `file` (created, or emptied) for `channels` at `sampleRate` Hz, `bitrate` b/s. */
  static async create(
    file: string,
    channels: number,
    sampleRate: number,
    bitrate: number,
  ): Promise<AacSegmentFile> {
    const handle = await open(file, 'w');
    let self: AacSegmentFile | undefined;
    const batcher = await AacBatcher.open(channels, sampleRate, bitrate, (packets) =>
      self!.keep(packets),
    ).catch(async (error: unknown) => {
      await handle.close();
      throw error;
    });
    self = new AacSegmentFile(batcher, handle, file);
    return self;
  }

  async push(channels: Float32Array[]): Promise<void> {
    await this.writing;
    await this.batcher.push(channels);
  }

  /** Everything encoded and written; the file's index. */
  async finish(): Promise<AacSegmentIndex> {
    try {
      await this.batcher.flush();
      await this.writing;
    } finally {
      await this.close();
    }
    return {
      file: this.file,
      sizes: this.sizes.slice(0, this.count),
      frameSize: this.batcher.frameSize,
      extradata: this.batcher.extradata,
    };
  }

  async cancel(): Promise<void> {
    await this.writing.catch(() => undefined);
    await this.close();
  }

  private async close(): Promise<void> {
    await this.batcher.close();
    await this.handle.close();
  }

  private keep(packets: AacPackets): void {
    if (this.count + packets.sizes.length > this.sizes.length) {
      const grown = new Uint32Array(Math.max(this.sizes.length * 2, this.count + packets.sizes.length));
      grown.set(this.sizes.subarray(0, this.count));
      this.sizes = grown;
    }
    this.sizes.set(packets.sizes, this.count);
    this.count += packets.sizes.length;
    const data = packets.data;
    this.writing = this.writing.then(() => this.handle.write(data));
    this.writing.catch(() => undefined);
  }
}
