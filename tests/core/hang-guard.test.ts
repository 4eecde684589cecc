import { describe, expect, it } from 'vitest';
import { HANG_LIMIT_MS, HangGuard, isRefusal } from '../support/hang-guard.ts';

// The fuzzers' hang guard: work in a worker thread, stopped and named when it does not answer.
const fixture = new URL('../support/hang-guard-fixture.ts', import.meta.url);

describe('the hang guard', () => {
  it('passes values and refusals back from its worker', async () => {
    const guard = new HangGuard(fixture);
    const bytes = Uint8Array.of(1, 2, 3);
    expect(await guard.call('echo', 'echo', { bytes, text: 'ü' })).toEqual({
      id: 0,
      value: { bytes, text: 'ü' },
    });
    const refused = await guard.call('refuse', 'refuse', 'bad input');
    expect(refused.error).toEqual({ name: 'InputError', message: 'bad input' });
    expect(isRefusal(refused)).toBe(true);
    guard.stop();
  });

  it('names the input that hangs, stops its worker, and goes on with a fresh one', async () => {
    // A short limit is safe here: the input never answers, however fast the machine.
    const guard = new HangGuard(fixture, 300);
    await expect(guard.call('runaway input', 'forever')).rejects.toThrow(
      /^runaway input hung: no answer in 0.3 s/,
    );
    expect((await guard.call('after', 'echo', 7)).value).toBe(7);
    guard.stop();
  });

  it('has a limit far above any input’s cost, so load never trips it', () => {
    expect(HANG_LIMIT_MS).toBeGreaterThanOrEqual(10_000);
  });
});
