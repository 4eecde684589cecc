import { Worker } from 'node:worker_threads';
import { type AudioSample, CustomAudioEncoder, EncodedPacket, registerEncoder } from 'mediabunny';
import { AAC_RATES } from '../../audio/aac/audio-specific-config.ts';
import type { AacReply, AacRequest } from './aac-encode-worker.ts';

// AAC through mediabunny's custom-encoder API, with FFmpeg's encoder from @mediabunny/aac-encoder
// (aac-wasm.ts) in a worker thread of its own, sent a batch of frames per message and never
// waited on before the next batch is sent. The package's own encoder waits on a round trip per
// 1024-sample frame: a third of each encoder thread went into messages, and every round trip
// also waited for the main thread, busy decoding for all the parallel encoders.

/** Frames per message: about 0.7 s at 44.1 kHz. */
const BATCH = 32;

class BatchedAacEncoder extends CustomAudioEncoder {
  private worker: Worker | undefined;
  private readonly waiting: Array<{ resolve: (reply: AacReply) => void; reject: (error: unknown) => void }> =
    [];
  private frameSize = 0;
  private description: Uint8Array | undefined;
  private pending = new Float32Array(0);
  private pendingFrames = 0;
  /** Where the next packet starts, in samples (set by the first sample's timestamp). */
  private next: number | undefined;
  /** The batch being encoded: the next one is sent before this one is waited on. */
  private inFlight: Promise<void> = Promise.resolve();

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
    const worker = new Worker(new URL('../../bin/ts-worker.js', import.meta.url), {
      workerData: { module: new URL('./aac-encode-worker.ts', import.meta.url).href },
    });
    this.worker = worker;
    worker.on('message', (reply: AacReply) => {
      const waiter = this.waiting.shift();
      if (reply.type === 'error') waiter?.reject(reply.error);
      else waiter?.resolve(reply);
    });
    const stopped = (error: unknown) => {
      for (const waiter of this.waiting.splice(0)) waiter.reject(error);
    };
    worker.on('error', stopped);
    worker.on('exit', (code) => stopped(new Error(`the AAC encoder thread stopped (exit code ${code})`)));
    const { numberOfChannels: channels, sampleRate, bitrate } = this.config;
    const opened = await this.ask({ type: 'open', channels, sampleRate, bitrate: bitrate! });
    if (opened.type !== 'opened') throw new Error('AAC encoder thread: no answer to open');
    this.frameSize = opened.frameSize;
    this.description = opened.extradata;
    this.pending = new Float32Array(this.frameSize * (BATCH + 8) * channels);
  }

  async encode(sample: AudioSample): Promise<void> {
    this.next ??= Math.round(sample.timestamp * this.config.sampleRate);
    const channels = this.config.numberOfChannels;
    const frames = sample.numberOfFrames;
    const needed = (this.pendingFrames + frames) * channels;
    if (needed > this.pending.length) {
      const grown = new Float32Array(needed);
      grown.set(this.pending.subarray(0, this.pendingFrames * channels));
      this.pending = grown;
    }
    // Interleaved, straight into the batch being gathered.
    const into = this.pending.subarray(this.pendingFrames * channels, needed);
    sample.copyTo(into, { format: 'f32', planeIndex: 0 });
    this.pendingFrames += frames;
    if (this.pendingFrames >= BATCH * this.frameSize)
      await this.send(this.pendingFrames - (this.pendingFrames % this.frameSize));
  }

  async flush(): Promise<void> {
    // The last frame is padded with silence, as the package's encoder does.
    const whole = Math.ceil(this.pendingFrames / this.frameSize) * this.frameSize;
    const channels = this.config.numberOfChannels;
    this.pending.fill(0, this.pendingFrames * channels, whole * channels);
    this.pendingFrames = whole;
    if (whole > 0) await this.send(whole);
    await this.inFlight;
    this.emit(await this.ask({ type: 'flush' }));
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
  }

  /** Sends the first `frames` gathered frames; waits for the batch before them. */
  private async send(frames: number): Promise<void> {
    const channels = this.config.numberOfChannels;
    const samples = this.pending.slice(0, frames * channels);
    this.pending.copyWithin(0, frames * channels, this.pendingFrames * channels);
    this.pendingFrames -= frames;
    const before = this.inFlight;
    const batch = this.ask({ type: 'encode', samples }, [samples.buffer]).then((reply) => this.emit(reply));
    // Surfaced by the next await on it; marked handled so it is not reported before then.
    batch.catch(() => undefined);
    this.inFlight = batch;
    await before;
  }

  private emit(reply: AacReply): void {
    if (reply.type !== 'packets') throw new Error('AAC encoder thread: packets expected');
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

  private ask(request: AacRequest, transfer: ArrayBuffer[] = []): Promise<AacReply> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.worker!.postMessage(request, transfer);
    });
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
