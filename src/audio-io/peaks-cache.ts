import { createHash } from 'node:crypto';
import { mkdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import {
  deserializePeaks,
  PeakBuilder,
  type PeakPyramid,
  serializePeaks,
} from '../../audio/peaks/peak-pyramid.ts';
import { writeFileAtomic } from '../io/atomic-write.ts';
import { type Progress, probeAudio, streamAudio } from './audio-source.ts';

export interface CachedPeaks {
  pyramid: PeakPyramid;
  cachePath: string;
  fromCache: boolean;
}

/**
 * Waveform peaks for a file, from the cache when the file is unchanged (same path, size and
 * modification time), else computed while streaming and saved atomically for next time.
 * The cache lives beside the project (`cacheDir`), by default `.cuewright-cache/` beside the audio.
 */
export async function loadPeaks(
  audioPath: string,
  cacheDir?: string,
  onProgress?: Progress,
): Promise<CachedPeaks> {
  const absolute = resolve(audioPath);
  const info = await stat(absolute);
  const key = createHash('sha256')
    .update(`${absolute}\0${info.size}\0${info.mtimeMs}`)
    .digest('hex')
    .slice(0, 16);
  const dir = cacheDir ?? join(dirname(absolute), '.cuewright-cache');
  const cachePath = join(dir, `${basename(absolute)}.${key}.peaks`);
  const cached = await readFile(cachePath).then(deserializePeaks, () => undefined);
  if (cached) return { pyramid: cached, cachePath, fromCache: true };

  const probe = await probeAudio(absolute);
  const builder = new PeakBuilder(probe.sampleRate);
  await streamAudio(probe, [builder], onProgress);
  const pyramid = builder.finish();
  await mkdir(dir, { recursive: true });
  await writeFileAtomic(cachePath, serializePeaks(pyramid));
  return { pyramid, cachePath, fromCache: false };
}
