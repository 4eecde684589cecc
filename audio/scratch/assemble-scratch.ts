import { withChapterStarts } from '../../cues/chapter-starts.ts';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import type { PcmAudio, PcmSink } from '../pcm.ts';
import type { Utterance } from './scratch-plan.ts';

export interface SpokenUtterance {
  utterance: Utterance;
  samples: Float32Array;
}

const EDGE_THRESHOLD = 0.003; // about -50 dBFS: where synthesized speech starts and stops
const TAIL_SECONDS = 0.5;

/**
 * Lays spoken cues end to end with their gaps into a sink as they arrive, noting the exact time of
 * every cue (from its first audible sample to its last). Streaming, so a reference reading of a
 * whole book never has to sit in memory.
 */
export class ScratchAssembler {
  private readonly sampleRate: number;
  private readonly sink: PcmSink;
  private readonly times = new Map<string, { start: number; end: number }>();
  private at = 0;

  constructor(sampleRate: number, sink: PcmSink) {
    this.sampleRate = sampleRate;
    this.sink = sink;
  }

  async add({ utterance, samples }: SpokenUtterance): Promise<void> {
    const trimmed = trimSilence(samples);
    const gap = Math.round(utterance.gapBefore * this.sampleRate);
    if (gap > 0) await this.sink.push([new Float32Array(gap)]);
    this.at += gap;
    if (trimmed.length > 0) await this.sink.push([trimmed]);
    this.times.set(utterance.cueId, {
      start: this.at / this.sampleRate,
      end: (this.at + trimmed.length) / this.sampleRate,
    });
    this.at += trimmed.length;
  }

  /** Ends the reading with a short tail of silence; returns the sheet with every spoken cue's time. */
  async finish(sheet: CueSheet): Promise<CueSheet> {
    await this.sink.push([new Float32Array(Math.round(TAIL_SECONDS * this.sampleRate))]);
    const cues = sheet.cues.map((cue) => {
      const time = this.times.get(cue.id);
      return time ? { ...cue, start: round(time.start), end: round(time.end), confidence: 1 } : cue;
    });
    return withChapterStarts({ ...sheet, cues });
  }
}

/** The whole reading in memory (the CLI's scratch track, tests). */
export async function assembleScratch(
  sheet: CueSheet,
  spoken: SpokenUtterance[],
  sampleRate: number,
): Promise<{ audio: PcmAudio; sheet: CueSheet }> {
  const parts: Float32Array[] = [];
  const assembler = new ScratchAssembler(sampleRate, {
    push: (channels) => void parts.push(channels[0]!.slice()),
  });
  for (const item of spoken) await assembler.add(item);
  const timed = await assembler.finish(sheet);
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return { audio: { sampleRate, channels: [out] }, sheet: timed };
}

export function trimSilence(samples: Float32Array): Float32Array {
  let start = 0;
  let end = samples.length;
  while (start < end && Math.abs(samples[start]!) < EDGE_THRESHOLD) start++;
  while (end > start && Math.abs(samples[end - 1]!) < EDGE_THRESHOLD) end--;
  return samples.subarray(start, end);
}

/** Microsecond precision: exact to well under a sample at any rate, and tidy in JSON. */
function round(seconds: number): number {
  return Math.round(seconds * 1e6) / 1e6;
}
