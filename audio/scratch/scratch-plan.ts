import type { Cue, CueSheet } from '../../cues/cue-sheet.ts';
import { speechText } from './speech-text.ts';

// The table read: who says each cue, in which voice, and how long a breath comes before it.

export interface VoiceSpec {
  /** eSpeak-style voice name, e.g. "en-us+f3". */
  voice: string;
  /** Words per minute. */
  rate: number;
  /** 0-99. */
  pitch: number;
  /** Pitch range 0-99: wide for sung lines. */
  range: number;
}

export interface Utterance {
  cueId: string;
  text: string;
  voice: VoiceSpec;
  /** Silence before this cue, seconds. */
  gapBefore: number;
}

export const NARRATOR: VoiceSpec = { voice: 'en-us', rate: 165, pitch: 45, range: 50 };
export const SPEAKER_VOICES = [
  'en-us+f3',
  'en+m3',
  'en-us+f2',
  'en-gb-scotland+m7',
  'en-us+f4',
  'en-gb-x-rp+m2',
];
const SUNG: Omit<VoiceSpec, 'voice'> = { rate: 120, pitch: 70, range: 99 };

const GAP_AFTER: Partial<Record<Cue['kind'], number>> = {
  heading: 1.2,
  title: 1.0,
  separator: 1.0,
  lyric: 0.8,
};
const GAP_DEFAULT = 0.5;
const GAP_BEFORE_LYRIC = 0.8;

export function planScratch(sheet: CueSheet): Utterance[] {
  const speakerVoices = new Map<string, string>();
  const voiceOf = (speaker: string) => {
    if (!speakerVoices.has(speaker)) {
      speakerVoices.set(speaker, SPEAKER_VOICES[speakerVoices.size % SPEAKER_VOICES.length]!);
    }
    return speakerVoices.get(speaker)!;
  };
  const plan: Utterance[] = [];
  let pendingGap = 0;
  for (const cue of sheet.cues) {
    const text = speechText(cue.text);
    if (cue.kind === 'separator' || text === '') {
      pendingGap = Math.max(pendingGap, GAP_AFTER.separator!);
      continue;
    }
    const gapBefore =
      plan.length === 0 ? 0.3 : Math.max(pendingGap, cue.kind === 'lyric' ? GAP_BEFORE_LYRIC : GAP_DEFAULT);
    plan.push({ cueId: cue.id, text, voice: voiceFor(cue, voiceOf), gapBefore });
    pendingGap = GAP_AFTER[cue.kind] ?? GAP_DEFAULT;
  }
  return plan;
}

function voiceFor(cue: Cue, voiceOf: (speaker: string) => string): VoiceSpec {
  const voice = cue.speaker ? voiceOf(cue.speaker) : cue.kind === 'lyric' ? 'en-us+f4' : NARRATOR.voice;
  if (cue.kind === 'lyric') return { voice, ...SUNG };
  if (cue.kind === 'note') return { ...NARRATOR, rate: 185 };
  return { ...NARRATOR, voice };
}
