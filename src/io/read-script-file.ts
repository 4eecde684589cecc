import type { CueSheet, ScriptFormat } from '../../cues/cue-sheet.ts';
import { parseScript } from '../../cues/parse-script.ts';
import { decodeScript } from './decode-script.ts';
import { FileError } from './file-error.ts';
import { readRegularFile, SCRIPT_LIMIT } from './read-regular-file.ts';

export interface LoadedScript {
  path: string;
  text: string;
  encoding: string;
  sheet: CueSheet;
}

/** The script's text as its cues' offsets count it (decoded, BOM removed), without parsing it. */
export async function readScriptText(path: string): Promise<string> {
  const bytes = await readRegularFile(path, SCRIPT_LIMIT);
  try {
    return decodeScript(bytes).text;
  } catch (error) {
    throw FileError.wrap(path, error);
  }
}

/** Reads and parses a script file; every failure is a FileError naming the file. */
export async function loadScript(path: string, format?: ScriptFormat): Promise<LoadedScript> {
  const bytes = await readRegularFile(path, SCRIPT_LIMIT);
  try {
    const { text, encoding } = decodeScript(bytes);
    const sheet = parseScript(text, { fileName: path, ...(format ? { format } : {}) });
    return { path, text, encoding, sheet };
  } catch (error) {
    throw FileError.wrap(path, error);
  }
}
