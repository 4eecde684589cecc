import { buildCueSheet } from './build-cue-sheet.ts';
import type { CueSheet, ScriptFormat } from './cue-sheet.ts';
import { detectFormat } from './detect-format.ts';
import { readDrama } from './readers/drama/read-drama.ts';
import { readFountain } from './readers/fountain/read-fountain.ts';
import { readProse } from './readers/prose/read-prose.ts';

const READERS = { prose: readProse, drama: readDrama, fountain: readFountain } as const;

export interface ParseOptions {
  /** Overrides detection. */
  format?: ScriptFormat;
  /** Helps detection (".fountain") and titles a script that has none. */
  fileName?: string;
}

/** Script text (BOM already removed) → cue sheet. Total: any string gives a sheet, never a throw. */
export function parseScript(text: string, options: ParseOptions = {}): CueSheet {
  const format = options.format ?? detectFormat(text, options.fileName);
  const fallbackTitle = options.fileName?.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  return buildCueSheet(text, READERS[format](text), { format, ...(fallbackTitle ? { fallbackTitle } : {}) });
}
