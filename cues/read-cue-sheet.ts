import { type CueSheet, cueSheetSchema } from './cue-sheet.ts';
import { InputError } from './input-error.ts';

/** Validates untrusted JSON text as a cue sheet; the error names the first problem and where it is. */
export function readCueSheet(json: string): CueSheet {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new InputError(`not valid JSON (${(error as Error).message})`);
  }
  const version = (value as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > 1) {
    throw new InputError(`cue sheet version ${version} is newer than this Cuewright understands (1)`);
  }
  const result = cueSheetSchema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = issue.path.length > 0 ? issue.path.join('.') : 'cue sheet';
    throw new InputError(`not a valid cue sheet: ${where}: ${issue.message}`);
  }
  return result.data;
}
