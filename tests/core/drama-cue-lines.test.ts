import { describe, expect, it } from 'vitest';
import { parseScript } from '../../cues/parse-script.ts';
import {
  headingWords,
  sungWords,
  withoutDirections,
  withoutNotes,
} from '../../cues/readers/drama/drama-directions.ts';
import { dramaSpeaker } from '../../cues/readers/drama/read-drama.ts';
import { soundCueKind } from '../../cues/readers/drama/sound-cues.ts';
import { spokenText } from '../../cues/spoken-text.ts';
import { expectSheetInvariants } from '../support/sheet-invariants.ts';

// The edges of the radio-drama reader's line patterns (issue 19, mutation testing): each case is
// a line as writers type it, on the side of a pattern's bound that the broadcast-layout tests do
// not reach.

type Row = [kind: string, speaker: string, spoken: string];

function rows(script: string): Row[] {
  const sheet = parseScript(script, { format: 'drama' });
  expectSheetInvariants(script, sheet);
  return sheet.cues.map((c) => [c.kind, c.speaker ?? '', spokenText(c)]);
}

describe('a bracketed performance note between two words of a speech', () => {
  // Between words only the performance words are directions; anything else is the writer's own.
  const DIRECTIONS = [
    'sigh',
    'sighs',
    'laugh',
    'chuckle',
    'gasp',
    'cough',
    'sob',
    'whisper',
    'shout',
    'VO',
    'V.O.',
    'OS',
    'contd',
    "cont'd",
    'to Tom',
    'sarcastic',
    'sarcastically',
    'off mic',
  ];
  for (const word of DIRECTIONS) {
    it(`[${word}] is not said`, () => expect(withoutDirections(`I [${word}] know it.`)).toBe('I know it.'));
  }

  it("keeps a writer's insertion that only starts or ends like a direction", () => {
    expect(withoutDirections('They [offered] nothing.')).toBe('They [offered] nothing.');
    expect(withoutDirections('He said [he went to Paris] later.')).toBe('He said [he went to Paris] later.');
  });

  it('drops a parenthesised note typed against the word before it, and a note between sentences', () => {
    expect(withoutDirections('Wait(beat) listen.')).toBe('Wait listen.');
    expect(withoutDirections('Wait.[[cut?]]Go.')).toBe('Wait. Go.');
  });
});

describe('sung lines and titles keep their parentheses and lose notes and emphasis', () => {
  it('reads a lyric under its speaker without the writer’s note, the stress marks or the song marks', () => {
    expect(rows('BUFFY: ♪ Crossing *paths*[[key of G]](ooh) ♪')).toEqual([
      ['lyric', 'Buffy', 'Crossing paths (ooh)'],
    ]);
    expect(withoutNotes('♪ la la ♪')).toBe('♪ la la ♪');
  });

  it('titles the play without its note', () => {
    const sheet = parseScript('THE *LAST* LAMP [[working title]]\n\nEDITH: Hi.\n', { format: 'drama' });
    expect(spokenText(sheet.cues[0]!)).toBe('THE LAST LAMP');
  });
});

describe('heading words', () => {
  it('drop Markdown marks written against the word', () => {
    expect(headingWords('#Chapter 1')).toBe('Chapter 1');
    // Closing marks go; a "#" inside the heading is one of its words.
    expect(headingWords('## Part Two ##')).toBe('Part Two');
    expect(headingWords('# Episode #3: Storm')).toBe('Episode #3: Storm');
    expect(rows('#Chapter 1\n\nANNA: Hi.\n')).toEqual([
      ['heading', '', 'Chapter 1'],
      ['dialogue', 'Anna', 'Hi.'],
    ]);
  });
});

