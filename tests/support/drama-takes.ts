import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { VoiceSpec } from '../../audio/scratch/scratch-plan.ts';
import { encodeWav } from '../../audio/wav/wav-writer.ts';
import { festivalEngine } from './festival-engine.ts';
import { SPEECH_DIR } from './human-speech.ts';

// A radio-drama recording session built from real speech: two real people of ../shared/speech
// (the LibriVox reader of Sonnet I, the man talking casually) and a synthetic actor of another
// engine than ours (festival) each get the lines of a drama script, and each actor's session files
// hold their lines cut from the readings and put in a shuffled order, some read two or three
// times (each retake a little faster or slower and louder or softer), false starts (a line cut
// partway) before or after a complete take, festival slates ("line four, take two") and pauses
// between, retakes of two lines in a second session file, and one line per actor never recorded.
// The truth records where every take was put.

const RATE = 16_000;

export interface TruthTake {
  file: number;
  start: number;
  end: number;
  complete: boolean;
}

export interface ActorSession {
  speaker: string;
  /** The actor's lines in script order. */
  lines: string[];
  /** Session files, in recording order. */
  files: string[];
  /** Per line (index into `lines`), its takes in recording order; empty: never recorded. */
  takes: TruthTake[][];
}

export interface DramaSession {
  script: string;
  actors: ActorSession[];
}

/** Deterministic pseudo-random numbers (mulberry32). */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function decode(path: string): Float32Array {
  const raw = execFileSync(
    'ffmpeg',
    ['-v', 'error', '-i', path, '-ac', '1', '-ar', `${RATE}`, '-f', 'f32le', '-'],
    {
      maxBuffer: 1 << 28,
    },
  );
  return new Float32Array(raw.buffer, raw.byteOffset, raw.length / 4).slice();
}

interface Unit {
  text: string;
  start: number;
  /** Where its speech ends (the next unit's prev_speech_end), or the file's end. */
  end: number;
}

function truthUnits(path: string): Unit[] {
  const rows = execFileSync('cat', [path], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => l.split('\t'));
  return rows.map((r, i) => ({
    text: r[4]!.replace(/’/g, "'"),
    start: Number(r[1]),
    end: rows[i + 1] ? Number(rows[i + 1]![2]) : Number.POSITIVE_INFINITY,
  }));
}

/** A real speaker's lines: [text, audio] per truth unit of the named recordings. */
export function realLines(
  folder: string,
  names: string[],
  skipFirst: boolean,
): Array<[string, Float32Array]> {
  const out: Array<[string, Float32Array]> = [];
  for (const name of names) {
    const ext = folder === 'sonnets' ? 'flac' : 'wav';
    const audio = decode(join(SPEECH_DIR, folder, `${name}.${ext}`));
    const units = truthUnits(join(SPEECH_DIR, folder, `${name}.truth.tsv`));
    for (const [i, u] of units.entries()) {
      if (skipFirst && i === 0) continue; // a title ("I"), not a line of dialogue
      const from = Math.max(0, Math.round((u.start - 0.08) * RATE));
      const to = Math.min(audio.length, Math.round((u.end + 0.12) * RATE));
      out.push([u.text, audio.slice(from, to)]);
    }
  }
  return out;
}

const ROBOT_LINES = [
  'Good evening. I am the house computer, and I have locked every door.',
  'Nobody leaves the manor until the missing painting is found.',
  'The butler was in the kitchen at nine o clock, according to my sensors.',
  'Please do not attempt to reach the fuse box. It is guarded.',
  'I detect a draught from the library. Someone opened the window.',
  'My records show that the painting was insured last Tuesday.',
  'Shall I play some music while you think about it?',
  'The lights will go out in one minute. Please remain calm.',
];

const festival = festivalEngine('narrator');
const spec = (voice: string) => ({ voice, rate: 165, pitch: 50, range: 50 }) as unknown as VoiceSpec;

/** A retake: resampled by `speed` (pitch moves with it, as a take read faster sounds) and scaled. */
export function vary(audio: Float32Array, speed: number, gain: number): Float32Array {
  const out = new Float32Array(Math.floor(audio.length / speed));
  for (let i = 0; i < out.length; i++) {
    const x = i * speed;
    const k = Math.floor(x);
    const f = x - k;
    out[i] = ((audio[k] ?? 0) * (1 - f) + (audio[k + 1] ?? 0) * f) * gain;
  }
  return out;
}

const WORDS = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const say = (n: number) => WORDS[n - 1] ?? String(n);

