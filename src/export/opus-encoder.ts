import { CustomAudioEncoder, EncodedPacket, registerEncoder } from 'mediabunny';
import OpusScript from 'opusscript';
import { Resampler } from '../../audio/resample.ts';

// Ogg Opus through mediabunny's custom-encoder API and libopus (opusscript, Emscripten build).
// Opus runs at 48 kHz: other rates are converted first, without delay (audio/resample.ts), and
// the encoder's lookahead is declared as OpusHead pre-skip so decoders line the audio up exactly.

const RATE = 48_000;
const FRAME = 960; // 20 ms
/** libopus's lookahead at 48 kHz for the AUDIO application (OPUS_GET_LOOKAHEAD). */
export const OPUS_PRE_SKIP = 312;

class OpusEncoder extends CustomAudioEncoder {
  private opus: OpusScript | undefined;
  private resampler: Resampler | undefined;
  private pending: Float32Array[] = [];
  private pendingLength = 0;
  private packets = 0;
  private described = false;
  /** Where the stream ends (samples at 48 kHz, pre-skip included), once flushed. */
  private end = Number.POSITIVE_INFINITY;

  static override supports(codec: string, config: { numberOfChannels: number }): boolean {
    return codec === 'opus' && (config.numberOfChannels === 1 || config.numberOfChannels === 2);
  }

  init(): void {
    const channels = this.config.numberOfChannels;
    this.opus = new OpusScript(RATE, channels, OpusScript.Application.AUDIO);
    this.opus.setBitrate(this.config.bitrate as number);
    this.resampler =
      this.config.sampleRate === RATE ? undefined : new Resampler(this.config.sampleRate, RATE, channels);
    this.pending = Array.from({ length: channels }, () => new Float32Array(FRAME * 8));
  }

  encode(sample: {
    numberOfChannels: number;
    numberOfFrames: number;
    allocationSize(o: object): number;
    copyTo(d: Float32Array, o: object): void;
  }): void {
    const channels = Array.from({ length: sample.numberOfChannels }, (_, c) => {
      const plane = new Float32Array(sample.numberOfFrames);
      sample.copyTo(plane, { format: 'f32-planar', planeIndex: c });
      return plane;
    });
    this.take(this.resampler ? this.resampler.push(channels) : channels);
  }

  flush(): void {
    if (this.resampler) this.take(this.resampler.flush());
    // The decoder drops the first OPUS_PRE_SKIP samples, so the stream must run that much past
    // the audio: pad with silence to whole frames, and end the last packet (its granule
    // position) exactly there, so the decoded length is the audio's own.
    const fed = this.packets * FRAME + this.pendingLength;
    this.end = fed + OPUS_PRE_SKIP;
    const tail = Math.ceil(this.end / FRAME) * FRAME - fed;
    this.take(this.pending.map(() => new Float32Array(tail)));
  }

  close(): void {
    this.opus?.delete();
  }

  private take(channels: Float32Array[]): void {
    const n = channels[0]?.length ?? 0;
    if (this.pendingLength + n > this.pending[0]!.length) {
      this.pending = this.pending.map((old) => {
        const grown = new Float32Array(Math.max(old.length * 2, this.pendingLength + n));
        grown.set(old.subarray(0, this.pendingLength));
        return grown;
      });
    }
    channels.forEach((channel, c) => {
      this.pending[c]!.set(channel, this.pendingLength);
    });
    this.pendingLength += n;
    let at = 0;
    for (; at + FRAME <= this.pendingLength; at += FRAME) this.encodeFrame(at);
    for (const plane of this.pending) plane.copyWithin(0, at, this.pendingLength);
    this.pendingLength -= at;
  }

  private encodeFrame(at: number): void {
    const channels = this.pending.length;
    const pcm = Buffer.alloc(FRAME * channels * 2);
    for (let i = 0; i < FRAME; i++) {
      for (let c = 0; c < channels; c++) {
        const x = Math.max(-1, Math.min(1, this.pending[c]![at + i]!));
        pcm.writeInt16LE(Math.round(x * 32767), (i * channels + c) * 2);
      }
    }
    const data = new Uint8Array(this.opus!.encode(pcm, FRAME));
    const start = this.packets * FRAME;
    // The last packet is shorter than a frame by the padding: its end is the stream's end.
    const length = Math.min(FRAME, this.end - start);
    const packet = new EncodedPacket(data, 'key', start / RATE, length / RATE);
    this.packets++;
    if (this.described) {
      this.onPacket(packet);
      return;
    }
    this.described = true;
    this.onPacket(packet, {
      decoderConfig: {
        codec: 'opus',
        numberOfChannels: channels,
        sampleRate: RATE,
        description: opusHead(channels, this.config.sampleRate),
      },
    });
  }
}

/** RFC 7845 identification header: version 1, channels, pre-skip, original rate, gain 0, mapping 0. */
function opusHead(channels: number, inputRate: number): Uint8Array {
  const head = new Uint8Array(19);
  const view = new DataView(head.buffer);
  head.set([...'OpusHead'].map((c) => c.charCodeAt(0)));
  head[8] = 1;
  head[9] = channels;
  view.setUint16(10, OPUS_PRE_SKIP, true);
  view.setUint32(12, inputRate, true);
  return head;
}

let registered = false;

export function registerOpusEncoder(): void {
  if (registered) return;
  registerEncoder(OpusEncoder as never);
  registered = true;
}
