import { lyricSpans, type Span } from '../../audio/align/sung-sections.ts';
import type { PcmAudio } from '../../audio/pcm.ts';
import { trimSilence } from '../../audio/scratch/assemble-scratch.ts';
import { planScratch, type ScratchStyle } from '../../audio/scratch/scratch-plan.ts';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { scratchNarration } from '../../src/tts/scratch-narration.ts';
import { festivalEngine } from './festival-engine.ts';
import { rng } from './signals.ts';
import { type SingingStyle, singLines } from './singing-voice.ts';

// The alignment harness: a "recording" of the script by another synthesiser's voices (festival,
// never the app's own eSpeak), 15 % slower, with shorter pauses and room noise at -45 dB, whose cue
// times are known exactly.

export const HARNESS_DESCRIPTION = 'festival voices, 15 % slower, pauses x0.6, noise -45 dB';

const HARNESS_STYLE: ScratchStyle = {
  narratorVoice: 'en-gb-x-rp',
  rateScale: 0.85,
  gapScale: 0.6,
  voiceOffset: 2,
};

export interface ReadingExtras {
  /** A backing track (a chord with harmonics, 6 dB under the voice) under each sung passage. */
  musicUnderSongs?: boolean;
  /** Every lyric stanza sung (not spoken), unaccompanied, slower than read; the known times follow. */
  aCappella?: SingingStyle;
}

export async function otherReading(
  sheet: CueSheet,
  extras: ReadingExtras = {},
): Promise<{ audio: PcmAudio; sheet: CueSheet; songs: Span[] }> {
  const engine = festivalEngine(HARNESS_STYLE.narratorVoice!);
  engine.prepare(planScratch(sheet, HARNESS_STYLE));
  const read = await scratchNarration(sheet, undefined, engine, HARNESS_STYLE);
  const reading = extras.aCappella ? { ...read, ...singStanzas(read, extras.aCappella) } : read;
  const noise = rng(5);
  const level = Math.sqrt(3) * 10 ** (-45 / 20);
  for (const channel of reading.audio.channels)
    for (let i = 0; i < channel.length; i++) channel[i]! += (noise() * 2 - 1) * level;
  // The band plays from half a second before the first sung line to half a second after the last.
  const songs = lyricSpans(reading.sheet).map((s) => ({ start: s.start - 0.5, end: s.end + 0.5 }));
  if (extras.musicUnderSongs) addBacking(reading.audio, songs);
  return { ...reading, songs };
}

/**
 * The reading with every lyric stanza sung instead of spoken, unaccompanied, taking `stretch`
 * times as long as it was read (singers are slower than speakers); later cue times move with it.
 */
function singStanzas(
  reading: { audio: PcmAudio; sheet: CueSheet },
  style: SingingStyle,
): { audio: PcmAudio; sheet: CueSheet } {
  const source = reading.audio.channels[0]!;
  const rate = reading.audio.sampleRate;
  const rms = voiceRms(source);
  const stretch = style.stretch ?? 1.8;
  const stanzas = reading.sheet.cues.filter((c) => c.kind === 'lyric' && c.start !== undefined);
  const extra = stanzas.reduce((n, c) => n + Math.round((c.end! - c.start!) * rate * (stretch - 1)), 0);
  const out = new Float32Array(source.length + extra);
  const moved = new Map<string, { start: number; end: number }>();
  let read = 0;
  let written = 0;
  for (const cue of stanzas) {
    const from = Math.round(cue.start! * rate);
    const to = Math.round(cue.end! * rate);
    out.set(source.subarray(read, from), written);
    written += from - read;
    const length = Math.round((to - from) * stretch);
    const lines = cue.text.split('\n').filter((line) => line.trim() !== '');
    singLines(out, rate, written, written + length, lines, rms, { ...style, seed: style.seed + from });
    moved.set(cue.id, { start: written / rate, end: (written + length) / rate });
    written += length;
    read = to;
  }
  out.set(source.subarray(read), written);
  // Every time after a stanza moves by what the stanzas before it grew.
  const shiftAt = (t: number) =>
    stanzas.reduce((n, c) => (t >= c.end! - 1e-9 ? n + (c.end! - c.start!) * (stretch - 1) : n), 0);
  const cues = reading.sheet.cues.map((c) => {
    if (c.start === undefined || c.end === undefined) return c;
    const sung = moved.get(c.id);
    return sung
      ? { ...c, ...sung }
      : { ...c, start: c.start + shiftAt(c.start), end: c.end + shiftAt(c.end) };
  });
  const chapters = reading.sheet.chapters.map((ch) =>
    ch.start === undefined ? ch : { ...ch, start: ch.start + shiftAt(ch.start) },
  );
  return { audio: { sampleRate: rate, channels: [out] }, sheet: { ...reading.sheet, cues, chapters } };
}

