import { describe, expect, it } from 'vitest';
import { LOW_MATCH, placeCues, REVIEW } from '../../audio/align/acoustic/place-cues.ts';
import { scriptParts } from '../../audio/align/acoustic/script-words.ts';
import type { PartSpans } from '../../audio/align/acoustic/window-walk.ts';
import type { Span } from '../../audio/align/sung-sections.ts';
import type { Pause } from '../../audio/silence/find-pauses.ts';
import type { Cue, CueKind, CueSheet } from '../../cues/cue-sheet.ts';

// Aligned words → cue times and review reasons, on hand-built word spans, pauses and songs, so
// every time below is worked out by hand (in the comments).

/** A cue of the script and what the recogniser made of it: [start, end, score?] per word heard. */
interface Row {
  kind: CueKind;
  /** Word spans (score 0.9 unless given), 'unheard' (a window placed none of its words), or none at all. */
  words?: Array<[number, number, number?]> | 'unheard';
  /** The cue's text (by default one "w" per word heard). */
  text?: string;
  review?: string;
}

interface Recording {
  pauses?: Pause[];
  songs?: Span[];
  duration?: number;
}

function sheetFor(rows: Row[]): CueSheet {
  const cues = rows.map((row, i): Cue => {
    const text = row.text ?? (Array.isArray(row.words) ? row.words.map(() => 'w').join(' ') : 'w');
    return {
      id: `c${i}`,
      kind: row.kind,
      text,
      source: { start: 0, end: text.length },
      ...(row.review ? { review: row.review } : {}),
    };
  });
  return {
    version: 1,
    title: 'T',
    chapters: [{ id: 'ch', title: 'One', cueIds: cues.map((c) => c.id) }],
    cues,
  };
}

function place(rows: Row[], { pauses = [], songs = [], duration = 100 }: Recording = {}): CueSheet {
  const sheet = sheetFor(rows);
  const parts = scriptParts(sheet);
  const spans = rows.map((row, i): PartSpans | undefined => {
    if (row.words === undefined) return undefined;
    if (row.words === 'unheard') return parts[i]!.words.map(() => undefined);
    return row.words.map(([start, end, score = 0.9]) => ({ start, end, score }));
  });
  return placeCues(sheet, { parts, spans, pauses, songs, duration });
}

/** [start, end, confidence, review] per cue. */
function timed(rows: Row[], recording: Recording = {}): Array<[number, number, number, string | undefined]> {
  return place(rows, recording).cues.map((c) => [c.start!, c.end!, c.confidence!, c.review]);
}

