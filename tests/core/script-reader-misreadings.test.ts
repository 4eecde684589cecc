import { describe, expect, it } from 'vitest';
import { parseScript } from '../../cues/parse-script.ts';
import { spokenText } from '../../cues/spoken-text.ts';
import { expectSheetInvariants } from '../support/sheet-invariants.ts';

// Misreadings of the Fountain and radio-drama readers found with scripts written as screenwriters
// and BBC-style radio writers type them: each case is what a producer expects of the line.

type Row = [kind: string, speaker: string, text: string, spoken: string];

function rows(script: string, format: 'fountain' | 'drama'): Row[] {
  const sheet = parseScript(script, { format });
  expectSheetInvariants(script, sheet);
  return sheet.cues.map((c) => [c.kind, c.speaker ?? '', c.text, spokenText(c)]);
}

function chapters(script: string, format: 'fountain' | 'drama'): string[] {
  return parseScript(script, { format }).chapters.map((c) => c.title);
}

describe('Fountain: a parenthetical typed inside a line of dialogue', () => {
  it('is a direction, not said (it was spoken as text)', () => {
    expect(rows('BOB\nI know. (beat) I know.\n', 'fountain')).toEqual([
      ['dialogue', 'Bob', 'I know. (beat) I know.', 'I know. I know.'],
    ]);
  });

  it('at the start of a line, before a comma, on a later line of the speech', () => {
    expect(
      rows(
        'ALICE\n(to Bob) Well... (laughs) okay, fine (beat), yes.\nAnd *then* (pause)\nwe go.\n',
        'fountain',
      ),
    ).toEqual([
      [
        'dialogue',
        'Alice',
        '(to Bob) Well... (laughs) okay, fine (beat), yes.\nAnd *then* (pause)\nwe go.',
        'Well... okay, fine, yes.\nAnd then\nwe go.',
      ],
    ]);
  });

  it('a line of nothing but directions says nothing; action and lyrics keep their parentheses', () => {
    expect(rows('BOB\nHi. (beat)\n(sighs) (beat) Bye.\n', 'fountain')[0]![3]).toBe('Hi.\nBye.');
    expect(rows('BOB (50s) nurses a coffee.\n\nALICE\n~Row (row) your boat\n', 'fountain')).toEqual([
      ['narration', '', 'BOB (50s) nurses a coffee.', 'BOB (50s) nurses a coffee.'],
      ['lyric', 'Alice', 'Row (row) your boat', 'Row (row) your boat'],
    ]);
  });
});

describe('Fountain: a heading set between "=" rules', () => {
  const SCRIPT =
    'INT. FERRY - NIGHT\n\nBOB\nHi.\n\n=== INTERMISSION ===\n\nRain.\n\n= ACT TWO =\n\nBOB\nBack.\n\n==== PART THREE\n\nSun.\n\n=== THE END ===\n';

  it('is a heading that names a chapter (it was spoken, or a synopsis "INTERMISSION =")', () => {
    const read = rows(SCRIPT, 'fountain');
    expect(read.filter((r) => r[0] === 'heading').map((r) => r[2])).toEqual([
      'INT. FERRY - NIGHT',
      'INTERMISSION',
      'ACT TWO',
      'PART THREE',
      'THE END',
    ]);
    expect(read.some((r) => r[3].includes('='))).toBe(false);
    expect(chapters(SCRIPT, 'fountain')).toEqual([
      'INT. FERRY - NIGHT',
      'INTERMISSION',
      'ACT TWO',
      'PART THREE',
    ]);
  });

  it('opens no chapter where "#" sections open them', () => {
    const script = '# ACT ONE\n\nBOB\nHi.\n\n=== INTERMISSION ===\n\n# ACT TWO\n\nBOB\nBack.\n';
    expect(chapters(script, 'fountain')).toEqual(['ACT ONE', 'ACT TWO']);
    expect(rows(script, 'fountain')[2]).toEqual(['heading', '', 'INTERMISSION', 'INTERMISSION']);
  });

  it("leaves the spec's page break, synopsis and rules as they were", () => {
    expect(
      rows('Rain.\n\n===\n\n= Bob lies.\n\n= = =\n\n=====\n\nSun.\n', 'fountain').map((r) => r[0]),
    ).toEqual(['narration', 'separator', 'note', 'separator', 'separator', 'narration']);
    // Two marks with no closing rule stay a synopsis (fountain.io's "=" then text).
    expect(rows('Rain.\n\n== INTERMISSION\n', 'fountain')[1]![3]).toBe('');
  });
});

