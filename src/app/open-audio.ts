import { levelFor, type PeakPyramid } from '../../audio/peaks/peak-pyramid.ts';
import { EnergyEnvelope } from '../../audio/silence/energy-envelope.ts';
import { findPauses, type Pause } from '../../audio/silence/find-pauses.ts';
import { QuietestWindow } from '../../audio/silence/room-tone.ts';
import { wavMissing } from '../../audio/wav/wav-header.ts';
import { audioSeconds } from '../audio-io/audio-metadata.ts';
import { probeAudio, streamAudio } from '../audio-io/audio-source.ts';
import { cacheEntry, loadPeaks, loadShape } from '../audio-io/peaks-cache.ts';
import { FileError } from '../io/file-error.ts';
import type { PeaksData } from '../shared/project-view.ts';
import type { RoomToneData } from '../shared/room-tone-data.ts';

/**
 * The project's audio as the app uses it. Opening reads only the headers (and the tags for a
 * compressed file's length), so a project shows at once; an unchanged file (same path, size and
 * modification time) is not read at all, its shape and length coming from the peaks cache. The
 * waveform peaks are computed (or read from the cache) behind it and handed out when asked for.
 * Pauses are found on first use.
 */
export class OpenAudio {
  readonly path: string;
  readonly size: number;
  readonly sampleRate: number;
  readonly duration: number;
  /** As probed: 'wav', 'flac', 'mp3'… (the recordings panel shows it). */
  readonly format: string;
  readonly channels: number;
  /**
   * A truncated WAV's "truncated WAV: the header says 53.3 s, the file holds 10.0 s (43.3 s
   * missing)": it is read as far as it goes (`duration` is what it holds); absent when whole.
   */
  readonly cutShort?: string;
  private readonly pyramid: Promise<PeakPyramid>;
  private surveyed?: Promise<{ pauses: Pause[]; roomTone: Float32Array[] | undefined }>;

  private constructor(
    path: string,
    size: number,
    sampleRate: number,
    duration: number,
    pyramid: Promise<PeakPyramid>,
    shape: { format: string; channels: number; cutShort?: string },
  ) {
    this.path = path;
    this.size = size;
    this.sampleRate = sampleRate;
    this.duration = duration;
    this.format = shape.format;
    this.channels = shape.channels;
    if (shape.cutShort) this.cutShort = shape.cutShort;
    this.pyramid = pyramid;
    // A failure is reported to whoever asks for peaks, not as an unhandled rejection now.
    pyramid.catch(() => undefined);
  }

  static async open(
    path: string,
    cacheDir: string,
    onPeaksProgress?: (f: number) => void,
    onPeaksDone?: () => void,
  ): Promise<OpenAudio> {
    const entry = await cacheEntry(path, cacheDir);
    const shape = await loadShape(entry, async () => {
      const probe = await probeAudio(path);
      const duration = (await audioSeconds(path, probe)) ?? 0;
      const cutShort = probe.wav && wavMissing(probe.wav);
      return {
        format: probe.format,
        sampleRate: probe.sampleRate,
        channels: probe.channels,
        duration,
        ...(cutShort ? { cutShort } : {}),
      };
    });
    const pyramid = loadPeaks(path, cacheDir, onPeaksProgress)
      .then((cached) => cached.pyramid)
      .finally(() => onPeaksDone?.());
    return new OpenAudio(path, entry.size, shape.sampleRate, shape.duration, pyramid, shape);
  }

  /** The coarsest stored level at least as fine as asked: a few MB even for many hours. */
  async peaks(samplesPerPixel: number): Promise<PeaksData> {
    const pyramid = await this.pyramid.catch((error) => {
      throw FileError.wrap(this.path, error);
    });
    const level = levelFor(pyramid, samplesPerPixel);
    const bytes = new Uint8Array(level.data.buffer, level.data.byteOffset, level.data.byteLength);
    return {
      samplesPerPixel: level.samplesPerPixel,
      sampleRate: pyramid.sampleRate,
      data: bytes.slice(),
    };
  }

  findPauses(): Promise<Pause[]> {
    return this.survey().then((s) => s.pauses);
  }

  /**
   * Its room tone as the export finds it: the quietest half second of the file (QuietestWindow),
   * planar float32 at the file's rate and channels, with its RMS level (dBFS) so the quieter of two
   * neighbours can be picked as the export does; null for a file shorter than half a second.
   */
  async roomTone(): Promise<RoomToneData | null> {
    const window = (await this.survey()).roomTone;
    if (!window?.[0]?.length) return null;
    const frames = window[0].length;
    const data = new Float32Array(frames * window.length);
    let energy = 0;
    window.forEach((channel, c) => {
      data.set(channel, c * frames);
      for (const x of channel) energy += x * x;
    });
    const rms = Math.sqrt(energy / data.length);
    return {
      sampleRate: this.sampleRate,
      channels: window.length,
      frames,
      rmsDb: rms > 0 ? 20 * Math.log10(rms) : -200,
      data: new Uint8Array(data.buffer),
    };
  }

  /** One decode on first use for both the pauses and the room tone. */
  private survey(): Promise<{ pauses: Pause[]; roomTone: Float32Array[] | undefined }> {
    this.surveyed ??= (async () => {
      const envelope = new EnergyEnvelope(this.sampleRate);
      const quiet = new QuietestWindow(this.sampleRate, this.channels);
      await streamAudio(this.path, [envelope, quiet]);
      return { pauses: findPauses(envelope), roomTone: quiet.window };
    })();
    return this.surveyed;
  }
}
