import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Cue } from '../../cues/cue-sheet.ts';
import { readCueSheet } from '../../cues/read-cue-sheet.ts';
import { SPEECH_DIR } from '../support/human-speech.ts';
import { requireTools } from '../support/required-tools.ts';
import { runCli } from '../support/run-cli.ts';
import { tempDir } from '../support/signals.ts';

// Issue #16, found by a fresh tester on real readings (../shared/speech): a file of other speech
// (cold_corpus3, another text and speaker) after the last chapter held was given the next
// chapter's lines (the acoustic corpus text, which no file holds), some of them unflagged.

const text = (path: string) => readFileSync(join(SPEECH_DIR, path), 'utf8').trim();

describe('alignment across files with a file of other speech where the last chapter should be', () => {
  const dir = tempDir('production-unrelated');
  let coverage: Array<{ problem?: string; cues: number; flagged: number }>;
  let last: Cue[];

  beforeAll(() => {
    requireTools('shared data');
    const script = join(dir, 'book.txt');
    writeFileSync(
      script,
      `CHAPTER THREE\n\n${text('sonnets/sonnet003.txt')}\n\nCHAPTER FOUR\n\n${text('casual/acoustic_corpus.txt')}\n`,
    );
    const files = [join(SPEECH_DIR, 'sonnets/sonnet003.mp3'), join(SPEECH_DIR, 'casual/cold_corpus3.wav')];
    const run = runCli(['align', script, ...files, '--json'], undefined, 600_000);
    if (run.status !== 0) throw new Error(run.stderr);
    const printed = JSON.parse(run.stdout);
    coverage = printed.coverage;
    const sheet = readCueSheet(JSON.stringify(printed.sheet));
    const ids = new Set(sheet.chapters.find((c) => c.title === 'CHAPTER FOUR')!.cueIds);
    last = sheet.cues.filter((c) => ids.has(c.id) && c.kind !== 'heading');
  }, 900_000);

  it('reports the file of other speech as holding nothing of the script', () => {
    expect(coverage[0]!.problem).toBeUndefined();
    expect(coverage[1]!.problem).toMatch(/covers nothing of the script/);
  });

  it('leaves the chapter no file holds unplaced and flagged', () => {
    expect(last.length).toBeGreaterThan(3);
    for (const cue of last) {
      expect(cue.review, cue.text).toBeDefined();
      expect(cue.start, cue.text).toBeUndefined();
    }
  });
});