describe('sound and music cue lines at their bounds', () => {
  const TABLE: Array<[string, 'sfx' | 'music' | undefined]> = [
    // The BBC's music moves, several in a row, with the spacing and trailing blanks typed.
    ['GRAMS UP AND UNDER.', 'music'],
    ['MUSIC  OUT.', 'music'],
    ['MUSIC FADE OUT', 'music'],
    ['MUSIC OUT. ', 'music'],
    ['SFX IN', 'sfx'],
    ['[ SFX: door slams ]', 'sfx'],
    // A move in brackets, as a direction: the same cue (it was a silent note, so a bed never ended).
    ['[MUSIC OUT]', 'music'],
    ['(SFX FADES)', 'sfx'],
    ['( GRAMS UP AND UNDER. ) ', 'music'],
    ['[FX OUT)', undefined],
    // A name that opens with a sound word and a move is a speaker, not a cue.
    ['MUSIC INSTRUCTOR: Ready.', undefined],
  ];
  for (const [line, kind] of TABLE) {
    it(JSON.stringify(line), () => expect(soundCueKind(line)).toBe(kind));
  }

  it('reads a bracketed move between speeches as a music cue, whole on its line', () => {
    expect(rows('ANNA: Hello.\n\n[MUSIC OUT]\nBEN: Hi.\n')).toEqual([
      ['dialogue', 'Anna', 'Hello.'],
      ['music', '', ''],
      ['dialogue', 'Ben', 'Hi.'],
    ]);
  });

  it('reads the speaker whose name opens with a music move', () => {
    expect(rows('MUSIC INSTRUCTOR: Ready.\n\nEDITH: Play.')).toEqual([
      ['dialogue', 'Music Instructor', 'Ready.'],
      ['dialogue', 'Edith', 'Play.'],
    ]);
  });
});

describe('the title page and the first line', () => {
  it('reads sentence-case title-page keys as keys, never as the title or a speech', () => {
    const sheet = parseScript('Title: The Lamp\nWritten by: Sam Okafor\nDraft date: 1 May\n\nEDITH: Hi.\n', {
      format: 'drama',
    });
    expect(sheet.title).toBe('The Lamp');
    expect(sheet.cues.map((c) => [c.kind, c.text])).toEqual([
      ['title', 'The Lamp'],
      ['note', 'Sam Okafor'],
      ['note', '1 May'],
      ['dialogue', 'Hi.'],
    ]);
    const byLine = parseScript('Written by: Sam Okafor\n\nEDITH: Hi.\n', { format: 'drama' });
    expect(byLine.cues.map((c) => c.kind)).toEqual(['note', 'dialogue']);
  });

  it('does not take an opening stage direction or a long capitals line for the title', () => {
    expect(rows('(Night. Rain on the glass.)\n\nEDITH: Hi.\n')).toEqual([
      ['note', '', ''],
      ['dialogue', 'Edith', 'Hi.'],
    ]);
    const long = 'THE WIND BATTERS THE SHUTTERS OF THE OLD LIGHTHOUSE AS THE KEEPER CLIMBS THE STAIRS SLOWLY';
    expect(long.length).toBeGreaterThan(80);
    expect(rows(`${long}\n\nEDITH: Hi.\n`)).toEqual([
      ['note', '', ''],
      ['dialogue', 'Edith', 'Hi.'],
    ]);
  });

  it('marks a speech said over the one before as overlapping', () => {
    const sheet = parseScript('EDITH: Go.\nTOM (OVERLAPPING): No!\n', { format: 'drama' });
    expect(sheet.cues.map((c) => [c.speaker, c.overlaps ?? false])).toEqual([
      ['Edith', false],
      ['Tom', true],
    ]);
  });
});

