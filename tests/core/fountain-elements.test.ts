import { describe, expect, it } from 'vitest';
import { parseScript } from '../../cues/parse-script.ts';
import { fountainSpoken, withoutEmphasis } from '../../cues/readers/fountain/fountain-markup.ts';
import { spokenText } from '../../cues/spoken-text.ts';
import { expectSheetInvariants } from '../support/sheet-invariants.ts';

// Fountain element by element (fountain.io/syntax), each with and without blank lines around it
// where the spec lets an element stand without them. Rows: [kind, speaker, spoken text].

type Row = [kind: string, speaker: string, spoken: string];

function rows(script: string): Row[] {
  const sheet = parseScript(script, { fileName: 'x.fountain' });
  expectSheetInvariants(script, sheet);
  return sheet.cues.map((c) => [c.kind, c.speaker ?? '', spokenText(c)]);
}

const ELEMENTS: Array<[element: string, script: string, expected: Row[]]> = [
  [
    'scene heading',
    'INT. HOUSE - DAY\n\nShe waits.',
    [
      ['heading', '', 'INT. HOUSE - DAY'],
      ['narration', '', 'She waits.'],
    ],
  ],
  [
    'scene heading EST and I/E',
    'EST. TOWER - DAWN\n\nI/E. CAR - MOVING',
    [
      ['heading', '', 'EST. TOWER - DAWN'],
      ['heading', '', 'I/E. CAR - MOVING'],
    ],
  ],
  ['scene heading INT./EXT.', 'INT./EXT. PORCH - NIGHT', [['heading', '', 'INT./EXT. PORCH - NIGHT']]],
  [
    'forced scene heading',
    '.FLASHBACK\n\nRain.',
    [
      ['heading', '', 'FLASHBACK'],
      ['narration', '', 'Rain.'],
    ],
  ],
  ['ellipsis is not a forced heading', '...and then silence.', [['narration', '', '...and then silence.']]],
  ['scene number is not spoken', 'INT. HOUSE - DAY #1A#', [['heading', '', 'INT. HOUSE - DAY']]],
  [
    'heading needs a blank line after it',
    'INT. HOUSE - DAY\nShe waits.',
    [['narration', '', 'INT. HOUSE - DAY\nShe waits.']],
  ],
  ['action over lines', 'She waits.\nThe clock ticks.', [['narration', '', 'She waits.\nThe clock ticks.']]],
  ['forced action', '!SCANNING THE AISLES\nNothing.', [['narration', '', 'SCANNING THE AISLES\nNothing.']]],
  ['character and dialogue', 'STEEL\nBeer me.', [['dialogue', 'Steel', 'Beer me.']]],
  ['character extension', 'MOM (O.S.)\nDinner!', [['dialogue', 'Mom', 'Dinner!']]],
  ['forced character', '@McCLANE\nYippee.', [['dialogue', 'McClane', 'Yippee.']]],
  [
    'parenthetical splits and is not spoken',
    'STEEL\n(starting)\nWell.\n(beat)\nNo.',
    [
      ['dialogue', 'Steel', 'Well.'],
      ['dialogue', 'Steel', 'No.'],
    ],
  ],
  [
    'dual dialogue',
    'BRICK\nScrew retirement.\n\nSTEEL ^\nScrew retirement.',
    [
      ['dialogue', 'Brick', 'Screw retirement.'],
      ['dialogue', 'Steel', 'Screw retirement.'],
    ],
  ],
  [
    'two-space line keeps dialogue together',
    'DEALER\nTen.\n  \nStill ten.',
    [
      ['dialogue', 'Dealer', 'Ten.'],
      ['dialogue', 'Dealer', 'Still ten.'],
    ],
  ],
  ['lyrics', '~Willy Wonka!\n~Willy Wonka!', [['lyric', '', 'Willy Wonka!\nWilly Wonka!']]],
  [
    'sung dialogue',
    'OPERATOR\n~Happy birthday,\n~to you.',
    [['lyric', 'Operator', 'Happy birthday,\nto you.']],
  ],
  [
    'transition',
    'She waits.\n\nCUT TO:\n\nRain.',
    [
      ['narration', '', 'She waits.'],
      ['note', '', ''],
      ['narration', '', 'Rain.'],
    ],
  ],
  ['forced transition', '> Burn to white.', [['note', '', '']]],
  ['centered', '>THE END<', [['narration', '', 'THE END']]],
  ['centered with spaces and emphasis', '> **THE END** <', [['narration', '', 'THE END']]],
  [
    'page break',
    'One.\n\n===\n\nTwo.',
    [
      ['narration', '', 'One.'],
      ['separator', '', ''],
      ['narration', '', 'Two.'],
    ],
  ],
  [
    'section',
    '# Act One\n\nRain.',
    [
      ['heading', '', 'Act One'],
      ['narration', '', 'Rain.'],
    ],
  ],
  [
    'synopsis is not spoken',
    '= They meet.\n\nRain.',
    [
      ['note', '', ''],
      ['narration', '', 'Rain.'],
    ],
  ],
  [
    'note line is not spoken',
    '[[licence the song]]\n\nRain.',
    [
      ['note', '', ''],
      ['narration', '', 'Rain.'],
    ],
  ],
  ['note over several lines', '[[licence\nthe song]]', [['note', '', '']]],
  [
    'inline note',
    'She waits. [[too long?]] The clock ticks.',
    [['narration', '', 'She waits. The clock ticks.']],
  ],
  ['boneyard', '/* cut\nscene */\n\nRain.', [['narration', '', 'Rain.']]],
  ['inline boneyard', 'She waits /* or runs */ by the door.', [['narration', '', 'She waits by the door.']]],
  ['emphasis', 'It is *very* **very** ***very*** _late_.', [['narration', '', 'It is very very very late.']]],
  // No blank line between elements that the spec marks at the start of their line.
  [
    'section then scene heading',
    '# one\nINT. LAIR - DAY\n= He waits.',
    [
      ['heading', '', 'one'],
      ['heading', '', 'INT. LAIR - DAY'],
      ['note', '', ''],
    ],
  ],
  [
    'scene heading then synopsis',
    'EXT. SUN\n= The end.',
    [
      ['heading', '', 'EXT. SUN'],
      ['note', '', ''],
    ],
  ],
  [
    'section then character',
    '# one\nDANA\nHi.',
    [
      ['heading', '', 'one'],
      ['dialogue', 'Dana', 'Hi.'],
    ],
  ],
  [
    'note line inside dialogue',
    'DANA\nHi.\n[[louder]]\nBye.',
    [
      ['dialogue', 'Dana', 'Hi.'],
      ['note', '', ''],
      ['dialogue', 'Dana', 'Bye.'],
    ],
  ],
  [
    'page break between action lines',
    'One.\n===\nTwo.',
    [
      ['narration', '', 'One.'],
      ['separator', '', ''],
      ['narration', '', 'Two.'],
    ],
  ],
  [
    'lyric line after action',
    'She sings.\n~La la.',
    [
      ['narration', '', 'She sings.'],
      ['lyric', '', 'La la.'],
    ],
  ],
];

