import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { VoiceSpec } from '../../audio/scratch/scratch-plan.ts';
import { encodeWav } from '../../audio/wav/wav-writer.ts';
import { parseScript } from '../../cues/parse-script.ts';
import { CLARA_LINES, HENRY_LINES } from './drama-full-lines.ts';
import {
  type ActorSession,
  type DramaSession,
  random,
  realLines,
  type TruthTake,
  vary,
} from './drama-takes.ts';
import { festivalEngine } from './festival-engine.ts';

// The full-scale drama session of issue 17's speed goal ("a 30-minute drama with 4 actors and up
// to 3 takes per line assembles in under 1/20 of its running time"): four actors, each a voice of
// their own, never eSpeak (the app's synthesiser): POET the LibriVox reader of Sonnets I-III and
// MAN the man talking casually (../shared/speech, every unit one line, no audio used for two
// lines), CLARA festival's cmu_us_slt_arctic_hts and HENRY its kal_diphone (drama-full-lines.ts);
// slates in festival's ked_diphone. Like drama-takes.ts: each actor's lines in a shuffled order,
// about a third read two or three times (a retake a little faster or slower, louder or softer),
// false starts, slates, pauses (now and then a long one), a few lines never recorded; CLARA and
// HENRY fill two session files, the retakes put off to the end of the second; POET and MAN one,
// their retakes in a second. The
// truth records where every take was put, for take-score.ts. About 30 minutes assembled from
// about 70 minutes of takes; built once and kept under ~/.cache/cuewright-bench/drama-30min/.

const RATE = 16_000;

/** Bumped whenever what is built changes: the cache is keyed by it. */
export const FULL_SESSION_VERSION = 'v1';

/** A built session: the truth (take-score.ts), the script, and the folder of take files alone. */
export interface FullDramaSession extends DramaSession {
  takesDir: string;
}

/** What the cache keeps: paths relative to its folder. */
interface Stored {
  version: string;
  script: string;
  takesDir: string;
  actors: ActorSession[];
}

type Step =
  | { kind: 'silence'; seconds: number }
  | { kind: 'slate'; text: string }
  | { kind: 'take'; line: number; complete: boolean; speed: number; gain: number; cut: number };

interface Member {
  speaker: string;
  lines: Array<[string, Float32Array]>;
  /** Lines never recorded. */
  missing: number;
  /** Session files the first takes fill: with one, the retakes go in a second; with two, at its end. */
  files: 1 | 2;
}

const NUMBER_WORDS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** 1..999 in words ("one hundred and twelve"), as a slate is read. */
export function numberWords(n: number): string {
  if (n >= 100) {
    const rest = n % 100;
    return `${NUMBER_WORDS[Math.floor(n / 100)]} hundred${rest ? ` and ${numberWords(rest)}` : ''}`;
  }
  if (n < 20) return NUMBER_WORDS[n]!;
  return `${TENS[Math.floor(n / 10)]}${n % 10 ? ` ${NUMBER_WORDS[n % 10]}` : ''}`;
}

/** The folder the session is kept in between runs. */
export function fullSessionDir(): string {
  const base = process.env.CUEWRIGHT_BENCH_DIR ?? join(homedir(), '.cache', 'cuewright-bench');
  return join(base, 'drama-30min', FULL_SESSION_VERSION);
}

/**
 * The full-scale session, built into fullSessionDir() on first use (ffmpeg and festival needed;
 * a few minutes) and read from there afterwards. `log` hears what is being done.
 */
export function fullDramaSession(log: (s: string) => void = () => {}): FullDramaSession {
  const dir = fullSessionDir();
  const index = join(dir, 'session.json');
  if (!existsSync(index)) {
    const temp = `${dir}.building-${process.pid}`;
    rmSync(temp, { recursive: true, force: true });
    mkdirSync(join(temp, 'takes'), { recursive: true });
    buildFullSession(temp, log);
    mkdirSync(join(dir, '..'), { recursive: true });
    rmSync(dir, { recursive: true, force: true });
    renameSync(temp, dir);
  }
  const stored = JSON.parse(readFileSync(index, 'utf8')) as Stored;
  if (stored.version !== FULL_SESSION_VERSION)
    throw new Error(`${index}: version ${stored.version}, not ${FULL_SESSION_VERSION}`);
  return {
    script: join(dir, stored.script),
    takesDir: join(dir, stored.takesDir),
    actors: stored.actors.map((a) => ({ ...a, files: a.files.map((f) => join(dir, f)) })),
  };
}