describe('radio title pages, speaker lines and headings as scripts write them', () => {
  const SCRIPTS: Array<[layout: string, script: string, expected: Row[]]> = [
    [
      'a by-line naming the kind of play',
      'THE LAMP\nA radio play by Sam Okafor\n\nEDITH: Hi.\n',
      [
        ['title', '', 'THE LAMP'],
        ['note', '', ''],
        ['dialogue', 'Edith', 'Hi.'],
      ],
    ],
    [
      'an adaptation credit',
      'The Lamp\nAdapted by Sam Okafor\n\nEDITH: Hi.\n',
      [
        ['title', '', 'The Lamp'],
        ['note', '', ''],
        ['dialogue', 'Edith', 'Hi.'],
      ],
    ],
    [
      'a cast list with its names under it',
      'THE LAMP\n\nCast list:\nEDITH\nTOM\n\nEDITH: Hi.\n',
      [
        ['title', '', 'THE LAMP'],
        ['note', '', ''],
        ['dialogue', 'Edith', 'Hi.'],
      ],
    ],
    [
      'dramatis personae alone, the names in the next paragraph',
      'THE LAMP\n\nDramatis Personae\n\nEDITH, a keeper\n\nEDITH: Hi.\n',
      [
        ['title', '', 'THE LAMP'],
        ['note', '', ''],
        ['note', '', ''],
        ['dialogue', 'Edith', 'Hi.'],
      ],
    ],
    [
      'CHARACTERS: alone',
      'THE LAMP\n\nCHARACTERS:\n\nEDITH\n\nEDITH: Hi.\n',
      [
        ['title', '', 'THE LAMP'],
        ['note', '', ''],
        ['note', '', ''],
        ['dialogue', 'Edith', 'Hi.'],
      ],
    ],
    [
      "a writer's note",
      'EDITH: Hi.\n\nNote: this scene is cut.\n',
      [
        ['dialogue', 'Edith', 'Hi.'],
        ['note', '', 'this scene is cut.'],
      ],
    ],
    [
      'scenes numbered in roman numerals and in words',
      'Scene IV\n\nEDITH: Hi.\n\nScene Two - The Rocks\n\nTOM: Yo.\n',
      [
        ['heading', '', 'Scene IV'],
        ['dialogue', 'Edith', 'Hi.'],
        ['heading', '', 'Scene Two - The Rocks'],
        ['dialogue', 'Tom', 'Yo.'],
      ],
    ],
    [
      'screenplay scene headings',
      'INT. LAMP ROOM - NIGHT\n\nEDITH: Hi.\n\nI/E CAR\n\nTOM: Yo.\n',
      [
        ['heading', '', 'INT. LAMP ROOM - NIGHT'],
        ['dialogue', 'Edith', 'Hi.'],
        ['heading', '', 'I/E CAR'],
        ['dialogue', 'Tom', 'Yo.'],
      ],
    ],
    [
      'a song marked with ♫',
      'EDITH: Hi.\nTOM: ♫ la la\n♫ la\n',
      [
        ['dialogue', 'Edith', 'Hi.'],
        ['lyric', 'Tom', 'la la\nla'],
      ],
    ],
    [
      'names set off by wide spaces or a tab; five words before a colon are no name',
      'EDITH (OFF)   Hi there.\nMARY ANNE JONES\tYo.\nA B C D E: no.\n',
      [
        ['dialogue', 'Edith', 'Hi there.'],
        ['dialogue', 'Mary Anne Jones', 'Yo.\nA B C D E: no.'],
      ],
    ],
    [
      'cue numbers run to four digits',
      '1234 EDITH: Hi.\n12345 TOM: Yo.\n',
      [['dialogue', 'Edith', 'Hi.\n12345 TOM: Yo.']],
    ],
    [
      'a technical direction in capitals, and a narrator named short',
      'EDITH: Hi.\n\nTHE DOOR OPENS.\n\nNarr: Meanwhile.\n',
      [
        ['dialogue', 'Edith', 'Hi.'],
        ['note', '', ''],
        ['narration', '', 'Meanwhile.'],
      ],
    ],
    [
      'an opening sentence is no title',
      'It was a dark night, and the wind blew.\n\nEDITH: Hi.\n',
      [
        ['narration', '', 'It was a dark night, and the wind blew.'],
        ['dialogue', 'Edith', 'Hi.'],
      ],
    ],
  ];
  for (const [layout, script, expected] of SCRIPTS) {
    it(layout, () => expect(rows(script)).toEqual(expected));
  }

  it('opens a chapter at each numbered scene, not at screenplay headings', () => {
    const scenes = parseScript('Scene IV\n\nEDITH: Hi.\n\nScene Two - The Rocks\n\nTOM: Yo.\n', {
      format: 'drama',
    });
    expect(scenes.chapters.map((c) => c.title)).toEqual(['Scene IV', 'Scene Two - The Rocks']);
    const screenplay = parseScript('INT. LAMP ROOM - NIGHT\n\nEDITH: Hi.\n\nI/E CAR\n\nTOM: Yo.\n', {
      format: 'drama',
    });
    expect(screenplay.chapters.map((c) => c.title)).toEqual(['INT. LAMP ROOM - NIGHT']);
  });

  it('counts the speaker a line opens with, as format detection does', () => {
    const TABLE: Array<[string, string | undefined]> = [
      ['12. EDITH: Hi', 'EDITH'],
      ['EDITH\tHi', 'EDITH'],
      ['TOM   Hi', 'TOM'],
      ['Title: X', undefined],
      ['Note: x', undefined],
      ['Cast: a', undefined],
      ['MARY ANNE JONES SMITH BROWN: x', undefined],
      ['Tom said: hi', undefined],
    ];
    expect(TABLE.map(([line]) => [line, dramaSpeaker(line)])).toEqual(TABLE);
  });
});

