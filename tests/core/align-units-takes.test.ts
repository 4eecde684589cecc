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
import { closeNulls, fsgAccepts } from '../../audio/align/acoustic/take-fsg.ts';
import {
  markerWord,
  secondMarkerWord,
  TAIL_PRIOR,
  tailGrammar,
  takeGrammar,
  takesHeard,
} from '../../audio/align/acoustic/take-grammar.ts';
import { takeSegments } from '../../audio/align/acoustic/take-segments.ts';
import { mayHaveTail, speechAfter } from '../../audio/align/acoustic/take-windows.ts';

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

  it('opens each line with a marker word of its own, then its words, left after any of them', () => {
    const { grammar, markers } = takeGrammar(lines);
    expect(markerWord(1, 'where')).toBe('take1xwhere');
    expect(markers).toEqual([
      ['take0xwhere', 'where'],
      ['take1xwhere', 'where'],
      ['take2xgo', 'go'],
    ]);
    const takes = (words: string) => fsgAccepts(grammar, words === '' ? [] : words.split(' '));
    expect(takes('')).toBe(true);
    expect(takes('take0xwhere were you')).toBe(true);
    expect(takes('take0xwhere were')).toBe(true); // a false start
    expect(takes('take0xwhere')).toBe(true);
    expect(takes('take0xwhere you')).toBe(false); // words in their order only
    expect(takes('take0xwhere is it')).toBe(false); // another line's words
    expect(takes('were you')).toBe(false); // a line opens on its marker
    expect(takes('take0xwhere were you take1xwhere is take2xgo')).toBe(true); // takes follow takes
    expect(takes('phnaa phns take2xgo phnm take0xwhere were phnk')).toBe(true); // free phones between
    expect(takes('take0xwhere were phnaa you')).toBe(false); // not inside a line
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

describe('grammars written arc by arc (closeNulls, FsgBuilder)', () => {
  it("closes null arcs with the likeliest path's probability, and keeps word arcs as they are", () => {
    const closed = closeNulls({
      states: 4,
      start: 0,
      final: 3,
      arcs: [
        { from: 0, to: 1, p: 0.5 },
        { from: 1, to: 2, p: 0.5 },
        { from: 0, to: 2, p: 0.1 }, // less likely than through 1
        { from: 2, to: 3, word: 'go' },
        { from: 3, to: 0 },
      ],
    });
    expect(closed.arcs).toEqual([
      { from: 2, to: 3, word: 'go' },
      { from: 0, to: 1, p: 0.5 },
      { from: 0, to: 2, p: 0.25 },
      { from: 1, to: 2, p: 0.5 },
      { from: 3, to: 0 },
      { from: 3, to: 1, p: 0.5 },
      { from: 3, to: 2, p: 0.25 },
    ]);
    expect(fsgAccepts(closed, ['go'])).toBe(true);
    expect(fsgAccepts(closed, ['go', 'go'])).toBe(true);
    expect(fsgAccepts(closed, [])).toBe(false);
  });

  it('prices every free phone at the loop prior and a line opening again at 1e-15, nothing else', () => {
    const { grammar } = takeGrammar([['go', 'on', 'now']], { single: true });
    const priced = grammar.arcs.filter((a) => a.p !== undefined);
    // Into the phones from the loop's state, from the state after a phone, and from every state
    // that reaches the loop's state through null arcs: all at 0.001, all null arcs. Back to the
    // line's marker after "go on" (not after "go" alone, nor after the whole line): 1e-15.
    expect(new Set(priced.map((a) => a.p))).toEqual(new Set([0.001, 1e-15]));
    expect(priced.every((a) => a.word === undefined)).toBe(true);
    const phoneStates = new Set(grammar.arcs.filter((a) => a.word?.startsWith('phn')).map((a) => a.from));
    expect(phoneStates.size).toBe(2); // before the take and after it
    for (const s of phoneStates) expect(priced.some((a) => a.to === s && a.p === 0.001)).toBe(true);
    const restarts = priced.filter((a) => a.p === 1e-15);
    expect(restarts).toHaveLength(1);
    expect(grammar.arcs.filter((a) => a.from === restarts[0]!.to).map((a) => a.word)).toEqual(['take0xgo']);
  });
});

describe("a take's tail (tailGrammar)", () => {
  it('holds every unheard word up to the end of the audio, or free phones alone', () => {
    const grammar = tailGrammar(['and', 'uh', 'i', 'think', 'so']);
    const tail = (words: string) => fsgAccepts(grammar, words === '' ? [] : words.split(' '));
    expect(tail('and uh i think so')).toBe(true);
    expect(tail('and i think so')).toBe(true); // a hesitation left out
    expect(tail('phnaa phns and i think so')).toBe(true); // the end of the last heard word first
    expect(tail('phnaa phns')).toBe(true); // not there
    expect(tail('')).toBe(true);
    expect(tail('and i think')).toBe(false); // all of them or none
    expect(tail('i think so')).toBe(false); // from the first unheard
    expect(tail('and i think so phnaa')).toBe(false); // the last word ends the speech
    const priced = grammar.arcs.filter((a) => a.p !== undefined);
    expect(new Set(priced.map((a) => a.p))).toEqual(new Set([TAIL_PRIOR]));
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
    const takes = (words: string) => fsgAccepts(grammar, words.split(' '));
    expect(takes('take0xdifferent than the acoustic corpus')).toBe(true);
    expect(takes('take0xdifferent than the uh acoustic corpus')).toBe(true);
    expect(takes('take0xdifferent than the uh uh acoustic corpus')).toBe(true);
    expect(takes('take0xdifferent than the uh uh uh acoustic corpus')).toBe(false); // two written, two at most
    expect(takes('take0xdifferent than the uh')).toBe(true);
    expect(takes('take1xum i have a cold')).toBe(true);
    expect(takes('take1xi have a cold')).toBe(false); // no marker on the word after the opener
    expect(takes('take2xokay')).toBe(true);
    expect(takes('take2xokay uh')).toBe(true);
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

describe('one take a segment (takeGrammar single, secondMarkerWord, takeSegments)', () => {
  const lines = [
    ['alright', 'so', 'this', 'is', 'it'],
    ['uh', 'so', 'this', 'is', 'not'],
    ['go', 'on'],
  ];

  it('holds at most one take between free phones, each line of three words or more also entered at its second', () => {
    const { grammar, markers } = takeGrammar(lines, { single: true });
    expect(secondMarkerWord(0, 'so')).toBe('take0yso');
    expect(markers).toEqual([
      ['take0xalright', 'alright'],
      ['take1xuh', 'uh'],
      ['take2xgo', 'go'],
      ['take0yso', 'so'],
      ['take1yso', 'so'],
    ]);
    const takes = (words: string) => fsgAccepts(grammar, words === '' ? [] : words.split(' '));
    expect(takes('phnaa take0xalright so this is it phns')).toBe(true);
    expect(takes('phnaa take0yso this is it phns')).toBe(true); // entered at its second word
    expect(takes('take0yso this')).toBe(true); // and left partway
    expect(takes('take1yso this is not')).toBe(true);
    expect(takes('take0yso this is not')).toBe(false); // the second marker leads into its own line
    expect(takes('take2yon')).toBe(false); // a line of two words opens at its first only
    expect(takes('take2xgo on take2xgo on')).toBe(false); // one take at most
    expect(takes('phnm phnaa')).toBe(true);
    // A false start run into its retake: the line opens again after two words or more.
    expect(takes('take0xalright so take0xalright so this is it')).toBe(true);
    expect(takes('take0xalright so this take0xalright so this is it phnk')).toBe(true);
    expect(takes('take0xalright take0xalright so this is it')).toBe(false); // one word is no false start
    expect(takes('take0xalright so take1xuh so this is not')).toBe(false); // the same line only
    expect(takes('take0xalright so this is it take0xalright so')).toBe(false); // after the whole line, no
    expect(takes('')).toBe(true);
  });

  it('counts the first word of a take entered at its second as heard, and says so', () => {
    expect(takesHeard(lines, heard('take0yso this is it', 2))).toEqual([
      { line: 0, words: 5, start: 2, end: 3.9, fit: 0.9, secondEntry: true },
    ]);
    expect(takesHeard(lines, heard('take1yso this'))[0]).toMatchObject({
      line: 1,
      words: 3,
      secondEntry: true,
    });
    expect(takesHeard(lines, heard('take0xalright so'))[0]).not.toHaveProperty('secondEntry');
  });

  it('cuts speech into segments at pauses of half a second, widened into their pauses', () => {
    const pauses = [
      { start: 0, end: 1 },
      { start: 2, end: 2.3 }, // inside a segment
      { start: 4, end: 4.6 },
      { start: 6.1, end: 8 },
      { start: 8.05, end: 10 }, // 8–8.05 between: a click, not speech
    ];
    const r = (n: number) => Math.round(n * 1000) / 1000;
    expect(takeSegments(10, pauses).map((s) => [r(s.start), r(s.end)])).toEqual([
      [0.85, 4.15],
      [4.45, 6.25],
    ]);
    // A run longer than maxSeconds is cut at its longest pause between half and all of it.
    expect(takeSegments(50, [{ start: 20, end: 20.4 }], 0.5, 30)).toEqual([
      { start: 0, end: 20.2 },
      { start: 20.2, end: 50 },
    ]);
    expect(takeSegments(5, [{ start: 0, end: 5 }])).toEqual([]);
  });
});

describe('speech after a take (speechAfter)', () => {
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

  it('completes by a tail search only takes heard to 3 words and 40 % of their line (mayHaveTail)', () => {
    // The full-scale bench's real tails: 3 of 4, 4 of 5, 6 of 13 ("uh and here's a long pause | …").
    expect(mayHaveTail(3, 4)).toBe(true);
    expect(mayHaveTail(4, 5)).toBe(true);
    expect(mayHaveTail(6, 13)).toBe(true);
    // Its false starts completed on the speech after them: 2 of 3, 2 of 9, 4 of 13.
    expect(mayHaveTail(2, 3)).toBe(false);
    expect(mayHaveTail(2, 9)).toBe(false);
    expect(mayHaveTail(4, 13)).toBe(false);
    // The bounds: 3 words and 40 % (4 of 10) are enough, 3 of 8 is not.
    expect(mayHaveTail(4, 10)).toBe(true);
    expect(mayHaveTail(3, 8)).toBe(false);
    expect(mayHaveTail(3, 7)).toBe(true);
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
