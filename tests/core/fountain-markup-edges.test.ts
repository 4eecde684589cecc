import { describe, expect, it } from 'vitest';
import type { CueKind } from '../../cues/cue-sheet.ts';
import { parseScript } from '../../cues/parse-script.ts';
import { fountainSpoken, withoutEmphasis } from '../../cues/readers/fountain/fountain-markup.ts';
import { spokenText } from '../../cues/spoken-text.ts';
import { expectSheetInvariants } from '../support/sheet-invariants.ts';

// Fountain markup and element lines at the bounds of their patterns (issue 19, mutation testing):
// two notes or two boneyards on one line, marks that are the only markup in a cue, scene numbers
// as screenwriting software writes them (fountain.io: "#1A#", "#I-1-A#", "#110.A#"), and lines
// with the trailing blanks editors leave.

type Row = [kind: string, speaker: string, spoken: string];

function rows(script: string): Row[] {
  const sheet = parseScript(script, { fileName: 'x.fountain' });
  expectSheetInvariants(script, sheet);
  return sheet.cues.map((c) => [c.kind, c.speaker ?? '', spokenText(c)]);
}

describe('inline notes and boneyard', () => {
  it('drops each of two notes on one line and keeps the words between them', () => {
    expect(rows('She waits. [[too long?]] The clock ticks. [[cut]] Rain.')).toEqual([
      ['narration', '', 'She waits. The clock ticks. Rain.'],
    ]);
  });

  it('drops each of two boneyards on one line and keeps the words between them', () => {
    expect(rows('She /* runs */ waits /* or not */ by the door.')).toEqual([
      ['narration', '', 'She waits by the door.'],
    ]);
  });

  it('reads a line opening and closing with notes as action, not as one note', () => {
    expect(rows('[[one]] She waits. [[two]]')).toEqual([['narration', '', 'She waits.']]);
  });
});

describe('marks that are the only markup in a cue', () => {
  const TABLE: Array<[script: string, expected: Row[]]> = [
    ['She is _late_.', [['narration', '', 'She is late.']]],
    ['She is *late*.', [['narration', '', 'She is late.']]],
    ['She waits.\n!THE CLOCK TICKS.', [['narration', '', 'She waits.\nTHE CLOCK TICKS.']]],
    ['She  waits, *alone*.', [['narration', '', 'She waits, alone.']]],
  ];
  for (const [script, expected] of TABLE) {
    it(JSON.stringify(script), () => expect(rows(script)).toEqual(expected));
  }
});

describe('scene numbers are not spoken', () => {
  for (const number of ['#1#', '#1A#', '#I-1-A#', '#110.A#', '#A1#']) {
    it(number, () => {
      expect(rows(`INT. HOUSE - DAY ${number}`)).toEqual([['heading', '', 'INT. HOUSE - DAY']]);
      expect(rows(`EXT. YARD - NIGHT   ${number}`)).toEqual([['heading', '', 'EXT. YARD - NIGHT']]);
    });
  }
});

describe('element lines with trailing blanks', () => {
  it('reads a transition, centered text and a parenthetical the same with blanks after them', () => {
    expect(rows('She waits.\n\nCUT TO:  \n\nMATCH-CUT TO:\n\nRain.')).toEqual([
      ['narration', '', 'She waits.'],
      ['note', '', ''],
      ['note', '', ''],
      ['narration', '', 'Rain.'],
    ]);
    expect(rows('>THE END<  ')).toEqual([['narration', '', 'THE END']]);
    expect(rows('STEEL\nWell.\n(beat)  \nNo.')).toEqual([
      ['dialogue', 'Steel', 'Well.'],
      ['dialogue', 'Steel', 'No.'],
    ]);
  });
});

// Issue 19, second pass: each line below is read by one element pattern or fast path that no
// other test reached (the survivors of the fountain mutation run), on lines as writers type them.

type Kinds = [kind: string, speaker: string][];