/** Writes the script, the take files (under takes/) and session.json into `dir`. */
function buildFullSession(dir: string, log: (s: string) => void, seed = 1730): void {
  const rand = random(seed);
  // The voice names map to festival voices in the order first heard: the narrator name to ked.
  const festival = festivalEngine('slate', 'ked_diphone');
  const spec = (voice: string, rate: number) =>
    ({ voice, rate, pitch: 50, range: 50 }) as unknown as VoiceSpec;
  const synth = (texts: readonly string[], voice: string, rate: number): Array<[string, Float32Array]> => {
    festival.prepare(texts.map((text) => ({ text, voice: spec(voice, rate) })));
    return texts.map((text) => [text, festival.speak(text, spec(voice, rate))]);
  };
  log('festival: CLARA (cmu_us_slt_arctic_hts)');
  const clara = synth(CLARA_LINES, 'clara', 150); // slt
  log('festival: HENRY (kal_diphone)');
  const henry = synth(HENRY_LINES, 'henry', 140); // kal
  log('ffmpeg: POET and MAN from ../shared/speech');
  const cast: Member[] = [
    {
      speaker: 'POET',
      lines: realLines('sonnets', ['sonnet001', 'sonnet002', 'sonnet003'], true),
      missing: 1,
      files: 1,
    },
    {
      speaker: 'MAN',
      lines: realLines('casual', ['acoustic_corpus', 'cold_corpus', 'cold_corpus3'], false),
      missing: 1,
      files: 1,
    },
    { speaker: 'CLARA', lines: clara, missing: 3, files: 2 },
    { speaker: 'HENRY', lines: henry, missing: 3, files: 2 },
  ];
  const plans = cast.map((member) => planSession(member, rand));
  const slates = [
    ...new Set(plans.flatMap((p) => p.flat().flatMap((s) => (s.kind === 'slate' ? [s.text] : [])))),
  ];
  log(`festival: ${slates.length} slates (ked_diphone)`);
  festival.prepare(slates.map((text) => ({ text, voice: spec('slate', 165) })));
  const noise = random(seed + 1);
  const actors: ActorSession[] = cast.map((member, m) => {
    const takes: TruthTake[][] = member.lines.map(() => []);
    const files = plans[m]!.map((steps, f) => {
      const parts: Float32Array[] = [];
      let length = 0;
      for (const step of steps) {
        const audio =
          step.kind === 'silence'
            ? new Float32Array(Math.round(step.seconds * RATE))
            : step.kind === 'slate'
              ? festival.speak(step.text, spec('slate', 165))
              : cutTake(member.lines[step.line]![1], step);
        if (step.kind === 'take')
          takes[step.line]!.push({
            file: f,
            start: length / RATE,
            end: (length + audio.length) / RATE,
            complete: step.complete,
          });
        parts.push(audio);
        length += audio.length;
      }
      const pcm = new Float32Array(length);
      let at = 0;
      for (const p of parts) {
        pcm.set(p, at);
        at += p.length;
      }
      // A quiet room, not digital silence: noise at about -66 dBFS.
      for (let i = 0; i < pcm.length; i++) pcm[i]! += (noise() - 0.5) * 0.0017;
      const name = join('takes', `${member.speaker.toLowerCase()}-session${f + 1}.wav`);
      writeFileSync(join(dir, name), encodeWav([pcm], RATE));
      log(`${name}: ${(length / RATE / 60).toFixed(1)} min`);
      return name;
    });
    return { speaker: member.speaker, lines: member.lines.map((l) => l[0]), files, takes };
  });
  const script = writeScript(dir, actors);
  const stored: Stored = { version: FULL_SESSION_VERSION, script, takesDir: 'takes', actors };
  writeFileSync(join(dir, 'session.json'), JSON.stringify(stored));
}

/** A take's audio: the line's reading, resampled and scaled for a retake, cut short for a false start. */
function cutTake(audio: Float32Array, step: Extract<Step, { kind: 'take' }>): Float32Array {
  const read = step.speed === 1 && step.gain === 1 ? audio : vary(audio, step.speed, step.gain);
  return step.cut < 1 ? read.slice(0, Math.round(read.length * step.cut)) : read;
}

