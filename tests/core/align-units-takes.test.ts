import { describe, expect, it } from 'vitest';
import { FREE_PHONES, freeWord } from '../../audio/align/acoustic/grammar.ts';
import type { ScriptPart } from '../../audio/align/acoustic/script-words.ts';
import { sessionChunks } from '../../audio/align/acoustic/session-chunks.ts';
import {
  batchEntries,
  type HeardWord,
  runsHeard,
  spotEntries,
  spottingGrammar,
} from '../../audio/align/acoustic/spotting-grammar.ts';
import { markerWord, takeGrammar, takesHeard } from '../../audio/align/acoustic/take-grammar.ts';
import {
  overlappingTakes,
  rejoinTakes,
  settledTakes,
  similarLines,
  speechAfter,
  takeWindows,
} from '../../audio/align/acoustic/take-windows.ts';

// The pure steps of take finding and pickup spotting, hand-worked: the grammars the recogniser
// searches, and what its heard words become. drama-take-finding and production-pickup-auto run
// them on real speech through the recogniser (minutes); these pin each rule on its own.

const heard = (words: string, start = 0, step = 0.5, score = 0.9): HeardWord[] =>
  words.split(' ').map((word, i) => ({ word, start: start + i * step, end: start + i * step + 0.4, score }));

const FREE = `<free> = /0.001/ <phone> <free> | /1/ <NULL>;\n<phone> = ${FREE_PHONES.map(freeWord).join(' | ')};\n`;

describe('session chunks (sessionChunks)', () => {
  it('cuts in the middle of the longest pause between the shortest and longest chunk', () => {
    const pauses = [
      { start: 5, end: 6 }, // before 12 s: too early for a cut
      { start: 14, end: 14.5 },
      { start: 20, end: 22 }, // the longest between 12 and 30 s: cut at 21
      { start: 29.5, end: 31.5 }, // its middle (30.5) is past 30 s
    ];
    expect(sessionChunks(50, pauses)).toEqual([
      { start: 0, end: 21 },
      { start: 21, end: 50 },
    ]);
  });

  it('cuts at the longest length when no pause lies between, and keeps a short last chunk', () => {
    expect(sessionChunks(65, [{ start: 2, end: 3 }])).toEqual([
      { start: 0, end: 30 },
      { start: 30, end: 60 },
      { start: 60, end: 65 },
    ]);
    // Exactly the longest length: one chunk, whatever pauses it holds; nothing at all: none.
    expect(sessionChunks(30, [])).toEqual([{ start: 0, end: 30 }]);
    expect(sessionChunks(30, [{ start: 19, end: 21 }])).toEqual([{ start: 0, end: 30 }]);
    expect(sessionChunks(0, [])).toEqual([]);
  });

  it('takes the longest pause, not the last; of two as long, the first', () => {
    const chunks = (pauses: Array<{ start: number; end: number }>) => sessionChunks(50, pauses)[0]!.end;
    expect(
      chunks([
        { start: 15, end: 17 },
        { start: 25, end: 26 },
      ]),
    ).toBe(16);
    expect(
      chunks([
        { start: 15, end: 16 },
        { start: 25, end: 26 },
      ]),
    ).toBe(15.5);
    expect(
      chunks([
        { start: 15, end: 16 },
        { start: 25, end: 27 },
      ]),
    ).toBe(26);
  });

  it('counts a pause from the chunk start, not the recording start; a middle on a bound is out', () => {
    // Second chunk starts at 30: a pause with its middle at 42 (exactly 30 + 12) or 60 is out.
    const pauses = [
      { start: 41, end: 43 },
      { start: 59, end: 61 },
      { start: 50, end: 50.5 },
    ];
    expect(sessionChunks(70, pauses, 12, 30)).toEqual([
      { start: 0, end: 30 },
      { start: 30, end: 50.25 },
      { start: 50.25, end: 70 },
    ]);
  });
});

