import { formatSize, PROJECT_LIMIT } from '../io/read-regular-file.ts';

// Projects have one size limit, both ways: what is written (saves, autosaves) is held to the limit
// the loader reads with, so no save makes a project that cannot be opened again.

/** Why `text` may not be written as a project; undefined when it fits. */
export function projectTooLarge(text: string): string | undefined {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes <= PROJECT_LIMIT.maxBytes) return undefined;
  return `the project would be ${formatSize(bytes)}, more than a project may be (${formatSize(PROJECT_LIMIT.maxBytes)})`;
}