// Issue 19, second pass: lines from the survivors of the drama mutation run, as writers type them.

/** Each chapter's title and how many cues it holds. */
function chapters(script: string): Array<[title: string, cues: number]> {
  return parseScript(script, { format: 'drama' }).chapters.map((c) => [c.title, c.cueIds.length]);
}

describe("authors' notes and the title page", () => {
  it('an "A/N:" or "Author\'s note:" line is a note, never narration (it was read as narration)', () => {
    expect(
      rows(
        "THE LAST BUS\n\nA/N: This takes place after episode 3.\n\nTOM: Hello.\n\nAuthor's note: thanks to my beta.\n\nA/N: more\nstill more\n\nEDITH: Bye.\n\nA/N:",
      ),
    ).toEqual([
      ['title', '', 'THE LAST BUS'],
      ['note', '', 'This takes place after episode 3.'],
      ['dialogue', 'Tom', 'Hello.'],
      ['note', '', 'thanks to my beta.'],
      ['note', '', 'more\nstill more'],
      ['dialogue', 'Edith', 'Bye.'],
      ['note', '', 'A/N:'],
    ]);
  });

  it("an author's note however it is spelt: curly apostrophe, capitals, no apostrophe, dotted, no space", () => {
    const spellings = [
      'Author’s Note: thanks, all.',
      'AUTHORS NOTE: thanks, all.',
      'A.N.: thanks, all.',
      "Authors' notes:thanks, all.",
      '  A/N : thanks, all.',
    ];
    for (const line of spellings) {
      expect(rows(`EDITH: Hi.\n\n${line}`), line).toEqual([
        ['dialogue', 'Edith', 'Hi.'],
        ['note', '', 'thanks, all.'],
      ]);
    }
  });

  it('a first line opening with "By" is a by-line only when a name follows (the story was silenced)', () => {
    expect(rows('By morning the storm had passed.\n\nEDITH: Hi.')).toEqual([
      ['narration', '', 'By morning the storm had passed.'],
      ['dialogue', 'Edith', 'Hi.'],
    ]);
    for (const byLine of [
      'by Sam Okafor',
      'BY SAM OKAFOR',
      'Written by Sam Okafor',
      'Adapted by Sam Okafor',
      'A play by Jo Smith',
      'Radio play by Jo Smith',
    ]) {
      expect(rows(`The Lamp\n${byLine}\n\nEDITH: Hi.`), byLine).toEqual([
        ['title', '', 'The Lamp'],
        ['note', '', ''],
        ['dialogue', 'Edith', 'Hi.'],
      ]);
    }
    expect(rows('THE LAMP\n\nThe house stood by the sea.\n\nEDITH: Hi.')).toEqual([
      ['title', '', 'THE LAMP'],
      ['narration', '', 'The house stood by the sea.'],
      ['dialogue', 'Edith', 'Hi.'],
    ]);
  });

  it('an opening direction in square brackets is a note, not the title (it was the title)', () => {
    expect(rows('[Door slams]\n\nEDITH: Hi.')).toEqual([
      ['note', '', ''],
      ['dialogue', 'Edith', 'Hi.'],
    ]);
  });

  it('titles of eight words, with a full stop inside, and what is too long or not alone to be one', () => {
    expect(rows('The Day the Sea Came Into Our Town\n\nEDITH: Hi.')[0]).toEqual([
      'title',
      '',
      'The Day the Sea Came Into Our Town',
    ]);
    expect(rows("Mr. Bloom's Day Out\n\nEDITH: Hi.")[0]).toEqual(['title', '', "Mr. Bloom's Day Out"]);
    expect(rows('A kitchen in Leeds late at night with the radio playing softly\n\nEDITH: Hi.')[0]![0]).toBe(
      'narration',
    );
    expect(rows('Leeds, 1962\nA kitchen. The radio plays.\n\nEDITH: Hi.')[0]![0]).toBe('narration');
    expect(rows('THE LAMP\nby Sam Okafor\n\nSummer, 1962\n\nEDITH: Hi.').map((r) => r[0])).toEqual([
      'title',
      'note',
      'narration',
      'dialogue',
    ]);
  });

  it('a cast list: its heading alone, with trailing blanks, or "CAST LIST", and names given with colons', () => {
    const unsaid = [
      ['title', '', 'THE LAMP'],
      ['note', '', ''],
      ['note', '', ''],
      ['dialogue', 'Edith', 'Hi.'],
    ];
    expect(rows('THE LAMP\n\nCAST LIST:\n\nEDITH, a widow\nTOM, her son\n\nEDITH: Hi.')).toEqual(unsaid);
    expect(rows('THE LAMP\n\nCAST:  \n\nEDITH, a widow\n\nEDITH: Hi.')).toEqual(unsaid);
    expect(rows('THE LAMP\n\nCAST:\nEDITH: a widow\nTOM: her son\n\nEDITH: Hi.')).toEqual([
      ['title', '', 'THE LAMP'],
      ['note', '', ''],
      ['dialogue', 'Edith', 'Hi.'],
    ]);
  });

  it('a script opening on its music is a music cue, not the title', () => {
    expect(rows('MUSIC: SIGNATURE TUNE\n\nEDITH: Hi.')).toEqual([
      ['music', '', ''],
      ['dialogue', 'Edith', 'Hi.'],
    ]);
  });
});

