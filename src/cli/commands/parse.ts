import { SCRIPT_FORMATS, type ScriptFormat } from '../../../cues/cue-sheet.ts';
import { type InputFile, refuseOutputOverInput } from '../../io/output-over-input.ts';
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
  if (args.output) await refuseOverInputs([args.output], [{ path: args.script, role: 'script' }]);
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

/** Refuses, before any work, an output that is one of the command's inputs (by inode). */
export function refuseOverInputs(outputs: string[], inputs: InputFile[]): Promise<void> {
  return refuseOutputOverInput(outputs, inputs, 'this command');
}
