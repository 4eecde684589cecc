import { SCRIPT_FORMATS, type ScriptFormat } from '../../../cues/cue-sheet.ts';
import { loadScript } from '../../io/read-script-file.ts';
import { UsageError } from '../cli-error.ts';
import { type Io, toJson, writeOutput } from '../output.ts';
import { summarizeSheet } from '../summarize-sheet.ts';

export interface ParseArgs {
  script: string;
  json: boolean;
  format?: string;
  output?: string;
}

export async function runParse(args: ParseArgs, io: Io): Promise<void> {
  const sheet = (await loadScript(args.script, checkFormat(args.format))).sheet;
  if (args.output) await writeOutput(args.output, toJson(sheet));
  io.out(args.json ? toJson(sheet) : summarizeSheet(sheet));
}

export function checkFormat(format: string | undefined): ScriptFormat | undefined {
  if (format === undefined) return undefined;
  if (!(SCRIPT_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${SCRIPT_FORMATS.join(', ')} (got "${format}")`);
  }
  return format as ScriptFormat;
}
