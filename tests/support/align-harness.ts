import type { PcmAudio } from '../../audio/pcm.ts';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { scratchNarration } from '../../src/tts/scratch-narration.ts';
import { rng } from './signals.ts';

// The alignment harness: a "recording" of the script by other voices, 15 % slower, with shorter
// pauses and room noise at -45 dB, whose cue times are known exactly.

export const HARNESS_DESCRIPTION = 'other voices, 15 % slower, pauses x0.6, noise -45 dB';

export async function otherReading(sheet: CueSheet): Promise<{ audio: PcmAudio; sheet: CueSheet }> {
  const reading = await scratchNarration(sheet, undefined, undefined, {
    narratorVoice: 'en-gb-x-rp',
    rateScale: 0.85,
    gapScale: 0.6,
    voiceOffset: 2,
  });
  const noise = rng(5);
  const level = Math.sqrt(3) * 10 ** (-45 / 20);
  for (const channel of reading.audio.channels)
    for (let i = 0; i < channel.length; i++) channel[i]! += (noise() * 2 - 1) * level;
  return reading;
}

/** |aligned - known| for every start and end, in seconds, sorted. */
export function boundaryErrors(aligned: CueSheet, truth: CueSheet): number[] {
  const known = new Map(truth.cues.map((c) => [c.id, c]));
  const errors: number[] = [];
  for (const cue of aligned.cues) {
    const k = known.get(cue.id);
    if (k?.start === undefined || k.end === undefined) continue;
    errors.push(Math.abs(cue.start! - k.start), Math.abs(cue.end! - k.end));
  }
  return errors.sort((a, b) => a - b);
}