describe('speaker lines at their bounds', () => {
  it('names with numbers, four words, a tight colon, two tabs, a wide cue number; keys that end or open names', () => {
    expect(
      rows(
        'GUARD 2: Halt.\n\nTHE MAN IN BLACK: Halt.\n\nEDITH:Hi.\n\nEDITH\t\tShut that.\n\n12.  TOM: Only me.\n\nTOBY: Hi.\n\nBYRON: Hi.',
      ),
    ).toEqual([
      ['dialogue', 'Guard 2', 'Halt.'],
      ['dialogue', 'The Man In Black', 'Halt.'],
      ['dialogue', 'Edith', 'Hi.'],
      ['dialogue', 'Edith', 'Shut that.'],
      ['dialogue', 'Tom', 'Only me.'],
      ['dialogue', 'Toby', 'Hi.'],
      ['dialogue', 'Byron', 'Hi.'],
    ]);
  });

  it('a sound cue, a rule or a heading ends the speech above it; a sung line under it is its speaker singing', () => {
    expect(
      rows(
        'EDITH: Hello\n[SFX: DOOR SLAMS]\nwho is there?\n\nEDITH: Hi.\n* * *\nShe left.\n\nEDITH: Hi.\nSCENE 2\nRain.\n\nEDITH: I will sing it.\n♪ Daisy, Daisy',
      ),
    ).toEqual([
      ['dialogue', 'Edith', 'Hello'],
      ['sfx', '', ''],
      ['narration', '', 'who is there?'],
      ['dialogue', 'Edith', 'Hi.'],
      ['separator', '', ''],
      ['narration', '', 'She left.'],
      ['dialogue', 'Edith', 'Hi.'],
      ['heading', '', 'SCENE 2'],
      ['narration', '', 'Rain.'],
      ['dialogue', 'Edith', 'I will sing it.'],
      ['lyric', 'Edith', 'Daisy, Daisy'],
    ]);
  });

  it('a line that only opens or only closes with a direction is narration', () => {
    expect(
      rows(
        '(Night.) Rain on the glass.\n\nRain on the glass (continuous)\n\nShe waits [beat]\n\n[Door slams.] She jumps.',
      ),
    ).toEqual([
      ['narration', '', 'Rain on the glass.'],
      ['narration', '', 'Rain on the glass'],
      ['narration', '', 'She waits'],
      ['narration', '', 'She jumps.'],
    ]);
  });
});

