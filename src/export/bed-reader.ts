import type { BedReader } from '../../audio/mix/bed-mixer.ts';
import type { PcmSink } from '../../audio/pcm.ts';
import { Resampler } from '../../audio/resample.ts';
import { type ProbedAudio, streamAudio } from '../audio-io/audio-source.ts';

// A music bed read the way the narration is: decoded block by block (streamAudio), brought to the
// narration's rate on the way, and handed to the mixer one block at a time. The decoder's push
// waits until the mixer has used its block up, so memory holds one block, whatever the bed's size.

/** Thrown into the bed's decoder by a closed reader: it stops at its next block. */
class ReaderClosed extends Error {}

interface Handoff {
  channels: Float32Array[];
  at: number;
  used(): void;
  refused(error: unknown): void;
}

export function openBedReader(probe: ProbedAudio, sampleRate: number): BedReader {
  const resampler =
    probe.sampleRate === sampleRate ? undefined : new Resampler(probe.sampleRate, sampleRate, probe.channels);
  let block: Handoff | undefined;
  let waiting: (() => void) | undefined;
  let decoding: Promise<void> | undefined;
  let finished = false;
  let failure: unknown;
  let closed = false;

  const wakeReader = () => {
    const wake = waiting;
    waiting = undefined;
    wake?.();
  };
  /** Hands a block to the reader; resolves when it has been read to its end. */
  const offer = (channels: Float32Array[]) =>
    new Promise<void>((used, refused) => {
      if (closed) return refused(new ReaderClosed());
      if ((channels[0]?.length ?? 0) === 0) return used();
      block = { channels, at: 0, used, refused };
      wakeReader();
    });
  // Blocks are valid only during push: the push is not over until the reader has copied it.
  const sink: PcmSink = { push: (channels) => offer(resampler ? resampler.push(channels) : channels) };
  const start = () =>
    streamAudio(probe, [sink])
      .then(() => (resampler ? offer(resampler.flush()) : undefined))
      .catch((error: unknown) => {
        if (!(error instanceof ReaderClosed)) failure = error;
      })
      .finally(() => {
        finished = true;
        wakeReader();
      });

  return {
    async read(frames) {
      decoding ??= start();
      const out = Array.from({ length: probe.channels }, () => new Float32Array(frames));
      let filled = 0;
      while (filled < frames) {
        if (!block) {
          if (failure !== undefined) throw failure;
          if (finished) break;
          await new Promise<void>((wake) => {
            waiting = wake;
          });
          continue;
        }
        const current = block;
        const n = Math.min(frames - filled, current.channels[0]!.length - current.at);
        for (const [c, channel] of out.entries())
          channel.set(current.channels[c]!.subarray(current.at, current.at + n), filled);
        filled += n;
        current.at += n;
        if (current.at === current.channels[0]!.length) {
          block = undefined;
          current.used();
        }
      }
      return filled < frames ? out.map((c) => c.subarray(0, filled)) : out;
    },
    async close() {
      closed = true;
      const current = block;
      block = undefined;
      current?.refused(new ReaderClosed());
      await decoding; // the decoder has stopped and closed the file
    },
  };
}
