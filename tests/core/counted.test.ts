import { describe, expect, it } from 'vitest';
import { counted } from '../../cues/text/counted.ts';

// Counts as the CLI and the app print them (a tester read "1 more problems"): the noun in the
// singular for exactly one, in the plural for none, several and fractions.

describe('counted', () => {
  it('says one in the singular and every other count in the plural', () => {
    expect(counted(1, 'more problem')).toBe('1 more problem');
    expect(counted(0, 'more problem')).toBe('0 more problems');
    expect(counted(2, 'take file')).toBe('2 take files');
    expect(counted(1, 'take file')).toBe('1 take file');
    expect(counted(1.5, 'cue')).toBe('1.5 cues');
  });

  it('takes a plural not made by adding "s"', () => {
    expect(counted(1, 'match', 'matches')).toBe('1 match');
    expect(counted(3, 'match', 'matches')).toBe('3 matches');
  });
});
