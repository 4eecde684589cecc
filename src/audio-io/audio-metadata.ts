import { parseFile } from 'music-metadata';
import { FileError } from '../io/file-error.ts';
import type { AudioInfo } from './audio-source.ts';

export interface AudioMetadata {
  container?: string;
  codec?: string;
  duration?: number;
  title?: string;
  artist?: string;
  album?: string;
  chapters: { title: string; start: number }[];
}

/**
 * A file's length in seconds: its header's frame count (`probe`, from probeAudio), else, for a
 * header that states none (a VBR MP3 without a Xing frame), music-metadata's measured duration;
 * undefined when neither says.
 */
export async function audioSeconds(path: string, probe: AudioInfo): Promise<number | undefined> {
  if (probe.frames > 0) return probe.frames / probe.sampleRate;
  return (await readAudioMetadata(path)).duration;
}

/** Tags, duration and any chapters already in the file, read by music-metadata. */
export async function readAudioMetadata(path: string): Promise<AudioMetadata> {
  try {
    const meta = await parseFile(path, { duration: true, includeChapters: true, skipCovers: true });
    const { format, common } = meta;
    const sampleRate = format.sampleRate ?? 1;
    return {
      ...(format.container ? { container: format.container } : {}),
      ...(format.codec ? { codec: format.codec } : {}),
      ...(format.duration ? { duration: format.duration } : {}),
      ...(common.title ? { title: common.title } : {}),
      ...(common.artist ? { artist: common.artist } : {}),
      ...(common.album ? { album: common.album } : {}),
      chapters: (format.chapters ?? []).map((c) => ({
        title: c.title,
        start: chapterSeconds(c, sampleRate),
      })),
    };
  } catch (error) {
    const wrapped = FileError.wrap(path, error);
    throw wrapped === error ? new FileError(path, `unreadable tags: ${(error as Error).message}`) : wrapped;
  }
}

/**
 * music-metadata's chapter time: start/timeScale when a time scale is given (MP4 chapter tracks;
 * their sampleOffset is not a usable time there), else sampleOffset, else start in seconds (ID3).
 */
export function chapterSeconds(
  c: { start: number; timeScale?: number; sampleOffset?: number },
  sampleRate: number,
): number {
  if (c.timeScale) return c.start / c.timeScale;
  if (c.sampleOffset !== undefined) return c.sampleOffset / sampleRate;
  return c.start;
}
