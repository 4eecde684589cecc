import { beforeAll, describe, expect, it } from 'vitest';
import { parseScript } from '../../cues/parse-script.ts';
import { type ActorTakes, findTakes } from '../../src/production/find-takes.ts';
import { spokenSession } from '../support/drama-fixture.ts';
import { requireTools } from '../support/required-tools.ts';

// Lines of short sentences read with pauses longer than the take search's segment gap (0.5 s)
// between them, each sentence its own segment (a tester's, issue 17): "Good. [0.6 s] Now wind the
// clockwork…" was picked from "Now", its first word lost and unflagged; "Put your weight on it.
// [0.6 s] Both hands. [0.6 s] Like this." had only a false start ("Put your weight on it"), and the
// line no complete take. Real takes: festival.

const SCRIPT = `MARTIN: Good. Now wind the clockwork before the lens stops turning.

MARTIN: Put your weight on it. Both hands. Like this.
`;

/** Seconds of silence before each part (the last entry: after the last part). */
const GAPS = [1, 0.6, 1.5, 0.6, 0.6, 1];

describe('a line of short sentences with pauses between them', () => {
  let takes: ActorTakes;
  const parts: Array<{ start: number; end: number }> = [];

  beforeAll(async () => {
    requireTools('the actor is a festival voice', 'ffmpeg', 'festival');
    const made = spokenSession(
      'take-short-sentences',
      'martin',
      [
        'Good.',
        'Now wind the clockwork before the lens stops turning.',
        'Put your weight on it.',
        'Both hands.',
        'Like this.',
      ],
      GAPS,
    );
    parts.push(...made.parts);
    takes = await findTakes([made.session], parseScript(SCRIPT).cues);
  }, 900_000);

  it('opens the take at its first word, said apart', () => {
    const [good, rest] = parts;
    const line = takes.lines[0]!;
    expect(line.takes).toHaveLength(1);
    expect(line.takes[0]).toMatchObject({ complete: true, of: 10 });
    expect(line.takes[0]!.start).toBeLessThan(good!.start + 0.2);
    expect(line.takes[0]!.end).toBeGreaterThan((rest!.start + 3 * rest!.end) / 4);
    expect(line.pick).toBe(0);
  });

  it('finds one complete take over three short sentences', () => {
    const [, , first, , last] = parts;
    const line = takes.lines[1]!;
    expect(line.takes).toHaveLength(1);
    expect(line.takes[0]).toMatchObject({ complete: true, words: 9, of: 9 });
    expect(line.takes[0]!.start).toBeLessThan(first!.start + 0.3);
    expect(line.takes[0]!.end).toBeGreaterThan((last!.start + last!.end) / 2);
    expect(line.pick).toBe(0);
    expect(line.review).toBeUndefined();
  });
});
