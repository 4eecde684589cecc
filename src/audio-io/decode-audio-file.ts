import type { PcmAudio, PcmSink } from '../../audio/pcm.ts';
import { type Progress, streamAudio } from './audio-source.ts';

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
