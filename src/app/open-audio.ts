import { stat } from 'node:fs/promises';
import { levelFor, type PeakPyramid } from '../../audio/peaks/peak-pyramid.ts';
import { EnergyEnvelope } from '../../audio/silence/energy-envelope.ts';
import { findPauses, type Pause } from '../../audio/silence/find-pauses.ts';
import { streamAudio } from '../audio-io/audio-source.ts';
import { loadPeaks } from '../audio-io/peaks-cache.ts';
import type { PeaksData } from '../shared/project-view.ts';

/** The project's audio as the app uses it: peaks at once, pauses when first asked for. */
export class OpenAudio {
  readonly path: string;
  readonly size: number;
  readonly pyramid: PeakPyramid;
  private pauses?: Promise<Pause[]>;

  private constructor(path: string, size: number, pyramid: PeakPyramid) {
    this.path = path;
    this.size = size;
    this.pyramid = pyramid;
  }

  static async open(path: string, cacheDir: string, onProgress?: (f: number) => void): Promise<OpenAudio> {
    const { size } = await stat(path);
    const { pyramid } = await loadPeaks(path, cacheDir, onProgress);
    return new OpenAudio(path, size, pyramid);
  }

  get duration(): number {
    return this.pyramid.frames / this.pyramid.sampleRate;
  }

  /** The coarsest stored level at least as fine as asked: a few MB even for many hours. */
  peaks(samplesPerPixel: number): PeaksData {
    const level = levelFor(this.pyramid, samplesPerPixel);
    const bytes = new Uint8Array(level.data.buffer, level.data.byteOffset, level.data.byteLength);
    return {
      samplesPerPixel: level.samplesPerPixel,
      sampleRate: this.pyramid.sampleRate,
      data: bytes.slice(),
    };
  }

  findPauses(): Promise<Pause[]> {
    this.pauses ??= (async () => {
      const envelope = new EnergyEnvelope(this.pyramid.sampleRate);
      await streamAudio(this.path, [envelope]);
      return findPauses(envelope);
    })();
    return this.pauses;
  }
}
