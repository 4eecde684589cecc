import { describe, expect, it } from 'vitest';
import { closeNulls, fsgAccepts } from '../../audio/align/acoustic/take-fsg.ts';
import { isHesitation, takeGrammar, takesHeard } from '../../audio/align/acoustic/take-grammar.ts';
import { takeSegments } from '../../audio/align/acoustic/take-segments.ts';

// Take finding's pure steps at their edges, beside align-units-takes: the grammar for a cast's
// eleventh line and on, every hesitation a script may write, a line of exactly three words, and
// the grammar's shape (arcs between its own states, one state per word, no restart price outside
// `single`), which the recogniser's fsg_model is built from arc by arc
// (src/align/acoustic/sphinx-fsg.ts); null arcs closed through cycles; speech segments at their
// bounds (a pause of exactly the gap, speech of exactly the shortest, margins of half a short
// pause, a long run cut where its own clock says).

const heard = (words: string) =>
  words.split(' ').map((word, i) => ({ word, start: i * 0.5, end: i * 0.5 + 0.4, score: 0.9 }));

describe('take grammar edges (takeGrammar, takesHeard)', () => {
  it('tells the lines apart past the tenth: a marker of line 11 or 12 is that line, not line 1', () => {
    // An actor with a dozen lines: markers take two digits.
    const lines = Array.from({ length: 12 }, (_, i) => (i === 11 ? ['go', 'now'] : ['line', `w${i}`]));
    const { grammar, markers } = takeGrammar(lines);
    expect(markers[11]).toEqual(['take11xgo', 'go']);
    expect(fsgAccepts(grammar, ['take11xgo', 'now'])).toBe(true);
    expect(takesHeard(lines, heard('take11xgo now take10xline w10'))).toEqual([
      { line: 11, words: 2, start: 0, end: 0.9, fit: 0.9 },
      { line: 10, words: 2, start: 1, end: 1.9, fit: 0.9 },
    ]);
  });

  it('makes every hesitation a script may write optional, and no other word', () => {
    for (const h of ['uh', 'um', 'er', 'erm', 'ah', 'hmm', 'mm', 'uhm', 'eh']) {
      expect(isHesitation(h)).toBe(true);
      const lines = [['so', h, 'go', 'on']];
      const { grammar } = takeGrammar(lines);
      expect(fsgAccepts(grammar, ['take0xso', 'go', 'on']), h).toBe(true);
      expect(takesHeard(lines, heard('take0xso go on'))[0]!.words, h).toBe(4);
    }
    for (const word of ['so', 'and', 'oh', 'hm', 'u', '']) expect(isHesitation(word), word).toBe(false);
    // A word that is not a hesitation is not optional: leaving it out is another take.
    expect(fsgAccepts(takeGrammar([['so', 'oh', 'go']]).grammar, ['take0xso', 'go'])).toBe(false);
  });

  it('enters a line of exactly three words at its second word too (with single), not one of two', () => {
    const { grammar, markers } = takeGrammar(
      [
        ['so', 'this', 'is'],
        ['go', 'on'],
      ],
      { single: true },
    );
    expect(markers.map(([m]) => m)).toEqual(['take0xso', 'take1xgo', 'take0ythis']);
    expect(fsgAccepts(grammar, ['take0ythis', 'is'])).toBe(true);
  });

  it('writes arcs between its own states only, one state per word, and prices no restart in a loop of takes', () => {
    const lines = [
      ['where', 'were', 'you'],
      ['go', 'on'],
    ];
    const loop = takeGrammar(lines).grammar;
    const single = takeGrammar(lines, { single: true }).grammar;
    for (const g of [loop, single])
      for (const a of g.arcs) {
        expect(a.from >= 0 && a.from < g.states && a.to >= 0 && a.to < g.states, JSON.stringify(a)).toBe(
          true,
        );
      }
    // A loop of takes: start, a free phone and its way back, the entry, the final state, the
    // line's end, then a state after each word (a marker is a word). `single` adds the free
    // phones after the take (two) and, per line, the state its retake opens from.
    expect(loop.states).toBe(6 + 5);
    expect(single.states).toBe(6 + 2 + 5 + 2);
    // Without `single` a line never opens again inside a take: the only price is the free phones'.
    expect(new Set(loop.arcs.filter((a) => a.p !== undefined).map((a) => a.p))).toEqual(new Set([0.001]));
    // A take opens from the one entry state, never from inside the free phones' loop.
    expect(new Set(loop.arcs.filter((a) => a.word?.startsWith('take')).map((a) => a.from)).size).toBe(1);
    expect(fsgAccepts(loop, ['take0xwhere', 'were', 'take0xwhere', 'were', 'you'])).toBe(true); // two takes
    expect(fsgAccepts(loop, ['take0xwhere', 'were', 'phnaa', 'were', 'you'])).toBe(false);
  });
});