/**
 * What goes into each of an actor's session files, in order: the lines shuffled (the ones never
 * recorded left out), each read as one of a few patterns of takes, a slate before most retakes
 * and some first takes, pauses between; the retakes put off to the end of the second file.
 */
function planSession(member: Member, rand: () => number): Step[][] {
  const count = member.lines.length;
  const missing = new Set<number>();
  while (missing.size < member.missing) missing.add(1 + Math.floor(rand() * (count - 1)));
  const order = [...Array(count).keys()].filter((i) => !missing.has(i));
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  const files: Step[][] = [[], []];
  const numbers = new Map<number, number>();
  let file = 0;
  const silence = (seconds: number) => files[file]!.push({ kind: 'silence', seconds });
  const gap = () => silence(rand() < 0.04 ? 4 + rand() * 8 : 0.7 + rand() * 0.9);
  const take = (line: number, kind: 'read' | 'retake' | 'false') => {
    const number = (numbers.get(line) ?? 0) + 1;
    numbers.set(line, number);
    if (number > 1 || rand() < 0.3) {
      files[file]!.push({
        kind: 'slate',
        text: `line ${numberWords(line + 1)}, take ${numberWords(number)}`,
      });
      silence(0.5 + rand() * 0.4);
    }
    const retake = kind === 'retake';
    files[file]!.push({
      kind: 'take',
      line,
      complete: kind !== 'false',
      speed: retake ? 0.93 + rand() * 0.14 : 1,
      gain: retake ? 0.6 + rand() * 0.6 : 1,
      cut: kind === 'false' ? 0.35 + rand() * 0.2 : 1,
    });
    gap();
  };
  const later: number[] = [];
  for (const [k, line] of order.entries()) {
    if (k === 0 || (member.files === 2 && k === Math.round(order.length * 0.55))) {
      if (k > 0) file = 1;
      silence(1 + rand());
    }
    const r = rand();
    if (r < 0.62) take(line, 'read');
    else if (r < 0.72) {
      take(line, 'false');
      take(line, 'read');
    } else if (r < 0.84) {
      take(line, 'read');
      take(line, 'retake');
    } else if (r < 0.9) {
      take(line, 'retake');
      take(line, 'read');
      take(line, 'false');
    } else if (r < 0.94) {
      take(line, 'false');
      take(line, 'retake');
      take(line, 'read');
    } else {
      take(line, 'read');
      later.push(line);
    }
  }
  file = 1;
  silence(member.files === 2 ? 3 + rand() * 3 : 1.2);
  for (const line of later) take(line, 'retake');
  return files.filter((f) => f.some((s) => s.kind === 'take'));
}

/**
 * The script: CLARA's and HENRY's lines in turn, POET's and MAN's spread among them, a sound or
 * music cue now and then. Checked by parsing it back: each actor's cues, in order, are their lines.
 */
function writeScript(dir: string, actors: ActorSession[]): string {
  const [poet, man, clara, henry] = actors as [ActorSession, ActorSession, ActorSession, ActorSession];
  const out = ['TITLE: The Lighthouse', ''];
  const pairs = Math.max(clara.lines.length, henry.lines.length);
  const next = new Map(actors.map((a) => [a, 0]));
  const say = (a: ActorSession) => {
    const i = next.get(a)!;
    if (i < a.lines.length) out.push(`${a.speaker}: ${a.lines[i]}`, '');
    next.set(a, i + 1);
  };
  for (let i = 0; i < pairs; i++) {
    say(clara);
    say(henry);
    while (next.get(poet)! < Math.round(((i + 1) * poet.lines.length) / pairs)) say(poet);
    while (next.get(man)! < Math.round(((i + 1) * man.lines.length) / pairs)) say(man);
    if (i % 40 === 7) out.push('[SFX: waves break against the rocks]', '');
    if (i % 40 === 27) out.push('MUSIC: the theme, low strings', '');
  }
  const name = 'the-lighthouse.txt';
  writeFileSync(join(dir, name), out.join('\n'));
  const sheet = parseScript(out.join('\n'));
  for (const a of actors) {
    const got = sheet.cues.filter((c) => c.kind === 'dialogue' && c.speaker?.toUpperCase() === a.speaker);
    if (got.length !== a.lines.length)
      throw new Error(`${name}: ${a.speaker} has ${got.length} cues parsed, ${a.lines.length} lines written`);
  }
  return name;
}
