import { PartFile } from './part-file.ts';

/**
 * Writes a file so that readers see either the old content or the new, never a half-written
 * file (a part file beside it, fsync, rename; removed on failure).
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const part = await PartFile.create(path);
  try {
    await part.write(typeof data === 'string' ? new TextEncoder().encode(data) : data, 0);
    await part.commit();
  } catch (error) {
    await part.discard();
    throw error;
  }
}
