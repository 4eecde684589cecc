import { describe, expect, it } from 'vitest';
import { ALIGN_SHARES, EXPORT_SHARES, forwardProgress } from '../../src/app/task-progress.ts';

// One progress bar per task that only moves forward, whatever its phases report.

function run(shares: Record<string, number>, steps: Array<[string, number]>) {
  const seen: Array<[string, number]> = [];
  const report = forwardProgress(shares, (phase, fraction) => seen.push([phase, fraction]));
  for (const [phase, f] of steps) report(phase, f);
  return seen;
}

describe('forward progress', () => {
  it('alignment phases each restarting at 0 move one bar forward, never to 100 % before done', () => {
    const seen = run(ALIGN_SHARES, [
      ['listening to the recording', 0],
      ['listening to the recording', 1],
      ['aligning', 0],
      ['aligning', 0.5],
      ['aligning', 1],
      // The fallback engine listens again and reads the script.
      ['listening to the recording', 0],
      ['listening to the recording', 1],
      ['reading the script', 0.5],
      ['aligning', 1],
    ]);
    const fractions = seen.map(([, f]) => f);
    for (let i = 1; i < fractions.length; i++) expect(fractions[i]).toBeGreaterThanOrEqual(fractions[i - 1]!);
    expect(fractions[1]).toBeCloseTo(0.3, 6);
    expect(fractions[2]).toBeCloseTo(0.3, 6);
    expect(Math.max(...fractions)).toBeLessThan(1);
    expect(seen.map(([p]) => p)).toContain('reading the script');
  });

  it('export: measuring is the first half, encoding the second', () => {
    const seen = run(EXPORT_SHARES, [
      ['measuring', 1],
      ['encoding', 0],
      ['encoding', 1],
    ]);
    expect(seen.map(([, f]) => f)).toEqual([0.5, 0.5, 1]);
  });

  it('a fraction reported out of range is clamped', () => {
    const seen = run(EXPORT_SHARES, [
      ['measuring', -1],
      ['measuring', 7],
    ]);
    expect(seen.map(([, f]) => f)).toEqual([0, 0.5]);
  });
});
