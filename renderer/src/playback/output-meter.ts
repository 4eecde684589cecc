import * as Tone from 'tone';
import { LoudnessMeter } from '../../../audio/loudness/loudness-meter.ts';

// What is heard, measured: the master output (Tone's destination, where the narration and the
// beds meet) is tapped by an AnalyserNode per channel. Each frame reads the samples rendered
// since the last read (the analysers keep the last 32768, far more than a frame's worth), so the
// loudness meter (audio/loudness) gets the stream without gaps: momentary, short-term and
// integrated-so-far readings, sample peaks per channel, and whether anything clipped.

/** A sample at or above this magnitude (linear) counts as clipped (-0.01 dBFS). */
export const CLIP_LEVEL = 0.999;
const WINDOW = 32_768;

export interface MeterReading {
  /** Largest magnitude per channel (L, R) since the last read, linear (1 = full scale). */
  peaks: [number, number];
  /** Whether anything clipped since the last reset. */
  clipped: boolean;
  /** LUFS; -Infinity until there is enough to measure. */
  momentary: number;
  shortTerm: number;
  integrated: number;
}

export class OutputMeter {
  private analysers?: AnalyserNode[];
  private buffers: Float32Array<ArrayBuffer>[] = [];
  private meter?: LoudnessMeter;
  private lastTime?: number;
  private clippedSince = false;

  /** Taps the output (once, when the audio context runs: it only starts after a gesture). */
  private tap(): boolean {
    if (this.analysers) return true;
    const context = Tone.getContext();
    if (context.state !== 'running') return false;
    // Two channels always: a mono recording is heard on both speakers (and measured as mono).
    const upmix = context.createGain();
    upmix.channelCount = 2;
    upmix.channelCountMode = 'explicit';
    upmix.channelInterpretation = 'speakers';
    Tone.connect(Tone.getDestination(), upmix);
    const split = context.createChannelSplitter(2);
    upmix.connect(split);
    this.analysers = [0, 1].map((channel) => {
      const analyser = context.createAnalyser();
      analyser.fftSize = WINDOW;
      split.connect(analyser, channel);
      return analyser;
    });
    this.buffers = this.analysers.map(() => new Float32Array(WINDOW));
    this.meter = new LoudnessMeter(context.sampleRate, 2);
    return true;
  }

  /**
   * Reads what played since the last read (call once a frame while playing); undefined while
   * the audio context has not started.
   */
  read(): MeterReading | undefined {
    if (!this.tap()) return undefined;
    const context = Tone.getContext();
    const now = context.currentTime;
    const fresh =
      this.lastTime === undefined
        ? 0
        : Math.min(WINDOW, Math.round((now - this.lastTime) * context.sampleRate));
    this.lastTime = now;
    const peaks: [number, number] = [0, 0];
    const blocks = this.analysers!.map((analyser, c) => {
      const buffer = this.buffers[c]!;
      analyser.getFloatTimeDomainData(buffer);
      const block = buffer.subarray(WINDOW - fresh);
      let peak = 0;
      for (const x of block) if (Math.abs(x) > peak) peak = Math.abs(x);
      peaks[c] = peak;
      return block;
    });
    if (peaks[0] >= CLIP_LEVEL || peaks[1] >= CLIP_LEVEL) this.clippedSince = true;
    // The same samples on both sides: a mono recording, measured as one channel (as its file is).
    if (fresh > 0) this.meter!.push(sameSamples(blocks[0]!, blocks[1]!) ? [blocks[0]!] : blocks);
    return {
      peaks,
      clipped: this.clippedSince,
      momentary: this.meter!.momentary(),
      shortTerm: this.meter!.shortTerm(),
      integrated: this.meter!.integratedSoFar(),
    };
  }

  /** Playback paused or jumped: the next read starts afresh (the gap is not measured). */
  pause(): void {
    this.lastTime = undefined;
  }

  /** Forgets the integrated loudness and the clip (the user's reset, another project). */
  reset(): void {
    this.clippedSince = false;
    this.lastTime = undefined;
    if (this.meter) this.meter = new LoudnessMeter(Tone.getContext().sampleRate, 2);
  }
}

function sameSamples(a: Float32Array, b: Float32Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
