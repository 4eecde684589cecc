import { describe, expect, it } from 'vitest';
import type { WarpPath } from '../../audio/align/dtw.ts';
import { mapCues } from '../../audio/align/map-cues.ts';
import { HOP_SECONDS } from '../../audio/align/mfcc.ts';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { parseScript } from '../../cues/parse-script.ts';

// Reference times → recording times through a warp path (the TTS engine's last step), with each
// boundary snapped to a pause edge within 250 ms. The paths here are built by hand so every
// expected time is known to the millisecond.

const SCRIPT =
  'CHAPTER ONE\n\nThe first line is read.\n\nThe second line follows it.\n\nA third line ends the chapter.\n';

/** The script's three spoken cues at reference times [0.5, 1.5], [2, 3], [3.5, 4.5] s. */
function reference(): CueSheet {
  const sheet = parseScript(SCRIPT, { fileName: 'chapter.txt' });
  const spans = [
    [0.5, 1.5],
    [2, 3],
    [3.5, 4.5],
  ];
  let k = 0;
  const cues = sheet.cues.map((cue) => {
    if (cue.kind === 'heading') return cue;
    const [start, end] = spans[k++]!;
    return { ...cue, start, end };
  });
  expect(k).toBe(3);
  return { ...sheet, cues };
}

/**
 * A path over 500 reference frames (5 s): reference frame i first meets recording frame
 * i + shift and stays on it for `hold` frames (a horizontal run, as when the reader slows down).
 */
function path(shift: number, hold = 0, distance: (i: number) => number = () => 1): WarpPath {
  const n = 500;
  const first = new Int32Array(n);
  const last = new Int32Array(n);
  const d = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    first[i] = i + shift;
    last[i] = i + shift + hold;
    d[i] = distance(i);
  }
  return { first, last, distance: d };
}

const spoken = (sheet: CueSheet) => sheet.cues.filter((c) => c.kind !== 'heading');
const times = (sheet: CueSheet) => spoken(sheet).map((c) => [c.start, c.end]);

describe('mapping cue times through a warp path', () => {
  it('starts a cue at the first recording frame of its first reference frame, ends it after the last of its last', () => {
    expect(HOP_SECONDS).toBe(0.01); // the frame length every time below is counted in
    const mapped = mapCues(reference(), path(30, 4), []);
    // start 0.5 s = frame 50 → first 80 → 0.80 s; end 1.5 s = frame 150, last frame 149 → 183 + 1.
    expect(times(mapped)).toEqual([
      [0.8, 1.84],
      [2.3, 3.34],
      [3.8, 4.84],
    ]);
  });

  it('leaves cues without reference times as they are, and moves each chapter to its first cue', () => {
    const sheet = reference();
    const untimed = {
      ...sheet,
      cues: sheet.cues.map((c, i) =>
        i === sheet.cues.length - 1 ? { ...c, start: undefined, end: undefined } : c,
      ),
    };
    const mapped = mapCues(untimed, path(100), []);
    expect(mapped.cues.at(-1)).toEqual(untimed.cues.at(-1));
    expect(mapped.chapters[0]!.start).toBe(1.5);
  });

  it('clamps reference times past the path to its last frame', () => {
    const sheet = reference();
    const late = {
      ...sheet,
      cues: sheet.cues.map((c) =>
        c.start !== undefined ? { ...c, start: c.start + 10, end: c.end! + 10 } : c,
      ),
    };
    const mapped = mapCues(late, path(0), []);
    for (const cue of spoken(mapped)) expect([cue.start, cue.end]).toEqual([4.99, 5]);
  });
});

describe('snapping to pauses', () => {
  it('moves a start to the end of a pause within 250 ms, and an end to the start of one', () => {
    // Unsnapped: [0.8, 1.8], [2.3, 3.3], [3.8, 4.8].
    const pauses = [
      { start: 0.5, end: 0.7 }, // 100 ms before the first start: its end is where speech starts
      { start: 1.9, end: 2.2 }, // after the first end (+100 ms) and before the second start (-100 ms)
      { start: 3.45, end: 3.7 }, // 150 ms after the second end, 100 ms before the third start
    ];
    const mapped = mapCues(reference(), path(30), pauses);
    expect(times(mapped)).toEqual([
      [0.7, 1.9],
      [2.2, 3.45],
      [3.7, 4.8],
    ]);
  });

  it('does not snap to a pause more than 250 ms away, and picks the nearest of two', () => {
    const pauses = [
      { start: 0.2, end: 0.5 }, // 300 ms before the first start: too far
      { start: 2.05, end: 2.1 }, // 200 ms before the second start
      { start: 2.15, end: 2.25 }, // 50 ms before it: nearer, wins
    ];
    const mapped = mapCues(reference(), path(30), pauses);
    expect(spoken(mapped).map((c) => c.start)).toEqual([0.8, 2.25, 3.8]);
  });

  it('never snaps an end to before its own start', () => {
    const sheet = reference();
    const short = { ...sheet, cues: sheet.cues.map((c) => (c.start === 0.5 ? { ...c, end: 0.6 } : c)) };
    // Unsnapped the first cue is [0.8, 0.9]; a pause starting at 0.75 is in reach of its end only.
    const mapped = mapCues(short, path(30), [{ start: 0.75, end: 0.76 }]);
    const first = spoken(mapped)[0]!;
    expect(first.start).toBe(0.76);
    expect(first.end).toBe(0.9);
  });
});

describe('confidence', () => {
  it('is 1 where the path is as close as typical, and falls as the distance grows', () => {
    // Frames of the second cue (200-299) match 4x worse than the rest.
    const mapped = mapCues(
      reference(),
      path(0, 0, (i) => (i >= 200 && i < 300 ? 4 : 1)),
      [],
    );
    expect(spoken(mapped).map((c) => c.confidence)).toEqual([1, 0.25, 1]);
  });

  it('never passes 1 where the path is closer than typical', () => {
    const mapped = mapCues(
      reference(),
      path(0, 0, (i) => (i < 150 ? 0.25 : 1)),
      [],
    );
    expect(spoken(mapped)[0]!.confidence).toBe(1);
  });
});
