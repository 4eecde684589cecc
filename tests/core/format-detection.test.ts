import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../cues/detect-format.ts';
import { parseScript } from '../../cues/parse-script.ts';
import { SAMPLE_SEED } from '../support/paths.ts';

describe('format detection', () => {
  it('reads the seed as prose, NAME: scripts as drama and screenplays as Fountain', () => {
    expect(detectFormat(readFileSync(SAMPLE_SEED, 'utf8'))).toBe('prose');
    expect(detectFormat('ANYA: Hello.\nXANDER: Hi.\nANYA: Bye.\n')).toBe('drama');
    expect(detectFormat('EXT. CEMETERY - NIGHT\n\nMist.\n')).toBe('fountain');
    expect(detectFormat('Once upon a time: a story.\n\nThe end.\n')).toBe('prose');
  });

  it('can be overridden', () => {
    const text = 'ANYA: Hello.\nXANDER: Hi.\n';
    expect(parseScript(text, { format: 'prose' }).cues.map((c) => c.kind)).toEqual(['narration']);
    expect(parseScript(text).cues.map((c) => c.kind)).toEqual(['dialogue', 'dialogue']);
  });

  it('titles a script without title or heading after its file', () => {
    expect(parseScript('Some words.', { fileName: '/x/Night Shift.txt' }).title).toBe('Night Shift');
    expect(parseScript('Some words.').title).toBe('Untitled');
  });

  // Both layouts write INT./EXT. headings: the speeches and cues decide (fountain.io: a character
  // is a capitals line with dialogue under it; BBC Writersroom radio: NAME: or NAME<TAB>speech, SFX:).
  const WEIGHED: Array<[what: string, script: string, format: 'drama' | 'fountain' | 'prose']> = [
    [
      'radio play under an INT. heading',
      'INT. KITCHEN. NIGHT.\n\nSFX: KETTLE BOILS.\n\nJANET: Tea?\n\nTOM: Please.\n',
      'drama',
    ],
    [
      'tabbed radio layout under an EXT. heading',
      'EXT. GARDEN. DAY.\n\nSFX\tBIRDSONG\n\nJANET\tTea?\n\nTOM\tPlease.\n',
      'drama',
    ],
    [
      'NAME: speeches under a heading, no sound cue',
      'INT. KITCHEN. NIGHT.\n\nJANET: Tea?\n\nTOM: Please.\n',
      'drama',
    ],
    ['numbered speeches and GRAMS', 'INT. PUB. NIGHT.\n\n1. GRAMS: THEME\n\n2. JANET: Tea?\n', 'drama'],
    ['screenplay', 'INT. KITCHEN - NIGHT\n\nJANET\nTea?\n\nTOM\nPlease.\n', 'fountain'],
    [
      'screenplay quoting one NAME: line',
      'INT. KITCHEN - NIGHT\n\nJANET\nTea?\n\nTOM\nPlease.\n\nThe note reads: BACK SOON.\n\nJANET\nGone.\n',
      'fountain',
    ],
    ['screenplay with a transition', 'EXT. ROAD - DAY\n\nA car.\n\nCUT TO:\n\nINT. CAR - DAY\n', 'fountain'],
    ['Fountain title page then dialogue', 'Title: Tea\nAuthor: Me\n\nJANET\nTea?\n', 'fountain'],
    [
      'a novel with one NAME: line',
      'It was late.\n\nThe sign said: CLOSED.\n\nShe went home.\n\nMAX: Hi.\n\nThe end.\n\nReally.\n\nYes.\n',
      'prose',
    ],
  ];
  for (const [what, script, format] of WEIGHED) {
    it(`weighs the evidence: ${what} → ${format}`, () => expect(detectFormat(script)).toBe(format));
  }

  it('reads the radio play under an INT. heading as speeches and a sound cue', () => {
    const sheet = parseScript('INT. KITCHEN. NIGHT.\n\nSFX: KETTLE BOILS.\n\nJANET: Tea?\n\nTOM: Please.\n');
    expect(sheet.cues.map((c) => [c.kind, c.speaker ?? ''])).toEqual([
      ['heading', ''],
      ['sfx', ''],
      ['dialogue', 'Janet'],
      ['dialogue', 'Tom'],
    ]);
  });
});
