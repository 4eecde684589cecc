import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
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
