import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { readCueSheet } from '../../cues/read-cue-sheet.ts';
import {
  type CueScore,
  describeFigures,
  figures,
  type SpeechRecording,
  scoreStarts,
  speechBook,
  speechRecordings,
} from '../support/human-speech.ts';
import { runCli } from '../support/run-cli.ts';

// Alignment measured on real people (../shared/speech: LibriVox readings of Shakespeare's sonnets
// as published in MP3, casual talk with um/uh, a cold and a cough), through the command a producer
// runs. Loose enough to stay green on any machine, tight enough that the old engine (median 16.5 s,
// nothing flagged) and any collapse fail; `npm run bench` prints the exact figures.

describe('alignment on human speech (../shared/speech)', () => {
  const recordings: SpeechRecording[] = speechRecordings();
  const scores = new Map<string, CueScore[]>();

  beforeAll(() => {
    for (const r of recordings) {
      const run = runCli(['align', r.script, r.audio, '--json']);
      if (run.status !== 0) throw new Error(`cuewright align ${r.name}: ${run.stderr}`);
      scores.set(r.name, scoreStarts(readCueSheet(run.stdout), r.truth));
    }
  }, 300_000);

  it('has all six recordings and their truth', () => {
    expect(recordings.map((r) => r.name).sort()).toEqual(
      ['acoustic_corpus', 'cold_corpus', 'cold_corpus3', 'sonnet001', 'sonnet002', 'sonnet003'].sort(),
    );
  });

  it('places cue starts: median <= 80 ms, p95 <= 400 ms over every cue', () => {
    const all = figures([...scores.values()].flat());
    console.info(`human speech: ${describeFigures(all)}`);
    expect(all.median).toBeLessThanOrEqual(0.08);
    expect(all.p95).toBeLessThanOrEqual(0.4);
  });

  it('places every recording on its own: no file collapses (median <= 150 ms each)', () => {
    for (const [name, s] of scores) expect(figures(s).median, name).toBeLessThanOrEqual(0.15);
  });

  it('flags every cue off by more than 0.5 s, and at most 10 % of cues within 100 ms', () => {
    const all = figures([...scores.values()].flat());
    expect(all.unflaggedOff).toBe(0);
    expect(all.flaggedGood).toBeLessThanOrEqual(0.1);
  });
});

describe('alignment of the human recordings end to end as one long book (windows and both walks)', () => {
  let scores: CueScore[];
  beforeAll(() => {
    const book = speechBook(mkdtempSync(join(tmpdir(), 'cw-speech-book-')), 2);
    const run = runCli(['align', book.script, book.audio, '--json']);
    if (run.status !== 0) throw new Error(`cuewright align (book): ${run.stderr}`);
    scores = scoreStarts(readCueSheet(run.stdout), book.truth);
  }, 300_000);

  it('keeps every cue on its line across windows: median <= 80 ms, p95 <= 400 ms, nothing off unflagged', () => {
    const f = figures(scores);
    console.info(`human speech book: ${describeFigures(f)}`);
    expect(f.median).toBeLessThanOrEqual(0.08);
    expect(f.p95).toBeLessThanOrEqual(0.4);
    expect(f.unflaggedOff).toBe(0);
  });
});

describe('alignment on human speech when script and recording disagree', () => {
  const sonnet = () => speechRecordings().find((r) => r.name === 'sonnet002')!;
  const dir = mkdtempSync(join(tmpdir(), 'cw-speech-edit-'));

  /** The sonnet's script with its paragraphs changed by `edit`, aligned by the CLI. */
  function alignEdited(edit: (paragraphs: string[]) => string[]): CueSheet {
    const r = sonnet();
    const paragraphs = readFileSync(r.script, 'utf8')
      .trim()
      .split(/\n\s*\n/);
    const script = join(dir, `edited-${Math.random().toString(36).slice(2)}.txt`);
    writeFileSync(script, `${edit(paragraphs).join('\n\n')}\n`);
    const run = runCli(['align', script, r.audio, '--json']);
    if (run.status !== 0) throw new Error(`cuewright align: ${run.stderr}`);
    return readCueSheet(run.stdout);
  }

  it('flags a line the reader did not read as not found, and keeps the rest on their lines', () => {
    const extra = 'The quick brown fox jumps over the lazy dog and runs into the forest.';
    const sheet = alignEdited((p) => [...p.slice(0, 8), extra, ...p.slice(8)]);
    const missing = sheet.cues.find((c) => c.text === extra)!;
    expect(missing.review).toBeTruthy();
    const rest = { ...sheet, cues: sheet.cues.filter((c) => c !== missing) };
    const f = figures(scoreStarts(rest, sonnet().truth));
    expect(f.median).toBeLessThanOrEqual(0.08);
    expect(f.unflaggedOff).toBe(0);
  }, 120_000);

  it('keeps the cues around a line that is read but not in the script on their lines, or flags them', () => {
    const truth = sonnet().truth;
    const sheet = alignEdited((p) => [...p.slice(0, 7), ...p.slice(8)]);
    const f = figures(scoreStarts(sheet, [...truth.slice(0, 7), ...truth.slice(8)]));
    expect(f.median).toBeLessThanOrEqual(0.08);
    expect(f.unflaggedOff).toBe(0);
  }, 120_000);
});