describe('Fountain, element by element (fountain.io/syntax)', () => {
  for (const [element, script, expected] of ELEMENTS) {
    it(element, () => {
      expect(rows(script).map(([k, s, t]) => [k, s, k === 'separator' ? '' : t])).toEqual(expected);
    });
  }

  it('title page: every key, continued values, emphasis out of the title, contact details unspoken', () => {
    const script =
      'Title:\n    _**BRICK & STEEL**_\n    _**FULL RETIRED**_\nCredit: Written by\nAuthor: Stu\nContact:\n    1 Main St\nEpisode: 3\n\nINT. BAR - DAY';
    const sheet = parseScript(script, { fileName: 'x.fountain' });
    expect(sheet.title).toBe('BRICK & STEEL FULL RETIRED');
    expect(sheet.cues.map((c) => [c.kind, spokenText(c).replace(/\s+/g, ' ')])).toEqual([
      ['title', 'BRICK & STEEL FULL RETIRED'],
      ['note', 'Written by'],
      ['note', 'Stu'],
      ['note', ''],
      ['note', '3'],
      ['heading', 'INT. BAR - DAY'],
    ]);
  });

  it('title page whose first key is not one of the spec\u2019s', () => {
    const sheet = parseScript('Episode: 3\nTitle: The Ferry\nAuthor: A. Writer\n\nINT. DECK - NIGHT', {
      fileName: 'x.fountain',
    });
    expect(sheet.title).toBe('The Ferry');
    expect(sheet.cues.map((c) => c.kind)).toEqual(['note', 'title', 'note', 'heading']);
  });

  it('keeps the exact source text (markup and all) for offsets and ids', () => {
    const script = 'MAREN\nThis is *not* the boat. [[slower]]';
    const cue = parseScript(script, { fileName: 'x.fountain' }).cues[0]!;
    expect(cue.text).toBe('This is *not* the boat. [[slower]]');
    expect(script.slice(cue.source.start, cue.source.end)).toBe(cue.text);
    expect(cue.spoken).toBe('This is not the boat.');
  });
});

