import { encodeWav } from '../../../audio/wav/wav-writer.ts';
import { clockTime } from '../../../cues/sidecars/timecode.ts';
import { loadScript } from '../../io/read-script-file.ts';
import { scratchNarration } from '../../tts/scratch-narration.ts';
import { UsageError } from '../cli-error.ts';
import { type Io, toJson, writeOutput } from '../output.ts';
import { progressBar } from '../progress-bar.ts';
import { checkFormat, refuseOverInputs } from './parse.ts';

export interface ScratchArgs {
  script: string;
  output?: string;
  cues?: string;
  json: boolean;
  format?: string;
}

/** A TTS table read of the script: a WAV plus the cue sheet with each cue's exact time. */
export async function runScratch(args: ScratchArgs, io: Io): Promise<void> {
  if (!args.output) throw new UsageError('scratch needs -o OUT.wav');
  if (!/\.wav$/i.test(args.output))
    throw new UsageError(`scratch writes WAV; name the output .wav (got "${args.output}")`);
  await refuseOverInputs(
    [args.output, ...(args.cues ? [args.cues] : [])],
    [{ path: args.script, role: 'script' }],
  );
  const { sheet } = await loadScript(args.script, checkFormat(args.format));
  const progress = progressBar('speaking');
  const result = await scratchNarration(sheet, progress).finally(() => progress.done());
  await writeOutput(args.output, encodeWav(result.audio.channels, result.audio.sampleRate));
  if (args.cues) await writeOutput(args.cues, toJson(result.sheet));
  if (args.json) {
    io.out(toJson(result.sheet));
    return;
  }
  const seconds = result.audio.channels[0]!.length / result.audio.sampleRate;
  io.out(`wrote ${args.output} (${clockTime(seconds)}, ${result.audio.sampleRate} Hz mono)\n`);
  for (const chapter of result.sheet.chapters)
    io.out(`  ${clockTime(chapter.start ?? 0)}  ${chapter.title}\n`);
}
