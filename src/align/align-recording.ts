import { coarseToFineDtw } from '../../audio/align/dtw.ts';
import { mapCues } from '../../audio/align/map-cues.ts';
import { HOP_SECONDS, mfcc } from '../../audio/align/mfcc.ts';
import type { PcmAudio } from '../../audio/pcm.ts';
import { EnergyEnvelope } from '../../audio/silence/energy-envelope.ts';
import { findPauses } from '../../audio/silence/find-pauses.ts';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { decodeAudioFile } from '../audio-io/decode-audio-file.ts';
import { scratchNarration } from '../tts/scratch-narration.ts';

// First version of forced alignment: a TTS reading of the script is the reference (its cue times
// are exact), MFCC + one banded DTW pass map it onto the recording, boundaries snap to pauses.
// Still to come (#5): the coarse pass for long files, sung-section detection, anchors, ranges.

export interface AlignOptions {
  /** Half-width of the DTW band, seconds. */
  bandSeconds?: number;
}

export async function alignRecording(
  sheet: CueSheet,
  recording: PcmAudio,
  options: AlignOptions = {},
): Promise<CueSheet> {
  const reference = await scratchNarration(sheet);
  const band = Math.round((options.bandSeconds ?? 10) / HOP_SECONDS);
  const path = coarseToFineDtw(mfcc(reference.audio), mfcc(recording), band);
  const envelope = new EnergyEnvelope(recording.sampleRate);
  envelope.push(recording.channels);
  return mapCues(reference.sheet, path, findPauses(envelope));
}

export async function alignFile(
  sheet: CueSheet,
  audioPath: string,
  options?: AlignOptions,
): Promise<CueSheet> {
  return alignRecording(sheet, await decodeAudioFile(audioPath), options);
}
