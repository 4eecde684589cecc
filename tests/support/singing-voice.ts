import { rng } from './signals.ts';

// A singer for fixtures, made in code: eSpeak speaks but cannot sing. Each syllable of a line is a
// note on a melody (held, with vibrato after its onset, a little jitter, a glide from the note
// before), voiced through the formants of a vowel, opened by a burst of consonant noise; lines
// are separated by breaths. What a pitch-based detector must see in real singing is here; what
// it must not rely on (a steady tone, a perfect pitch) is not.

export interface SingingStyle {
  /** The melody's tonic, Hz (220: a high voice; 130: a low one). */
  tonicHz: number;
  seed: number;
  /** Vibrato depth in cents (peak), at 5.5 Hz. */
  vibratoCents?: number;
  /** How much longer the song takes than the lines took to read (default 1.8). */
  stretch?: number;
}

const VOWELS: Array<Array<[number, number, number]>> = [
  // [formant Hz, bandwidth Hz, gain] for /a/, /e/, /i/, /o/, /u/.
  [
    [800, 80, 1],
    [1150, 90, 0.5],
    [2900, 120, 0.15],
  ],
  [
    [400, 60, 1],
    [1600, 80, 0.4],
    [2700, 120, 0.2],
  ],
  [
    [350, 50, 1],
    [2000, 100, 0.3],
    [2800, 120, 0.25],
  ],
  [
    [450, 70, 1],
    [800, 80, 0.6],
    [2830, 100, 0.1],
  ],
  [
    [325, 50, 1],
    [700, 60, 0.3],
    [2530, 170, 0.1],
  ],
];
/** Major scale degrees, semitones above the tonic. */
const SCALE = [0, 2, 4, 5, 7, 9, 11, 12];
const BREATH_SECONDS = 0.4;
const CONSONANT_SECONDS = 0.05;

export function syllables(line: string): number {
  return Math.max(1, (line.toLowerCase().match(/[aeiouy]+/g) ?? []).length);
}

/**
 * The lines sung into `out` from `start` to `end` (samples), as loud as `rms` on the held notes.
 * Time is shared out by syllables; the last note of each line is held twice as long.
 */
export function singLines(
  out: Float32Array,
  sampleRate: number,
  start: number,
  end: number,
  lines: string[],
  rms: number,
  style: SingingStyle,
): void {
  const random = rng(style.seed);
  const vibrato = (style.vibratoCents ?? 35) / 100;
  const counts = lines.map(syllables);
  const beats = counts.reduce((n, c) => n + c + 1, 0);
  const breath = Math.round(BREATH_SECONDS * sampleRate);
  const singing = end - start - breath * (lines.length - 1);
  const beat = singing / beats;
  let at = start;
  let degree = 2;
  let phase = 0;
  let previousHz = style.tonicHz;
  for (const [l, count] of counts.entries()) {
    for (let s = 0; s < count; s++) {
      // A melody that walks the scale, mostly by steps.
      degree = Math.max(0, Math.min(SCALE.length - 1, degree + Math.round((random() - 0.5) * 3.2)));
      const hz = style.tonicHz * 2 ** (SCALE[degree]! / 12);
      const length = Math.round(beat * (s === count - 1 ? 2 : 1));
      const vowel = VOWELS[Math.floor(random() * VOWELS.length)]!;
      phase = singNote(out, sampleRate, at, length, {
        from: previousHz,
        to: hz,
        vowel,
        vibrato,
        rms,
        phase,
        random,
      });
      previousHz = hz;
      at += length;
    }
    if (l < counts.length - 1) at += breath;
  }
}

interface Note {
  from: number;
  to: number;
  vowel: Array<[number, number, number]>;
  vibrato: number;
  rms: number;
  phase: number;
  random: () => number;
}

function singNote(out: Float32Array, rate: number, at: number, length: number, note: Note): number {
  const consonant = Math.round(CONSONANT_SECONDS * rate);
  const glide = 0.04 * rate;
  const release = Math.min(length / 4, 0.03 * rate);
  let phase = note.phase;
  let hz = note.to;
  let amplitudes: number[] = [];
  // A voiced consonant (l, m, n, w) half the time: it carries the pitch through the onset.
  const voicedOnset = note.random() < 0.5;
  for (let i = 0; i < length && at + i < out.length; i++) {
    if (i % 64 === 0) {
      const t = i / rate;
      const target = i < glide ? note.from * (note.to / note.from) ** (i / glide) : note.to;
      const depth = Math.min(1, Math.max(0, (t - 0.12) / 0.15)) * note.vibrato;
      const jitter = 1 + (note.random() - 0.5) * 0.004;
      hz = target * 2 ** ((depth * Math.sin(2 * Math.PI * 5.5 * t)) / 12) * jitter;
      amplitudes = harmonicAmplitudes(hz, note.vowel, rate);
    }
    phase += (2 * Math.PI * hz) / rate;
    let voice = 0;
    for (let h = 0; h < amplitudes.length; h++) voice += amplitudes[h]! * Math.sin((h + 1) * phase);
    let gain = 1;
    if (i < consonant) gain = voicedOnset ? 0.35 : 0;
    if (i > length - release) gain *= (length - i) / release;
    let x = gain * voice * note.rms;
    // The consonant's noise (s, t, k): unvoiced, as loud as a third of the vowel.
    if (i < consonant && !voicedOnset) x += (note.random() * 2 - 1) * note.rms * 0.3;
    out[at + i]! += x;
  }
  return phase % (2 * Math.PI);
}

/** Harmonic amplitudes through the vowel's formants, scaled so the voice has RMS 1. */
function harmonicAmplitudes(hz: number, vowel: Array<[number, number, number]>, rate: number): number[] {
  const count = Math.max(1, Math.floor(Math.min(4500, rate / 2 - 200) / hz));
  const amplitudes: number[] = [];
  let power = 0;
  for (let h = 1; h <= count; h++) {
    const f = h * hz;
    let gain = 0.02;
    for (const [centre, bandwidth, g] of vowel) gain += g / (1 + ((f - centre) / bandwidth) ** 2);
    const a = gain / h ** 0.5;
    amplitudes.push(a);
    power += (a * a) / 2;
  }
  const scale = 1 / Math.sqrt(power);
  return amplitudes.map((a) => a * scale);
}
