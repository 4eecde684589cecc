import { extname } from 'node:path';
import { FileError } from './file-error.ts';
import { COVER_LIMIT, readRegularFile } from './read-regular-file.ts';

/**
 * Cover art for the file's tags: a .jpg or .png (by its name), at most COVER_LIMIT bytes. Throws
 * a FileError naming the file for another kind, a file too large or one that cannot be read.
 */
export async function coverOf(path: string): Promise<{ data: Uint8Array; mimeType: string }> {
  const type = { '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png' }[
    extname(path).toLowerCase()
  ];
  if (!type) throw new FileError(path, 'cover art must be a .jpg or .png');
  return { data: await readRegularFile(path, COVER_LIMIT), mimeType: type };
}
