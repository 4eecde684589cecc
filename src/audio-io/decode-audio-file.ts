import type { PcmAudio, PcmSink } from '../../audio/pcm.ts';
import { type Progress, probeAudio, streamAudio } from './audio-source.ts';

/** Collects decoded blocks into one buffer per channel (for files that fit in memory). */
class Collector implements PcmSink {
  readonly blocks: Float32Array[][] = [];
  push(channels: Float32Array[]): void {
    this.blocks.push(channels.map((c) => c.slice()));
  }
  join(channelCount: number): Float32Array[] {
    const frames = this.blocks.reduce((n, b) => n + b[0]!.length, 0);
    return Array.from({ length: channelCount }, (_, c) => {
      const out = new Float32Array(frames);
      let at = 0;
      for (const block of this.blocks) {
        out.set(block[c]!, at);
        at += block[c]!.length;
      }
      return out;
    });
  }
}

export async function decodeAudioFile(path: string, onProgress?: Progress): Promise<PcmAudio> {
  const collector = new Collector();
  const info = await streamAudio(path, [collector], onProgress);
  return { sampleRate: info.sampleRate, channels: collector.join(info.channels) };
}

/**
 * Decodes only [from, to) seconds of a file (streaming past the rest): re-aligning a few cues of a
 * three-hour book holds seconds of samples, not hours.
 */
export async function decodeStretch(path: string, from: number, to: number): Promise<PcmAudio> {
  const probe = await probeAudio(path);
  const first = Math.max(0, Math.floor(from * probe.sampleRate));
  const last = Math.ceil(to * probe.sampleRate);
  const collector = new Collector();
  let position = 0;
  const window: PcmSink = {
    push(channels) {
      const n = channels[0]?.length ?? 0;
      const a = Math.max(first, position);
      const b = Math.min(last, position + n);
      if (b > a) collector.push(channels.map((c) => c.subarray(a - position, b - position)));
      position += n;
    },
  };
  const info = await streamAudio(probe, [window]);
  return { sampleRate: info.sampleRate, channels: collector.join(info.channels) };
}
