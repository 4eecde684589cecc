import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { parseScript } from '../../cues/parse-script.ts';
import { type ActorTakes, findTakes } from '../../src/production/find-takes.ts';
import { buildDramaSession, type DramaSession } from '../support/drama-takes.ts';
import { requireTools } from '../support/required-tools.ts';
import { tempDir } from '../support/signals.ts';
import { scoreLine, scoreTakes } from '../support/take-score.ts';

// Take finding on a session built from real people's readings (and one festival-voiced actor):
// lines in shuffled order, retakes, false starts, slates, a second session, a line never recorded.
// Every complete take must be found where it was put, every false start told from a complete take,
// the last complete take picked, the unrecorded line listed as missing.

/**
 * Lines picked right and complete takes found (of 38 and 53) below which the test fails: what the
 * engine reaches today (README "Audio dramas from takes"), so a change that loses one fails here.
 */
const PICKED_FLOOR = 38;
const FOUND_FLOOR = 53;
/** Complete takes reported where none was put, at most. */
const SPURIOUS_CEILING = 1;

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
    for (const actor of session.actors)
      expect(found.get(actor.speaker)!.lines).toHaveLength(actor.lines.length);
    const score = scoreTakes(session.actors, found);
    console.log(`take finding: ${scoreLine(score)}`);
    if (score.wrong.length > 0) console.log(score.wrong.join('\n'));
    // Floors at what this engine reaches today (the goals, 95 % picks and 98 % takes, are met: the
    // casual reader's "uh and here's a long pause and I think this is probably good", heard to
    // "pause" in both its takes by the searches of whole takes, is completed by its tail's search).
    expect(score.lines).toBe(38);
    expect(score.completeTakes).toBe(53);
    expect(score.pickedRight).toBeGreaterThanOrEqual(PICKED_FLOOR);
    expect(score.completeFound).toBeGreaterThanOrEqual(FOUND_FLOOR);
    expect(score.spurious).toBeLessThanOrEqual(SPURIOUS_CEILING);
    // A wrong pick is never presented with confidence: it carries a review flag or is listed missing.
    expect(score.wrongFlagged).toBe(score.lines - score.pickedRight);
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
