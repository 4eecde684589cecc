import { constants, type Stats } from 'node:fs';
import { open } from 'node:fs/promises';
import { FileError } from './file-error.ts';

// Inputs (scripts, cue sheets, projects, cover art) are read whole, so each is a regular file of
// bounded size: /dev/zero would grow without end and a FIFO would block forever.

export interface InputLimit {
  /** What the file is, for the message: "script", "cue sheet", "project", "cover image". */
  what: string;
  maxBytes: number;
}

const MB = 1024 * 1024;
export const SCRIPT_LIMIT: InputLimit = { what: 'script', maxBytes: 32 * MB };
export const CUE_SHEET_LIMIT: InputLimit = { what: 'cue sheet', maxBytes: 64 * MB };
export const PROJECT_LIMIT: InputLimit = { what: 'project', maxBytes: 64 * MB };
export const COVER_LIMIT: InputLimit = { what: 'cover image', maxBytes: 16 * MB };

/** Why a path that is not a regular file cannot be read as one; undefined for a regular file. */
export function notRegularFile(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'is a folder, not a file';
  if (stats.isFIFO()) return 'is a pipe (FIFO), not a regular file';
  if (stats.isSocket()) return 'is a socket, not a regular file';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'is a device, not a regular file';
  return 'is not a regular file';
}

export function formatSize(bytes: number): string {
  return bytes >= MB ? `${(bytes / MB).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/**
 * The bytes of a regular file no larger than the limit, else a FileError naming the file and the
 * problem. Opened non-blocking (a FIFO's open would wait for a writer) and checked by fstat, so
 * what is read is what was checked.
 */
export async function readRegularFile(path: string, limit: InputLimit): Promise<Uint8Array> {
  let file: Awaited<ReturnType<typeof open>>;
  try {
    file = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw FileError.wrap(path, error);
  }
  try {
    const stats = await file.stat();
    const refusal = notRegularFile(stats);
    if (refusal) throw new FileError(path, refusal);
    if (stats.size > limit.maxBytes) throw tooLarge(path, stats.size, limit);
    // Read to the end, not to the stated size: the file may grow while it is read.
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const buffer = new Uint8Array(
        Math.min(limit.maxBytes + 1 - total, Math.max(stats.size - total, 0) + 65536),
      );
      const { bytesRead } = await file.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      chunks.push(buffer.subarray(0, bytesRead));
      total += bytesRead;
      if (total > limit.maxBytes) throw tooLarge(path, total, limit);
    }
    return Buffer.concat(chunks, total);
  } catch (error) {
    throw FileError.wrap(path, error);
  } finally {
    await file.close();
  }
}

/** The file as UTF-8 text (projects, cue sheets). */
export async function readRegularText(path: string, limit: InputLimit): Promise<string> {
  return Buffer.from(await readRegularFile(path, limit)).toString('utf8');
}

function tooLarge(path: string, bytes: number, limit: InputLimit): FileError {
  return new FileError(
    path,
    `${formatSize(bytes)} is too large for a ${limit.what} (the limit is ${formatSize(limit.maxBytes)})`,
  );
}
