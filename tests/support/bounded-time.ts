import { expect } from 'vitest';

// Fuzzing with a time bound on each input: a pathological input (runaway backtracking, a length
// field that sends a loop round billions of times) shows as one slow input with its label, rather
// than as a whole test timing out with no clue which input did it.

export function withinTime<T>(ms: number, label: string, run: () => T): T {
  const started = performance.now();
  const result = run();
  expect(performance.now() - started, `${label} took too long`).toBeLessThan(ms);
  return result;
}

export async function withinTimeAsync<T>(ms: number, label: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  expect(performance.now() - started, `${label} took too long`).toBeLessThan(ms);
  return result;
}