describe('fades typed without "TO:"', () => {
  it('Fountain: "FADE IN:", "FADE OUT.", "FADE TO BLACK.", "CUT TO BLACK." are transitions, never said', () => {
    const read = rows(
      'FADE IN:\n\nINT. FERRY - NIGHT\n\nBOB\nHi.\n\nFADE OUT.\n\nFADE TO BLACK.\n\nCUT TO BLACK.\n\nFade out.\n',
      'fountain',
    );
    expect(read.map((r) => [r[0], r[3]])).toEqual([
      ['note', ''],
      ['heading', 'INT. FERRY - NIGHT'],
      ['dialogue', 'Hi.'],
      ['note', ''],
      ['note', ''],
      ['note', ''],
      ['narration', 'Fade out.'],
    ]);
  });

  it('drama: "FADE OUT." under a speech ends it (it was said as the speech\'s last words)', () => {
    expect(rows('NARRATOR: She did not answer him.\nFADE OUT.\n', 'drama')).toEqual([
      ['narration', '', 'She did not answer him.', 'She did not answer him.'],
      ['note', '', 'FADE OUT.', ''],
    ]);
  });

  it('drama: a fade or a cut before a colon is no speaker ("Fade Up" said "A kitchen.")', () => {
    expect(
      rows('FADE IN:\nThe kitchen.\n\nFADE UP: A kitchen.\n\nEDITH: Hi.\nCUT TO:\nThe hall.\n', 'drama').map(
        (r) => [r[0], r[1], r[3]],
      ),
    ).toEqual([
      ['note', '', ''],
      ['narration', '', 'The kitchen.'],
      ['note', '', ''],
      ['dialogue', 'Edith', 'Hi.'],
      ['note', '', ''],
      ['narration', '', 'The hall.'],
    ]);
  });
});

describe('drama: sung lines', () => {
  it('are sung without their "♪" marks (they were in the spoken text)', () => {
    expect(
      rows("EDITH: ♪ Oh the keeper's light is burning,\n♪ burning bright across the bay ♪\n", 'drama'),
    ).toEqual([
      [
        'lyric',
        'Edith',
        "♪ Oh the keeper's light is burning,\n♪ burning bright across the bay ♪",
        "Oh the keeper's light is burning,\nburning bright across the bay",
      ],
    ]);
    expect(rows('♫ la la ♫ la ♫', 'drama')).toEqual([['lyric', '', '♫ la la ♫ la ♫', 'la la la']]);
  });

  it('a performance note before the first mark leaves the line sung (it was a speech that said "♪")', () => {
    expect(
      rows('EDITH: (SINGS) ♪ Daisy, Daisy ♪ [stops]\nTOM: [singing] ♫ Give me (ooh) ♫\n', 'drama'),
    ).toEqual([
      ['lyric', 'Edith', '(SINGS) ♪ Daisy, Daisy ♪ [stops]', 'Daisy, Daisy'],
      ['lyric', 'Tom', '[singing] ♫ Give me (ooh) ♫', 'Give me (ooh)'],
    ]);
  });
});

describe("drama: an author's note above the title", () => {
  it('leaves the title found (it was a note, and the first scene titled the play)', () => {
    const script =
      "A/N: Written for the Hollow Lane collective.\n\nTHE LIGHTHOUSE KEEPER'S SONG\nby Marion Achterberg\n\nSCENE 1. INT. KITCHEN. NIGHT.\n\nEDITH: Tom?\n";
    const sheet = parseScript(script, { format: 'drama' });
    expect(sheet.title).toBe("THE LIGHTHOUSE KEEPER'S SONG");
    expect(rows(script, 'drama').map((r) => [r[0], r[2]])).toEqual([
      ['note', 'Written for the Hollow Lane collective.'],
      ['title', "THE LIGHTHOUSE KEEPER'S SONG"],
      ['note', 'by Marion Achterberg'],
      ['heading', 'SCENE 1. INT. KITCHEN. NIGHT.'],
      ['dialogue', 'Tom?'],
    ]);
  });

  it('after several notes, one running on; a note after the title is no second title', () => {
    expect(
      rows(
        'A/N: one\n\nA/N: two\nstill two\n\nKETTLE WEATHER\n\nA/N: three\n\nTHE BOX\n\nEDITH: Hi.\n',
        'drama',
      ).map((r) => [r[0], r[2]]),
    ).toEqual([
      ['note', 'one'],
      ['note', 'two\nstill two'],
      ['title', 'KETTLE WEATHER'],
      ['note', 'three'],
      ['note', 'THE BOX'],
      ['dialogue', 'Hi.'],
    ]);
  });
});

