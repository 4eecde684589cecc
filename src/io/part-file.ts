import { randomBytes } from 'node:crypto';
import { type FileHandle, lstat, open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { StreamTarget } from 'mediabunny';
import { FileError } from './file-error.ts';

/** Bytes the part file's name adds to the target's: ".", ".", 8 hex digits, ".part". */
const PART_NAME_EXTRA = 15;
const MAX_NAME_BYTES = 255;

/** A target whose part file's name would be too long for the file system, refused up front. */
export function refuseLongName(target: string): void {
  const bytes = Buffer.byteLength(basename(target));
  if (bytes + PART_NAME_EXTRA > MAX_NAME_BYTES) {
    throw new FileError(
      target,
      `the file name is too long (${bytes} bytes; at most ${MAX_NAME_BYTES - PART_NAME_EXTRA} here)`,
    );
  }
}

/** When this process started: a part file last written before then has no writer in this process. */
const PROCESS_START_MS = Date.now() - process.uptime() * 1000;

/**
 * Removes part files of `target` left by a process that was killed mid-write: ours by name
 * (".<name>.<8 hex>.part") and last written before this process started. A live writer keeps its
 * part file's time fresh, so only abandoned ones go. Best effort: a failure here stops no save.
 */
export async function sweepStaleParts(target: string): Promise<string[]> {
  const folder = dirname(target);
  const name = basename(target);
  const swept: string[] = [];
  const entries = await readdir(folder).catch(() => [] as string[]);
  for (const entry of entries) {
    const hex = entry.slice(name.length + 2, -'.part'.length);
    if (!entry.startsWith(`.${name}.`) || !entry.endsWith('.part') || !/^[0-9a-f]{8}$/.test(hex)) continue;
    const path = join(folder, entry);
    const stats = await lstat(path).catch(() => undefined);
    if (!stats?.isFile() || stats.mtimeMs >= PROCESS_START_MS) continue;
    await rm(path, { force: true }).then(
      () => swept.push(path),
      () => undefined,
    );
  }
  return swept;
}

/**
 * The file an export writes while it runs: hidden beside the target, renamed over it only once
 * complete and synced, removed on failure or cancel, so no half-written file ever carries the
 * target's name.
 */
export class PartFile {
  readonly path: string;
  readonly target: string;
  private handle: FileHandle | undefined;

  private constructor(target: string, path: string, handle: FileHandle) {
    this.target = target;
    this.path = path;
    this.handle = handle;
  }

  static async create(target: string): Promise<PartFile> {
    refuseLongName(target);
    await sweepStaleParts(target);
    const path = join(dirname(target), `.${basename(target)}.${randomBytes(4).toString('hex')}.part`);
    return new PartFile(target, path, await open(path, 'wx+'));
  }

  async write(data: Uint8Array, position: number): Promise<void> {
    let done = 0;
    while (done < data.length) {
      const { bytesWritten } = await this.file.write(data, done, data.length - done, position + done);
      done += bytesWritten;
    }
  }

  /** A mediabunny target writing into this file, every position shifted by `offset` bytes. */
  mediaTarget(offset = 0): StreamTarget {
    return new StreamTarget(
      new WritableStream({
        write: (chunk: { data: Uint8Array; position: number }) =>
          this.write(chunk.data, chunk.position + offset),
      }),
    );
  }

  async read(position: number, length: number): Promise<Uint8Array> {
    const out = new Uint8Array(length);
    let done = 0;
    while (done < length) {
      const { bytesRead } = await this.file.read(out, done, length - done, position + done);
      if (bytesRead === 0) throw new Error(`part file ended at ${position + done}`);
      done += bytesRead;
    }
    return out;
  }

  async size(): Promise<number> {
    return (await this.file.stat()).size;
  }

  /** fsync, rename over the target, fsync the folder so the rename itself survives a crash. */
  async commit(): Promise<void> {
    await this.file.sync();
    await this.file.close();
    this.handle = undefined;
    await rename(this.path, this.target);
    const folder = await open(dirname(this.target), 'r').catch(() => undefined);
    await folder?.sync().catch(() => undefined); // not every file system syncs folders
    await folder?.close();
  }

  async discard(): Promise<void> {
    await this.handle?.close().catch(() => undefined);
    this.handle = undefined;
    await rm(this.path, { force: true });
  }

  private get file(): FileHandle {
    if (!this.handle) throw new Error('part file already closed');
    return this.handle;
  }
}
