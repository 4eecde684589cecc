import { lyricSpans, type Span } from '../../audio/align/sung-sections.ts';
import type { PcmAudio } from '../../audio/pcm.ts';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { scratchNarration } from '../../src/tts/scratch-narration.ts';
import { rng } from './signals.ts';

// The alignment harness: a "recording" of the script by other voices, 15 % slower, with shorter
// pauses and room noise at -45 dB, whose cue times are known exactly.

export const HARNESS_DESCRIPTION = 'other voices, 15 % slower, pauses x0.6, noise -45 dB';

export interface ReadingExtras {
  /** A backing track (a chord with harmonics, 6 dB under the voice) under each sung passage. */
  musicUnderSongs?: boolean;
}

export async function otherReading(
  sheet: CueSheet,
  extras: ReadingExtras = {},
): Promise<{ audio: PcmAudio; sheet: CueSheet; songs: Span[] }> {
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
  // The band plays from half a second before the first sung line to half a second after the last.
  const songs = lyricSpans(reading.sheet).map((s) => ({ start: s.start - 0.5, end: s.end + 0.5 }));
  if (extras.musicUnderSongs) addBacking(reading.audio, songs);
  return { ...reading, songs };
}

function addBacking(audio: PcmAudio, songs: Span[]): void {
  const x = audio.channels[0]!;
  const rate = audio.sampleRate;
  let energy = 0;
  let voiced = 0;
  for (const v of x) {
    if (Math.abs(v) > 0.01) {
      energy += v * v;
      voiced++;
    }
  }
  const voice = Math.sqrt(energy / Math.max(1, voiced));
  // A minor, then F major, two seconds each; three harmonics per note.
  const chords = [
    [220, 261.63, 329.63],
    [174.61, 220, 261.63],
  ];
  const amplitude = (voice * 10 ** (-6 / 20)) / 1.1;
  for (const { start, end } of songs) {
    for (let i = Math.floor(start * rate); i < Math.min(x.length, Math.ceil(end * rate)); i++) {
      const t = i / rate;
      const chord = chords[Math.floor(t / 2) % chords.length]!;
      let v = 0;
      for (const f of chord) for (let h = 1; h <= 3; h++) v += Math.sin(2 * Math.PI * f * h * t) / h;
      x[i]! += (amplitude * v) / 3;
    }
  }
}

/** Share of each known song that a detected section covers. */
export function songCoverage(songs: Span[], detected: Span[]): number[] {
  return songs.map((song) => {
    let covered = 0;
    for (const d of detected)
      covered += Math.max(0, Math.min(song.end, d.end) - Math.max(song.start, d.start));
    return covered / (song.end - song.start);
  });
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
