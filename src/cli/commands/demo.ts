import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { LOUDNESS_PRESETS } from '../../../audio/export/loudness-target.ts';
import { encodeWav } from '../../../audio/wav/wav-writer.ts';
import { clockTime } from '../../../cues/sidecars/timecode.ts';
import { analyzeAudio } from '../../audio-io/analyze-audio.ts';
import { exportAudio } from '../../export/export-audio.ts';
import { writeSidecars } from '../../export/write-sidecars.ts';
import { loadScript } from '../../io/read-script-file.ts';
import { scratchNarration } from '../../tts/scratch-narration.ts';
import { type Io, toJson, writeOutput } from '../output.ts';
import { progressBar } from '../progress-bar.ts';
import { SAMPLE_SCRIPT } from '../sample.ts';
import { summarizeSheet } from '../summarize-sheet.ts';
import { deliveredPhrase } from './export.ts';

export interface DemoArgs {
  outDir: string;
}

const ARTIST = 'Cuewright scratch voices';

/**
 * The sample production, headless: the seed chapter read into a cue sheet, narrated by the
 * offline scratch voices with every cue timed, then exported as chaptered MP3 and M4B at the
 * podcast loudness with every sidecar, all into ./out/.
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
  io.out(
    `\nnarration: ${wavPath} (${clockTime(report.duration)}, ${report.loudness.integrated} LUFS, true peak ${report.loudness.truePeak} dBTP)\n` +
      `cue sheet with times: ${cuesPath}\n`,
  );

  for (const format of ['mp3', 'm4b'] as const) {
    const output = join(args.outDir, `sample.${format}`);
    const bar = progressBar(`exporting ${format}`);
    const result = await exportAudio({
      audio: wavPath,
      output,
      sheet: scratch.sheet,
      tags: { title: sheet.title, artist: ARTIST, album: sheet.title, genre: 'Audiobook' },
      loudness: LOUDNESS_PRESETS['podcast-mono'],
      lyricsAsChapters: true,
      onProgress: (phase, f) => bar(phase === 'measuring' ? f / 2 : 0.5 + f / 2),
    }).finally(() => bar.done());
    const delivered = result.delivered ? `, ${deliveredPhrase(result.delivered)}` : '';
    io.out(
      `\n${output}: ${result.chapters.length} chapters, gain ${result.gain!.gainDb.toFixed(2)} dB${delivered}\n`,
    );
    for (const chapter of result.chapters) io.out(`  ${clockTime(chapter.start)}  ${chapter.title}\n`);
    if (format === 'mp3') {
      // One set of sidecars (the CUE sheet names the MP3); the chapters are the same for both files.
      // The demo's own folder: its files from an earlier run are replaced.
      const sidecars = await writeSidecars(output, scratch.sheet, result.chapters, ARTIST, 'all');
      io.out(`  + ${sidecars.length} sidecars: ${sidecars.join(', ')}\n`);
    }
  }
}
