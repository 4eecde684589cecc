import { join, normalize, sep } from 'node:path';

// The page's own files, for the HTTP host and Electron's app:// scheme alike: a URL path names a
// file inside the built renderer, or nothing.

/** The file under `dir` a URL path names; 'malformed' for a stray "%", 'outside' for an escape. */
export function rendererFile(dir: string, pathname: string): string | 'malformed' | 'outside' {
  let name: string;
  try {
    name = decodeURIComponent(pathname);
  } catch {
    return 'malformed';
  }
  const file = normalize(join(dir, name));
  return file.startsWith(dir.endsWith(sep) ? dir : dir + sep) ? file : 'outside';
}