describe('placing cues from their words (placeCues)', () => {
  it('runs each cue from its first word to its last, scored by its words mean posterior', () => {
    expect(
      timed([
        {
          kind: 'narration',
          words: [
            [1, 1.5, 0.9],
            [1.6, 2, 0.86],
          ],
        },
        {
          kind: 'dialogue',
          words: [
            [3, 3.5, 0.9],
            [3.6, 4, 0.9],
          ],
        },
      ]),
    ).toEqual([
      [1, 2, 0.88, undefined],
      [3, 4, 0.9, undefined],
    ]);
  });

  it('rounds to the millisecond, drops an old review, and starts each chapter at its first cue', () => {
    const sheet = place([
      { kind: 'heading', words: [[1.23456, 1.98765, 0.87654]], review: 'old reason' },
      { kind: 'narration', words: [[2.5, 3, 0.9]] },
    ]);
    expect(sheet.cues[0]).toEqual({
      id: 'c0',
      kind: 'heading',
      text: 'w',
      source: { start: 0, end: 1 },
      start: 1.235,
      end: 1.988,
      confidence: 0.877,
    });
    expect(sheet.chapters[0]!.start).toBe(1.235);
  });

  it('flags a cue squeezed under 0.09 s a word, a word stretched over 2.5 s, a match under 0.6', () => {
    expect(
      timed([
        // Two words in 0.16 s: squeezed (even with a low score); in 0.2 s: not.
        {
          kind: 'narration',
          words: [
            [1, 1.08, 0.3],
            [1.08, 1.16, 0.3],
          ],
        },
        {
          kind: 'narration',
          words: [
            [2, 2.1],
            [2.1, 2.2],
          ],
        },
        // One short word alone is no squeeze.
        { kind: 'narration', words: [[3, 3.05]] },
        // A word of 2.6 s: stretched (even with a low score); of 2.4 s: not.
        { kind: 'narration', words: [[4, 6.6, 0.3]] },
        { kind: 'narration', words: [[7, 9.4]] },
        // Mean posterior 0.55: low match.
        {
          kind: 'narration',
          words: [
            [10, 10.5, 0.5],
            [10.6, 11, 0.6],
          ],
        },
        { kind: 'narration', words: [[12, 12.5, LOW_MATCH]] },
        { kind: 'narration', words: [[13, 13.5]] },
      ]).map((c) => c[3]),
    ).toEqual([
      REVIEW.squeezed,
      undefined,
      undefined,
      REVIEW.stretched,
      // Between two flagged cues.
      REVIEW.betweenFlagged,
      REVIEW.lowMatch,
      // 0.6 is not under 0.6, but is under the recording's typical 0.9 less 0.05.
      REVIEW.lowMatch,
      undefined,
    ]);
  });

  it("flags cues matched well under the recording's median, and cues between two flagged ones", () => {
    const rows = (scores: number[]): Row[] =>
      scores.map((score, i) => ({ kind: 'narration', words: [[2 * i, 2 * i + 1, score]] }));
    // Median (the upper middle) 0.9: under 0.85 is flagged.
    expect(timed(rows([0.9, 0.8, 0.9, 0.86, 0.95])).map((c) => c[3])).toEqual([
      undefined,
      REVIEW.lowMatch,
      undefined,
      undefined,
      undefined,
    ]);
    // Scores in no order: sorted 0.7 0.76 0.8 0.9 0.95, median 0.8: only 0.7 is under 0.75.
    expect(timed(rows([0.95, 0.7, 0.9, 0.76, 0.8])).map((c) => c[3])).toEqual([
      undefined,
      REVIEW.lowMatch,
      undefined,
      undefined,
      undefined,
    ]);
    // Cue 2 sits between two flagged cues; cue 4 has one flagged neighbour only.
    expect(timed(rows([0.9, 0.7, 0.9, 0.7, 0.9, 0.9, 0.9])).map((c) => c[3])).toEqual([
      undefined,
      REVIEW.lowMatch,
      REVIEW.betweenFlagged,
      REVIEW.lowMatch,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('ends a cue at the pause that starts within 0.3 s after its last word, not past the next cue', () => {
    const rows: Row[] = [
      { kind: 'narration', words: [[1, 2]] },
      { kind: 'narration', words: [[3, 4]] },
      { kind: 'narration', words: [[4.1, 5]] },
      { kind: 'narration', words: [[6, 7]] },
    ];
    const pauses = [
      { start: 2.2, end: 2.9 }, // 0.2 s after cue 0: its end
      { start: 4.05, end: 4.08 }, // after cue 1's end but before cue 2's start: its end
      { start: 5.35, end: 5.9 }, // 0.35 s after cue 2: too late
      { start: 7.3, end: 8 }, // exactly 0.3 s after cue 3: its end
    ];
    expect(timed(rows, { pauses }).map((c) => [c[0], c[1]])).toEqual([
      [1, 2.2],
      [3, 4.05],
      [4.1, 5],
      [6, 7.3],
    ]);
    // The next cue's start bounds the reach: a pause at 4.12 is past cue 2's start at 4.1.
    expect(timed(rows, { pauses: [{ start: 4.12, end: 4.2 }] })[1]![1]).toBe(4);
  });

  it("starts the first cue after the recording's opening silence when its first word began in it", () => {
    const rows: Row[] = [
      {
        kind: 'narration',
        words: [
          [1, 1.5],
          [1.6, 2],
        ],
      },
      { kind: 'narration', words: [[4, 5]] },
    ];
    expect(timed(rows, { pauses: [{ start: 0, end: 1.2 }] })[0]![0]).toBe(1.2);
    // A pause reaching past the first word's end is not the opening silence of this cue.
    expect(timed(rows, { pauses: [{ start: 0, end: 1.5 }] })[0]![0]).toBe(1);
    // A pause that starts after the cue's start, or ends at it, is not either.
    expect(timed(rows, { pauses: [{ start: 1.1, end: 1.3 }] })[0]![0]).toBe(1);
    expect(timed(rows, { pauses: [{ start: 0, end: 1 }] })[0]![0]).toBe(1);
    expect(timed(rows, { pauses: [{ start: 1, end: 1.2 }] })[0]![0]).toBe(1.2);
    // Only the first cue: a later one beginning in a pause keeps its start.
    expect(timed(rows, { pauses: [{ start: 3.5, end: 4.2 }] })[1]![0]).toBe(4);
    // The first cue heard, even after a cue not heard at all.
    const after = timed([{ kind: 'narration' }, ...rows], { pauses: [{ start: 0.5, end: 1.2 }] });
    expect(after[1]![0]).toBe(1.2);
  });

  it('splits two cues run together at the pause between them', () => {
    // Cue 0 ends at 3, cue 1 starts at 3.01 (closer than 0.03): the recogniser stretched one of
    // them over the pause [2.6, 3.2], which becomes the boundary.
    const rows: Row[] = [
      {
        kind: 'narration',
        words: [
          [1, 2],
          [2.1, 3],
        ],
      },
      {
        kind: 'narration',
        words: [
          [3.01, 3.6],
          [3.7, 4],
        ],
      },
    ];
    const at = (pauses: Pause[]) => timed(rows, { pauses }).map((c) => [c[0], c[1]]);
    expect(at([{ start: 2.6, end: 3.2 }])).toEqual([
      [1, 2.6],
      [3.2, 4],
    ]);
    // The first pause long enough (0.15 s) and between the two edge words is taken.
    expect(
      at([
        { start: 2.0, end: 2.05 },
        { start: 2.6, end: 2.7 },
        { start: 2.8, end: 3.1 },
        { start: 3.3, end: 3.5 },
      ]),
    ).toEqual([
      [1, 2.8],
      [3.1, 4],
    ]);
    // A pause before cue 0's last word, or after cue 1's first word, is no boundary.
    expect(at([{ start: 1.8, end: 2.1 }])).toEqual([
      [1, 3],
      [3.01, 4],
    ]);
    expect(at([{ start: 3.6, end: 3.8 }])).toEqual([
      [1, 3],
      [3.01, 4],
    ]);
    // A pause that swallows cue 1 whole, or cue 0 whole, is not taken either.
    expect(at([{ start: 2.6, end: 4 }])).toEqual([
      [1, 3],
      [3.01, 4],
    ]);
    expect(at([{ start: 1, end: 3.2 }])).toEqual([
      [1, 3],
      [3.01, 4],
    ]);
    // A boundary pause wholly before cue 1's start moves only cue 0's end; one wholly after
    // cue 0's end moves cue 1's start (and cue 0's end reaches to the pause, as any end does).
    expect(at([{ start: 2.5, end: 2.9 }])).toEqual([
      [1, 2.5],
      [3.01, 4],
    ]);
    expect(at([{ start: 3.005, end: 3.3 }])).toEqual([
      [1, 3.005],
      [3.3, 4],
    ]);
  });

  it('leaves cues the recogniser kept apart (0.03 s or more) as they are', () => {
    const rows: Row[] = [
      { kind: 'narration', words: [[1, 3]] },
      { kind: 'narration', words: [[3.04, 4]] },
    ];
    expect(timed(rows, { pauses: [{ start: 2.6, end: 3.2 }] }).map((c) => [c[0], c[1]])).toEqual([
      [1, 3],
      [3.04, 4],
    ]);
  });

  it('flags a cue that starts before the one before it ends, and unscripted speech between cues', () => {
    const flags = (second: [number, number], pauses: Pause[] = []) =>
      timed(
        [
          { kind: 'narration', words: [[1, 2]] },
          { kind: 'narration', words: [second] },
        ],
        { pauses },
      ).map((c) => c[3]);
    expect(flags([1.9, 3])).toEqual([undefined, REVIEW.overlaps]);
    expect(flags([1.96, 3])).toEqual([undefined, undefined]);
    // 2.5 s of speech between: unscripted on both sides; under a pause it is quiet.
    expect(flags([4.5, 5])).toEqual([REVIEW.unscriptedAfter, REVIEW.unscripted]);
    expect(flags([4.5, 5], [{ start: 2.4, end: 4 }])).toEqual([undefined, undefined]);
    // Only the quiet part of the gap is taken off: 2.5 - 0.2 is still more than 2.
    expect(flags([4.5, 5], [{ start: 2.4, end: 2.6 }])).toEqual([REVIEW.unscriptedAfter, REVIEW.unscripted]);
    // Exactly 2 s is not more than 2.
    expect(flags([4, 5])).toEqual([undefined, undefined]);
    // Pauses outside the gap do not count: [0, 1] and [5, 9] are quiet but not between.
    expect(
      flags(
        [4.5, 5],
        [
          { start: 0, end: 0.9 },
          { start: 5, end: 9 },
        ],
      ),
    ).toEqual([REVIEW.unscriptedAfter, REVIEW.unscripted]);
    // A reason already given stays.
    expect(
      timed([
        { kind: 'narration', words: [[1, 2]] },
        { kind: 'narration', words: [[4.5, 7.1]] },
      ]).map((c) => c[3]),
    ).toEqual([REVIEW.unscriptedAfter, REVIEW.stretched]);
  });

  it('spreads cues not found between their neighbours by the length of their words, flagged', () => {
    // Gap 2..11 (9 s) shared by "aa bbb" (3 + 4 = 7) and "c" (2): [2, 9] and [9, 11].
    expect(
      timed([
        { kind: 'narration', words: [[1, 2]] },
        { kind: 'narration', text: 'aa bbb' },
        { kind: 'dialogue', text: 'c', words: 'unheard' },
        { kind: 'narration', words: [[11, 12]] },
      ]),
    ).toEqual([
      [1, 2, 0.9, undefined],
      [2, 9, 0, REVIEW.notFound],
      [9, 11, 0, REVIEW.notFound],
      [11, 12, 0.9, undefined],
    ]);
  });

  it('says a skipped note was not read, and a note no window placed was not found', () => {
    expect(
      timed([
        { kind: 'narration', words: [[1, 2]] },
        { kind: 'note', text: 'aside', words: 'unheard' },
        { kind: 'note', text: 'aside' },
        { kind: 'narration', words: [[4, 5]] },
      ]),
    ).toEqual([
      [1, 2, 0.9, undefined],
      [2, 3, 0, REVIEW.notRead],
      [3, 4, 0, REVIEW.notFound],
      [4, 5, 0.9, undefined],
    ]);
  });

  it('puts silent cues in the pause they belong to, taking no time among unplaced ones', () => {
    expect(
      timed([
        { kind: 'narration', words: [[1, 2]] },
        { kind: 'sfx', text: 'BANG' },
        { kind: 'narration', words: [[3, 4]] },
      ]),
    ).toEqual([
      [1, 2, 0.9, undefined],
      [2, 3, 1, undefined],
      [3, 4, 0.9, undefined],
    ]);
    // Between two unplaced cues, a silent one takes none of the gap: "abc" (4) and "d" (2) share
    // 2..5 (2 s and 1 s); the sound effect sits at their boundary.
    expect(
      timed([
        { kind: 'narration', words: [[1, 2]] },
        { kind: 'narration', text: 'abc' },
        { kind: 'music', text: 'THEME' },
        { kind: 'narration', text: 'd' },
        { kind: 'narration', words: [[5, 6]] },
      ]),
    ).toEqual([
      [1, 2, 0.9, undefined],
      [2, 4, 0, REVIEW.notFound],
      [4, 4, 1, undefined],
      [4, 5, 0, REVIEW.notFound],
      [5, 6, 0.9, undefined],
    ]);
  });

  it('spreads unplaced cues at the ends over the start and the end of the recording', () => {
    expect(
      timed(
        [
          { kind: 'narration', text: 'a' },
          { kind: 'narration', words: [[4, 5]] },
          { kind: 'narration', text: 'b' },
        ],
        { duration: 8 },
      ),
    ).toEqual([
      [0, 4, 0, REVIEW.notFound],
      [4, 5, 0.9, undefined],
      [5, 8, 0, REVIEW.notFound],
    ]);
    // Nothing heard at all: the whole recording shared.
    expect(
      timed(
        [
          { kind: 'narration', text: 'a' },
          { kind: 'narration', text: 'bcd' },
        ],
        { duration: 6 },
      ).map((c) => [c[0], c[1]]),
    ).toEqual([
      [0, 2],
      [2, 6],
    ]);
  });

  it('never gives a spread cue a negative length when its neighbours overlap', () => {
    const cues = timed([
      { kind: 'narration', words: [[1, 3]] },
      { kind: 'narration', text: 'lost' },
      { kind: 'narration', words: [[2.5, 4]] },
    ]);
    expect(cues[1]).toEqual([3, 3, 0, REVIEW.notFound]);
    const two = timed([
      { kind: 'narration', words: [[1, 3]] },
      { kind: 'narration', text: 'ab' },
      { kind: 'narration', text: 'cd' },
      { kind: 'narration', words: [[2.5, 4]] },
    ]);
    expect(two.slice(1, 3)).toEqual([
      [3, 3, 0, REVIEW.notFound],
      [3, 3, 0, REVIEW.notFound],
    ]);
  });
});

describe('placing songs (placeCues)', () => {
  // Speech at [1, 2] and [20, 21]; two lyric cues of 4 and 2 words ("la": 3 letters a word with
  // its beat: 12 and 6) that the recogniser did not hear; a quiet stretch from 16 to 19.9 so the
  // speech after the song is not taken for unscripted.
  const rows: Row[] = [
    { kind: 'narration', words: [[1, 2]] },
    { kind: 'lyric', text: 'la la la la', words: 'unheard' },
    { kind: 'lyric', text: 'la la', words: 'unheard' },
    { kind: 'narration', words: [[20, 21]] },
  ];
  const quiet = { start: 16, end: 19.9 };

  it('spreads the stanzas over the song found between the speech around them, by their words', () => {
    // Song [4, 16]: 12 s shared 12 : 6.
    expect(timed(rows, { songs: [{ start: 4, end: 16 }], pauses: [quiet] })).toEqual([
      [1, 2, 0.9, undefined],
      [4, 12, 0.9, undefined],
      [12, 16, 0.9, undefined],
      [20, 21, 0.9, undefined],
    ]);
  });

  it('takes only the part of a song inside the gap, and joins the songs found there', () => {
    // [0.5, 6] is cut to the gap after the speech ending at 2: [2, 6], shared 12 : 6.
    expect(
      timed(rows, { songs: [{ start: 0.5, end: 6 }], pauses: [{ start: 6, end: 19.9 }] }).map((c) => [
        c[0],
        c[1],
      ]),
    ).toEqual([
      [1, 2],
      [2, 4.667],
      [4.667, 6],
      [20, 21],
    ]);
    // Two songs [4, 8] and [7, 10], and one [13, 16]: the song runs 4..16.
    const songs = [
      { start: 13, end: 16 },
      { start: 4, end: 8 },
      { start: 7, end: 10 },
      { start: 30, end: 40 },
    ];
    expect(timed(rows, { songs, pauses: [quiet] }).map((c) => [c[0], c[1]])).toEqual([
      [1, 2],
      [4, 12],
      [12, 16],
      [20, 21],
    ]);
    // A song ending where the gap starts does not count.
    expect(timed(rows, { songs: [{ start: 0, end: 2 }] })[1]![3]).toBe(REVIEW.songNotHeard);
  });

  it('moves each stanza boundary to the longest pause within 2.5 s of it', () => {
    // Boundary at 12. Candidates: [10.5, 10.7] and [11.5, 12.2] and [13, 13.3]; [6, 7.5] is
    // longer but 5.25 s away. The longest near one, [11.5, 12.2], is the breath.
    const pauses = [
      { start: 6, end: 7.5 },
      { start: 10.5, end: 10.7 },
      { start: 11.5, end: 12.2 },
      { start: 13, end: 13.3 },
      quiet,
    ];
    expect(timed(rows, { songs: [{ start: 4, end: 16 }], pauses }).map((c) => [c[0], c[1]])).toEqual([
      [1, 2],
      [4, 11.5],
      [12.2, 16],
      [20, 21],
    ]);
    // A pause centred exactly 2.5 s from the boundary is near; one past it is not.
    expect(
      timed(rows, { songs: [{ start: 4, end: 16 }], pauses: [{ start: 14.4, end: 14.6 }, quiet] }).map(
        (c) => [c[0], c[1]],
      ),
    ).toEqual([
      [1, 2],
      [4, 14.4],
      [14.6, 16],
      [20, 21],
    ]);
    expect(
      timed(rows, { songs: [{ start: 4, end: 16 }], pauses: [{ start: 14.42, end: 14.62 }, quiet] }).map(
        (c) => [c[0], c[1]],
      ),
    ).toEqual([
      [1, 2],
      [4, 12],
      [12, 16],
      [20, 21],
    ]);
  });

  it('looks for a breath only inside the two stanzas it separates', () => {
    // Song [10, 16] (stanzas [10, 14] and [14, 16]); a pause [15.5, 16.5] (centre 16, 2 s from
    // the boundary, but past the second stanza's end).
    const pauses = [
      { start: 15.5, end: 16.5 },
      { start: 16.6, end: 19.9 },
    ];
    expect(timed(rows, { songs: [{ start: 10, end: 16 }], pauses }).map((c) => [c[0], c[1]])).toEqual([
      [1, 2],
      [10, 14],
      [14, 16],
      [20, 21],
    ]);
    // A pause starting at the first stanza's start, or ending at the second's end, is no
    // breath between them either (both centred within 2.5 s of 14).
    for (const pause of [
      { start: 10, end: 13.5 },
      { start: 12, end: 16 },
    ]) {
      const cues = timed(rows, {
        songs: [{ start: 10, end: 16 }],
        pauses: [pause, { start: 16, end: 19.9 }],
      });
      expect(cues.map((c) => [c[0], c[1]])).toEqual([
        [1, 2],
        [10, 14],
        [14, 16],
        [20, 21],
      ]);
    }
  });

  it('spreads stanzas with no song found over the gap, flagged', () => {
    expect(timed(rows)).toEqual([
      [1, 2, 0.9, undefined],
      [2, 14, 0.3, REVIEW.songNotHeard],
      [14, 20, 0.3, REVIEW.songNotHeard],
      [20, 21, 0.9, undefined],
    ]);
  });

  it('keeps the times of stanzas heard cleanly as words inside the song, or read aloud with no song', () => {
    const heard: Row[] = [
      rows[0]!,
      {
        kind: 'lyric',
        text: 'la la',
        words: [
          [5, 6],
          [6.2, 7],
        ],
      },
      { kind: 'lyric', text: 'la', words: [[8, 9]] },
      rows[3]!,
    ];
    const inSong = timed(heard, { songs: [{ start: 4, end: 16 }], pauses: [{ start: 9, end: 19.9 }] });
    expect(inSong.map((c) => [c[0], c[1]])).toEqual([
      [1, 2],
      [5, 7],
      [8, 9],
      [20, 21],
    ]);
    // Within a second of the song's edges still counts as inside it: song [5.5, 8.5].
    const edges = timed(heard, { songs: [{ start: 5.5, end: 8.5 }], pauses: [{ start: 9, end: 19.9 }] });
    expect(edges.map((c) => [c[0], c[1]])).toEqual([
      [1, 2],
      [5, 7],
      [8, 9],
      [20, 21],
    ]);
    // With no song found they were read aloud: kept too.
    const read = timed(heard, { pauses: [{ start: 9, end: 19.9 }] });
    expect(read.map((c) => [c[0], c[1]])).toEqual([
      [1, 2],
      [5, 7],
      [8, 9],
      [20, 21],
    ]);
  });

  it('spreads stanzas over the song when one was heard outside it or flagged', () => {
    const song = { start: 10, end: 16 };
    const stanza = (words: Array<[number, number, number?]>): Row[] => [
      rows[0]!,
      { kind: 'lyric', text: 'la la', words },
      { kind: 'lyric', text: 'la', words: [[14, 15]] },
      rows[3]!,
    ];
    // Starting more than a second before the song: spread over [10, 16] as 6 : 3.
    const outside = timed(
      stanza([
        [8.9, 9.5],
        [9.6, 10.5],
      ]),
      { songs: [song], pauses: [{ start: 16, end: 19.9 }] },
    );
    expect(outside.map((c) => [c[0], c[1], c[2]])).toEqual([
      [1, 2, 0.9],
      [10, 14, 0.9],
      [14, 16, 0.9],
      [20, 21, 0.9],
    ]);
    // Ending more than a second after the song's end (17.1): spread too.
    const late = timed(
      [
        rows[0]!,
        { kind: 'lyric', text: 'la la', words: [[10.5, 11]] },
        { kind: 'lyric', text: 'la', words: [[15, 17.1]] },
        rows[3]!,
      ],
      { songs: [song], pauses: [{ start: 17.1, end: 19.9 }] },
    );
    expect(late.map((c) => [c[0], c[1]])).toEqual([
      [1, 2],
      [10, 14],
      [14, 16],
      [20, 21],
    ]);
    // Heard inside the song but with a low match: spread, and not flagged (it is the song's).
    const low = timed(
      stanza([
        [10.5, 11, 0.2],
        [11.2, 12, 0.2],
      ]),
      { songs: [song], pauses: [{ start: 16, end: 19.9 }] },
    );
    expect(low.map((c) => [c[0], c[1], c[3]])).toEqual([
      [1, 2, undefined],
      [10, 14, undefined],
      [14, 16, undefined],
      [20, 21, undefined],
    ]);
  });

  it('spreads a sound effect inside a song as a point, and leaves one after the song to the pause', () => {
    const withSfx: Row[] = [
      rows[0]!,
      { kind: 'lyric', text: 'la la', words: 'unheard' },
      { kind: 'sfx', text: 'CRASH' },
      { kind: 'lyric', text: 'la', words: 'unheard' },
      { kind: 'sfx', text: 'APPLAUSE' },
      rows[3]!,
    ];
    // Song [10, 16]: the stanzas share it 6 : 3; the crash between them takes no time; the
    // applause fills the rest up to the speech at 20.
    expect(timed(withSfx, { songs: [{ start: 10, end: 16 }], pauses: [{ start: 16, end: 19.9 }] })).toEqual([
      [1, 2, 0.9, undefined],
      [10, 14, 0.9, undefined],
      [14, 14, 0.9, undefined],
      [14, 16, 0.9, undefined],
      [16, 20, 1, undefined],
      [20, 21, 0.9, undefined],
    ]);
  });

  it('places two runs of songs each in its own gap', () => {
    const two: Row[] = [
      { kind: 'lyric', text: 'la', words: 'unheard' },
      { kind: 'narration', words: [[10, 11]] },
      { kind: 'lyric', text: 'la', words: 'unheard' },
    ];
    expect(
      timed(two, {
        songs: [
          { start: 2, end: 8 },
          { start: 12, end: 18 },
        ],
        pauses: [{ start: 8, end: 10 }],
        duration: 20,
      }).map((c) => [c[0], c[1]]),
    ).toEqual([
      [2, 8],
      [10, 11],
      [12, 18],
    ]);
  });
});