describe('take grammar (takeGrammar, takesHeard)', () => {
  const lines = [['where', 'were', 'you'], ['where', 'is', 'it'], ['go']];

  it('opens each line with a marker word of its own, then nested optional words', () => {
    const { grammar, markers } = takeGrammar(lines);
    expect(markerWord(1, 'where')).toBe('take1xwhere');
    expect(markers).toEqual([
      ['take0xwhere', 'where'],
      ['take1xwhere', 'where'],
      ['take2xgo', 'go'],
    ]);
    expect(grammar).toBe(
      `#JSGF V1.0;\ngrammar takes;\npublic <takes> = <free> [ <line> <takes> ];\n<line> = ( take0xwhere [ were [ you ] ] ) | ( take1xwhere [ is [ it ] ] ) | ( take2xgo );\n${FREE}`,
    );
  });

  it('splits the heard words into takes at marker words, with their span and mean fit', () => {
    const words: HeardWord[] = [
      { word: 'take0xwhere', start: 1, end: 1.3, score: 0.8 },
      { word: 'were', start: 1.3, end: 1.6, score: 0.6 }, // a false start: two words of three
      { word: 'take0xwhere', start: 3, end: 3.3, score: 1 },
      { word: 'were', start: 3.3, end: 3.6, score: 0.5 },
      { word: 'you', start: 3.6, end: 4, score: 0.9 },
      { word: 'take2xgo', start: 6, end: 6.4, score: 0.4 },
    ];
    const takes = takesHeard(lines, words);
    expect(takes).toHaveLength(3);
    expect(takes[0]).toEqual({ line: 0, words: 2, start: 1, end: 1.6, fit: 0.7 });
    expect(takes[1]!.line).toBe(0);
    expect(takes[1]!.words).toBe(3);
    expect(takes[1]!.start).toBe(3);
    expect(takes[1]!.end).toBe(4);
    expect(takes[1]!.fit).toBeCloseTo(0.8, 10);
    expect(takes[2]).toEqual({ line: 2, words: 1, start: 6, end: 6.4, fit: 0.4 });
  });

  it('ends a take at a word off its line, and ignores words heard outside any take', () => {
    const words = heard('you take1xwhere is banana it take1xwhere it', 0, 1);
    expect(takesHeard(lines, words)).toEqual([
      { line: 1, words: 2, start: 1, end: 2.4, fit: 0.9 },
      { line: 1, words: 1, start: 5, end: 5.4, fit: 0.9 },
    ]);
    // A whole line and then one word past its end: the extra word ends it.
    expect(takesHeard(lines, heard('take2xgo go')).map((t) => t.words)).toEqual([1]);
    expect(takesHeard(lines, [])).toEqual([]);
  });
});

describe('hesitations written into a line (uh, um)', () => {
  // A casual reader's lines as transcribed: the actor may say the "uh" or not.
  const lines = [
    ['different', 'than', 'the', 'uh', 'uh', 'acoustic', 'corpus'],
    ['um', 'i', 'have', 'a', 'cold'],
    ['okay', 'uh'],
  ];

  it('makes them optional words that never end the line, but a line opening with one opens with it', () => {
    const { grammar, markers } = takeGrammar(lines);
    expect(markers).toEqual([
      ['take0xdifferent', 'different'],
      ['take1xum', 'um'],
      ['take2xokay', 'okay'],
    ]);
    expect(grammar).toContain(
      '( take0xdifferent [ than [ the [ uh ] [ uh ] [ acoustic [ corpus ] ] ] ] ) | ( take1xum [ i [ have [ a [ cold ] ] ] ] ) | ( take2xokay [ uh ] )',
    );
  });

  it('counts the hesitations passed over as heard: a take without them is complete', () => {
    expect(takesHeard(lines, heard('take0xdifferent than the acoustic corpus'))[0]!.words).toBe(7);
    expect(takesHeard(lines, heard('take0xdifferent than the uh acoustic corpus'))[0]!.words).toBe(7);
    expect(takesHeard(lines, heard('take1xum i have a cold'))[0]!.words).toBe(5);
    expect(takesHeard(lines, heard('take2xokay'))[0]!.words).toBe(2);
    // A false start stopping at the hesitation is still a false start.
    expect(takesHeard(lines, heard('take0xdifferent than the'))[0]!.words).toBe(3);
    expect(takesHeard(lines, heard('take0xdifferent than the uh'))[0]!.words).toBe(4);
  });
});