describe('drama: a name or a sound word alone on its line, what it heads below it', () => {
  it('"EDITH:" alone: the lines below are her speech or song (they ran on as the speech above)', () => {
    expect(
      rows(
        "THE BOX\n\nEDITH: I'm half crazy.\nTOM:\n♪ all for the love of you ♪\nEDITH (OVERLAPPING):\n(quietly)\nHELP!\nNARRATOR:\nIt rained.\n",
        'drama',
      ),
    ).toEqual([
      ['title', '', 'THE BOX', 'THE BOX'],
      ['dialogue', 'Edith', "I'm half crazy.", "I'm half crazy."],
      ['lyric', 'Tom', '♪ all for the love of you ♪', 'all for the love of you'],
      ['note', '', '(quietly)', ''],
      ['dialogue', 'Edith', 'HELP!', 'HELP!'],
      ['narration', '', 'It rained.', 'It rained.'],
    ]);
    expect(parseScript('EDITH (OVERLAPPING):\nHi.', { format: 'drama' }).cues[0]!.overlaps).toBe(true);
  });

  it('"MUSIC:" / "SFX:" alone: a music or sound cue with the line below (it ran on as speech)', () => {
    expect(
      rows('EDITH: Hi.\nMUSIC:\nTheme, up.\nSFX:\nDoor slams.\n', 'drama').map((r) => [r[0], r[2], r[3]]),
    ).toEqual([
      ['dialogue', 'Hi.', 'Hi.'],
      ['music', 'MUSIC:\nTheme, up.', ''],
      ['sfx', 'SFX:\nDoor slams.', ''],
    ]);
  });

  it('keys, headings and a name with nothing below stay as they were', () => {
    expect(
      rows('CAST:\nEDITH\n\nEPISODE 3:\nThe storm\n\nSCENE 2:\nKitchen\n\nEDITH: Hi.\n\nTOM:', 'drama').map(
        (r) => [r[0], r[2]],
      ),
    ).toEqual([
      ['note', 'CAST:\nEDITH'],
      ['heading', 'EPISODE 3:'],
      ['narration', 'The storm'],
      ['heading', 'SCENE 2:'],
      ['narration', 'Kitchen'],
      ['dialogue', 'Hi.'],
      ['note', 'TOM:'],
    ]);
  });
});

// Issue 19, second pass: conventions of scripts as writers type them (a note set between dashes,
// "EPISODE 3:" heading a script, a production-notes block, a title page with no "Title:" key).
describe('a [[note]] set between dashes', () => {
  it('leaves one dash, never "-- --" (Fountain and drama)', () => {
    for (const [script, format] of [
      ['BOB\nI said -- [[fix]] -- no.\nNow--[[x]]--go. Wait — [[cut?]] — there.\n', 'fountain'],
      ['BOB: I said -- [[fix]] -- no.\nNow--[[x]]--go. Wait — [[cut?]] — there.\n', 'drama'],
    ] as const)
      expect(rows(script, format).map((r) => r[3])).toEqual(['I said -- no.\nNow--go. Wait — there.']);
  });

  it('a dash on one side only, or none, stays as written', () => {
    expect(rows('BOB\nWait -- [[cut?]]\n[[x]] -- go. A [[y]] b.\n', 'fountain')[0]![3]).toBe(
      'Wait --\n-- go. A b.',
    );
    expect(rows('BOB: Wait -- [[cut?]] or [[x]] -- go.\n', 'drama')[0]![3]).toBe('Wait -- or -- go.');
  });
});

describe('Fountain: "EPISODE 3:" heading the script', () => {
  it('is a heading that opens a chapter, not action or a speaker (it was narration "EPISODE 3:\\nThe lamp room.")', () => {
    const script =
      'EPISODE 3:\nINT. LAMP ROOM - NIGHT\n\nEdith trims the wick.\n\nACT ONE\nThe sea.\n\nEDITH\nHi.\n';
    expect(rows(script, 'fountain').map((r) => [r[0], r[1], r[3]])).toEqual([
      ['heading', '', 'EPISODE 3'],
      ['heading', '', 'INT. LAMP ROOM - NIGHT'],
      ['narration', '', 'Edith trims the wick.'],
      ['heading', '', 'ACT ONE'],
      ['narration', '', 'The sea.'],
      ['dialogue', 'Edith', 'Hi.'],
    ]);
    expect(chapters(script, 'fountain')).toEqual(['EPISODE 3', 'ACT ONE']);
  });

  it('with a title after its colon; "#" sections keep the chapters; a speaker or action in capitals stays', () => {
    expect(chapters('# Part A\n\nEPISODE 3: THE STORM\n\nRain.\n', 'fountain')).toEqual(['Part A']);
    expect(rows('EPISODE 3: THE STORM\n\nRain.\n', 'fountain')[0]).toEqual([
      'heading',
      '',
      'EPISODE 3: THE STORM',
      'EPISODE 3: THE STORM',
    ]);
    expect(rows('AGENT 3\nHi.\n\nEPISODE THREE IS LATE.\n', 'fountain').map((r) => [r[0], r[1]])).toEqual([
      ['dialogue', 'Agent 3'],
      ['narration', ''],
    ]);
  });
});