describe('scenes as chapters', () => {
  it('a crime scene in a screenplay heading, a speech about a scene, and a scene number after two spaces', () => {
    expect(
      chapters(
        'TOM: Ready?\n\nINT. THE CRIME SCENE - NIGHT\n\nEDITH: Hi.\n\nSCENE  2\n\nEDITH: Scene two was the best.',
      ),
    ).toEqual([
      // The opening chapter is named after the first heading (the script has no title).
      ['INT. THE CRIME SCENE - NIGHT', 3],
      ['SCENE 2', 2],
    ]);
  });
});

describe('directions inside a speech', () => {
  const SPOKEN: Array<[line: string, spoken: string]> = [
    ['EDITH: Hear what? [Door slams.] Oh.', 'Hear what? Oh.'],
    ["EDITH: [Door slams.] Who's there?", "Who's there?"],
    ['EDITH: Oh. I saw [the] boat.', 'Oh. I saw [the] boat.'],
    ['EDITH: "Run!" [Door slams.] And I ran.', '"Run!" And I ran.'],
    ['EDITH: Come here [Door slams.]  ', 'Come here'],
    ["EDITH: I [ pause ] can't.", "I can't."],
    ['EDITH: Wait.[beat]Go.', 'Wait. Go.'],
    ['TOM: (OFF) Hello,\nis anyone in?', 'Hello,\nis anyone in?'],
  ];
  for (const [line, spoken] of SPOKEN) {
    it(JSON.stringify(line), () => expect(rows(line).map((r) => r[2])).toEqual([spoken]));
  }

  it('headings keep a "#" inside them and drop only closing marks', () => {
    expect(rows('INT. APARTMENT #4 - NIGHT')).toEqual([['heading', '', 'INT. APARTMENT #4 - NIGHT']]);
    expect(rows("Chapter 3: We're #1")).toEqual([['heading', '', "Chapter 3: We're #1"]]);
  });
});

describe('a sung line as sung (sungWords): notes outside its marks go, its own parentheses stay', () => {
  const TABLE: Array<[string, string]> = [
    // Several notes before the marks, with and without blanks between.
    ['(SINGS) [softly] ♪ Daisy, Daisy ♪', 'Daisy, Daisy'],
    ['(SINGS)♪ Daisy, Daisy ♪', 'Daisy, Daisy'],
    // Several after the closing mark, touching it or not.
    ['♪ Daisy, Daisy ♪ [stops] (laughs)', 'Daisy, Daisy'],
    ['♪ Daisy, Daisy ♪[stops]', 'Daisy, Daisy'],
    // A parenthesis inside the song (no mark on its outer side) is sung.
    ['♪ Daisy, Daisy (ooh)', 'Daisy, Daisy (ooh)'],
    ['(ooh) Daisy, Daisy ♪', '(ooh) Daisy, Daisy'],
    // Marks typed between words part them.
    ['♪Daisy♪♫give me♫', 'Daisy give me'],
  ];
  for (const [line, sung] of TABLE) it(JSON.stringify(line), () => expect(sungWords(line)).toBe(sung));
});

describe('headings and trailing blanks', () => {
  it('drops closing hashes only when they stand apart from the words', () => {
    expect(headingWords('# Episode #3 #')).toBe('Episode #3');
    expect(headingWords('#  Title  ')).toBe('Title');
  });

  it('drops a bracketed direction at the end of a line typed with a trailing blank', () => {
    expect(withoutDirections('And then he left [exits] ')).toBe('And then he left');
  });
});