function kinds(script: string): Kinds {
  const sheet = parseScript(script, { fileName: 'x.fountain' });
  expectSheetInvariants(script, sheet);
  return sheet.cues.map((c) => [c.kind, c.speaker ?? '']);
}

describe('capitals lines that open with a mark are never a character', () => {
  it('a lyric, a synopsis, a section, centered text and a note in capitals, with a line under them', () => {
    expect(rows('~HAPPY BIRTHDAY TO YOU\n~HAPPY BIRTHDAY, DEAR BOB')).toEqual([
      ['lyric', '', 'HAPPY BIRTHDAY TO YOU\nHAPPY BIRTHDAY, DEAR BOB'],
    ]);
    expect(kinds('= BOB ARRIVES\nThe bank is quiet.')).toEqual([
      ['note', ''],
      ['narration', ''],
    ]);
    expect(kinds('# ACT ONE\nThe bank is quiet.')).toEqual([
      ['heading', ''],
      ['narration', ''],
    ]);
    expect(rows('> THE END <\n> A CUEWRIGHT PRODUCTION <')).toEqual([
      ['narration', '', 'THE END'],
      ['narration', '', 'A CUEWRIGHT PRODUCTION'],
    ]);
    expect(rows('[[FIX LATER]]\nThe door opens.')).toEqual([
      ['note', '', ''],
      ['narration', '', 'The door opens.'],
    ]);
  });

  it('a sound cue in capitals straight above action is a cue, not a name (it was read as a speaker)', () => {
    expect(rows('SFX: DOOR SLAMS\nBob jumps.\n\nMUSIC UP\nBob dances.')).toEqual([
      ['sfx', '', ''],
      ['narration', '', 'Bob jumps.'],
      ['music', '', ''],
      ['narration', '', 'Bob dances.'],
    ]);
  });

  it('a lone capitals line is action, however it would read as a name above a speech', () => {
    expect(rows('THE END')).toEqual([['narration', '', 'THE END']]);
    expect(rows('[[check]]\nSILENCE.')).toEqual([
      ['note', '', ''],
      ['narration', '', 'SILENCE.'],
    ]);
  });
});

describe('character lines', () => {
  it('an extension in small letters, an indented forced name, a lone "@"', () => {
    expect(rows("BOB (cont'd)\nHello.")).toEqual([['dialogue', 'Bob', 'Hello.']]);
    expect(rows('    @McCLANE\n    Yippee ki-yay.')).toEqual([['dialogue', 'McClane', 'Yippee ki-yay.']]);
    expect(kinds('@\nHello.')).toEqual([['narration', '']]);
  });

  it('dual dialogue ("^") and "(overlapping)" mark the speech said over the one before, and only that one', () => {
    const sheet = parseScript(
      'BRICK\nHi.\n\nSTEEL ^\nHello.\n\nBRICK^\nYo.\n\nSTEEL\n(beat)\nNo.\n\nBRICK\n(overlapping)\nNo!\n\nSTEEL (OVERLAP)\nWell.\n(beat)\nFine.',
      { fileName: 'x.fountain' },
    );
    expect(sheet.cues.map((c) => [c.speaker, spokenText(c), c.overlaps ?? false])).toEqual([
      ['Brick', 'Hi.', false],
      ['Steel', 'Hello.', true],
      ['Brick', 'Yo.', true],
      ['Steel', 'No.', false],
      ['Brick', 'No!', true],
      ['Steel', 'Well.', true],
      ['Steel', 'Fine.', false],
    ]);
  });

  it('a sung line inside a speech, a playful tilde, a parenthetical that is only part of a line', () => {
    expect(rows('BOB\nHello.\n~La la la')).toEqual([
      ['dialogue', 'Bob', 'Hello.'],
      ['lyric', 'Bob', 'La la la'],
    ]);
    expect(rows('MIA\nBye-bye~')).toEqual([['dialogue', 'Mia', 'Bye-bye~']]);
    expect(kinds('BOB\nYou came back (again)\n\nBOB\n(beat) Well, fine.')).toEqual([
      ['dialogue', 'Bob'],
      ['dialogue', 'Bob'],
    ]);
  });

  it('notes with spaces inside a speech or after it are notes, with trailing blanks too', () => {
    expect(kinds('BOB\nHello.\n[[check this]]\nBye.')).toEqual([
      ['dialogue', 'Bob'],
      ['note', ''],
      ['dialogue', 'Bob'],
    ]);
  });
});

