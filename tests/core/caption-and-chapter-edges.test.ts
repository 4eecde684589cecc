import { describe, expect, it } from 'vitest';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { parseScript } from '../../cues/parse-script.ts';
import { lrcLyrics, srtCaptions, webvttCaptions } from '../../cues/sidecars/captions.ts';
import { cueSheetFile } from '../../cues/sidecars/chapter-files.ts';
import { chapterMarks } from '../../cues/sidecars/chapter-marks.ts';

// Where captions are cut and chapters begin, worked by hand: a cue longer than two caption lines
// (84 characters) is cut at the last sentence end past its first 20 characters, else the last
// clause break, else the last space, else at 84; each part gets its share of the cue's time by
// characters. Chapters start at their own time or their first timed cue's.

/** One prose paragraph per text, each cue timed [start, end]. */
function prose(texts: string[], times: Array<[number, number] | undefined>): CueSheet {
  const sheet = parseScript(`${texts.join('\n\n')}\n`, { format: 'prose' });
  return {
    ...sheet,
    cues: sheet.cues.map((c, i) => {
      const t = times[i];
      return t ? { ...c, start: t[0], end: t[1] } : c;
    }),
  };
}

/** SRT caption texts and their [start, end] times. */
function captions(text: string): Array<[string, string]> {
  return srtCaptions(prose([text], [[0, 10]]))
    .split('\n\n')
    .map((block) => {
      const [, time, caption] = block.trim().split('\n');
      return [caption!, time!];
    });
}

describe('cutting long cues into captions', () => {
  it('cuts at the last sentence end and shares the time by characters', () => {
    expect(
      srtCaptions(
        prose(
          ['The ferry left the harbour at nine. Nobody on the deck said a word, and the rain came down.'],
          [[0, 10]],
        ),
      ),
    ).toBe(
      '1\n00:00:00,000 --> 00:00:03,889\nThe ferry left the harbour at nine.\n\n2\n00:00:03,889 --> 00:00:10,000\nNobody on the deck said a word, and the rain came down.\n',
    );
  });

  it('cuts after the closing bracket or quote of a sentence', () => {
    expect(
      captions(
        'The ferry left the harbour late (at nine.) Nobody on the deck said a word, and the rain fell.',
      ),
    ).toEqual([
      ['The ferry left the harbour late (at nine.)', '00:00:00,000 --> 00:00:04,565'],
      ['Nobody on the deck said a word, and the rain fell.', '00:00:04,565 --> 00:00:10,000'],
    ]);
  });

  it('looks past a sentence end in the first 20 characters to a clause break', () => {
    expect(
      captions(
        'Hi. The ferry left the harbour at nine, and nobody on the deck said a word; the rain came down hard.',
      ),
    ).toEqual([
      [
        'Hi. The ferry left the harbour at nine, and nobody on the deck said a word;',
        '00:00:00,000 --> 00:00:07,576',
      ],
      ['the rain came down hard.', '00:00:07,576 --> 00:00:10,000'],
    ]);
    // The sentence end at character 20 is still too early.
    expect(
      captions(
        'It was a quiet ferry. Nobody on the deck said a word and the rain came down on all of them hard',
      ).map((c) => c[0]),
    ).toEqual([
      'It was a quiet ferry. Nobody on the deck said a word and the rain came down on all',
      'of them hard',
    ]);
  });

  it('cuts at the last space when there is no break, a space at the 85th character included', () => {
    expect(
      captions(
        'The ferry left the harbour at nine and nobody on the deck said a word as the rain came down hard',
      ),
    ).toEqual([
      [
        'The ferry left the harbour at nine and nobody on the deck said a word as the rain',
        '00:00:00,000 --> 00:00:08,526',
      ],
      ['came down hard', '00:00:08,526 --> 00:00:10,000'],
    ]);
    const edge = `${'a'.repeat(40)} ${'b'.repeat(43)} ${'c'.repeat(20)}`;
    expect(captions(edge).map((c) => c[0])).toEqual([`${'a'.repeat(40)} ${'b'.repeat(43)}`, 'c'.repeat(20)]);
  });

  it('cuts a text without spaces at 84 characters, and keeps a last part of exactly 84 whole', () => {
    expect(captions('x'.repeat(100))).toEqual([
      ['x'.repeat(84), '00:00:00,000 --> 00:00:08,400'],
      ['x'.repeat(16), '00:00:08,400 --> 00:00:10,000'],
    ]);
    const last = `${'y'.repeat(40)} ${'z'.repeat(43)}`;
    expect(last.length).toBe(84);
    expect(captions(`${'x'.repeat(84)} ${last}`).map((c) => c[0])).toEqual(['x'.repeat(84), last]);
    expect(captions(last).map((c) => c[0])).toEqual([last]);
  });
});