describe('take windows (takeWindows, similarLines, overlappingTakes, speechAfter)', () => {
  const take = (line: number, words: number, start: number, end: number) => ({
    line,
    words,
    start,
    end,
    fit: 1,
  });

  it('joins pieces of one line heard less than 1.2 s apart, in time order', () => {
    const windows = takeWindows([take(0, 2, 5, 6), take(0, 2, 1, 2), take(0, 1, 3.1, 3.5)], [6], 100);
    // 1–2 and 3.1–3.5 are 1.1 s apart: one take of 3 words; 5–6 is 1.5 s after: a take of its own.
    expect(windows).toEqual([
      { line: 0, start: 0.6, end: 1 + 6 * 0.8 + 2 },
      { line: 0, start: 4.6, end: 5 + 6 * 0.8 + 2 },
    ]);
    // Joined pieces span both: a two-word line heard as 1–2 and 3.1–5 is one take ending at 5.
    expect(takeWindows([take(0, 1, 1, 2), take(0, 1, 3.1, 5)], [2], 100)).toEqual([
      { line: 0, start: 0.6, end: 5.5 },
    ]);
    expect(takeWindows([take(0, 1, 1, 2), take(0, 1, 3.1, 5)], [2], 100, 1)).toEqual([
      { line: 0, start: 0.6, end: 5.5 },
    ]);
    // 1.2 s apart exactly: two takes.
    expect(takeWindows([take(0, 2, 1, 2), take(0, 2, 3.2, 4)], [2], 100)).toHaveLength(2);
    // Another line in between: never joined.
    expect(takeWindows([take(0, 2, 1, 2), take(1, 2, 2.2, 3), take(0, 2, 3.1, 4)], [2, 2], 100)).toHaveLength(
      3,
    );
  });

  it('drops a lone word of a line of three or more words, keeps one of a two-word line', () => {
    expect(takeWindows([take(0, 1, 10, 10.3)], [3], 100)).toEqual([]);
    expect(takeWindows([take(0, 1, 10, 10.3)], [2], 100)).toEqual([
      { line: 0, start: 9.6, end: 10 + 1.6 + 2 },
    ]);
    expect(takeWindows([take(0, 2, 10, 11)], [3], 100)).toHaveLength(1);
  });

  it('runs a window for as long as its line could take, at least 0.5 s past the take, never past the file', () => {
    // A one-word line heard over 5 s: the window ends 0.5 s after the take, not 0.8 + 2 s after its start.
    expect(takeWindows([take(0, 1, 2, 7)], [1], 100)).toEqual([{ line: 0, start: 1.6, end: 7.5 }]);
    expect(takeWindows([take(0, 2, 0.1, 1)], [2], 3, 1)).toEqual([{ line: 0, start: 0, end: 3 }]);
    // Another speed: 2 words at 1 s a word.
    expect(takeWindows([take(0, 2, 10, 11)], [2], 100, 1)).toEqual([{ line: 0, start: 9.6, end: 14 }]);
  });

  it('settles a window whose take the first search heard through its whole line, from its start', () => {
    const windows = takeWindows([take(0, 3, 10, 12), take(1, 2, 20, 21)], [3, 4], 100);
    const settled = settledTakes(windows, [take(0, 3, 10, 12), take(1, 2, 20, 21)], [3, 4]);
    expect(settled[0]).toEqual(take(0, 3, 10, 12));
    // Two words of four: searched again.
    expect(settled[1]).toBeUndefined();
    // A whole take of the line starting later in the window is another take, not this one.
    expect(settledTakes([{ line: 0, start: 9.6, end: 20 }], [take(0, 3, 14, 16)], [3])).toEqual([undefined]);
  });

  it('rejoins a take that ran on as another line sharing its words (the casual reader, line 14)', () => {
    // "… acoustic corpus uh and i'm also saying a bunch …" heard as X to "corpus", then as Y (which
    // opens "and i'm saying a bunch") from "and".
    const lines = [
      [
        'um',
        'i',
        'have',
        'a',
        'cold',
        'than',
        'the',
        'acoustic',
        'corpus',
        'uh',
        'and',
        "i'm",
        'also',
        'saying',
        'a',
        'bunch',
      ],
      ['and', "i'm", 'saying', 'a', 'bunch', 'of', 'words'],
    ];
    const x = { line: 0, words: 9, start: 1, end: 5, fit: 0.9 };
    const y = { line: 1, words: 2, start: 5.3, end: 5.8, fit: 0.6 };
    expect(rejoinTakes(lines, [x, y])).toEqual([
      { line: 0, words: 12, start: 1, end: 5.8, fit: (0.9 * 9 + 0.6 * 2) / 11 },
    ]);
    // A pause between them: two takes.
    expect(rejoinTakes(lines, [x, { ...y, start: 6, end: 6.5 }])).toHaveLength(2);
    // Y's words are not what comes next in X: two takes.
    expect(rejoinTakes(lines, [{ ...x, words: 3 }, y])).toHaveLength(2);
    // A take of X that is whole is never extended.
    expect(rejoinTakes(lines, [{ ...x, words: 16 }, y])).toHaveLength(2);
  });

  it('names the lines sharing a run of three words with a line', () => {
    const lines = [
      ['i', 'will', 'go', 'now'],
      ['then', 'i', 'will', 'go'],
      ['i', 'will', 'stay'],
      ['go', 'now'],
    ];
    expect(similarLines(lines, 0)).toEqual([0, 1]);
    expect(similarLines(lines, 2)).toEqual([2]);
    expect(similarLines(lines, 3)).toEqual([3]);
  });

  it('keeps of two overlapping takes the one heard further through its line, then the longer', () => {
    const a = { start: 0, end: 4, words: 2, of: 4 };
    const b = { start: 1, end: 5, words: 3, of: 4 };
    const c = { start: 6, end: 7, words: 1, of: 4 };
    expect(overlappingTakes([a, b, c])).toEqual([b, c]);
    // Same share of the line: more words win.
    const d = { start: 0, end: 4, words: 2, of: 2 };
    const e = { start: 0.5, end: 4.5, words: 4, of: 4 };
    expect(overlappingTakes([d, e])).toEqual([e]);
    // Overlap of exactly half the shorter is no clash; more is.
    const f = { start: 0, end: 2, words: 1, of: 1 };
    const g = { start: 1, end: 5, words: 1, of: 2 };
    expect(overlappingTakes([g, f])).toEqual([f, g]);
    const h = { start: 0.9, end: 5, words: 1, of: 2 };
    expect(overlappingTakes([h, f])).toEqual([f]);
    // Ends measured another way.
    expect(overlappingTakes([g, f], (t) => t.end + 3)).toEqual([f]);
  });

  it('measures the speech after a take up to the next pause of half a second', () => {
    const pauses = [
      { start: 1, end: 1.2 }, // a breath: still the take
      { start: 2, end: 2.6 }, // the pause that ends it
      { start: 4, end: 5 },
    ];
    expect(speechAfter(pauses, 0, 10)).toBeCloseTo(1.8, 10);
    // From inside a pause: only what is left of it counts (2.3–2.6 is 0.3 s), so speech goes on.
    expect(speechAfter(pauses, 2.3, 10)).toBeCloseTo(1.4, 10);
    // No pause within the limit: all of it is speech.
    expect(speechAfter(pauses, 5, 3)).toBe(3);
    expect(speechAfter(pauses, 2.6, 1)).toBe(1);
    // The limit cuts a pause off: a pause starting at or after from + limit is not looked at.
    expect(speechAfter([{ start: 3, end: 4 }], 0, 3)).toBe(3);
    expect(speechAfter([], 7, 2)).toBe(2);
    // A pause of exactly half a second ends the take.
    expect(speechAfter([{ start: 1, end: 1.5 }], 0, 10)).toBe(1);
  });
});