describe('blank lines as editors leave them', () => {
  // Word and PDF exports leave no-break and other Unicode spaces, form feeds and tabs on "empty" lines.
  const BLANKS = ['   ', '\t\t', '\t', '\u000b', '\f', '\u00a0', '\u1680', '\u2000', '\u200a', '\u2028'];
  const MORE = ['\u2029', '\u202f', '\u205f', '\u3000', '\ufeff', ' \u00a0 '];
  for (const blank of [...BLANKS, ...MORE]) {
    it(`a line of ${JSON.stringify(blank)} ends the speech`, () => {
      expect(rows(`BOB\nHello.\n${blank}\nShe leaves.`)).toEqual([
        ['dialogue', 'Bob', 'Hello.'],
        ['narration', '', 'She leaves.'],
      ]);
    });
  }

  it('two spaces keep a blank inside an element but open none', () => {
    expect(rows('She waits.\n  \nHe sits.')).toEqual([
      ['narration', '', 'She waits.'],
      ['narration', '', 'He sits.'],
    ]);
    expect(rows('She waits.\n\n  \nBOB\nHello.')).toEqual([
      ['narration', '', 'She waits.'],
      ['dialogue', 'Bob', 'Hello.'],
    ]);
  });
});

describe('notes, sections and boneyard between lines of action', () => {
  it('a note on its own line splits the action, indented or not', () => {
    for (const note of ['[[check this]]', '  [[check]]', '\t[[check]]', '[[fix]] ']) {
      expect(kinds(`Bob waits.\n${note}\nHe sits.`), note).toEqual([
        ['narration', ''],
        ['note', ''],
        ['narration', ''],
      ]);
    }
  });

  it('a note over two lines is one note; one ending a line of action leaves the action', () => {
    expect(kinds('[[Check with\nlegal]]')).toEqual([['note', '']]);
    expect(rows('She waits. [[a\nb]]')).toEqual([['narration', '', 'She waits.']]);
  });

  it('a boneyard left open hides the rest of the script', () => {
    expect(rows('She waits.\n\n/* cut\nall this')).toEqual([['narration', '', 'She waits.']]);
  });

  it('a "#" inside a line does not change which sections open chapters', () => {
    const sheet = parseScript('## Part One\n\nShe enters apartment #2.\n\n## Part Two\n\nRain.', {
      fileName: 'x.fountain',
    });
    expect(sheet.chapters.map((c) => c.title)).toEqual(['Part One', 'Part Two']);
  });

  it('only the top sections open chapters; a one-word section is a heading, not a rule', () => {
    const sheet = parseScript('# Act One\n\n## Scene One\n\nRain.\n\n# Prologue\n\nSun.', {
      fileName: 'x.fountain',
    });
    expect(sheet.chapters.map((c) => c.title)).toEqual(['Act One', 'Prologue']);
    expect(kinds('# Prologue')).toEqual([['heading', '']]);
  });
});

