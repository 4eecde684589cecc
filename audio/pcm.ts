/** Decoded audio: one Float32Array per channel, samples in [-1, 1]. */
export interface PcmAudio {
  sampleRate: number;
  channels: Float32Array[];
}

export function frameCount(audio: PcmAudio): number {
  return audio.channels[0]?.length ?? 0;
}

export function durationOf(audio: PcmAudio): number {
  return frameCount(audio) / audio.sampleRate;
}

/**
 * Something that consumes audio a block at a time (meters, peak builders, encoders). An encoder
 * returns a promise to apply backpressure; the caller awaits it before the next block.
 */
export interface PcmSink {
  push(channels: Float32Array[]): void | Promise<void>;
}

export function dbfs(linear: number): number {
  return linear > 0 ? 20 * Math.log10(linear) : Number.NEGATIVE_INFINITY;
}
