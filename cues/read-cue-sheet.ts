import { type CueSheet, cueSheetSchema } from './cue-sheet.ts';
import { InputError } from './input-error.ts';
import { sourceOverrun } from './source-bounds.ts';
import { withSpokenText } from './spoken-text.ts';

/**
 * Validates untrusted JSON text as a cue sheet; the error names the first problem and where it is.
 * With the script it belongs to, every cue must also point inside that text. A sheet saved before
 * cues carried their spoken text gets it (spoken-text.ts), so old sheets never leak markup.
 */
export function readCueSheet(json: string, script?: string): CueSheet {
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
  const overrun = script === undefined ? undefined : sourceOverrun(result.data.cues, script.length);
  if (overrun) throw new InputError(`not a valid cue sheet: ${overrun.path.join('.')}: ${overrun.message}`);
  return withSpokenText(result.data);
}
