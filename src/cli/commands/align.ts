import { needsReview } from '../../../cues/edit/review.ts';
import { counted } from '../../../cues/text/counted.ts';
import { ALIGN_ENGINES, type AlignEngine, alignFile } from '../../align/align-recording.ts';
import { loadScript } from '../../io/read-script-file.ts';
import { UsageError } from '../cli-error.ts';
import { type Io, toJson, writeOutput } from '../output.ts';
import { progressBar } from '../progress-bar.ts';
import { summarizeSheet } from '../summarize-sheet.ts';
import { checkFormat, refuseOverInputs } from './parse.ts';

export interface AlignArgs {
  script: string;
  audio: string;
  json: boolean;
  output?: string;
  format?: string;
  engine?: string;
  language?: string;
}

function checkEngine(engine: string | undefined): AlignEngine | undefined {
  if (engine === undefined || (ALIGN_ENGINES as readonly string[]).includes(engine))
    return engine as AlignEngine | undefined;
  throw new UsageError(`--engine must be one of ${ALIGN_ENGINES.join(', ')}, not "${engine}"`);
}

/** Places every cue of the script on the recording, streaming (see src/align), with a progress bar. */
export async function runAlign(args: AlignArgs, io: Io): Promise<void> {
  if (args.output)
    await refuseOverInputs(
      [args.output],
      [
        { path: args.script, role: 'script' },
        { path: args.audio, role: 'recording' },
      ],
    );
  const { sheet } = await loadScript(args.script, checkFormat(args.format));
  const engine = checkEngine(args.engine);
  const bar = progressBar('aligning');
  const weights = {
    'listening to the recording': [0, 0.2],
    'reading the script': [0.2, 0.3],
    aligning: [0.5, 0.5],
  };
  const aligned = await alignFile(sheet, args.audio, {
    ...(engine ? { engine } : {}),
    ...(args.language ? { language: args.language } : {}),
    onNotice: (message) => io.err(`cuewright: ${message}\n`),
    onProgress: (phase, f) => bar(weights[phase][0]! + weights[phase][1]! * f),
  }).finally(() => bar.done());
  const review = aligned.cues.filter((c) => needsReview(c));
  if (!args.json && review.length > 0) {
    const reasons = new Map<string, number>();
    for (const cue of review)
      reasons.set(cue.review ?? 'low confidence', (reasons.get(cue.review ?? 'low confidence') ?? 0) + 1);
    const why = [...reasons].map(([reason, n]) => `${n} ${reason}`).join(', ');
    io.out(
      `${review.length} of ${counted(aligned.cues.length, 'cue')} to review (${why}): in the app (R) or the JSON's "review"\n`,
    );
  }
  if (args.output) await writeOutput(args.output, toJson(aligned));
  io.out(args.json ? toJson(aligned) : summarizeSheet(aligned));
}
