import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeWav } from '../../audio/wav/wav-writer.ts';
import type { Placement } from '../../cues/production/timeline.ts';
import { readCueSheet } from '../../cues/read-cue-sheet.ts';
import { loadProject } from '../../src/project/project-store.ts';
import {
  type CueScore,
  describeFigures,
  figures,
  SPEECH_DIR,
  scoreStarts,
  speechRecordings,
  type TruthUnit,
} from '../support/human-speech.ts';
import { requireTools } from '../support/required-tools.ts';
import { runCli } from '../support/run-cli.ts';
import { rng, tempDir } from '../support/signals.ts';

// Alignment across files on real people (../shared/speech: the three LibriVox sonnets): the
// reading cut into files at a random pause and at a random point mid-line, in three formats and
// rates, must place every cue in the right file and as well as one file of the whole reading; a
// slate the script lacks, a sonnet no file holds and a file of other speech are reported.

const RATE = 16_000;

function decode(path: string, rate = RATE): Float32Array {
  const raw = execFileSync(
    'ffmpeg',
    ['-v', 'error', '-i', path, '-ac', '1', '-ar', String(rate), '-f', 'f32le', '-'],
    {
      maxBuffer: 1 << 30,
    },
  );
  return new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
}

function concat(pieces: Float32Array[]): Float32Array {
  const out = new Float32Array(pieces.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A WAV written by us, then re-encoded by ffmpeg to `ext` at `rate` (the files a narrator sends). */
function writeAs(dir: string, name: string, samples: Float32Array, ext: string, rate: number): string {
  const wav = join(dir, `${name}.source.wav`);
  writeFileSync(wav, encodeWav([samples], RATE));
  const out = join(dir, `${name}.${ext}`);
  const codec = ext === 'mp3' ? ['-c:a', 'libmp3lame', '-b:a', '128k'] : [];
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', wav, '-ar', String(rate), ...codec, out]);
  return out;
}

interface Sonnets {
  script: string;
  audio: Float32Array;
  truth: TruthUnit[];
  /** Where each sonnet starts in `audio`, seconds. */
  starts: number[];
}

function sonnets(dir: string): Sonnets {
  const recordings = speechRecordings().filter((r) => r.name.startsWith('sonnet'));
  const pieces: Float32Array[] = [];
  const truth: TruthUnit[] = [];
  const starts: number[] = [];
  let offset = 0;
  for (const r of recordings) {
    const samples = decode(join(SPEECH_DIR, 'sonnets', `${r.name}.flac`));
    pieces.push(samples);
    starts.push(offset);
    for (const unit of r.truth) truth.push({ start: unit.start + offset, text: unit.text });
    offset += samples.length / RATE;
  }
  const script = join(dir, 'sonnets.txt');
  writeFileSync(script, `${recordings.map((r) => readFileSync(r.script, 'utf8').trim()).join('\n\n')}\n`);
  return { script, audio: concat(pieces), truth, starts };
}

/** Each cue's start error on its own file, and whether it was placed in the right file. */
function scoreAcrossFiles(
  placements: Placement[],
  cueIds: string[],
  truth: TruthUnit[],
  cuts: number[],
  flagged: Set<string>,
): { scores: CueScore[]; rightFile: number } {
  let rightFile = 0;
  const scores = cueIds.map((id, i) => {
    const t = truth[i]!.start;
    const file = cuts.filter((c) => c <= t).length; // cuts[0] = 0
    const p = placements.find((x) => x.kind === 'cue' && x.id === id);
    if (p?.recording === `rec-${file}`) rightFile++;
    const error =
      p && p.recording === `rec-${file}`
        ? Math.abs(p.start - (t - cuts[file - 1]!))
        : Number.POSITIVE_INFINITY;
    return { text: truth[i]!.text, error, flagged: flagged.has(id) };
  });
  return { scores, rightFile };
}

describe('alignment across files: the sonnets cut at a random pause and mid-line, in three formats', () => {
  const dir = tempDir('production-align');
  let single: CueScore[];
  let across: { scores: CueScore[]; rightFile: number };
  let coverage: Array<{ problem?: string; cues: number }>;
  let exported: { recordings: Array<{ gapBefore: number }> };

  beforeAll(async () => {
    requireTools('the recordings are cut by ffmpeg', 'ffmpeg', 'shared data');
    const book = sonnets(dir);
    const random = rng(16);
    // A random pause inside sonnet II (between two of its lines), a random point inside a line of III.
    const lines2 = book.truth.filter((u) => u.start > book.starts[1]! + 3 && u.start < book.starts[2]! - 3);
    const atPause = lines2[Math.floor(random() * lines2.length)]!.start - 0.15;
    const lines3 = book.truth.filter((u) => u.start > book.starts[2]! + 3).slice(0, -1);
    const line = lines3[Math.floor(random() * lines3.length)]!;
    const midLine = line.start + 0.6 + random() * 0.8;
    const cuts = [0, atPause, midLine];
    const cut = (from: number, to: number) =>
      book.audio.subarray(Math.round(from * RATE), Math.round(to * RATE));
    const files = [
      writeAs(dir, 'part1', cut(0, atPause), 'wav', 16_000),
      writeAs(dir, 'part2', cut(atPause, midLine), 'flac', 22_050),
      writeAs(dir, 'part3', cut(midLine, book.audio.length / RATE), 'mp3', 44_100),
    ];
    const whole = join(dir, 'whole.wav');
    writeFileSync(whole, encodeWav([book.audio], RATE));
    const one = runCli(['align', book.script, whole, '--json'], undefined, 300_000);
    if (one.status !== 0) throw new Error(one.stderr);
    single = scoreStarts(readCueSheet(one.stdout), book.truth);
    const project = join(dir, 'sonnets.cwproj');
    const run = runCli(['align', book.script, ...files, '-o', project, '--json'], undefined, 300_000);
    if (run.status !== 0) throw new Error(run.stderr);
    const printed = JSON.parse(run.stdout) as { coverage: typeof coverage; sheet: unknown };
    coverage = printed.coverage;
    const sheet = readCueSheet(JSON.stringify(printed.sheet));
    const cues = sheet.cues.filter((c) => c.kind !== 'separator');
    const flagged = new Set(cues.filter((c) => c.review).map((c) => c.id));
    // The project written beside the files places each cue on its file's own clock.
    const saved = await loadProject(project);
    across = scoreAcrossFiles(
      saved.placements!,
      cues.map((c) => c.id),
      book.truth,
      cuts,
      flagged,
    );
    // The aligned sheet exported over the same files: joins get room tone only between lines.
    const cuesJson = join(dir, 'cues.json');
    writeFileSync(cuesJson, JSON.stringify(printed.sheet));
    const out = runCli([
      'export',
      book.script,
      ...files,
      '--cues',
      cuesJson,
      '-o',
      join(dir, 'book.m4b'),
      '--json',
    ]);
    if (out.status !== 0) throw new Error(out.stderr);
    exported = JSON.parse(out.stdout);
  }, 600_000);

  it('places every cue in the file that holds it', () => {
    expect(across.rightFile).toBe(across.scores.length);
    expect(coverage.every((c) => c.problem === undefined && c.cues > 0)).toBe(true);
  });

  it('exports with no room tone inside the line the second file stops in the middle of', () => {
    // The first cut is in a pause (0.15 s before a line: short, so room tone tops it up); the
    // second is mid-line, where the line goes on in the next file with nothing between.
    expect(exported.recordings[1]!.gapBefore).toBeGreaterThan(0.3);
    expect(exported.recordings[2]!.gapBefore).toBe(0);
  });

  it('places cues inside each file as well as single-file alignment of the whole reading', () => {
    const a = figures(across.scores);
    const s = figures(single);
    console.info(`across 3 files: ${describeFigures(a)}\nsingle file:    ${describeFigures(s)}`);
    expect(a.median).toBeLessThanOrEqual(s.median + 0.02);
    expect(a.p95).toBeLessThanOrEqual(s.p95 + 0.1);
    expect(a.unflaggedOff).toBe(0);
  });
});

describe('alignment across files with a slate, a sonnet no file holds and a file of other speech', () => {
  const dir = tempDir('production-slate');
  let run: { status: number | null; stdout: string; stderr: string };
  let printed: {
    coverage: Array<{ path: string; problem?: string; first?: { text: string }; last?: { text: string } }>;
    sheet: unknown;
  };
  let book: Sonnets;

  beforeAll(() => {
    requireTools('the slate is spoken by festival, files cut by ffmpeg', 'ffmpeg', 'festival', 'shared data');
    book = sonnets(dir);
    const slate = join(dir, 'slate.wav');
    const say = spawnSync('text2wave', ['-eval', '(voice_kal_diphone)', '-o', slate], {
      input: 'Sonnet one, take two.',
      encoding: 'utf8',
    });
    if (say.status !== 0) throw new Error(`text2wave: ${say.stderr}`);
    const silence = new Float32Array(RATE);
    const first = writeAs(
      dir,
      'take2',
      concat([decode(slate), silence, book.audio.subarray(0, Math.round(book.starts[1]! * RATE))]),
      'wav',
      16_000,
    );
    // Sonnet II is in no file; then sonnet III as published, then someone else talking.
    const files = [
      first,
      join(SPEECH_DIR, 'sonnets/sonnet003.mp3'),
      join(SPEECH_DIR, 'casual/acoustic_corpus.wav'),
    ];
    run = runCli(['align', book.script, ...files, '--json'], undefined, 300_000);
    if (run.status !== 0) throw new Error(run.stderr);
    printed = JSON.parse(run.stdout);
  }, 600_000);

  it('assigns sonnet I to the slated take and sonnet III to its file, and reports the file of other speech', () => {
    const [take, third, other] = printed.coverage;
    expect(take!.problem).toBeUndefined();
    expect(take!.first!.text).toMatch(/^(I|From fairest creatures)/);
    expect(take!.last!.text).toMatch(/^To eat the world/); // "II" pressed into its end is flagged
    expect(third!.problem).toBeUndefined();
    expect(third!.last!.text).toMatch(/^Die single and thine image/);
    expect(other!.problem).toMatch(/covers nothing of the script/);
  });

  it('flags every line of the sonnet no file holds, and never places it with confidence', () => {
    const sheet = readCueSheet(JSON.stringify(printed.sheet));
    const sonnet2 = sheet.cues.filter((c) => c.kind !== 'separator').slice(15, 30);
    expect(sonnet2[1]!.text).toMatch(/When forty winters/);
    for (const cue of sonnet2) expect(cue.review, cue.text).toBeDefined();
  });

  it('places sonnet I after the slate: its first line within 0.5 s of the truth or flagged', () => {
    const sheet = readCueSheet(JSON.stringify(printed.sheet));
    const cues = sheet.cues.filter((c) => c.kind !== 'separator');
    // The take starts with the slate and a second of silence before the reading.
    const slateSeconds = decode(join(dir, 'take2.wav')).length / RATE - book.starts[1]!;
    for (let i = 0; i < 15; i++) {
      const off = Math.abs(cues[i]!.start! - (book.truth[i]!.start + slateSeconds));
      expect(off <= 0.5 || cues[i]!.review !== undefined, cues[i]!.text).toBe(true);
    }
  });
});
