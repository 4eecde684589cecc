import { describe, expect, it } from 'vitest';
import { parseScript } from '../../cues/parse-script.ts';
import { withoutDirections } from '../../cues/readers/drama/drama-directions.ts';
import { soundCueKind } from '../../cues/readers/drama/sound-cues.ts';
import { spokenText } from '../../cues/spoken-text.ts';
import { expectSheetInvariants } from '../support/sheet-invariants.ts';

// Radio-drama layouts as broadcasters publish them (the BBC Writersroom radio template and its
// variants): bare SFX/FX/MUSIC/GRAMS cues, SCENE n headings, numbered cues, technical directions
// in capitals, parenthesised directions inside speeches, NAME<TAB>speech.

type Row = [kind: string, speaker: string, spoken: string];

function rows(script: string): Row[] {
  const sheet = parseScript(script, { format: 'drama' });
  expectSheetInvariants(script, sheet);
  return sheet.cues.map((c) => [c.kind, c.speaker ?? '', spokenText(c)]);
}

describe('sound and music cue lines', () => {
  const TABLE: Array<[string, 'sfx' | 'music' | undefined]> = [
    ['SFX: Door slams.', 'sfx'],
    ['FX: Rain on glass', 'sfx'],
    ['F/X: thunder', 'sfx'],
    ['SOUND: a car pulls up', 'sfx'],
    ['SOUND EFFECTS: crowd', 'sfx'],
    ['ATMOS: busy pub', 'sfx'],
    ['Sfx - footsteps', 'sfx'],
    ['MUSIC: Low strings, under.', 'music'],
    ['GRAMS: the theme, up and under', 'music'],
    ['SONG: Happy Birthday', 'music'],
    ['[SFX: a door creaks open]', 'sfx'],
    ['(MUSIC – theme fades)', 'music'],
    ['[GRAMS: waltz]', 'music'],
    // BBC Writersroom tabbed layout and music moves: never characters.
    ['SFX\tGLASSES CLINKING', 'sfx'],
    ['F/X\tWIND', 'sfx'],
    ['FX\tRAIN', 'sfx'],
    ['ATMOS\tBUSY STREET', 'sfx'],
    ['MUSIC\tA LONELY PIANO', 'music'],
    ['GRAMS\tTHEME TUNE', 'music'],
    ['MUSIC IN: THEME', 'music'],
    ['MUSIC OUT: THEME', 'music'],
    ['MUSIC UNDER: STRINGS', 'music'],
    ['GRAMS UP AND UNDER: WALTZ', 'music'],
    ['SFX   DOOR', 'sfx'],
    ['MUSIC OUT.', 'music'],
    ['MUSIC UNDER', 'music'],
    ['[MUSIC IN: theme]', 'music'],
    ['MUSICIAN\tReady.', undefined],
    ['Music in the hall: loud.', undefined],
    ['EDITH: Shut that.', undefined],
    ['Music is what she loved.', undefined],
    ['SFXS are fun', undefined],
  ];
  for (const [line, kind] of TABLE) {
    it(JSON.stringify(line), () => expect(soundCueKind(line)).toBe(kind));
  }
});

describe('directions inside a speech', () => {
  const TABLE: Array<[string, string]> = [
    ["(OFF) I'm trying.", "I'm trying."],
    ['(BEAT) Did you see the boat?', 'Did you see the boat?'],
    ['(V.O.) I saw it.', 'I saw it.'],
    ['I saw it (pause) and I ran.', 'I saw it and I ran.'],
    ['Wait (beat), listen.', 'Wait, listen.'],
    ['I saw [the] past', 'I saw [the] past'],
    ['(laughs)', ''],
  ];
  for (const [speech, spoken] of TABLE) {
    it(JSON.stringify(speech), () => expect(withoutDirections(speech)).toBe(spoken));
  }
});

