import { describe, expect, it } from 'vitest';
import { EditError } from '../../cues/edit/edit-error.ts';
import { confirmCue } from '../../cues/edit/review.ts';
import { parseScript } from '../../cues/parse-script.ts';
import { moveClip } from '../../cues/production/move-line.ts';
import { takeReview } from '../../cues/production/pick-takes.ts';
import { sheetOnTimeline } from '../../cues/production/place-on-recordings.ts';
import { BEAT, placeTakes } from '../../cues/production/place-takes.ts';
import { type LineTakes, stepTake, swapTake, switchedReview } from '../../cues/production/switch-take.ts';
import { MAX_CROSSFADE, placeClips } from '../../cues/production/timeline.ts';

// Comping an assembled drama (issue 17): a line switched to another of its takes, and a line
// moved along its lane, on a real parsed script laid out as `cuewright assemble` lays it out.

const sheet = parseScript(
  'ANNA: Did you hear that noise?\n\nBEN: Only the wind.\n\nANNA: That was not the wind.\n',
  { format: 'drama' },
);
const [anna1, ben, anna2] = sheet.cues.filter((c) => c.kind === 'dialogue').map((c) => c.id) as [
  string,
  string,
  string,
];
const take = (recording: string, start: number, end: number, complete = true) => ({
  recording,
  start,
  end,
  complete,
});
/** Anna's second line: a false start, then two complete takes (the last picked, as assemble does). */
const twice: LineTakes = {
  cue: anna2,
  takes: [take('anna', 5, 5.6, false), take('anna', 7, 9), take('anna', 11, 13.5)],
  pick: 2,
};
const durations = new Map([
  ['anna', 20],
  ['ben', 10],
]);
const laid = placeTakes(sheet.cues, [
  { cue: anna1, recording: 'anna', start: 1, end: 3, duration: 20 },
  { cue: ben, recording: 'ben', start: 1, end: 2, duration: 10 },
  { cue: anna2, recording: 'anna', start: 11, end: 13.5, duration: 20 },
]);
const placedSheet = sheetOnTimeline(sheet, laid.placements, laid.clips);
const startOf = (s: typeof sheet, id: string) => s.cues.find((c) => c.id === id)!.start!;

describe('switching a line to another take', () => {
  it('steps through the complete takes only, going round, and says when there is no other', () => {
    expect(stepTake(twice, 1)).toBe(1);
    expect(stepTake(twice, -1)).toBe(1);
    expect(stepTake({ ...twice, pick: 1 }, 1)).toBe(2);
    expect(stepTake({ ...twice, pick: 1 }, -1)).toBe(2);
    expect(stepTake({ cue: ben, takes: [take('ben', 1, 2)], pick: 0 }, 1)).toBeUndefined();
    expect(stepTake({ cue: ben, takes: [take('ben', 1, 1.4, false)] }, 1)).toBeUndefined();
  });

  it('plays the other take in the line’s clip (gap kept) and moves only what comes after', () => {
    const swapped = swapTake(placedSheet, laid.clips, laid.placements, twice, 1, durations);
    const clip = swapped.clips[2]!;
    expect(clip.recording).toBe('anna');
    expect(clip.from).toBeLessThan(7);
    expect(clip.to).toBeGreaterThan(9);
    expect(clip.to).toBeLessThan(11);
    expect(clip.gapBefore).toBe(BEAT);
    expect(swapped.clips.slice(0, 2)).toEqual(laid.clips.slice(0, 2));
    expect(swapped.placements.find((p) => p.id === anna2)).toMatchObject({ start: 7, end: 9 });
    // The earlier lines keep their times; the line lasts as long as its take's words.
    expect(startOf(swapped.sheet, anna1)).toBe(startOf(placedSheet, anna1));
    expect(startOf(swapped.sheet, ben)).toBe(startOf(placedSheet, ben));
    const line = swapped.sheet.cues.find((c) => c.id === anna2)!;
    expect(line.end! - line.start!).toBeCloseTo(2, 6);
    // Back to the picked take: the same timeline as before.
    const back = swapTake(
      swapped.sheet,
      swapped.clips,
      swapped.placements,
      { ...twice, pick: 1 },
      2,
      durations,
    );
    expect(back.clips).toEqual(laid.clips);
    expect(startOf(back.sheet, anna2)).toBeCloseTo(startOf(placedSheet, anna2), 6);
  });

  it('refuses a line not on the timeline and a take that does not exist', () => {
    const unplaced = sheetOnTimeline(sheet, [], laid.clips);
    expect(() => swapTake(unplaced, laid.clips, [], twice, 1, durations)).toThrow(EditError);
    expect(() => swapTake(placedSheet, laid.clips, laid.placements, twice, 7, durations)).toThrow(
      /no take 8/,
    );
  });
});

