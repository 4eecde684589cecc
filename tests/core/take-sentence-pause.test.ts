import { beforeAll, describe, expect, it } from 'vitest';
import { parseScript } from '../../cues/parse-script.ts';
import { type ActorTakes, findTakes } from '../../src/production/find-takes.ts';
import { spokenSession } from '../support/drama-fixture.ts';
import { requireTools } from '../support/required-tools.ts';

// A two-sentence line read with a pause between its sentences longer than the take search's
// segment gap (0.5 s) is cut into two segments, each heard as a false start of the line (issue 17:
// the tester's "Who let you two in here? [0.6 s] I locked every window myself." had no complete
// take). The segments are searched again joined: the line has one complete take spanning both
// sentences, and the second sentence is not listed again as a take of its own. A false start
// followed a second later by its retake stays a false start, and so does one run into its retake
// 0.3 s later, inside one segment (the tester's "Father, the radio is… Father, the radio is making
// that noise again." was taken as one complete take from the false start's first word, its last
// word cut, or as a false start alone). Real takes: festival.

const SCRIPT = `EDITH: Who let you two in here? I locked every window myself.

EDITH: Then we will have to go north.

EDITH: Father, the radio is making that noise again.
`;

/** Seconds of silence before each part (the last entry: after the last part). */
const GAPS = [1, 0.7, 1.5, 1, 1, 0.3, 1];

describe('a line with a pause between its sentences', () => {
  let takes: ActorTakes;
  /** Where each part starts and ends in the session (seconds). */
  const parts: Array<{ start: number; end: number }> = [];

  beforeAll(async () => {
    requireTools('the actor is a festival voice', 'ffmpeg', 'festival');
    const made = spokenSession(
      'take-sentence-pause',
      'edith',
      [
        'Who let you two in here?',
        'I locked every window myself.',
        'Then we will',
        'Then we will have to go north.',
        'Father, the radio is',
        'Father, the radio is making that noise again.',
      ],
      GAPS,
    );
    parts.push(...made.parts);
    takes = await findTakes([made.session], parseScript(SCRIPT).cues);
  }, 900_000);

  it('finds one complete take over both sentences', () => {
    const [a, b] = parts;
    const first = takes.lines[0]!;
    expect(first.pick).toBeDefined();
    const pick = first.takes[first.pick!]!;
    expect(pick).toMatchObject({ complete: true, words: 11, of: 11 });
    expect(pick.start).toBeLessThan(a!.start + 0.3);
    // Through the second sentence (festival's parts end in a few tenths of quiet).
    expect(pick.end).toBeGreaterThan((b!.start + b!.end) / 2);
    expect(pick.end).toBeLessThan(b!.end + 0.3);
    // The second sentence's audio is that take's, not another take too.
    expect(first.takes).toHaveLength(1);
  });

  it('keeps a false start followed by its retake apart', () => {
    const [, , c, d] = parts;
    const second = takes.lines[1]!;
    expect(second.takes.map((t) => t.complete)).toEqual([false, true]);
    expect(second.takes[0]!.end).toBeLessThan(c!.end + 0.3);
    expect(second.takes[1]!.start).toBeGreaterThan(d!.start - 0.3);
    expect(second.takes[second.pick!]).toBe(second.takes[1]);
  });

  it('keeps a false start run straight into its retake apart, inside one segment', () => {
    const [, , , , e, f] = parts;
    const third = takes.lines[2]!;
    expect(third.takes.map((t) => t.complete)).toEqual([false, true]);
    expect(third.takes[0]!.start).toBeLessThan(e!.start + 0.3);
    expect(third.takes[0]!.end).toBeLessThan(e!.end + 0.2);
    expect(third.takes[1]!.start).toBeGreaterThan(f!.start - 0.2);
    // Every word heard, through the retake (festival's parts end in a few tenths of quiet).
    expect(third.takes[1]).toMatchObject({ words: 8, of: 8 });
    expect(third.takes[1]!.end).toBeGreaterThan((f!.start + 3 * f!.end) / 4);
    expect(third.takes[third.pick!]).toBe(third.takes[1]);
    expect(third.review).toBeUndefined();
  });
});
