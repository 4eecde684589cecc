import { alignFile } from '../../align/align-recording.ts';
import { loadScript } from '../../io/read-script-file.ts';
import { type Io, toJson, writeOutput } from '../output.ts';
import { summarizeSheet } from '../summarize-sheet.ts';
import { checkFormat } from './parse.ts';

export interface AlignArgs {
  script: string;
  audio: string;
  json: boolean;
  output?: string;
  format?: string;
}

/** Places every cue of the script on the recording (first version: see src/align). */
export async function runAlign(args: AlignArgs, io: Io): Promise<void> {
  const { sheet } = await loadScript(args.script, checkFormat(args.format));
  const aligned = await alignFile(sheet, args.audio);
  if (args.output) await writeOutput(args.output, toJson(aligned));
  io.out(args.json ? toJson(aligned) : summarizeSheet(aligned));
}
