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
 * A file's entry in the cache: its files are named by the audio's absolute path, size (bytes) and
 * modification time, so a changed or replaced file misses and is read again.
 */
export interface CacheEntry {
  absolute: string;
  /** Bytes, as stat gave them when the key was made. */
  size: number;
  dir: string;
  /** The waveform peaks (serialised pyramid). */
  peaksPath: string;
  /** The shape read from the file (JSON of {@link CachedShape}). */
  shapePath: string;
}

/** Stats the file and names its cache entry (in `cacheDir`, by default `.cuewright-cache/` beside it). */
export async function cacheEntry(audioPath: string, cacheDir?: string): Promise<CacheEntry> {
  const absolute = resolve(audioPath);
  const info = await stat(absolute);
  const key = createHash('sha256')
    .update(`${absolute}\0${info.size}\0${info.mtimeMs}`)
    .digest('hex')
    .slice(0, 16);
  const dir = cacheDir ?? join(dirname(absolute), '.cuewright-cache');
  const stem = join(dir, `${basename(absolute)}.${key}`);
  return { absolute, size: info.size, dir, peaksPath: `${stem}.peaks`, shapePath: `${stem}.shape.json` };
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
  const { absolute, dir, peaksPath: cachePath } = await cacheEntry(audioPath, cacheDir);
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

/** What opening a file reads from it, kept in its cache entry so an unchanged file is not read again. */
export interface CachedShape {
  /** As probed: 'wav', 'flac', 'mp3'… */
  format: string;
  /** Hz. */
  sampleRate: number;
  channels: number;
  /** Seconds, exact as the reader measured it (an MP3's priming and padding as it handles them). */
  duration: number;
  /**
   * A truncated WAV's "truncated WAV: the header says 53.3 s, the file holds 10.0 s (43.3 s
   * missing)" (wavMissing); absent when the file holds what its header says.
   */
  cutShort?: string;
}

// Bumped when the way a shape is read changes, so older entries are read again (2: cutShort).
const SHAPE_VERSION = 2;

/**
 * The file's shape from its cache entry when the file is unchanged, else `read()` and stored
 * (atomically; a cache that cannot be written costs only the next open's read). A damaged or
 * older entry is read again. Errors of `read()` pass through.
 */
export async function loadShape(
  entry: CacheEntry,
  read: () => Promise<CachedShape>,
): Promise<CachedShape & { fromCache: boolean }> {
  const cached = await readFile(entry.shapePath, 'utf8').then(parseShape, () => undefined);
  if (cached) return { ...cached, fromCache: true };
  const shape = await read();
  const { format, sampleRate, channels, duration, cutShort } = shape;
  const kept = { format, sampleRate, channels, duration, ...(cutShort ? { cutShort } : {}) };
  const stored = JSON.stringify({ version: SHAPE_VERSION, ...kept });
  await mkdir(entry.dir, { recursive: true })
    .then(() => writeFileAtomic(entry.shapePath, stored))
    .catch(() => undefined);
  return { ...kept, fromCache: false };
}

function parseShape(text: string): CachedShape | undefined {
  try {
    const v = JSON.parse(text) as Record<string, unknown>;
    const { format, sampleRate, channels, duration, cutShort } = v;
    if (v.version !== SHAPE_VERSION || typeof format !== 'string' || !format) return undefined;
    if (cutShort !== undefined && (typeof cutShort !== 'string' || !cutShort)) return undefined;
    if (!Number.isInteger(sampleRate) || (sampleRate as number) <= 0) return undefined;
    if (!Number.isInteger(channels) || (channels as number) <= 0) return undefined;
    if (typeof duration !== 'number' || !Number.isFinite(duration) || duration < 0) return undefined;
    return {
      format,
      sampleRate: sampleRate as number,
      channels: channels as number,
      duration,
      ...(cutShort ? { cutShort: cutShort as string } : {}),
    };
  } catch {
    return undefined;
  }
}