describe('caption and lyric text', () => {
  const script =
    'INT. DECK - NIGHT\n\n[[only a note]]\n\nMAREN\nHi --> there [x] & <b>.\n\n~Sing [la] la\n~\n~♪ more ♪\n\nMAREN\nUntimed.\n';
  const parsed = parseScript(script, { format: 'fountain' });
  const sheet: CueSheet = {
    ...parsed,
    cues: parsed.cues.map((c, i) => (c.text === 'Untimed.' ? c : { ...c, start: i * 2, end: i * 2 + 1 })),
  };

  it('SRT draws the arrow a caption cannot hold and leaves out cues with nothing said or no time', () => {
    expect(srtCaptions(sheet)).toBe(
      '1\n00:00:00,000 --> 00:00:01,000\nINT. DECK - NIGHT\n\n' +
        '2\n00:00:04,000 --> 00:00:05,000\nMaren: Hi → there [x] & <b>.\n\n' +
        '3\n00:00:06,000 --> 00:00:07,000\n♪ Sing [la] la more ♪\n',
    );
  });

  it('WebVTT escapes & < > and names the speaker only where there is one', () => {
    expect(webvttCaptions(sheet)).toBe(
      'WEBVTT\n\n00:00:00.000 --> 00:00:01.000\nINT. DECK - NIGHT\n\n' +
        '00:00:04.000 --> 00:00:05.000\n<v Maren>Hi --&gt; there [x] &amp; &lt;b&gt;.\n\n' +
        '00:00:06.000 --> 00:00:07.000\n♪ Sing [la] la more ♪\n',
    );
  });

  it('LRC turns brackets into parentheses and drops the song marks and empty lines', () => {
    expect(lrcLyrics(sheet)).toBe(
      '[ti:INT. DECK - NIGHT]\n[00:06.00]Sing (la) la\n[00:06.75]more\n[00:07.00]\n',
    );
  });
});

