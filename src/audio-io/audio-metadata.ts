import { parseFile } from 'music-metadata';
import { FileError } from '../io/file-error.ts';

export interface AudioMetadata {
  container?: string;
  codec?: string;
  duration?: number;
  title?: string;
  artist?: string;
  album?: string;
  chapters: { title: string; start: number }[];
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
      // music-metadata gives MP4 chapters in track time units (timeScale) and ID3 ones in seconds.
      chapters: (format.chapters ?? []).map((c) => ({
        title: c.title,
        start: c.sampleOffset !== undefined ? c.sampleOffset / sampleRate : c.start / (c.timeScale ?? 1),
      })),
    };
  } catch (error) {
    const wrapped = FileError.wrap(path, error);
    throw wrapped === error ? new FileError(path, `unreadable tags: ${(error as Error).message}`) : wrapped;
  }
}
