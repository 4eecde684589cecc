import { dirname } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseScript } from '../../cues/parse-script.ts';
import { assembleDrama } from '../../src/production/assemble-drama.ts';
import { type ActorTakes, findTakes } from '../../src/production/find-takes.ts';
import { spokenSession } from '../support/drama-fixture.ts';
import { requireTools } from '../support/required-tools.ts';

// A slate is not a false start (issue 17): a fresh tester's drama listed slates as false starts
// of its line opening "Take one end…", which was then flagged as heard 32 times. Here "line two,
// take one" was heard as that line's "take…": a false start alone in its segment that explains
// less of the segment's speech than it leaves over is other speech, named with the speech that
// matched no line. A real false start ("The lantern is broken", its retake after a pause) stays
// listed. Real takes: festival.

const LINES = [
  'Take one end of the rope and tie it to the mast before the wind turns.',
  'The lantern is broken again, and all of the oil is gone.',
  'We should have left the harbour before the storm came in.',
];
const SCRIPT = LINES.map((l) => `MARTIN: ${l}\n`).join('\n');

/** What is said, in order, and which line each is a take of (undefined: a slate). */
const SAID: Array<[string, number | undefined]> = [
  ['Line two, take one.', undefined],
  [LINES[1]!, 1],
  ['Line three, take one.', undefined],
  [LINES[2]!, 2],
  ['Take one.', undefined],
  [LINES[0]!, 0],
  ['Line two, take two.', undefined],
  ['The lantern is broken', 1],
  [LINES[1]!, 1],
  ['Line three, take two.', undefined],
  [LINES[2]!, 2],
];

describe('a slate heard as a line’s first words', () => {
  let parts: Array<{ start: number; end: number }>;
  let found: ActorTakes;

  beforeAll(async () => {
    requireTools('the actor is a festival voice', 'ffmpeg', 'festival');
    const gaps = [0.5, ...SAID.map(([, line]) => (line === undefined ? 0.8 : 1.2))];
    const made = spokenSession(
      'take-slate',
      'martin',
      SAID.map(([text]) => text),
      gaps,
    );
    parts = made.parts;
    found = await findTakes([made.session], parseScript(SCRIPT).cues);
  }, 600_000);

  const overlap = (a: { start: number; end: number }, b: { start: number; end: number }) =>
    Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
  const said = (line: number) => parts.filter((_, k) => SAID[k]![1] === line);

  it('lists only the takes that were said, complete and false start', () => {
    for (const [line, got] of found.lines.entries()) {
      console.log(`line ${line + 1}: ${JSON.stringify(got.takes.map((t) => [t.start, t.end, t.complete]))}`);
      const truth = said(line);
      expect(got.takes).toHaveLength(truth.length);
      for (const [k, take] of got.takes.entries()) expect(overlap(take, truth[k]!)).toBeGreaterThan(0.3);
      expect(got.review).toBeUndefined();
    }
    expect(found.lines[1]!.takes.map((t) => t.complete)).toEqual([true, false, true]);
  });

  it('names every "line …, take …" slate as speech that matched no line', () => {
    console.log(`unmatched: ${JSON.stringify(found.unmatched)}`);
    const slates = parts.filter((p, k) => SAID[k]![1] === undefined && p.end - p.start > 1.5);
    expect(slates.length).toBe(4);
    for (const slate of slates) {
      const named = found.unmatched.reduce((n, u) => n + overlap(u, slate), 0);
      expect(named).toBeGreaterThan(0.8 * (slate.end - slate.start));
    }
  });
});

// A slate said straight into its take (0.15 s: one segment) can hide the take from the search: a
// fresh tester's "Line seven, take two." run into the line's second take lost that take, and the
// first take was picked with no flag. The pick now says so when unmatched speech right after it
// is long enough to hold a slate and the line again.
describe('a retake run on from its slate', () => {
  let found: Awaited<ReturnType<typeof assembleDrama>>;
  let parts: Array<{ start: number; end: number }>;

  beforeAll(async () => {
    requireTools('the actor is a festival voice', 'ffmpeg', 'festival');
    // The tester's session as it made it (its take of this line was lost, festival's kal voice).
    const line = 'I never said the letter was from your father.';
    const said = ['Line seven, take one.', line, 'Line seven, take two.', line];
    const made = spokenSession('take-slate-run-on', 'martin', said, [0.5, 1, 1.2, 0.15, 1]);
    parts = made.parts;
    const sheet = parseScript(`MARTIN: ${LINES[0]}\n\nMARTIN: ${line}\n`);
    found = await assembleDrama(sheet, dirname(made.session));
  }, 600_000);

  it('flags the pick with the speech after it, where the lost take is', () => {
    const line = found.takes[1]!;
    console.log(`takes ${JSON.stringify(line.takes)}; review ${line.review}`);
    const pick = line.takes[line.pick!]!;
    const second = parts[3]!;
    // Lost today (README "Not built yet"): should the search come to find it, it is picked and
    // this test is to expect that instead.
    expect(pick.start).toBeLessThan(second.start - 0.5);
    expect(line.review).toMatch(
      /^\d+\.\d+ s of speech right after the pick matched no line \(martin\.wav 00:00:\d\d\.\d{3}-00:00:\d\d\.\d{3}\): a later take may be there$/,
    );
    const stretch = found.unmatched.find((u) => u.start >= pick.end - 0.05)!;
    expect(stretch.end).toBeGreaterThan(second.end - 0.3);
  });
});
