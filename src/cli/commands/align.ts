import { needsReview } from '../../../cues/edit/review.ts';
import { alignFile } from '../../align/align-recording.ts';
import { loadScript } from '../../io/read-script-file.ts';
import { type Io, toJson, writeOutput } from '../output.ts';
import { progressBar } from '../progress-bar.ts';
import { summarizeSheet } from '../summarize-sheet.ts';
import { checkFormat } from './parse.ts';

export interface AlignArgs {
  script: string;
  audio: string;
  json: boolean;
  output?: string;
  format?: string;
}

/** Places every cue of the script on the recording, streaming (see src/align), with a progress bar. */
export async function runAlign(args: AlignArgs, io: Io): Promise<void> {
  const { sheet } = await loadScript(args.script, checkFormat(args.format));
  const bar = progressBar('aligning');
  const weights = {
    'listening to the recording': [0, 0.3],
    'reading the script': [0.3, 0.65],
    aligning: [0.95, 0.05],
  };
  const aligned = await alignFile(sheet, args.audio, {
    onProgress: (phase, f) => bar(weights[phase][0]! + weights[phase][1]! * f),
  }).finally(() => bar.done());
  const review = aligned.cues.filter((c) => needsReview(c)).length;
  if (!args.json && review > 0)
    io.out(`${review} cues have low confidence: review them in the app (R) or in the JSON\n`);
  if (args.output) await writeOutput(args.output, toJson(aligned));
  io.out(args.json ? toJson(aligned) : summarizeSheet(aligned));
}
