import { Worker } from 'node:worker_threads';
import type { AacReply, AacRequest } from './aac-encode-worker.ts';
import type { AacPackets } from './aac-wasm.ts';

// FFmpeg's AAC encoder (aac-wasm.ts) in a worker thread of its own, fed interleaved frames in
// batches, each batch sent before the one before it is waited on: the encoder thread never waits
// for a round trip per 1024-sample frame (the package's own encoder did, a third of its thread),
// nor for the main thread, busy decoding for all the parallel encoders. Packets come back in order
// through `onPackets`.

/** Frames per message: about 0.7 s at 44.1 kHz. */
const BATCH = 32;

export class AacBatcher {
  readonly frameSize: number;
  /** The AudioSpecificConfig the encoder writes. */
  readonly extradata: Uint8Array;
  private readonly worker: Worker;
  private readonly waiting: Array<{ resolve: (reply: AacReply) => void; reject: (error: unknown) => void }>;
  private readonly channels: number;
  private readonly onPackets: (packets: AacPackets) => void;
  private pending: Float32Array;
  private pendingFrames = 0;
  /** The batch being encoded: the next one is sent before this one is waited on. */
  private inFlight: Promise<void> = Promise.resolve();

  private constructor(
    worker: Worker,
    waiting: AacBatcher['waiting'],
    opened: { frameSize: number; extradata: Uint8Array },
    channels: number,
    onPackets: (packets: AacPackets) => void,
  ) {
    this.worker = worker;
    this.waiting = waiting;
    this.frameSize = opened.frameSize;
    this.extradata = opened.extradata;
    this.channels = channels;
    this.onPackets = onPackets;
    this.pending = new Float32Array(this.frameSize * (BATCH + 8) * channels);
  }

  /** An encoder thread for `channels` at `sampleRate` Hz and `bitrate` b/s; errors are the encoder's refusal. */
  static async open(
    channels: number,
    sampleRate: number,
    bitrate: number,
    onPackets: (packets: AacPackets) => void,
  ): Promise<AacBatcher> {
    const worker = new Worker(new URL('../../bin/ts-worker.js', import.meta.url), {
      workerData: { module: new URL('./aac-encode-worker.ts', import.meta.url).href },
    });
    const waiting: AacBatcher['waiting'] = [];
    worker.on('message', (reply: AacReply) => {
      const waiter = waiting.shift();
      if (reply.type === 'error') waiter?.reject(reply.error);
      else waiter?.resolve(reply);
    });
    const stopped = (error: unknown) => {
      for (const waiter of waiting.splice(0)) waiter.reject(error);
    };
    worker.on('error', stopped);
    worker.on('exit', (code) => stopped(new Error(`the AAC encoder thread stopped (exit code ${code})`)));
    const opened = await ask(worker, waiting, { type: 'open', channels, sampleRate, bitrate }).catch(
      async (error: unknown) => {
        await worker.terminate();
        throw error;
      },
    );
    if (opened.type !== 'opened') throw new Error('AAC encoder thread: no answer to open');
    return new AacBatcher(worker, waiting, opened, channels, onPackets);
  }

  /**
   * Room for `frames` more interleaved frames: write them into the view returned, then `commit`.
   * The view is valid until the next call.
   */
  reserve(frames: number): Float32Array {
    const needed = (this.pendingFrames + frames) * this.channels;
    if (needed > this.pending.length) {
      const grown = new Float32Array(needed);
      grown.set(this.pending.subarray(0, this.pendingFrames * this.channels));
      this.pending = grown;
    }
    return this.pending.subarray(this.pendingFrames * this.channels, needed);
  }

  /** The `frames` written into the last reserved view join the batch; a full batch is sent. */
  async commit(frames: number): Promise<void> {
    this.pendingFrames += frames;
    if (this.pendingFrames >= BATCH * this.frameSize)
      await this.send(this.pendingFrames - (this.pendingFrames % this.frameSize));
  }

  /** Planar channels appended (interleaved here), as `reserve` + `commit`. */
  async push(channels: Float32Array[]): Promise<void> {
    const frames = channels[0]?.length ?? 0;
    const into = this.reserve(frames);
    const n = this.channels;
    if (n === 1) into.set(channels[0]!);
    else
      for (let c = 0; c < n; c++)
        for (let i = 0, src = channels[c]!; i < frames; i++) into[i * n + c] = src[i]!;
    await this.commit(frames);
  }

  /** The last frame padded with silence (as the package's encoder does), everything encoded, and the packets held back. */
  async flush(): Promise<void> {
    const whole = Math.ceil(this.pendingFrames / this.frameSize) * this.frameSize;
    this.pending.fill(0, this.pendingFrames * this.channels, whole * this.channels);
    this.pendingFrames = whole;
    if (whole > 0) await this.send(whole);
    await this.inFlight;
    const reply = await ask(this.worker, this.waiting, { type: 'flush' });
    this.deliver(reply);
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }

  /** Sends the first `frames` gathered frames; waits for the batch before them. */
  private async send(frames: number): Promise<void> {
    const samples = this.pending.slice(0, frames * this.channels);
    this.pending.copyWithin(0, frames * this.channels, this.pendingFrames * this.channels);
    this.pendingFrames -= frames;
    const before = this.inFlight;
    const batch = ask(this.worker, this.waiting, { type: 'encode', samples }, [samples.buffer]).then(
      (reply) => this.deliver(reply),
    );
    // Surfaced by the next await on it; marked handled so it is not reported before then.
    batch.catch(() => undefined);
    this.inFlight = batch;
    await before;
  }

  private deliver(reply: AacReply): void {
    if (reply.type !== 'packets') throw new Error('AAC encoder thread: packets expected');
    this.onPackets(reply);
  }
}

function ask(
  worker: Worker,
  waiting: AacBatcher['waiting'],
  request: AacRequest,
  transfer: ArrayBuffer[] = [],
): Promise<AacReply> {
  return new Promise((resolve, reject) => {
    waiting.push({ resolve, reject });
    worker.postMessage(request, transfer);
  });
}
