import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { compileFunction } from 'node:vm';

// FFmpeg's AAC encoder as @mediabunny/aac-encoder builds it to wasm (its bridge.c), driven here
// directly, frame after frame in a loop, in whatever thread calls it. The package's own encoder
// posts every 1024-sample frame to a worker and back, which cost a third of each encoder thread.
// The Emscripten module is not among the package's exports, and is an ES-module body ending in
// `exports.default = ...`: so it is read as text and compiled as a function of `exports`.

interface AacModule {
  HEAPU8: Uint8Array;
  _init_encoder(channels: number, sampleRate: number, bitrate: number): number;
  _get_encoder_frame_size(ctx: number): number;
  _get_encoder_extradata(ctx: number): number;
  _get_encoder_extradata_size(ctx: number): number;
  _get_encode_input_ptr(ctx: number, bytes: number): number;
  _send_frame(ctx: number, pts: bigint): number;
  _receive_packet(ctx: number): number;
  _flush_encoder_start(ctx: number): void;
  _get_encoded_data(ctx: number): number;
  _get_encoded_duration(ctx: number): number;
  _close_encoder(ctx: number): void;
}

type Factory = () => Promise<AacModule>;

let factory: Factory | undefined;

function loadFactory(): Factory {
  if (factory) return factory;
  const entry = createRequire(import.meta.url).resolve('@mediabunny/aac-encoder');
  const file = join(dirname(entry), '..', 'modules', 'build', 'aac.js');
  // Its one `import.meta.url` names a folder to fetch a .wasm from; the binary is inline instead.
  const body = readFileSync(file, 'utf8').replace('import.meta.url', JSON.stringify(`file://${file}`));
  const exports: { default?: Factory } = {};
  compileFunction(body, ['exports'], { filename: file })(exports);
  if (typeof exports.default !== 'function') throw new Error(`${file}: no AAC encoder module in it`);
  factory = exports.default;
  return factory;
}

/** Encoded packets laid end to end in `data`, with each one's length and duration (samples). */
export interface AacPackets {
  data: Uint8Array;
  sizes: number[];
  durations: number[];
}

export class AacWasm {
  readonly frameSize: number;
  /** The AudioSpecificConfig the encoder writes. */
  readonly extradata: Uint8Array;
  private readonly module: AacModule;
  private readonly ctx: number;
  private readonly channels: number;
  private pts = 0n;

  private constructor(module: AacModule, ctx: number, channels: number) {
    this.module = module;
    this.ctx = ctx;
    this.channels = channels;
    this.frameSize = module._get_encoder_frame_size(ctx);
    const at = module._get_encoder_extradata(ctx);
    this.extradata = module.HEAPU8.slice(at, at + module._get_encoder_extradata_size(ctx));
  }

  static async open(channels: number, sampleRate: number, bitrate: number): Promise<AacWasm> {
    const module = await loadFactory()();
    const ctx = module._init_encoder(channels, sampleRate, bitrate);
    if (ctx === 0) throw new Error(`AAC encoder refused ${channels} ch, ${sampleRate} Hz, ${bitrate} b/s`);
    return new AacWasm(module, ctx, channels);
  }

  /** Encodes whole frames of interleaved samples (a multiple of frameSize × channels). */
  encode(interleaved: Float32Array): AacPackets {
    const step = this.frameSize * this.channels;
    if (interleaved.length % step !== 0) throw new Error('AAC encode: not a whole number of frames');
    const out = new PacketCollector();
    const input = this.module._get_encode_input_ptr(this.ctx, step * 4);
    if (input === 0) throw new Error('AAC encoder: no memory for its input');
    for (let at = 0; at < interleaved.length; at += step) {
      // A fresh view each frame: the wasm memory may have grown (and moved) since the last.
      new Float32Array(this.module.HEAPU8.buffer, input, step).set(interleaved.subarray(at, at + step));
      const ret = this.module._send_frame(this.ctx, this.pts);
      if (ret < 0) throw new Error(`AAC encode failed (${ret})`);
      this.pts += BigInt(this.frameSize);
      this.drain(out);
    }
    return out.packets();
  }

  /** The packets the encoder still holds back; the encoder cannot be fed after this. */
  flush(): AacPackets {
    this.module._flush_encoder_start(this.ctx);
    const out = new PacketCollector();
    this.drain(out);
    return out.packets();
  }

  close(): void {
    this.module._close_encoder(this.ctx);
  }

  private drain(out: PacketCollector): void {
    for (;;) {
      const size = this.module._receive_packet(this.ctx);
      if (size < 0) throw new Error(`AAC encode failed (${size})`);
      if (size === 0) return;
      const at = this.module._get_encoded_data(this.ctx);
      out.add(this.module.HEAPU8.subarray(at, at + size), this.module._get_encoded_duration(this.ctx));
    }
  }
}

class PacketCollector {
  private data = new Uint8Array(16_384);
  private length = 0;
  private readonly sizes: number[] = [];
  private readonly durations: number[] = [];

  add(bytes: Uint8Array, duration: number): void {
    if (this.length + bytes.length > this.data.length) {
      const grown = new Uint8Array(Math.max(this.data.length * 2, this.length + bytes.length));
      grown.set(this.data.subarray(0, this.length));
      this.data = grown;
    }
    this.data.set(bytes, this.length);
    this.length += bytes.length;
    this.sizes.push(bytes.length);
    this.durations.push(duration);
  }

  packets(): AacPackets {
    return { data: this.data.slice(0, this.length), sizes: this.sizes, durations: this.durations };
  }
}
