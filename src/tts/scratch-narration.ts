import type { PcmAudio, PcmSink } from '../../audio/pcm.ts';
import {
  assembleScratch,
  ScratchAssembler,
  type SpokenUtterance,
} from '../../audio/scratch/assemble-scratch.ts';
import { planScratch, type ScratchStyle } from '../../audio/scratch/scratch-plan.ts';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { InputError } from '../../cues/input-error.ts';
import type { Progress } from '../audio-io/audio-source.ts';
import { createEspeakEngine } from './espeak-engine.ts';
import type { SpeechEngine } from './speech-engine.ts';

export interface ReadingOptions {
  onProgress?: Progress;
  engine?: SpeechEngine;
  style?: ScratchStyle;
  signal?: AbortSignal;
}

/** A table read of the whole sheet: audio plus the sheet with every cue's exact time. */
export async function scratchNarration(
  sheet: CueSheet,
  onProgress?: Progress,
  engine?: SpeechEngine,
  style?: ScratchStyle,
): Promise<{ audio: PcmAudio; sheet: CueSheet }> {
  const tts = engine ?? (await createEspeakEngine());
  const spoken: SpokenUtterance[] = [];
  await speakEach(
    sheet,
    tts,
    { ...(onProgress ? { onProgress } : {}), ...(style ? { style } : {}) },
    (item) => {
      spoken.push(item);
    },
  );
  return assembleScratch(sheet, spoken, tts.sampleRate);
}

/**
 * The same reading streamed into a sink (an MFCC extractor when aligning): one utterance in memory
 * at a time. Returns the sampling rate the sink received and the sheet with exact cue times.
 */
export async function streamReading(
  sheet: CueSheet,
  sink: (sampleRate: number) => PcmSink,
  options: ReadingOptions = {},
): Promise<{ sampleRate: number; sheet: CueSheet }> {
  const tts = options.engine ?? (await createEspeakEngine());
  const assembler = new ScratchAssembler(tts.sampleRate, sink(tts.sampleRate));
  await speakEach(sheet, tts, options, (item) => assembler.add(item));
  return { sampleRate: tts.sampleRate, sheet: await assembler.finish(sheet) };
}

async function speakEach(
  sheet: CueSheet,
  tts: SpeechEngine,
  options: ReadingOptions,
  take: (item: SpokenUtterance) => void | Promise<void>,
): Promise<void> {
  const plan = planScratch(sheet, options.style);
  for (const [i, utterance] of plan.entries()) {
    if (options.signal?.aborted) throw new InputError('cancelled');
    await take({ utterance, samples: tts.speak(utterance.text, utterance.voice) });
    options.onProgress?.((i + 1) / plan.length);
    // Let progress output and signals through between cues.
    await new Promise((resolve) => setImmediate(resolve));
  }
}
