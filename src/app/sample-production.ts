import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { encodeWav } from '../../audio/wav/wav-writer.ts';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { readCueSheet } from '../../cues/read-cue-sheet.ts';
import { fnv1a } from '../../cues/text/hash.ts';
import { SAMPLE_SCRIPT } from '../cli/sample.ts';
import { writeFileAtomic } from '../io/atomic-write.ts';
import { loadScript } from '../io/read-script-file.ts';
import { scratchNarration } from '../tts/scratch-narration.ts';

export interface SampleProduction {
  scriptText: string;
  sheet: CueSheet;
  audioPath: string;
}

/**
 * The seed chapter with scratch narration, made once into the app's data folder and reused while
 * the script is unchanged (the file name carries a hash of the script text).
 */
export async function sampleProduction(
  dataDir: string,
  onProgress?: (f: number) => void,
): Promise<SampleProduction> {
  const script = await loadScript(SAMPLE_SCRIPT);
  const dir = join(dataDir, 'sample');
  const stem = join(dir, `seed-${fnv1a(script.text)}`);
  const audioPath = `${stem}.wav`;
  const cached = await readFile(`${stem}.cues.json`, 'utf8').then(readCueSheet, () => undefined);
  if (cached) return { scriptText: script.text, sheet: cached, audioPath };

  const scratch = await scratchNarration(script.sheet, onProgress);
  await mkdir(dir, { recursive: true });
  await writeFileAtomic(audioPath, encodeWav(scratch.audio.channels, scratch.audio.sampleRate));
  // The sheet last: it marks the audio as complete.
  await writeFileAtomic(`${stem}.cues.json`, JSON.stringify(scratch.sheet));
  return { scriptText: script.text, sheet: scratch.sheet, audioPath };
}
