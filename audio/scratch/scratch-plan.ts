import type { Cue, CueSheet } from '../../cues/cue-sheet.ts';
import { spokenText } from '../../cues/spoken-text.ts';
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

/**
 * A different reading of the same script (other voices, pace and pauses): alignment tests use it
 * as the "recording" whose cue times are known, against the default reading as reference.
 */
export interface ScratchStyle {
  narratorVoice?: string;
  /** Multiplies every voice's words per minute. */
  rateScale?: number;
  /** Multiplies every pause. */
  gapScale?: number;
  /** Offsets where speaker voices start in the palette. */
  voiceOffset?: number;
}

export function planScratch(sheet: CueSheet, style: ScratchStyle = {}): Utterance[] {
  const speakerVoices = new Map<string, string>();
  const voiceOf = (speaker: string) => {
    if (!speakerVoices.has(speaker)) {
      const slot = (speakerVoices.size + (style.voiceOffset ?? 0)) % SPEAKER_VOICES.length;
      speakerVoices.set(speaker, SPEAKER_VOICES[slot]!);
    }
    return speakerVoices.get(speaker)!;
  };
  const plan: Utterance[] = [];
  let pendingGap = 0;
  for (const cue of sheet.cues) {
    // Markup, notes, directions, sounds and music are never read (spoken-text.ts).
    const text = speechText(spokenText(cue));
    if (text === '') {
      pendingGap = Math.max(pendingGap, GAP_AFTER.separator!);
      continue;
    }
    const gapBefore =
      plan.length === 0 ? 0.3 : Math.max(pendingGap, cue.kind === 'lyric' ? GAP_BEFORE_LYRIC : GAP_DEFAULT);
    const voice = voiceFor(cue, voiceOf, style.narratorVoice ?? NARRATOR.voice);
    plan.push({
      cueId: cue.id,
      text,
      voice: { ...voice, rate: Math.round(voice.rate * (style.rateScale ?? 1)) },
      gapBefore: gapBefore * (style.gapScale ?? 1),
    });
    pendingGap = GAP_AFTER[cue.kind] ?? GAP_DEFAULT;
  }
  return plan;
}

function voiceFor(cue: Cue, voiceOf: (speaker: string) => string, narrator: string): VoiceSpec {
  const voice = cue.speaker ? voiceOf(cue.speaker) : cue.kind === 'lyric' ? 'en-us+f4' : narrator;
  if (cue.kind === 'lyric') return { voice, ...SUNG };
  if (cue.kind === 'note') return { ...NARRATOR, voice: narrator, rate: 185 };
  return { ...NARRATOR, voice };
}
