import type { PcmAudio } from '../../audio/pcm.ts';
import { assembleScratch, type SpokenUtterance } from '../../audio/scratch/assemble-scratch.ts';
import { planScratch, type ScratchStyle } from '../../audio/scratch/scratch-plan.ts';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import type { Progress } from '../audio-io/audio-source.ts';
import { createEspeakEngine } from './espeak-engine.ts';
import type { SpeechEngine } from './speech-engine.ts';

/** A table read of the whole sheet: audio plus the sheet with every cue's exact time. */
export async function scratchNarration(
  sheet: CueSheet,
  onProgress?: Progress,
  engine?: SpeechEngine,
  style?: ScratchStyle,
): Promise<{ audio: PcmAudio; sheet: CueSheet }> {
  const tts = engine ?? (await createEspeakEngine());
  const plan = planScratch(sheet, style);
  const spoken: SpokenUtterance[] = [];
  for (const [i, utterance] of plan.entries()) {
    spoken.push({ utterance, samples: tts.speak(utterance.text, utterance.voice) });
    onProgress?.((i + 1) / plan.length);
    // Let progress output and signals through between cues.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return assembleScratch(sheet, spoken, tts.sampleRate);
}
