import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodeWav } from '../../audio/wav/wav-writer.ts';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { needsReview } from '../../cues/edit/review.ts';
import { REPO } from './paths.ts';

// Real people reading and talking, with hand-checked cue-start truth (../shared/speech/README.md):
// the only evidence that alignment works on speech no synthesiser made. The scorer follows that
// README's score.py: cue i of the sheet (separators skipped) against truth unit i, texts checked.

export const SPEECH_DIR = join(REPO, '../shared/speech');

export interface TruthUnit {
  start: number;
  text: string;
}

export interface SpeechRecording {
  name: string;
  script: string;
  audio: string;
  truth: TruthUnit[];
}

/** Every recording of ../shared/speech; throws when the folder is missing (CI lays it beside the repo). */
export function speechRecordings(): SpeechRecording[] {
  if (!existsSync(SPEECH_DIR))
    throw new Error(`${SPEECH_DIR} is missing: the human-speech truth lives there`);
  const out: SpeechRecording[] = [];
  for (const folder of readdirSync(SPEECH_DIR, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    const dir = join(SPEECH_DIR, folder.name);
    for (const file of readdirSync(dir)
      .filter((f) => f.endsWith('.truth.tsv'))
      .sort()) {
      const name = file.replace(/\.truth\.tsv$/, '');
      // The published file: the MP3 where there is one (its decoder's delay handling is tested too).
      const audio = ['mp3', 'wav', 'flac'].map((ext) => join(dir, `${name}.${ext}`)).find(existsSync);
      if (!audio) throw new Error(`${dir}: no audio for ${name}`);
      out.push({ name, script: join(dir, `${name}.txt`), audio, truth: readTruth(join(dir, file)) });
    }
  }
  return out;
}

function readTruth(path: string): TruthUnit[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => {
      const cells = line.split('\t');
      return { start: Number(cells[1]), text: cells[4] ?? '' };
    });
}

export interface CueScore {
  text: string;
  /** |aligned start - true start|, seconds. */
  error: number;
  flagged: boolean;
}

const letters = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z]/g, '')
    .slice(0, 20);

/** Each speakable cue's start error against its truth unit; throws when cues and units disagree. */
export function scoreStarts(sheet: CueSheet, truth: TruthUnit[]): CueScore[] {
  const cues = sheet.cues.filter((c) => c.kind !== 'separator');
  if (cues.length !== truth.length) throw new Error(`${cues.length} cues but ${truth.length} truth units`);
  return cues.map((cue, i) => {
    if (letters(cue.text) !== letters(truth[i]!.text))
      throw new Error(`cue "${cue.text.slice(0, 30)}" is not truth unit "${truth[i]!.text.slice(0, 30)}"`);
    return {
      text: cue.text,
      error: Math.abs((cue.start ?? Number.POSITIVE_INFINITY) - truth[i]!.start),
      flagged: needsReview(cue),
    };
  });
}

export interface Figures {
  n: number;
  median: number;
  p95: number;
  max: number;
  /** Shares within 50/100/250/500 ms, 0-1. */
  within: [number, number, number, number];
  /** Cues off by more than 0.5 s that carry no flag. */
  unflaggedOff: number;
  /** Share of cues within 100 ms that are flagged anyway. */
  flaggedGood: number;
}

export function figures(scores: CueScore[]): Figures {
  const errors = scores.map((s) => s.error).sort((a, b) => a - b);
  const at = (p: number) => errors[Math.floor(p * (errors.length - 1))]!;
  const share = (t: number) => errors.filter((e) => e <= t).length / errors.length;
  const good = scores.filter((s) => s.error <= 0.1);
  return {
    n: errors.length,
    median: at(0.5),
    p95: at(0.95),
    max: errors.at(-1)!,
    within: [share(0.05), share(0.1), share(0.25), share(0.5)],
    unflaggedOff: scores.filter((s) => s.error > 0.5 && !s.flagged).length,
    flaggedGood: good.filter((s) => s.flagged).length / Math.max(1, good.length),
  };
}

export function describeFigures(f: Figures): string {
  const ms = (s: number) => `${Math.round(s * 1000)} ms`;
  const pct = f.within.map((w) => Math.round(w * 100)).join('/');
  return `n=${f.n} median ${ms(f.median)}, p95 ${ms(f.p95)}, max ${ms(f.max)}, within 50/100/250/500 ms ${pct} %, off > 0.5 s unflagged ${f.unflaggedOff}, flagged within 100 ms ${Math.round(f.flaggedGood * 100)} %`;
}

/**
 * One long recording of all of them, end to end, `times` over, with its script and truth: the
 * recordings decoded by ffmpeg (16 kHz mono), so windows and both walks are exercised on real
 * speech. Returns the paths written into `dir`.
 */
export function speechBook(dir: string, times = 1): { script: string; audio: string; truth: TruthUnit[] } {
  const rate = 16_000;
  const recordings = speechRecordings();
  const pieces: Float32Array[] = [];
  const scripts: string[] = [];
  const truth: TruthUnit[] = [];
  let offset = 0;
  for (let t = 0; t < times; t++) {
    for (const r of recordings) {
      const raw = execFileSync(
        'ffmpeg',
        ['-v', 'error', '-i', r.audio, '-ac', '1', '-ar', String(rate), '-f', 'f32le', '-'],
        {
          maxBuffer: 1 << 30,
        },
      );
      const samples = new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
      pieces.push(samples);
      scripts.push(readFileSync(r.script, 'utf8').trim());
      for (const unit of r.truth) truth.push({ start: unit.start + offset, text: unit.text });
      offset += samples.length / rate;
    }
  }
  const audio = new Float32Array(pieces.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const piece of pieces) {
    audio.set(piece, at);
    at += piece.length;
  }
  const script = join(dir, 'speech-book.txt');
  const wav = join(dir, 'speech-book.wav');
  writeFileSync(script, `${scripts.join('\n\n')}\n`);
  writeFileSync(wav, encodeWav([audio], rate));
  return { script, audio: wav, truth };
}