describe('Fountain character names (fountain.io: Character)', () => {
  const TABLE: Array<[string, string]> = [
    ['@McCLANE', 'McClane'],
    ['@McCLANE^', 'McClane'],
    ["@O'MALLEY-SMITH", "O'Malley-Smith"],
    ['@Tom', 'Tom'],
    ['@deVRIES', 'deVries'],
    ['HANS (V.O.)', 'Hans'],
  ];
  for (const [cue, speaker] of TABLE) {
    it(JSON.stringify(cue), () => {
      const sheet = parseScript(`INT. TOWER - NIGHT\n\n${cue}\nYippee.\n`, { fileName: 'x.fountain' });
      expect(sheet.cues.find((c) => c.kind === 'dialogue')?.speaker).toBe(speaker);
    });
  }
});

describe('Fountain emphasis (fountain.io: Emphasis)', () => {
  it('is gone from the spoken text of a nested line, whole', () => {
    const cue = parseScript('MAREN\n*Bold **and** italic*', { fileName: 'x.fountain' }).cues[0]!;
    expect(cue.spoken).toBe('Bold and italic');
  });

  const TABLE: Array<[string, string]> = [
    ['*italics*', 'italics'],
    ['**bold**', 'bold'],
    ['***bold italics***', 'bold italics'],
    ['_underline_', 'underline'],
    ['_*underlined italics*_', 'underlined italics'],
    ['**bold *and italic* inside**', 'bold and italic inside'],
    ['Steel enters the code on the keypad: **\\*9765\\***', 'Steel enters the code on the keypad: *9765*'],
    ['He dialed 555*1234*00 once.', 'He dialed 555*1234*00 once.'],
    ['snake_case_name stays', 'snake_case_name stays'],
    ['a lone * star', 'a lone * star'],
    ['*not across\nlines*', '*not across\nlines*'],
    ['http://x.com/b_darla_engraved.jpg', 'http://x.com/b_darla_engraved.jpg'],
    // Nested, each kind inside each other (fountain.io: "*Bold **and** italic*" style nestings).
    ['*Bold **and** italic*', 'Bold and italic'],
    ['**Bold *and* bold**', 'Bold and bold'],
    ['**bold *italic***', 'bold italic'],
    ['***bold** italic*', 'bold italic'],
    ['*italic ***both*** italic*', 'italic both italic'],
    ['_under *it* **bo**_', 'under it bo'],
    ['**a _b_ c**', 'a b c'],
    ['*one* and *two*', 'one and two'],
    ['*open but \\*escaped\\* inside*', 'open but *escaped* inside'],
    ['**unclosed *pair*', '**unclosed pair'],
    ['\\_literal\\_', '_literal_'],
  ];
  for (const [input, spoken] of TABLE) {
    it(JSON.stringify(input), () => {
      expect(input.includes('\n') ? fountainSpoken(input) : withoutEmphasis(input)).toBe(spoken);
    });
  }
});