describe('chapter marks at the margins', () => {
  it('starts a chapter at its first timed cue when the first cue has no time', () => {
    const sheet = prose(['One.', 'Two.', 'Three.'], [undefined, [4, 5], [6, 7]]);
    const cueIds = sheet.cues.map((c) => c.id);
    const marks = chapterMarks(
      {
        ...sheet,
        chapters: [
          { id: 'a', title: 'A', cueIds: [cueIds[0]!] },
          { id: 'b', title: 'B', cueIds: [cueIds[0]!, cueIds[2]!] },
        ],
      },
      { duration: 20 },
    );
    expect(marks).toEqual([{ title: 'B', start: 0, end: 20 }]);
  });

  it('names the whole book after the sheet when no chapter has a time, unless nothing is timed', () => {
    const empty = prose(['One.'], []);
    expect(chapterMarks({ ...empty, title: 'Book', cues: [], chapters: [] }, { duration: 9 })).toEqual([
      { title: 'Book', start: 0, end: 9 },
    ]);
    const partly = prose(['One.', 'Two.'], [undefined, [1, 2]]);
    expect(chapterMarks({ ...partly, title: 'Book', chapters: [] }, { duration: 9 })).toEqual([
      { title: 'Book', start: 0, end: 9 },
    ]);
    expect(() => chapterMarks({ ...prose(['One.'], []), chapters: [] }, { duration: 9 })).toThrow(
      'the cue sheet has no times yet: align or scratch it first',
    );
  });

  it('drops a chapter that would last no time', () => {
    const sheet = prose(['One.'], [[0, 1]]);
    const marks = chapterMarks(
      {
        ...sheet,
        chapters: [
          { id: 'a', title: 'A', cueIds: [], start: 0 },
          { id: 'b', title: 'B', cueIds: [], start: 10 },
          { id: 'c', title: 'C', cueIds: [], start: 10 },
          { id: 'd', title: 'D', cueIds: [], start: 30 },
        ],
      },
      { duration: 30 },
    );
    expect(marks).toEqual([
      { title: 'A', start: 0, end: 10 },
      { title: 'C', start: 10, end: 30 },
    ]);
  });

  it('a chapter that opens with a song keeps its own title after the song (songs as chapters)', () => {
    // Section headings are not read aloud (untimed), so ACT TWO starts with its song, at the same moment.
    const parsed = parseScript(
      '# ACT ONE\n\nMAREN\nHello there.\n\n# ACT TWO\n\n~La la la,\n~la la.\n\nMAREN\nThen I slept.\n\n# ACT THREE\n\nMAREN\nMorning came.\n',
      { format: 'fountain' },
    );
    let t = 0;
    const sheet: CueSheet = {
      ...parsed,
      cues: parsed.cues.map((c) => {
        if (c.kind === 'heading') return c;
        t += 4;
        return { ...c, start: t, end: t + 3 };
      }),
    };
    // Hello 4–7, the song 8–11, "Then I slept." 12–15, ACT THREE 16–19.
    expect(chapterMarks(sheet, { duration: 20, lyricsAsChapters: true })).toEqual([
      { title: 'ACT ONE', start: 0, end: 8 },
      { title: '♪ La la la,', start: 8, end: 11 },
      { title: 'ACT TWO', start: 11, end: 16 },
      { title: 'ACT THREE', start: 16, end: 20 },
    ]);
    // The first chapter starts at 0 whatever its first cue: a song opening it at 4 s interrupts it.
    const first = parseScript('# ACT ONE\n\n~La la la,\n~la la.\n\nMAREN\nThen I slept.\n', {
      format: 'fountain',
    });
    const timed: CueSheet = {
      ...first,
      cues: first.cues.map((c, i) => (c.kind === 'heading' ? c : { ...c, start: i * 4, end: i * 4 + 3 })),
    };
    expect(chapterMarks(timed, { duration: 12, lyricsAsChapters: true }).map((m) => m.title)).toEqual([
      'ACT ONE',
      '♪ La la la,',
      'ACT ONE (continued)',
    ]);
    // Two songs in one chapter: its parts after them are numbered.
    const twice = parseScript('# ACT ONE\n\nMAREN\nHi.\n\n~La la\n\nMAREN\nSo.\n\n~Da da\n\nMAREN\nEnd.\n', {
      format: 'fountain',
    });
    const timedTwice: CueSheet = {
      ...twice,
      cues: twice.cues.map((c, i) => (c.kind === 'heading' ? c : { ...c, start: i * 4, end: i * 4 + 3 })),
    };
    expect(chapterMarks(timedTwice, { duration: 30, lyricsAsChapters: true }).map((m) => m.title)).toEqual([
      'ACT ONE',
      '♪ La la',
      'ACT ONE (continued)',
      '♪ Da da',
      'ACT ONE (continued 2)',
    ]);
  });

  it('titles a song chapter by its first line, cut at 60 characters, even when the song opens the sheet', () => {
    const long = 'La la la, a song whose first line runs on and on past sixty characters';
    const exact = 'b'.repeat(60);
    for (const [line, title] of [
      [long, `♪ ${long.slice(0, 59)}…`],
      [exact, `♪ ${exact}`],
    ] as const) {
      const parsed = parseScript(`~${line}\n~second line\n\nMAREN\nHello there.\n`, { format: 'fountain' });
      const sheet: CueSheet = {
        ...parsed,
        chapters: [],
        cues: parsed.cues.map((c, i) => ({ ...c, start: 2 + i * 5, end: 6 + i * 5 })),
      };
      expect(chapterMarks(sheet, { duration: 20, lyricsAsChapters: true })).toEqual([
        { title, start: 0, end: 20 },
      ]);
    }
  });
});

describe('CUE sheet file types', () => {
  const marks = [{ title: 'One', start: 0, end: 5 }];
  it('names the audio file type by its extension only', () => {
    const fileLine = (name: string) => cueSheetFile(marks, name, 'Book').split('\n')[1];
    expect(fileLine('C:\\out\\book.WAV')).toBe('FILE "book.WAV" WAVE');
    expect(fileLine('/out/book.wav.mp3')).toBe('FILE "book.wav.mp3" MP3');
    expect(fileLine('/out/book.mp3.m4b')).toBe('FILE "book.mp3.m4b" BINARY');
    expect(cueSheetFile(marks, 'a/b/book.m4b', 'Book')).toBe(
      'TITLE "Book"\nFILE "book.m4b" BINARY\n  TRACK 01 AUDIO\n    TITLE "One"\n    INDEX 01 00:00:00\n',
    );
  });
});
