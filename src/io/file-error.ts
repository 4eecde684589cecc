import { InputError } from '../../cues/input-error.ts';

/** Bad input tied to a file: the CLI prints "cuewright: FILE: problem" and exits 2. */
export class FileError extends InputError {
  override name = 'FileError';
  readonly path: string;

  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.path = path;
  }

  /** Names the file on an InputError or a file-system error; anything else is a bug and passes through. */
  static wrap(path: string, error: unknown): unknown {
    if (error instanceof FileError) return error;
    if (error instanceof InputError) return new FileError(path, error.message);
    const reason = systemReason(error);
    return reason ? new FileError(path, reason) : error;
  }
}

/** What a file-system error means for the user ("the disk is full"), when it is one we name. */
export function systemReason(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code && Object.hasOwn(SYSTEM_REASONS, code) ? SYSTEM_REASONS[code] : undefined;
}

const SYSTEM_REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a folder, not a file',
  ENOTDIR: 'a part of the path is not a folder',
  ENOSPC: 'the disk is full',
  EROFS: 'the file system is read-only',
  EMFILE: 'too many open files',
  ELOOP: 'too many levels of symbolic links (a link loop)',
  ENAMETOOLONG: 'the name is too long',
  EFBIG: 'the file is too large for this file system',
  ENXIO: 'no such device',
};