/**
 * Writes the script and every actor's session files into `dir`; `seed` shuffles the line order
 * and the gaps. Needs ffmpeg and festival.
 */
export function buildDramaSession(dir: string, seed = 17): DramaSession {
  const rand = random(seed);
  const cast: Array<{ speaker: string; lines: Array<[string, Float32Array]>; missing: number }> = [
    { speaker: 'POET', lines: realLines('sonnets', ['sonnet001'], true), missing: 6 },
    {
      speaker: 'MAN',
      lines: realLines('casual', ['acoustic_corpus', 'cold_corpus', 'cold_corpus3'], false),
      missing: 14,
    },
    {
      speaker: 'ROBOT',
      lines: ROBOT_LINES.map((text): [string, Float32Array] => [text, festival.speak(text, spec('robot'))]),
      missing: 5,
    },
  ];
  const actors: ActorSession[] = [];
  for (const member of cast) {
    const takes: TruthTake[][] = member.lines.map(() => []);
    const files: Float32Array[][] = [[], []];
    const lengths = [0, 0];
    const put = (file: number, audio: Float32Array) => {
      files[file]!.push(audio);
      lengths[file]! += audio.length;
    };
    const gap = () => put_silence(0.7 + rand() * 0.9);
    let currentFile = 0;
    const put_silence = (seconds: number) => put(currentFile, new Float32Array(Math.round(seconds * RATE)));
    const take = (line: number, audio: Float32Array, complete: boolean, number: number) => {
      if (number > 1 || rand() < 0.3) {
        const slate = festival.speak(`line ${say(line + 1)}, take ${say(number)}`, spec('slate'));
        put(currentFile, slate);
        put_silence(0.5 + rand() * 0.4);
      }
      const start = lengths[currentFile]! / RATE;
      put(currentFile, audio);
      takes[line]!.push({ file: currentFile, start, end: start + audio.length / RATE, complete });
      gap();
    };
    const order = member.lines.map((_, i) => i).filter((i) => i !== member.missing);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    put_silence(1);
    const secondSession: number[] = [];
    for (const [k, line] of order.entries()) {
      const audio = member.lines[line]![1];
      const falseStart = () => audio.slice(0, Math.round(audio.length * (0.35 + rand() * 0.2)));
      const retake = () => vary(audio, 0.93 + rand() * 0.14, 0.6 + rand() * 0.6);
      switch (k % 5) {
        case 0:
          take(line, audio, true, 1);
          break;
        case 1:
          take(line, falseStart(), false, 1);
          take(line, audio, true, 2);
          break;
        case 2:
          take(line, audio, true, 1);
          take(line, retake(), true, 2);
          break;
        case 3:
          take(line, retake(), true, 1);
          take(line, audio, true, 2);
          take(line, falseStart(), false, 3);
          break;
        default:
          take(line, audio, true, 1);
          if (secondSession.length < 2) secondSession.push(line);
      }
    }
    currentFile = 1;
    put_silence(1.2);
    for (const line of secondSession) {
      take(line, vary(member.lines[line]![1], 1.05, 0.8), true, takes[line]!.length + 1);
    }
    const paths = files.map((parts, f) => {
      const total = parts.reduce((n, p) => n + p.length, 0);
      const pcm = new Float32Array(total);
      let at = 0;
      for (const p of parts) {
        pcm.set(p, at);
        at += p.length;
      }
      // A quiet room, not digital silence: noise at about -66 dBFS.
      for (let i = 0; i < pcm.length; i++) pcm[i]! += (rand() - 0.5) * 0.0017;
      const path = join(dir, `${member.speaker.toLowerCase()}-session${f + 1}.wav`);
      writeFileSync(path, encodeWav([pcm], RATE));
      return path;
    });
    actors.push({ speaker: member.speaker, lines: member.lines.map((l) => l[0]), files: paths, takes });
  }
  // The script: the actors' lines in turn, with a sound cue and a music cue among them.
  const scriptLines = ['TITLE: The Manor', ''];
  const longest = Math.max(...actors.map((a) => a.lines.length));
  for (let i = 0; i < longest; i++) {
    for (const a of actors) if (a.lines[i]) scriptLines.push(`${a.speaker}: ${a.lines[i]}`, '');
    if (i === 2) scriptLines.push('[SFX: a door slams]', '');
    if (i === 5) scriptLines.push('MUSIC: the theme swells', '');
  }
  const script = join(dir, 'manor.txt');
  writeFileSync(script, scriptLines.join('\n'));
  return { script, actors };
}
