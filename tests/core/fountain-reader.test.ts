import { describe, expect, it } from 'vitest';
import { parseScript } from '../../cues/parse-script.ts';
import { expectSheetInvariants } from '../support/sheet-invariants.ts';

const SCREENPLAY = `Title: My Forever
Credit: Written by
Author: A. Writer

# Act One

= Buffy faces the room.

INT. BUFFY'S BEDROOM - NIGHT

Buffy drags her feet to the vanity.
The photos are still there.

BUFFY
(quietly)
He's gone.
He's really gone.

SPIKE (V.O.)
~You messed up and you lost a real good thing
~And now you're asking why

/* a cut scene
that nobody should hear */
[[check the music licence]]

> FADE TO BLACK.

===

# Act Two

>THE END<
`;

describe('the Fountain reader', () => {
  const sheet = parseScript(SCREENPLAY);

  it('is picked from screenplay elements', () => {
    expect(sheet.format).toBe('fountain');
    expect(parseScript('Just a line.', { fileName: 'x.fountain' }).format).toBe('fountain');
  });

  it('reads the title page, sections, scenes, action, dialogue and lyrics', () => {
    expect(sheet.cues.map((c) => [c.kind, c.speaker ?? '', c.text])).toEqual([
      ['title', '', 'My Forever'],
      ['note', '', 'Written by'],
      ['note', '', 'A. Writer'],
      ['heading', '', 'Act One'],
      ['note', '', 'Buffy faces the room.'],
      ['heading', '', "INT. BUFFY'S BEDROOM - NIGHT"],
      ['narration', '', 'Buffy drags her feet to the vanity.\nThe photos are still there.'],
      ['dialogue', 'Buffy', "He's gone.\nHe's really gone."],
      ['lyric', 'Spike', "You messed up and you lost a real good thing\n~And now you're asking why"],
      ['note', '', '[[check the music licence]]'],
      ['note', '', 'FADE TO BLACK.'],
      ['separator', '', '==='],
      ['heading', '', 'Act Two'],
      ['narration', '', '>THE END<'],
    ]);
  });

  it('makes chapters of the top-level sections and leaves the boneyard out', () => {
    // The title page is no chapter of its own (issue 12): its cues open act one.
    expect(sheet.chapters.map((c) => c.title)).toEqual(['Act One', 'Act Two']);
    expect(sheet.cues.some((c) => c.text.includes('cut scene'))).toBe(false);
    expectSheetInvariants(SCREENPLAY, sheet);
  });
});
