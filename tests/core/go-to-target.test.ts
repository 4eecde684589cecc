import { describe, expect, it } from 'vitest';
import { parseGoTo } from '../../renderer/src/playback/go-to.ts';

// What the transport bar's clock takes when clicked and typed into (issue 15): a time or a cue
// number, never a guess.

describe('the clock: where a typed text goes', () => {
  it('reads clocks, seconds with a dot or a comma, and a trailing s', () => {
    expect(parseGoTo('1:02:03.500')).toEqual({ time: 3723.5 });
    expect(parseGoTo('00:01:02.5')).toEqual({ time: 62.5 });
    expect(parseGoTo('2:15')).toEqual({ time: 135 });
    expect(parseGoTo('75.5')).toEqual({ time: 75.5 });
    expect(parseGoTo('75,5')).toEqual({ time: 75.5 });
    expect(parseGoTo(' 75.5 s ')).toEqual({ time: 75.5 });
  });

  it('reads #n or cue n as a cue counted from 1, and a bare whole number as seconds', () => {
    // "12" was cue 12 while "75.5" was seconds: a bare number is always seconds now.
    expect(parseGoTo('12')).toEqual({ time: 12 });
    expect(parseGoTo('30')).toEqual({ time: 30 });
    expect(parseGoTo('#12')).toEqual({ cueNumber: 12 });
    expect(parseGoTo('# 12')).toEqual({ cueNumber: 12 });
    expect(parseGoTo('cue 7')).toEqual({ cueNumber: 7 });
  });

  it('refuses anything else: words, cue 0, negative times, minutes past 59', () => {
    for (const text of ['soon', '', '#0', 'cue 0', '-3.5', '1:75:00', '1:2:3:4', '12 cues', '#1.5'])
      expect(parseGoTo(text), text).toBeUndefined();
  });
});
