import * as Tone from 'tone';
import type { RoomToneData } from '../../../src/shared/room-tone-data.ts';

// Room tone in the preview where the export puts it: in a gap between recordings, the quieter of
// the two neighbours' quietest half seconds (as the back end finds them for the export); under a
// pickup clip, the recording its `roomTone` names at its gain. Tiled
// forward then backward as the export tiles it (a loop of the window and its reverse, so the joins
// are continuous without crossfades).

interface LoadedTone {
  buffer: Tone.ToneAudioBuffer;
  rmsDb: number;
}

export class RoomTonePlayer {
  /** Asks the back end for a recording's room tone (by recording id); null: none (a short file). */
  toneFrom?: (recording: string) => Promise<RoomToneData | null>;
  private readonly tones = new Map<string, Promise<LoadedTone | null>>();
  private readonly ready = new Map<string, LoadedTone | null>();
  private player?: Tone.Player;
  /** The recording whose room tone plays now (undefined: none plays), and at what gain (dB). */
  private source?: string;
  private sourceDb = 0;
  /** Called when a tone asked for has arrived (the caller may now start it). */
  onReady?: () => void;

  private readonly output: Tone.ToneAudioNode;

  constructor(output: Tone.ToneAudioNode) {
    this.output = output;
  }

  /** The recording whose room tone plays now, or undefined. */
  get playing(): string | undefined {
    return this.source;
  }

  /** The gain (dB) of the room tone playing now (0 in a gap, as the export has it). */
  get playingDb(): number {
    return this.source ? this.sourceDb : 0;
  }

  /** Asks for these recordings' room tone ahead of the gaps that use it. */
  prepare(recordings: Iterable<string>): void {
    for (const id of recordings) this.load(id);
  }

  /** Forgets every tone (another project opened). */
  clear(): void {
    this.stop();
    this.tones.clear();
    this.ready.clear();
  }

  /** The quieter loaded tone of these recordings, as the export picks at a join. */
  quieterOf(recordings: string[]): string | undefined {
    let best: string | undefined;
    for (const id of recordings) {
      this.load(id);
      const tone = this.ready.get(id);
      if (tone && (best === undefined || tone.rmsDb < this.ready.get(best)!.rmsDb)) best = id;
    }
    return best;
  }

  /** Plays `recording`'s room tone (looped) at `gainDb` until stopped; undefined stops. */
  play(recording: string | undefined, gainDb = 0): void {
    if (recording === this.source && gainDb === this.sourceDb) return;
    this.stop();
    const tone = recording ? this.ready.get(recording) : undefined;
    if (!recording || !tone) return;
    this.player = new Tone.Player(tone.buffer).connect(this.output);
    this.player.loop = true;
    this.player.volume.value = gainDb;
    this.player.start();
    this.source = recording;
    this.sourceDb = gainDb;
  }

  stop(): void {
    this.player?.stop();
    this.player?.dispose();
    this.player = undefined;
    this.source = undefined;
  }

  private load(id: string): void {
    if (this.tones.has(id) || !this.toneFrom) return;
    const loading = this.toneFrom(id)
      .then((data) => (data ? toneOf(data) : null))
      .catch(() => null);
    this.tones.set(id, loading);
    void loading.then((tone) => {
      if (this.tones.get(id) !== loading) return;
      this.ready.set(id, tone);
      this.onReady?.();
    });
  }
}

/** The window then its reverse, as one buffer that loops without a jump. */
function toneOf(data: RoomToneData): LoadedTone {
  const samples = new Float32Array(
    data.data.buffer.slice(data.data.byteOffset, data.data.byteOffset + data.frames * data.channels * 4),
  );
  const context = Tone.getContext().rawContext as BaseAudioContext;
  const buffer = context.createBuffer(data.channels, data.frames * 2, data.sampleRate);
  for (let c = 0; c < data.channels; c++) {
    const window = samples.subarray(c * data.frames, (c + 1) * data.frames);
    const out = buffer.getChannelData(c);
    out.set(window);
    for (let i = 0; i < data.frames; i++) out[data.frames + i] = window[data.frames - 1 - i]!;
  }
  return { buffer: new Tone.ToneAudioBuffer(buffer), rmsDb: data.rmsDb };
}
