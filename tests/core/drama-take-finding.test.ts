import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { parseScript } from '../../cues/parse-script.ts';
import { type ActorTakes, findTakes } from '../../src/production/find-takes.ts';
import { buildDramaSession, type DramaSession, type TruthTake } from '../support/drama-takes.ts';
import { requireTools } from '../support/required-tools.ts';
import { tempDir } from '../support/signals.ts';

// Take finding on a session built from real people's readings (and one festival-voiced actor):
// lines in shuffled order, retakes, false starts, slates, a second session, a line never recorded.
// Every complete take must be found where it was put, every false start told from a complete take,
// the last complete take picked, the unrecorded line listed as missing.

/**
 * A take found is the take put there when it lies in the same file with its middle inside the
 * truth's span: takes are 0.7 s or more apart, so this names one take, and it does not ask the
 * recogniser to hear a casual "um" opening a line as a word (a start-time tolerance would).
 */
const near = (a: { file: number; start: number; end: number }, b: TruthTake) =>
  a.file === b.file && (a.start + a.end) / 2 > b.start && (a.start + a.end) / 2 < b.end;

/** Shares of lines picked right and of complete takes found below which the test fails. */
const PICK_FLOOR = 0.8;
const FOUND_FLOOR = 0.8;
/** Complete takes reported where none was put, at most. */
const SPURIOUS_CEILING = 12;

describe('take finding on real speech', () => {
  let session: DramaSession;
  let sheet: CueSheet;
  const found = new Map<string, ActorTakes>();

  beforeAll(async () => {
    requireTools(
      'the session is cut from real recordings and festival voices',
      'ffmpeg',
      'festival',
      'shared data',
    );
    session = buildDramaSession(tempDir('drama-takes'));
    sheet = parseScript(readFileSync(session.script, 'utf8'));
    for (const actor of session.actors) {
      const cues = sheet.cues.filter((c) => c.speaker?.toUpperCase() === actor.speaker);
      const started = performance.now();
      const takes = await findTakes(actor.files, cues);
      found.set(actor.speaker, takes);
      // Printed for the README, never asserted (speed goals live in tests/bench).
      const audio = takes.durations.reduce((n, d) => n + d, 0);
      console.log(
        `${actor.speaker}: ${((performance.now() - started) / 1000).toFixed(1)} s for ${audio.toFixed(0)} s of takes`,
      );
    }
  }, 900_000);

  it('finds the complete takes, tells false starts, picks the last complete take', () => {
    let lines = 0;
    let pickedRight = 0;
    let completeTakes = 0;
    let completeFound = 0;
    let falseStarts = 0;
    let falseStartsTold = 0;
    let spurious = 0;
    const wrong: string[] = [];
    for (const actor of session.actors) {
      const result = found.get(actor.speaker)!;
      expect(result.lines).toHaveLength(actor.lines.length);
      for (const [i, truth] of actor.takes.entries()) {
        const got = result.lines[i]!;
        lines++;
        const completes = truth.filter((t) => t.complete);
        const pick = got.pick === undefined ? undefined : got.takes[got.pick]!;
        const last = completes.at(-1);
        const right = last === undefined ? pick === undefined : pick !== undefined && near(pick, last);
        if (right) pickedRight++;
        else
          wrong.push(
            `${actor.speaker} line ${i + 1} "${actor.lines[i]!.slice(0, 30)}": truth ${JSON.stringify(truth)} found ${JSON.stringify(got.takes)} pick ${got.pick}`,
          );
        for (const t of truth) {
          const match = got.takes.find((g) => near(g, t));
          if (t.complete) {
            completeTakes++;
            if (match?.complete) completeFound++;
          } else {
            falseStarts++;
            if (match && !match.complete) falseStartsTold++;
          }
        }
        spurious += got.takes.filter((g) => g.complete && !completes.some((t) => near(g, t))).length;
      }
    }
    console.log(
      `take finding: pick right ${pickedRight}/${lines} lines (${((100 * pickedRight) / lines).toFixed(1)} %), complete takes found ${completeFound}/${completeTakes}, false starts told ${falseStartsTold}/${falseStarts}, complete takes where none was put ${spurious}`,
    );
    if (wrong.length > 0) console.log(wrong.join('\n'));
    // Floors under what this engine reaches today (the goal is 95 % picks and 98 % takes; README
    // "Audio dramas from takes"): a change that loses takes fails here.
    expect(pickedRight / lines).toBeGreaterThanOrEqual(PICK_FLOOR);
    expect(completeFound / completeTakes).toBeGreaterThanOrEqual(FOUND_FLOOR);
    expect(spurious).toBeLessThanOrEqual(SPURIOUS_CEILING);
  });

  it('lists each never-recorded line as missing and says why', () => {
    let wronglyMissing = 0;
    for (const actor of session.actors) {
      const result = found.get(actor.speaker)!;
      const missing = result.lines.filter((l) => l.pick === undefined).map((l) => l.line);
      const truthMissing = actor.takes.flatMap((t, i) => (t.length === 0 ? [i] : []));
      // A never-recorded line is always listed; a recorded line listed as missing is a miss the
      // accuracy above counts (the producer is told, never handed a wrong take silently).
      for (const i of truthMissing) expect(missing).toContain(i);
      wronglyMissing += missing.filter((i) => !truthMissing.includes(i)).length;
      for (const i of missing) expect(result.lines[i]!.review).toMatch(/missing|no complete take/);
    }
    console.log(`take finding: recorded lines listed as missing ${wronglyMissing}`);
  });
});
