import { describe, expect, it } from 'vitest';
import { timelinePeaks } from '../../audio/peaks/timeline-peaks.ts';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { EditError } from '../../cues/edit/edit-error.ts';
import { placementsOf } from '../../cues/production/place-on-recordings.ts';
import {
  appendRecordings,
  clipsOf,
  moveRecording,
  type Production,
  removeRecording,
  retime,
} from '../../cues/production/recording-edits.ts';
import { placeClips, type Recording } from '../../cues/production/timeline.ts';
import { pausesOnTimeline } from '../../cues/production/timeline-pauses.ts';

// The recordings panel's edits (cues/production/recording-edits.ts): a recording moved, removed or
// added never changes where a cue lies on its own recording; its time on the production follows.

const rec = (id: string, duration: number, pickup = false): Recording => ({
  id,
  path: `${id}.wav`,
  size: 0,
  duration,
  ...(pickup ? { pickup } : {}),
});

const three: Production = { recordings: [rec('a', 10), rec('b', 20), rec('c', 5)] };

/** One cue a second into each recording, on the production as the three play in order. */
const sheet = {
  title: 't',
  cues: [
    { id: 'q1', kind: 'narration', text: 'one', source: { start: 0, end: 3 }, start: 1, end: 2 },
    { id: 'q2', kind: 'narration', text: 'two', source: { start: 4, end: 7 }, start: 11, end: 12 },
    { id: 'q3', kind: 'narration', text: 'six', source: { start: 8, end: 11 }, start: 31, end: 32.5 },
  ],
  chapters: [{ id: 'c1', title: 'One', cueIds: ['q1'], start: 0 }],
} as unknown as CueSheet;

const starts = (s: CueSheet) => s.cues.map((c) => c.start);

describe('moving, removing and adding recordings', () => {
  const placements = placementsOf(sheet, clipsOf(three));

  it('moves a recording first: its cues come first, the others later by its length', () => {
    const moved = moveRecording(three, 'c', 0);
    expect(moved.recordings.map((r) => r.id)).toEqual(['c', 'a', 'b']);
    const after = retime(sheet, placements, three, moved);
    expect(starts(after.sheet)).toEqual([6, 16, 1]);
    expect(after.sheet.cues[2]!.end).toBe(2.5);
    // Back again: exactly where they were.
    expect(starts(retime(after.sheet, after.placements, moved, three).sheet)).toEqual([1, 11, 31]);
  });

  it('removes a recording: its cues are unplaced, kept in the placements, and come back', () => {
    const removed = removeRecording(three, 'b');
    const after = retime(sheet, placements, three, removed);
    expect(starts(after.sheet)).toEqual([1, undefined, 11]);
    expect(after.placements.find((p) => p.id === 'q2')).toMatchObject({ recording: 'b', start: 1 });
    expect(starts(retime(after.sheet, after.placements, removed, three).sheet)).toEqual([1, 11, 31]);
  });

  it('refuses to remove the last recording, or one that is not there', () => {
    expect(() => removeRecording({ recordings: [rec('a', 1)] }, 'a')).toThrow(EditError);
    expect(() => removeRecording(three, 'z')).toThrow(/no recording "z"/);
  });

  it('appends recordings after the last clip; no cue moves; an id in use is refused', () => {
    const added = appendRecordings(three, [rec('d', 3)]);
    expect(placeClips(clipsOf(added)).map((c) => c.at)).toEqual([0, 10, 30, 35]);
    expect(starts(retime(sheet, placements, three, added).sheet)).toEqual([1, 11, 31]);
    expect(() => appendRecordings(three, [rec('a', 3)])).toThrow(/already used/);
  });

  it('with its own timeline, a moved recording takes the pickup inside it along', () => {
    const withPickup: Production = {
      recordings: [rec('a', 10), rec('b', 20), rec('p', 2, true)],
      timeline: [
        { recording: 'a', from: 0, to: 10 },
        { recording: 'b', from: 0, to: 5 },
        { recording: 'p', from: 0, to: 2, gapBefore: -0.05 },
        { recording: 'b', from: 7, to: 20, gapBefore: -0.05 },
      ],
    };
    const moved = moveRecording(withPickup, 'b', 0);
    expect(moved.timeline!.map((c) => c.recording)).toEqual(['b', 'p', 'b', 'a']);
    // A pickup is taken out by undoing it (its edit keeps what it replaced), not removed here.
    expect(() => removeRecording(withPickup, 'p')).toThrow(/pickup is taken out with Undo/);
    expect(removeRecording(withPickup, 'a').timeline!.map((c) => c.recording)).toEqual(['b', 'p', 'b']);
  });
});

describe('a production waveform from its recordings’ peaks', () => {
  it('lays each clip’s stretch of its recording’s pairs where it plays, at the production’s resolution', () => {
    // Recording x: 4 pairs a second for 2 s, its second second loud; y: 2 pairs a second, quiet.
    const x = Float32Array.from([
      -0.1, 0.1, -0.1, 0.1, -0.1, 0.1, -0.1, 0.1, -0.9, 0.8, -0.9, 0.8, -0.9, 0.8, -0.9, 0.8,
    ]);
    const y = Float32Array.from([-0.2, 0.2, -0.2, 0.2]);
    const out = timelinePeaks(
      [
        { pairs: x, pairsPerSecond: 4, from: 1, to: 2, at: 0 },
        { pairs: y, pairsPerSecond: 2, from: 0, to: 1, at: 1 },
        { pairsPerSecond: 0, from: 0, to: 1, at: 2 },
      ],
      2,
      3,
    );
    expect([...out].map((v) => Math.round(v * 10) / 10)).toEqual([
      -0.9, 0.8, -0.9, 0.8, -0.2, 0.2, -0.2, 0.2, 0, 0, 0, 0,
    ]);
  });
});

describe('pauses on a production', () => {
  it('moves each recording’s pauses to where its clips play, cut at a clip’s edges', () => {
    const clips = [
      { recording: 'b', from: 0, to: 20 },
      { recording: 'a', from: 2, to: 10 },
    ];
    const pauses = new Map([
      [
        'a',
        [
          { start: 1, end: 3 },
          { start: 5, end: 6 },
        ],
      ],
      ['b', [{ start: 19, end: 21 }]],
    ]);
    expect(pausesOnTimeline(pauses, clips)).toEqual([
      { start: 19, end: 20 },
      { start: 20, end: 21 },
      { start: 23, end: 24 },
    ]);
  });
});
