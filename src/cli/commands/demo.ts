import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeWav } from '../../../audio/wav/wav-writer.ts';
import { analyzeAudio } from '../../audio-io/analyze-audio.ts';
import { loadScript } from '../../io/read-script-file.ts';
import { scratchNarration } from '../../tts/scratch-narration.ts';
import { type Io, toJson, writeOutput } from '../output.ts';
import { progressBar } from '../progress-bar.ts';
import { SAMPLE_SCRIPT } from '../sample.ts';
import { formatTime, summarizeSheet } from '../summarize-sheet.ts';

export interface DemoArgs {
  outDir: string;
}

/**
 * The sample production, headless: the seed chapter read into a cue sheet, narrated by the
 * offline scratch voices with every cue timed, and measured (loudness, ACX) — all into ./out/.
 */
export async function runDemo(args: DemoArgs, io: Io): Promise<void> {
  await mkdir(args.outDir, { recursive: true });
  const { sheet } = await loadScript(SAMPLE_SCRIPT);
  io.out(summarizeSheet(sheet));

  const speaking = progressBar('narrating');
  const scratch = await scratchNarration(sheet, speaking).finally(() => speaking.done());
  const wavPath = join(args.outDir, 'sample.wav');
  const cuesPath = join(args.outDir, 'sample.cues.json');
  await writeOutput(wavPath, encodeWav(scratch.audio.channels, scratch.audio.sampleRate));
  await writeOutput(cuesPath, toJson(scratch.sheet));

  const report = await analyzeAudio(wavPath);
  const lyrics = scratch.sheet.cues.filter((c) => c.kind === 'lyric');
  io.out(
    [
      '',
      `narration: ${wavPath} (${formatTime(report.duration)}, ${report.loudness.integrated} LUFS, true peak ${report.loudness.truePeak} dBTP)`,
      `cue sheet with times: ${cuesPath}`,
      ...scratch.sheet.chapters.map((c) => `  chapter ${formatTime(c.start ?? 0)}  ${c.title}`),
      ...lyrics.map(
        (c) => `  sung     ${formatTime(c.start!)}-${formatTime(c.end!)}  ${c.text.split('\n')[0]}`,
      ),
      '',
    ].join('\n'),
  );
}
