import type { VoiceSpec } from '../../audio/scratch/scratch-plan.ts';

/** An offline text-to-speech engine: mono samples at a fixed rate. */
export interface SpeechEngine {
  readonly sampleRate: number;
  speak(text: string, voice: VoiceSpec): Float32Array;
}