describe('null arcs closed through cycles (closeNulls)', () => {
  it('keeps the likeliest path to each state, never an arc from a state to itself, in state order', () => {
    const closed = closeNulls({
      states: 7,
      start: 0,
      final: 3,
      arcs: [
        { from: 0, to: 2, p: 0.9 }, // listed before 0 -> 1, which is likelier through 2
        { from: 0, to: 1, p: 0.5 },
        { from: 1, to: 2, p: 0.5 },
        { from: 2, to: 1 }, // a cycle 1 -> 2 -> 1
        { from: 1, to: 0, p: 0.5 }, // and back to the start
        { from: 2, to: 3, word: 'go' },
        { from: 4, to: 5 }, // a cycle of certain arcs: 4 and 5 reach each other at 1
        { from: 5, to: 4 },
        { from: 6, to: 4 }, // into that cycle from outside it
      ],
    });
    expect(closed.arcs).toEqual([
      { from: 2, to: 3, word: 'go' },
      { from: 0, to: 1, p: 0.9 },
      { from: 0, to: 2, p: 0.9 },
      { from: 1, to: 0, p: 0.5 },
      { from: 1, to: 2, p: 0.5 },
      { from: 2, to: 0, p: 0.5 },
      { from: 2, to: 1 },
      { from: 4, to: 5 },
      { from: 5, to: 4 },
      { from: 6, to: 4 },
      { from: 6, to: 5 },
    ]);
  });
});

describe('speech segments at their bounds (takeSegments)', () => {
  const r = (n: number) => Math.round(n * 1000) / 1000;
  const segments = (...args: Parameters<typeof takeSegments>) =>
    takeSegments(...args).map((s) => [r(s.start), r(s.end)]);

  it('cuts at a pause of exactly the gap, and keeps speech of exactly the shortest (0.12 s)', () => {
    expect(segments(3, [{ start: 1, end: 1.5 }])).toEqual([
      [0, 1.15],
      [1.35, 3],
    ]);
    // 0.5 to 0.62 s: 0.12 s of speech, a word; 0.11 s is a click.
    expect(
      segments(2, [
        { start: 0, end: 0.5 },
        { start: 0.62, end: 2 },
      ]),
    ).toEqual([[0.35, 0.77]]);
    expect(
      segments(2, [
        { start: 0, end: 0.5 },
        { start: 0.61, end: 2 },
      ]),
    ).toEqual([]);
  });

  it('widens a segment by at most half the pause on either side', () => {
    // A gap of 0.2 s: the pause of 0.25 s is shared, 0.125 s to each side (not the full 0.15).
    expect(segments(3, [{ start: 1, end: 1.25 }], 0.2)).toEqual([
      [0, 1.125],
      [1.125, 3],
    ]);
  });

  it("cuts a long run at its longest inner pause, counted on the segment's own clock", () => {
    // Speech from 10 s: the pause at 30 s is 20.35 s into the segment (9.85 s with its margin),
    // between 15 and 30: the cut; the rest (31.8 s) cut at the longest length.
    expect(
      segments(62, [
        { start: 0, end: 10 },
        { start: 30, end: 30.4 },
      ]),
    ).toEqual([
      [9.85, 30.2],
      [30.2, 60.2],
      [60.2, 62],
    ]);
  });
});
