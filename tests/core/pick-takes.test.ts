import { describe, expect, it } from 'vitest';
import { type FoundTake, goesOn, pickTakes } from '../../cues/production/pick-takes.ts';

// Complete takes told from false starts when the recogniser lost a take partway, hand-worked on the
// figures of the casual reader's 26-word line in the take-finding test session (drama-take-finding
// runs the same rule on the real recording). Measured there: completing takes heard to 60 % (that
// line was heard to 16 and 18 of 26) picked a take of a line never recorded (another line heard as
// its first 5 of 8 words, speech running on), so the rule stays at 70 %.

const take = (words: number, end: number, speechAfter: number): FoundTake => ({
  file: 0,
  line: 0,
  words,
  start: 72.2,
  end,
  fit: 0.9,
  speechAfter,
});

describe('a take lost partway whose speech goes on (goesOn, pickTakes)', () => {
  it('completes a take heard to 19 of 26 words whose speech runs on as long as the rest would take', () => {
    // 19 words in 5.7 s: 0.3 s a word, 7 unheard words about 2.1 s; 1.9 s of speech follows.
    const lost = take(19, 77.9, 1.9);
    expect(goesOn(lost, 26)).toBe(true);
    const [line] = pickTakes([26], [lost]);
    expect(line!.pick).toBe(0);
    expect(line!.takes[0]!.end).toBeCloseTo(79.8, 5);
    // Taken as complete, never with confidence: the producer is told to listen.
    expect(line!.review).toBe('last 7 of 26 words not heard (the take goes on: taken as complete)');
  });

  it('leaves a false start alone: half the line, then a pause', () => {
    const falseStart = take(13, 76.2, 0);
    expect(goesOn(falseStart, 26)).toBe(false);
    expect(pickTakes([26], [falseStart])[0]!.review).toBe('only false starts: no complete take');
  });

  it('needs 70 % of the line heard before running speech completes it', () => {
    // 18 of 26 (69 %) with speech running on: still a false start (the speech may be a slate or the next line).
    expect(goesOn(take(18, 77.7, 2.4), 26)).toBe(false);
    // 5 of 8 with speech running on: the never-recorded line of the test session stays missing.
    expect(goesOn({ ...take(5, 75.1, 1.8), start: 72.2 }, 8)).toBe(false);
  });
});