describe('"NOTES:" alone on a line: production notes, never said', () => {
  const lines = 'Record Tom off-mic.\nKeep the slam dry.';
  it('drama: the lines under it, or the paragraph after it (they were narration)', () => {
    expect(
      rows(`EDITH: Hi.\n\nNOTES:\n${lines}\n\nTOM: Bye.\n`, 'drama').map((r) => [r[0], r[2], r[3]]),
    ).toEqual([
      ['dialogue', 'Hi.', 'Hi.'],
      ['note', `NOTES:\n${lines}`, ''],
      ['dialogue', 'Bye.', 'Bye.'],
    ]);
    expect(
      rows(`EDITH: Hi.\n\nProduction notes:\n\n${lines}\n\nTOM: Bye.\nNOTES:\nTOM: Again.\n`, 'drama').map(
        (r) => [r[0], r[3]],
      ),
    ).toEqual([
      ['dialogue', 'Hi.'],
      ['note', ''],
      ['note', ''],
      ['dialogue', 'Bye.'],
      ['note', ''],
      ['dialogue', 'Again.'],
    ]);
  });

  it('Fountain: the same (they were action)', () => {
    expect(
      rows(`EDITH\nHi.\n\nNOTES:\n${lines}\n\nTOM\nBye.\n`, 'fountain').map((r) => [r[0], r[2], r[3]]),
    ).toEqual([
      ['dialogue', 'Hi.', 'Hi.'],
      ['note', `NOTES:\n${lines}`, ''],
      ['dialogue', 'Bye.', 'Bye.'],
    ]);
    expect(rows(`DIRECTOR'S NOTES:\n\n${lines}\n\nTOM\nBye.\n`, 'fountain').map((r) => [r[0], r[3]])).toEqual(
      [
        ['note', ''],
        ['note', ''],
        ['dialogue', 'Bye.'],
      ],
    );
    // A speech right under a lone "NOTES:" is still a speech.
    expect(rows('TOM\nHi.\n\nNOTES:\n\nTOM\nBye.\n', 'fountain').map((r) => [r[0], r[3]])).toEqual([
      ['dialogue', 'Hi.'],
      ['note', ''],
      ['dialogue', 'Bye.'],
    ]);
  });

  it('prose: unspoken too (it was a note read aloud)', () => {
    const sheet = parseScript(`It rained.\n\nNOTES:\n${lines}\n\nNOTES:\n\n${lines}\n\n"Hi," she said.\n`, {
      format: 'prose',
    });
    expect(sheet.cues.map((c) => [c.kind, spokenText(c)])).toEqual([
      ['narration', 'It rained.'],
      ['note', ''],
      ['note', ''],
      ['note', ''],
      ['dialogue', 'Hi,'],
      ['narration', 'she said.'],
    ]);
  });
});

describe('a title page with no "Title:" key: "THE LIGHTHOUSE" over "by Jane Doe"', () => {
  const page = (credit: string) => `THE LIGHTHOUSE\n${credit}\n\n`;
  it('Fountain: the title and an unspoken credit (they were a speech of "The Lighthouse")', () => {
    for (const credit of ['by Jane Doe', 'Written by Jane Doe & Tom Lee']) {
      const script = `${page(credit)}INT. LAMP ROOM - NIGHT\n\nEDITH\nHi.\n`;
      expect(rows(script, 'fountain').map((r) => [r[0], r[1], r[2], r[3]])).toEqual([
        ['title', '', 'THE LIGHTHOUSE', 'THE LIGHTHOUSE'],
        ['note', '', credit, ''],
        ['heading', '', 'INT. LAMP ROOM - NIGHT', 'INT. LAMP ROOM - NIGHT'],
        ['dialogue', 'Edith', 'Hi.', 'Hi.'],
      ]);
      expect(parseScript(script, { format: 'fountain' }).title).toBe('THE LIGHTHOUSE');
    }
  });

  it('prose: the same (it was narration)', () => {
    const sheet = parseScript(`${page('by Jane Doe')}The lamp had gone out.\n`, { format: 'prose' });
    expect(sheet.title).toBe('THE LIGHTHOUSE');
    expect(sheet.cues.map((c) => [c.kind, spokenText(c)])).toEqual([
      ['title', 'THE LIGHTHOUSE'],
      ['note', ''],
      ['narration', 'The lamp had gone out.'],
    ]);
  });

  it('a speech or story opening "By …" is no credit', () => {
    expect(rows('BOB\nBy Tuesday, then.\n\nALICE\nFine.\n', 'fountain')[0]).toEqual([
      'dialogue',
      'Bob',
      'By Tuesday, then.',
      'By Tuesday, then.',
    ]);
    expect(
      parseScript('THE BOX\nby the window, it waited.\n\nRain.\n', { format: 'prose' }).cues[0]!.kind,
    ).toBe('narration');
  });
});
