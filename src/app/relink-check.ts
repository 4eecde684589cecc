import { clockTime } from '../../cues/sidecars/timecode.ts';
import { FileError } from '../io/file-error.ts';

/**
 * A relinked recording must be the one the cues were timed on: its length may differ by a
 * re-encode's padding (a second, or 1 % of a long book), not more. Cue times are kept as they are,
 * so another recording would put every cue in the wrong place without a word.
 */
export function checkRelinkedLength(path: string, expected: number, found: number): void {
  if (!(expected > 0)) return; // a project that never knew its length (an old file)
  const slack = Math.max(1, expected * 0.01);
  if (Math.abs(found - expected) <= slack) return;
  throw new FileError(
    path,
    `is ${clockTime(found)} long, but the project's recording was ${clockTime(expected)}: choose the same recording (the cue times are kept as they are)`,
  );
}