describe('broadcast layouts', () => {
  const LAYOUTS: Array<[layout: string, script: string, expected: Row[]]> = [
    [
      'BBC: title, SCENE heading, capitals direction, bare SFX, speeches with directions, MUSIC, FADE',
      "THE KEEPER'S LAMP\n\nSCENE 1: INT. LIGHTHOUSE. NIGHT\n\nWIND BATTERS THE WINDOWS.\n\nSFX: Door creaks open.\n\nEDITH: Shut that.\n\nTOM: (OFF) I'm trying.\n\nMUSIC: Low strings, under.\n\nFADE",
      [
        ['title', '', "THE KEEPER'S LAMP"],
        ['heading', '', 'SCENE 1: INT. LIGHTHOUSE. NIGHT'],
        ['note', '', ''],
        ['sfx', '', ''],
        ['dialogue', 'Edith', 'Shut that.'],
        ['dialogue', 'Tom', "I'm trying."],
        ['music', '', ''],
        ['note', '', ''],
      ],
    ],
    [
      'numbered cues',
      'SCENE ONE\n\n1. SFX: Rain.\n\n2. EDITH: Who is it?\n\n3. TOM: Only me.',
      [
        ['heading', '', 'SCENE ONE'],
        ['sfx', '', ''],
        ['dialogue', 'Edith', 'Who is it?'],
        ['dialogue', 'Tom', 'Only me.'],
      ],
    ],
    [
      'NAME<TAB>speech without a colon',
      'EDITH\tWho is it?\nTOM (OFF)\tOnly me.\n\nSFX\t- a door',
      [
        ['dialogue', 'Edith', 'Who is it?'],
        ['dialogue', 'Tom', 'Only me.'],
        ['sfx', '', ''],
      ],
    ],
    [
      'a bare sound cue running onto a second line',
      'SFX: Door slams.\n  Storm noise cut off.\n\nEDITH: Better.',
      [
        ['sfx', '', ''],
        ['dialogue', 'Edith', 'Better.'],
      ],
    ],
    [
      'a stage direction line is not spoken',
      'EDITH: Hello.\n(She turns away.)\nTOM: Bye.',
      [
        ['dialogue', 'Edith', 'Hello.'],
        ['note', '', ''],
        ['dialogue', 'Tom', 'Bye.'],
      ],
    ],
    [
      'a speaker whose name looks like a sound word keeps speaking',
      'MUSICIAN: Ready.\n\nEDITH: Play.',
      [
        ['dialogue', 'Musician', 'Ready.'],
        ['dialogue', 'Edith', 'Play.'],
      ],
    ],
    [
      'a shouted continuation stays in the speech',
      'EDITH: Get out!\nGET OUT NOW!',
      [['dialogue', 'Edith', 'Get out!\nGET OUT NOW!']],
    ],
  ];
  for (const [layout, script, expected] of LAYOUTS) {
    it(layout, () => expect(rows(script)).toEqual(expected));
  }

  it('is detected as drama from bare SFX:/MUSIC: cues alone', () => {
    expect(parseScript('A night.\n\nSFX: Rain.\n\nIt goes on.\n').format).toBe('drama');
    expect(parseScript('A night.\n\nSfx are what we call them.\n').format).toBe('prose');
  });

  it('never makes a speaker of a tabbed or moving sound or music cue', () => {
    const script =
      'SFX\tGLASSES CLINKING\nMUSIC\tA WALTZ\nGRAMS\tTHEME TUNE\nMUSIC IN: THEME\nF/X\tWIND\nEDITH\tCheers.\nMUSIC OUT.';
    expect(rows(script)).toEqual([
      ['sfx', '', ''],
      ['music', '', ''],
      ['music', '', ''],
      ['music', '', ''],
      ['sfx', '', ''],
      ['dialogue', 'Edith', 'Cheers.'],
      ['music', '', ''],
    ]);
  });

  it('never makes a speaker of a sound cue or a scene heading', () => {
    const sheet = parseScript('SCENE 2:\n\nSFX: Knock.\n\nFX: Rain.\n\nGRAMS: Theme.\n\nEDITH: Come in.\n');
    expect([...new Set(sheet.cues.flatMap((c) => (c.speaker ? [c.speaker] : [])))]).toEqual(['Edith']);
  });
});
