import { parentPort } from 'node:worker_threads';
import { type AacPackets, AacWasm } from './aac-wasm.ts';

// One AAC encoder in its own thread (aac-encoder.ts drives it): each message a batch of whole
// frames, answered in order with the packets they gave.

export type AacRequest =
  | { type: 'open'; channels: number; sampleRate: number; bitrate: number }
  | { type: 'encode'; samples: Float32Array }
  | { type: 'flush' };

export type AacReply =
  | { type: 'opened'; frameSize: number; extradata: Uint8Array }
  | ({ type: 'packets' } & AacPackets)
  | { type: 'error'; error: unknown };

let encoder: AacWasm | undefined;

async function answer(request: AacRequest): Promise<AacReply> {
  if (request.type === 'open') {
    encoder = await AacWasm.open(request.channels, request.sampleRate, request.bitrate);
    return { type: 'opened', frameSize: encoder.frameSize, extradata: encoder.extradata };
  }
  if (!encoder) throw new Error('AAC encoder used before it was opened');
  const packets = request.type === 'encode' ? encoder.encode(request.samples) : encoder.flush();
  return { type: 'packets', ...packets };
}

// Requests are answered one at a time, in the order they came.
let queue = Promise.resolve();
parentPort!.on('message', (request: AacRequest) => {
  queue = queue.then(async () => {
    const reply = await answer(request).catch((error: unknown): AacReply => ({ type: 'error', error }));
    parentPort!.postMessage(reply, reply.type === 'packets' ? [reply.data.buffer as ArrayBuffer] : []);
  });
});
