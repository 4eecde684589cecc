import { describe, expect, it } from 'vitest';
import { parseScript } from '../../cues/parse-script.ts';
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