describe('the title page', () => {
  it('an opening caption with a colon is action, not a title page', () => {
    expect(rows('Update: Day 3 of the siege.\n\nBob waits.')).toEqual([
      ['narration', '', 'Update: Day 3 of the siege.'],
      ['narration', '', 'Bob waits.'],
    ]);
    expect(rows('A memo on the desk.\nDate: Monday, 9 AM.')).toEqual([
      ['narration', '', 'A memo on the desk.\nDate: Monday, 9 AM.'],
    ]);
  });

  it('"Title :" titles the script; "Subtitle:" does not', () => {
    const sheet = parseScript('Title : The Heist\nSubtitle: A radio play\n\nBob waits.', {
      fileName: 'x.fountain',
    });
    expect(sheet.title).toBe('The Heist');
    expect(sheet.cues.map((c) => [c.kind, spokenText(c)])).toEqual([
      ['title', 'The Heist'],
      ['note', 'A radio play'],
      ['narration', 'Bob waits.'],
    ]);
  });

  it('contact details, revisions and notes under longer keys are not read out (an e-mail address was)', () => {
    expect(
      rows(
        'Title: The Heist\nContact info: jo@example.com\nRevision history: blue pages\nNotes on casting: all doubled\n\nBob waits.',
      ),
    ).toEqual([
      ['title', '', 'The Heist'],
      ['note', '', ''],
      ['note', '', ''],
      ['note', '', ''],
      ['narration', '', 'Bob waits.'],
    ]);
  });
});

describe('forced elements', () => {
  it('a forced action line leaves its "!" out of the cue', () => {
    const sheet = parseScript('She waits.\n\n!SILENCE.', { fileName: 'x.fountain' });
    expect(sheet.cues.map((c) => [c.kind, c.text])).toEqual([
      ['narration', 'She waits.'],
      ['narration', 'SILENCE.'],
    ]);
  });
});

describe('scene-break rules between lines of action', () => {
  // Ebook and word-processor ornaments as writers paste them; each is a rule, not a line of action.
  for (const rule of ['+++', '· · ·', '◆◆◆', '◇◇◇', '♦♦♦', '✦✦✦', '✧✧✧', '※※※', '* * *']) {
    it(rule, () => {
      expect(rows(`Bob waits.\n${rule}\nHe sits.`)).toEqual([
        ['narration', '', 'Bob waits.'],
        ['separator', '', ''],
        ['narration', '', 'He sits.'],
      ]);
    });
  }
});

describe('spoken text of Fountain markup at its edges (fountain-markup.ts mutation survivors)', () => {
  const SPOKEN: Array<[text: string, kind: CueKind | undefined, spoken: string]> = [
    // A note or boneyard between two words leaves a blank, not a joined word.
    ['Hello/* cut */world', undefined, 'Hello world'],
    ['Hi.[[note]]Bye.', undefined, 'Hi. Bye.'],
    // A boneyard left open hides the rest of the cue; a line left empty by a note is dropped.
    ['Hello /* the rest', undefined, 'Hello'],
    ['Hello\n[[note]]\nBye', undefined, 'Hello\nBye'],
    // A scene number ends a heading; "#1#" inside a line is the writer's.
    ['Press #1# twice.', undefined, 'Press #1# twice.'],
    // Centered text opens with ">" and closes with "<", nothing after it.
    ['x>y<', undefined, 'x>y<'],
    ['> a < b', undefined, '> a < b'],
    ['> a <3', undefined, '> a <3'],
  ];
  for (const [text, kind, spoken] of SPOKEN) {
    it(`${JSON.stringify(text)} says ${JSON.stringify(spoken)}`, () =>
      expect(fountainSpoken(text, kind)).toBe(spoken));
  }

  const EMPHASIS: Array<[line: string, shown: string]> = [
    // A backslash escapes only "*" and "_"; a line of escaped marks is read as well ("\_\_\_" is a blank to fill).
    ['C:\\temp', 'C:\\temp'],
    ['\\_\\_\\_', '___'],
    ['\\*', '*'],
    // A mark with blanks on both sides neither opens nor closes; one inside a word neither opens nor closes.
    ['a * b*', 'a * b*'],
    ['*a * b', '*a * b'],
    ['snake_case and x_', 'snake_case and x_'],
    ['_a snake_case', '_a snake_case'],
    // "_" closes only "_", "*" only "*".
    ['_a*', '_a*'],
  ];
  for (const [line, shown] of EMPHASIS) {
    it(`${JSON.stringify(line)} shows ${JSON.stringify(shown)}`, () =>
      expect(withoutEmphasis(line)).toBe(shown));
  }
});
