import { describe, expect, it } from 'vitest';
import { joinGaps, layoutProduction } from '../../audio/production/join-gaps.ts';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { dropInPickup, planPickup, takeOutPickup } from '../../cues/production/pickup.ts';
import { placementsOf, sheetOnTimeline } from '../../cues/production/place-on-recordings.ts';
import {
  type Clip,
  defaultTimeline,
  placeClips,
  timelineDuration,
  toProjectTime,
  toRecordingTime,
} from '../../cues/production/timeline.ts';

// The production's timeline as arithmetic: clips end to end after their gaps (a negative gap is a
// crossfade overlap), times both ways, and a sheet's times surviving a trip through placements.

const recordings = [
  { id: 'a', path: 'a.wav', size: 0, duration: 10 },
  { id: 'b', path: 'b.wav', size: 0, duration: 5 },
  { id: 'p', path: 'p.wav', size: 0, duration: 3, pickup: true },
];

const sheet = (times: Array<[number, number] | undefined>): CueSheet => ({
  version: 1,
  title: 'T',
  chapters: [{ id: 'ch', title: 'One', cueIds: times.map((_, i) => `c${i}`) }],
  cues: times.map((t, i) => ({
    id: `c${i}`,
    kind: 'narration' as const,
    text: `line ${i}`,
    source: { start: 0, end: 0 },
    ...(t ? { start: t[0], end: t[1] } : {}),
  })),
});

