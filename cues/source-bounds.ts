import type { Cue } from './cue-sheet.ts';

// A sheet does not carry its script, so the schema alone cannot see an offset past the script's
// end: wherever a sheet meets its script (a project, `--cues` with SCRIPT, the open project in the
// app), this check does. An offset past the end would show no text and slice nothing.

export interface SourceOverrun {
  /** Where the offending value is, from the sheet: ['cues', 12, 'source', 'end']. */
  path: Array<string | number>;
  message: string;
}

/** The first cue whose source range runs past the end of a script of `length` UTF-16 units. */
export function sourceOverrun(cues: readonly Cue[], length: number): SourceOverrun | undefined {
  for (const [i, cue] of cues.entries()) {
    // start <= end is the schema's: checking the end covers both.
    if (cue.source.end > length) {
      return {
        path: ['cues', i, 'source', 'end'],
        message: `${cue.source.end} is past the end of the script (${length} characters)`,
      };
    }
  }
  return undefined;
}
