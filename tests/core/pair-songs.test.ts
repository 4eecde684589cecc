import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchInOrder, pairSongs } from '../../audio/align/pair-songs.ts';

describe('pairing detected sections with the songs of the script', () => {
  it('takes a section that covers a song as first placed, whatever detected it', () => {
    const pairs = pairSongs([{ start: 100, end: 120 }], [{ start: 99, end: 121 }], [], 60);
    expect(pairs).toEqual([{ song: 0, heard: [{ start: 99, end: 121 }] }]);
  });

  it('matches misplaced songs to the singing found, in order, nearest first', () => {
    // A first pass that put song 1 forty seconds late, over where song 2 is sung.
    const placed = [
      { start: 175, end: 195 },
      { start: 210, end: 229 },
      { start: 268, end: 288 },
    ];
    const voices = [
      { start: 127, end: 171 },
      { start: 187, end: 229 },
      { start: 258, end: 288 },
    ];
    const pairs = pairSongs(placed, voices, voices, 60);
    expect(pairs.map((p) => [p.song, p.heard[0]!.start])).toEqual([
      [0, 127],
      [1, 187],
      [2, 258],
    ]);
  });

  it('lets a few held lines inside a spoken song confirm its place, not pull it', () => {
    const placed = [{ start: 126.9, end: 151.7 }];
    const voices = [{ start: 130.7, end: 151.6 }];
    expect(pairSongs(placed, voices, voices, 60)).toEqual([]);
  });

  it('leaves a song spoken, and singing far from any song unpaired', () => {
    const placed = [
      { start: 100, end: 110 },
      { start: 400, end: 420 },
    ];
    const voices = [{ start: 250, end: 260 }];
    expect(pairSongs(placed, voices, voices, 60)).toEqual([]);
  });

  it('matches in order: no two pairs cross, none is further apart than allowed, and the total is least', () => {
    const ascending = fc
      .array(fc.integer({ min: 0, max: 1000 }), { maxLength: 8 })
      .map((xs) => xs.sort((a, b) => a - b));
    fc.assert(
      fc.property(ascending, ascending, fc.integer({ min: 1, max: 200 }), (a, b, maxShift) => {
        const pairs = matchInOrder(a, b, maxShift);
        for (let k = 1; k < pairs.length; k++) {
          expect(pairs[k]![0]).toBeGreaterThan(pairs[k - 1]![0]);
          expect(pairs[k]![1]).toBeGreaterThan(pairs[k - 1]![1]);
        }
        for (const [i, j] of pairs) expect(Math.abs(a[i]! - b[j]!)).toBeLessThanOrEqual(maxShift);
        // No single extra pair between unmatched neighbours would lower the cost.
        const total = (ps: Array<[number, number]>) =>
          ps.reduce((n, [i, j]) => n + Math.abs(a[i]! - b[j]!), 0) +
          (a.length + b.length - 2 * ps.length) * maxShift;
        const cost = total(pairs);
        for (let i = 0; i < a.length; i++) {
          for (let j = 0; j < b.length; j++) {
            if (pairs.some(([x, y]) => x === i || y === j)) continue;
            const extra = [...pairs, [i, j] as [number, number]].sort((p, q) => p[0] - q[0]);
            const crosses = extra.some((p, k) => k > 0 && p[1] <= extra[k - 1]![1]);
            if (!crosses && Math.abs(a[i]! - b[j]!) <= maxShift)
              expect(total(extra)).toBeGreaterThanOrEqual(cost);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