/** RMS of the voice where it sounds (samples over 0.01). */
function voiceRms(x: Float32Array): number {
  let energy = 0;
  let voiced = 0;
  for (const v of x) {
    if (Math.abs(v) > 0.01) {
      energy += v * v;
      voiced++;
    }
  }
  return Math.sqrt(energy / Math.max(1, voiced));
}

function addBacking(audio: PcmAudio, songs: Span[], level?: number): void {
  const x = audio.channels[0]!;
  const rate = audio.sampleRate;
  const voice = voiceRms(x);
  // A minor, then F major, two seconds each; three harmonics per note.
  const chords = [
    [220, 261.63, 329.63],
    [174.61, 220, 261.63],
  ];
  const amplitude = level ?? (voice * 10 ** (-6 / 20)) / 1.1;
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

export interface Mistakes {
  audio: PcmAudio;
  truth: CueSheet;
  /** Cues with no single right answer (read twice, or not read): left out of the error figures. */
  exclude: Set<string>;
  /** The line cut from the recording: no placement of it can be right. */
  missing: string;
}

/**
 * What real sessions add to a clean read: 12 s of intro music, a line read twice (a retake), an
 * unscripted remark (an ad-lib) and a line not read at all. Times in the truth move to match.
 */
export async function withSessionMistakes(reading: { audio: PcmAudio; sheet: CueSheet }): Promise<Mistakes> {
  const rate = reading.audio.sampleRate;
  const source = reading.audio.channels[0]!;
  const spoken = reading.sheet.cues.filter((c) => c.start !== undefined && c.kind === 'narration');
  const retake = spoken[Math.floor(spoken.length / 4)]!;
  const missing = spoken[Math.floor(spoken.length / 2)]!;
  const adlibAfter = spoken[Math.floor((spoken.length * 3) / 4)]!;
  const remark = trimSilence(
    festivalEngine('narrator', 'kal_diphone').speak('Sorry, I lost my place there. Let me go on.', {
      voice: 'narrator',
      rate: 150,
      pitch: 50,
      range: 50,
    }),
  );

  const at = (t: number) => Math.round(t * rate);
  const pieces: Float32Array[] = [];
  const shifts: Array<{ from: number; by: number }> = [];
  const intro = new Float32Array(at(13));
  addBacking({ sampleRate: rate, channels: [intro] }, [{ start: 0, end: 12 }], 0.1);
  pieces.push(intro);
  shifts.push({ from: 0, by: 13 });
  let cursor = 0;
  const copy = (to: number) => {
    pieces.push(source.subarray(at(cursor), at(to)));
    cursor = to;
  };
  // The retake: the line again after its end.
  copy(retake.end! + 0.3);
  const again = source.subarray(at(retake.start! - 0.05), at(retake.end! + 0.3));
  pieces.push(again);
  shifts.push({ from: retake.end! + 0.3, by: again.length / rate });
  // The missing line: its audio cut out.
  copy(missing.start! - 0.05);
  cursor = missing.end! + 0.05;
  shifts.push({ from: missing.start!, by: -(missing.end! - missing.start! + 0.1) });
  // The ad-lib: a remark between two lines.
  copy(adlibAfter.end! + 0.3);
  const gap = new Float32Array(at(0.4));
  pieces.push(remark, gap);
  shifts.push({ from: adlibAfter.end! + 0.3, by: (remark.length + gap.length) / rate });
  copy(source.length / rate);

  const out = new Float32Array(pieces.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const piece of pieces) {
    out.set(piece, offset);
    offset += piece.length;
  }
  const moved = (t: number) => t + shifts.filter((s) => t >= s.from).reduce((n, s) => n + s.by, 0);
  const truth: CueSheet = {
    ...reading.sheet,
    cues: reading.sheet.cues.map((c) =>
      c.start === undefined ? c : { ...c, start: moved(c.start), end: moved(c.end!) },
    ),
  };
  return {
    audio: { sampleRate: rate, channels: [out] },
    truth,
    exclude: new Set([retake.id, missing.id]),
    missing: missing.id,
  };
}
