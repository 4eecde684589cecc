import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { FileError } from './file-error.ts';

/**
 * Refuses, before any work, an output whose folder is missing, is not a folder, or cannot be
 * written to (a missing folder was only reported after the measuring pass of a long book).
 */
export async function refuseUnwritableFolder(output: string): Promise<void> {
  const folder = dirname(resolve(output));
  const info = await stat(folder).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR')
      throw new FileError(output, `the folder ${folder} does not exist`);
    throw FileError.wrap(output, error);
  });
  if (!info.isDirectory()) throw new FileError(output, `${folder} is not a folder`);
  // The system's reason, as every other write names it ("the file system is read-only",
  // "permission denied").
  await access(folder, constants.W_OK).catch((error: unknown) => {
    throw FileError.wrap(output, error);
  });
}
