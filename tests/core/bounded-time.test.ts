import { expect, it } from 'vitest';
import { HANG_LIMIT_MS, withinTime } from '../support/bounded-time.ts';

// The fuzzers' per-input bound trips on a hang, never on a slow moment of a busy machine.
function busy(ms: number): number {
  const until = performance.now() + ms;
  let spins = 0;
  while (performance.now() < until) spins++;
  return spins;
}

it('lets an input slowed by load through (150 ms, three times the old WAV-header bound)', () => {
  expect(HANG_LIMIT_MS).toBeGreaterThanOrEqual(2000);
  expect(withinTime('slow header', () => busy(150))).toBeGreaterThan(0);
});

it('names the input that hangs', () => {
  expect(() => withinTime('runaway input', () => busy(60), 50)).toThrow(/runaway input hung/);
});