describe('the production timeline', () => {
  it('plays every non-pickup recording whole, end to end, with gaps and overlaps', () => {
    const clips = defaultTimeline(recordings);
    expect(clips).toEqual([
      { recording: 'a', from: 0, to: 10 },
      { recording: 'b', from: 0, to: 5 },
    ]);
    expect(timelineDuration(clips)).toBe(15);
    const gapped: Clip[] = [clips[0]!, { ...clips[1]!, gapBefore: 2 }];
    expect(placeClips(gapped).map((c) => c.at)).toEqual([0, 12]);
    expect(timelineDuration(gapped)).toBe(17);
    const overlapped: Clip[] = [clips[0]!, { ...clips[1]!, gapBefore: -0.05 }];
    expect(placeClips(overlapped)[1]!.at).toBeCloseTo(9.95, 9);
  });

  it('maps times both ways, the later clip winning inside a crossfade and nothing in a gap', () => {
    const placed = placeClips([
      { recording: 'a', from: 0, to: 10 },
      { recording: 'b', from: 1, to: 5, gapBefore: 2 },
    ]);
    expect(toProjectTime(placed, 'b', 3)).toBe(14);
    expect(toProjectTime(placed, 'b', 0.5)).toBeUndefined(); // cut off the clip
    expect(toRecordingTime(placed, 14)).toEqual({ recording: 'b', time: 3, clip: 1 });
    expect(toRecordingTime(placed, 11)).toBeUndefined();
    const faded = placeClips([
      { recording: 'a', from: 0, to: 10 },
      { recording: 'b', from: 0, to: 5, gapBefore: -0.5 },
    ]);
    expect(toRecordingTime(faded, 9.75)?.recording).toBe('b');
  });

  it('gives back the same sheet through placements, and keeps an unplaced cue’s old placement', () => {
    const clips: Clip[] = [
      { recording: 'a', from: 0, to: 10 },
      { recording: 'b', from: 0, to: 5, gapBefore: 1.5 },
    ];
    const s = sheet([[1, 2], [9.5, 12], [13, 14], undefined]);
    const placements = placementsOf(s, clips);
    expect(placements).toEqual([
      { id: 'c0', kind: 'cue', recording: 'a', start: 1, end: 2 },
      { id: 'c1', kind: 'cue', recording: 'a', start: 9.5, end: 12 },
      { id: 'c2', kind: 'cue', recording: 'b', start: 1.5, end: 2.5 },
    ]);
    expect(sheetOnTimeline(s, placements, clips).cues.map((c) => [c.start, c.end])).toEqual([
      [1, 2],
      [9.5, 12],
      [13, 14],
      [undefined, undefined],
    ]);
    // Reordered, the cues follow their recordings.
    const swapped: Clip[] = [clips[1]!, { ...clips[0]!, gapBefore: 0 }];
    const moved = sheetOnTimeline(s, placements, [{ ...swapped[0]!, gapBefore: 0 }, swapped[1]!]);
    expect(moved.cues.map((c) => c.start)).toEqual([6, 14.5, 1.5, undefined]);
    const kept = placementsOf(sheet([undefined, undefined, undefined, undefined]), clips, placements);
    expect(kept).toEqual(placements);
  });

  it('cuts a pickup in at the middle of the pauses around its cues and takes it out exactly', () => {
    const ids = ['c0', 'c1', 'c2', 'c3'];
    const onOriginal = [
      { id: 'c0', kind: 'cue' as const, recording: 'a', start: 0.5, end: 2 },
      { id: 'c1', kind: 'cue' as const, recording: 'a', start: 3, end: 5 },
      { id: 'c2', kind: 'cue' as const, recording: 'a', start: 5.4, end: 7 },
      { id: 'c3', kind: 'cue' as const, recording: 'a', start: 8, end: 9.5 },
    ];
    const onPickup = [
      { id: 'c1', kind: 'cue' as const, recording: 'p', start: 0.7, end: 2.5 },
      { id: 'c2', kind: 'cue' as const, recording: 'p', start: 2.8, end: 4.2 },
    ];
    const plan = planPickup(ids, 'c1', 'c2', onOriginal, onPickup, { original: 10, pickup: 5 });
    expect(plan.original).toBe('a');
    for (const [key, value] of Object.entries({ cutOut: 2.5, cutIn: 7.5, from: 0.2, to: 4.7 }))
      expect(plan[key as 'cutOut'], key).toBeCloseTo(value, 9);
    const clips = defaultTimeline(recordings);
    const { clips: edited, change } = dropInPickup(clips, { ...plan, from: 0.2, to: 4.7 }, 'p');
    expect(edited).toEqual([
      { recording: 'a', from: 0, to: 2.5 },
      { recording: 'p', from: 0.2, to: 4.7, gapBefore: -0.05 },
      { recording: 'a', from: 7.5, to: 10, gapBefore: -0.05 },
      { recording: 'b', from: 0, to: 5 },
    ]);
    expect(takeOutPickup(edited, change)).toEqual(clips);
    expect(() => takeOutPickup(edited.slice(1), change)).toThrow(/the timeline changed/);
    expect(() => planPickup(ids, 'c2', 'c1', onOriginal, onPickup, { original: 10, pickup: 5 })).toThrow();
  });

  it('adds room tone only at a join where a file stops or starts on sound, or the set gap everywhere', () => {
    const edges = [
      { head: 0.4, tail: 0.6 },
      { head: 0.5, tail: 0.1 },
      { head: 0.05, tail: 0.4 },
    ];
    expect(joinGaps(edges, 'auto')).toEqual([0, 0, 1 - 0.1 - 0.05]);
    // A sentence cut across two files (no pause on either side): joined with nothing added.
    expect(
      joinGaps(
        [
          { head: 0.4, tail: 0.02 },
          { head: 0, tail: 0.5 },
        ],
        'auto',
      ),
    ).toEqual([0, 0]);
    expect(
      joinGaps(
        [
          { head: 0.4, tail: 0.02 },
          { head: 0, tail: 0.5 },
        ],
        1.5,
      ),
    ).toEqual([0, 1.5]);
    expect(joinGaps(edges, 2)).toEqual([0, 2, 2]);
    const layout = layoutProduction(
      [
        { frames: 441_000, sampleRate: 44_100 },
        { frames: 160_000, sampleRate: 16_000 },
      ],
      [0, 0.5],
      44_100,
    );
    expect(layout).toEqual({
      sampleRate: 44_100,
      starts: [0, 441_000 + 22_050],
      lengths: [441_000, 441_000],
      gaps: [0, 22_050],
      frames: 441_000 * 2 + 22_050,
    });
  });
});
