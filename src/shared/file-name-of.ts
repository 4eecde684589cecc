// The renderer names files by the last part of their paths. It has no node:path, and it is handed
// Windows paths ("C:\Takes\nora.wav") as well as POSIX ones, so both separators count.

/**
 * The file name of `path`: what follows its last `/` or `\` (all of it when it has neither);
 * undefined for no path (or an empty one), so a caller can fall back with `??`.
 */
export function fileNameOf(path: string): string;
export function fileNameOf(path: string | undefined): string | undefined;
export function fileNameOf(path: string | undefined): string | undefined {
  if (!path) return undefined;
  return path.split(/[\\/]/).pop() ?? path;
}