describe('the review flag of a take switched away from', () => {
  // As assemble heard "The Door" (drama-fixture.ts): Anna's second line read twice, the second
  // take (picked) heard to 8 of its 9 words, flagged; the first heard whole and sure.
  const heard = [
    { fit: 0.946, words: 9, of: 9 },
    { fit: 0.955, words: 8, of: 9 },
    { fit: 0.2, words: 9, of: 9 },
  ];
  const flag = takeReview(heard[1]!)!;
  const line = { cue: anna2, takes: heard, review: flag };
  const flagged = {
    ...placedSheet,
    cues: placedSheet.cues.map((c) => (c.id === anna2 ? { ...c, review: flag } : c)),
  };
  const reviewOf = (s: typeof sheet) => s.cues.find((c) => c.id === anna2)!.review;

  it('goes with the take: a trusted take leaves the line unflagged, a doubtful one flags it anew', () => {
    expect(flag).toBe('last 1 of 9 words not heard (the take goes on: taken as complete)');
    const trusted = switchedReview(flagged, line, 0);
    expect(trusted.review).toBeUndefined();
    expect(reviewOf(trusted.sheet)).toBeUndefined();
    expect('review' in trusted.sheet.cues.find((c) => c.id === anna2)!).toBe(false);
    const doubtful = switchedReview(flagged, line, 2);
    expect(doubtful.review).toBe('low acoustic match (0.20)');
    expect(reviewOf(doubtful.sheet)).toBe('low acoustic match (0.20)');
    // Back to the flagged take: its flag again (the old one was the trusted take's: none).
    const back = switchedReview(trusted.sheet, { ...line, review: trusted.review }, 1);
    expect(reviewOf(back.sheet)).toBe(flag);
    // The other cues are untouched.
    expect(trusted.sheet.cues.filter((c) => c.id !== anna2)).toEqual(
      flagged.cues.filter((c) => c.id !== anna2),
    );
  });

  it('flags a confirmed line when the new take is doubtful, and keeps a flag of another origin', () => {
    const confirmed = confirmCue(flagged, anna2);
    expect(reviewOf(switchedReview(confirmed, line, 2).sheet)).toBe('low acoustic match (0.20)');
    expect(reviewOf(switchedReview(confirmed, line, 0).sheet)).toBeUndefined();
    const other = {
      ...flagged,
      cues: flagged.cues.map((c) => (c.id === anna2 ? { ...c, review: 'moved by hand' } : c)),
    };
    expect(reviewOf(switchedReview(other, line, 0).sheet)).toBe('moved by hand');
    expect(() => switchedReview(flagged, line, 5)).toThrow(/no take 6/);
  });
});

describe('moving a line along its lane', () => {
  it('moves its clip and keeps the next line where it was', () => {
    const { clips, clamped } = moveClip(laid.clips, 1, 0.3);
    expect(clamped).toBe(false);
    const before = placeClips(laid.clips);
    const after = placeClips(clips);
    expect(after[1]!.at).toBeCloseTo(before[1]!.at + 0.3, 6);
    expect(after[2]!.at).toBeCloseTo(before[2]!.at, 6);
    expect(after[0]!.at).toBe(before[0]!.at);
  });

  it('stops a crossfade over a neighbour, and the first line at 0:00', () => {
    const late = moveClip(laid.clips, 1, 5);
    expect(late.clamped).toBe(true);
    expect(late.clips[2]!.gapBefore).toBeCloseTo(-MAX_CROSSFADE, 6);
    const early = moveClip(laid.clips, 1, -5);
    expect(early.clamped).toBe(true);
    expect(early.clips[1]!.gapBefore).toBeCloseTo(-MAX_CROSSFADE, 6);
    const first = moveClip(laid.clips, 0, -1);
    expect(first.clamped).toBe(true);
    expect(placeClips(first.clips)[0]!.at).toBe(0);
  });
});
