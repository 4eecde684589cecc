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

/** A take of line 0 starting at `start`, `words` heard at 0.3 s a word, its speech stopping after. */
const found = (start: number, words: number, tailed = false): FoundTake => ({
  file: 0,
  line: 0,
  words,
  start,
  end: start + words * 0.3,
  fit: 0.9,
  speechAfter: 0,
  ...(tailed ? { tailed: true as const } : {}),
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

describe('a trusted pick that is still worth a listen (pickTakes)', () => {
  it('flags the pick when a later take was heard nearly whole: it may be the last complete one', () => {
    // CLARA's line 94 on the full-scale bench: 8/8, then a retake heard to 7 of 8, then a false start.
    const [line] = pickTakes([8], [found(216.5, 8), found(223.5, 7), found(230.4, 4)]);
    expect(line!.pick).toBe(0);
    expect(line!.review).toBe('a later take was heard to 7 of 8 words: it may be the last complete one');
    // A later false start well short of the line leaves the pick trusted.
    expect(pickTakes([8], [found(216.5, 8), found(230.4, 5)])[0]!.review).toBeUndefined();
  });

  it('flags a line heard more often than takes are recorded', () => {
    const five = [10, 20, 30, 40, 50].map((s) => found(s, 3));
    expect(pickTakes([3], five)[0]!.review).toBeUndefined();
    const [line] = pickTakes([3], [...five, found(60, 3)]);
    expect(line!.pick).toBe(5);
    expect(line!.review).toBe('heard 6 times (6 complete): some may be other speech');
    // Eight takes, two of them whole: what a session holds; nine: more than it does.
    const starts = [1, 2, 3, 4, 5, 6].map((s) => found(s, 2));
    expect(pickTakes([3], [...starts, found(10, 3), found(20, 3)])[0]!.review).toBeUndefined();
    expect(pickTakes([3], [...starts, found(7, 2), found(10, 3), found(20, 3)])[0]!.review).toBe(
      'heard 9 times (2 complete): some may be other speech',
    );
    // Its first words heard in slates count too (not listed as takes): the full-scale bench's
    // "What was that?" heard whole in one slate was flagged only so.
    const two = [found(10, 3), found(20, 3)];
    expect(pickTakes([3], two, [6])[0]!.review).toBeUndefined();
    expect(pickTakes([3], two, [7])[0]!.review).toBe('heard 9 times (2 complete): some may be other speech');
  });
});

describe('a take completed from the speech after it (tailed)', () => {
  it('is picked as the last complete take, and flagged', () => {
    // A take heard whole, then a retake whose last words were heard only after it: the retake plays.
    const [both] = pickTakes([13], [found(10, 13), found(30, 13, true)]);
    expect(both!.pick).toBe(1);
    expect(both!.takes[1]).toMatchObject({ complete: true, tailed: true });
    expect(both!.review).toBe(
      'its last words were heard only in the speech after it (listen to check the take is whole)',
    );
    // Before it, it leaves the later take heard whole trusted.
    const [first] = pickTakes([13], [found(10, 13, true), found(30, 13)]);
    expect(first!.pick).toBe(1);
    expect(first!.review).toBeUndefined();
  });
});