describe('pickup spotting (spotEntries, batchEntries, spottingGrammar, runsHeard)', () => {
  const parts: ScriptPart[] = [
    { cue: 0, role: 'spoken', words: ['hello', 'there'] },
    { cue: 1, role: 'silent', words: ['scene', 'two'] },
    { cue: 2, role: 'optional', words: ['a', 'note'] },
    { cue: 3, role: 'spoken', words: ['go', 'home'] },
    { cue: 4, role: 'sung', words: ['la', 'la'] },
    { cue: 5, role: 'spoken', words: ['good', 'night', 'all'] },
  ];

  it('enters at every spoken part, going on until the parts hold the words a recording could', () => {
    expect(spotEntries(parts, 4)).toEqual([
      { entry: 0, last: 1 },
      { entry: 3, last: 4 },
      { entry: 5, last: 5 },
    ]);
    expect(spotEntries(parts, 1)).toEqual([
      { entry: 0, last: 0 },
      { entry: 3, last: 3 },
      { entry: 5, last: 5 },
    ]);
  });

  it('batches entries by their words, never leaving a batch empty', () => {
    const entries = spotEntries(parts, 4); // 4, 4 and 3 words
    expect(batchEntries(parts, entries, 8)).toEqual([entries.slice(0, 2), entries.slice(2)]);
    // 4 + 3 words fill a budget of 7 exactly: one batch.
    expect(batchEntries(parts, entries, 7)).toEqual([[entries[0]], entries.slice(1)]);
    expect(batchEntries(parts, entries, 2)).toEqual([[entries[0]], [entries[1]], [entries[2]]]);
    expect(batchEntries(parts, [], 8)).toEqual([]);
  });

  it('writes each entry as its first cue with the next ones optional, notes and songs optional inside', () => {
    expect(
      spottingGrammar(parts, [
        { entry: 0, last: 5 },
        { entry: 5, last: 5 },
      ]),
    ).toBe(
      `#JSGF V1.0;\ngrammar spot;\npublic <spot> = <free> ( ( hello there [ [ a note ] [ go home [ [ la la ] [ good night all ] ] ] ] ) | ( good night all ) ) <free>;\n${FREE}`,
    );
  });

  it('finds the runs of parts whose words are exactly what was heard', () => {
    const batch = [
      { entry: 0, last: 5 },
      { entry: 3, last: 5 },
    ];
    const words = heard('hello there go home', 1, 0.5, 0.5);
    expect(runsHeard(parts, batch, words)).toEqual([{ first: 0, last: 3, score: 2, start: 1, end: 2.9 }]);
    // The note heard too, and the song skipped: one run to cue 5.
    const runs = runsHeard(parts, batch, heard('hello there a note go home good night all'));
    expect(runs.map((r) => [r.first, r.last])).toEqual([[0, 5]]);
    // Entered at cue 3, with and without the song.
    expect(runsHeard(parts, batch, heard('go home la la')).map((r) => [r.first, r.last])).toEqual([[3, 4]]);
    expect(runsHeard(parts, batch, heard('go home')).map((r) => [r.first, r.last])).toEqual([[3, 3]]);
    // Off the script, past an entry's last part, or nothing heard: no run.
    expect(runsHeard(parts, batch, heard('hello go home'))).toEqual([]);
    expect(runsHeard(parts, [{ entry: 0, last: 3 }], heard('hello there go home good night all'))).toEqual(
      [],
    );
    expect(runsHeard(parts, batch, [])).toEqual([]);
  });

  it('finds one run per way through when the script repeats itself, and none entered on a song', () => {
    const echo: ScriptPart[] = [
      { cue: 0, role: 'spoken', words: ['go'] },
      { cue: 1, role: 'optional', words: ['go'] },
      { cue: 2, role: 'spoken', words: ['go'] },
    ];
    const runs = runsHeard(echo, [{ entry: 0, last: 2 }], heard('go go'));
    expect(runs.map((r) => [r.first, r.last]).sort()).toEqual([
      [0, 1],
      [0, 2],
    ]);
    // An optional part where the entry is may not be skipped.
    const song: ScriptPart[] = [
      { cue: 0, role: 'sung', words: ['la'] },
      { cue: 1, role: 'spoken', words: ['go'] },
    ];
    expect(runsHeard(song, [{ entry: 0, last: 1 }], heard('go'))).toEqual([]);
  });
});
