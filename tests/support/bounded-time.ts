import { expect } from 'vitest';

// Fuzzing with a bound on each input: a pathological input (runaway backtracking, a length field
// that sends a loop round billions of times) shows as one input with its label, rather than as a
// whole test timing out with no clue which input did it. The bound is a hang limit, not a speed
// test: inputs cost 1-500 ms, a runaway costs seconds to forever, and a bound near the real cost
// (50 ms for a WAV header) failed on a busy machine. So one generous limit, far above any
// input's cost under load, trips only on a genuine hang.

/** Wall-clock time one input may take before it counts as hung. */
export const HANG_LIMIT_MS = 2000;

export function withinTime<T>(label: string, run: () => T, hangLimitMs = HANG_LIMIT_MS): T {
  const started = performance.now();
  const result = run();
  expect(performance.now() - started, `${label} hung`).toBeLessThan(hangLimitMs);
  return result;
}

export async function withinTimeAsync<T>(
  label: string,
  run: () => Promise<T>,
  hangLimitMs = HANG_LIMIT_MS,
): Promise<T> {
  const started = performance.now();
  const result = await run();
  expect(performance.now() - started, `${label} hung`).toBeLessThan(hangLimitMs);
  return result;
}
