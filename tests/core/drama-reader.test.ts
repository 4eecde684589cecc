import { describe, expect, it } from 'vitest';
import { parseScript } from '../../cues/parse-script.ts';
import { expectSheetInvariants } from '../support/sheet-invariants.ts';

const RADIO_PLAY = `Title: The Locket

CHAPTER ONE

[SFX: a door creaks open]
NARRATOR: Buffy walked up to her room, dragging her feet.
BUFFY: I can't do this again.
SPIKE (softly): You can.
  You always could.

[MUSIC: a slow piano theme fades in]
BUFFY: ♪ Crossing paths, I saw the past
♪ realized how good it was ♪
(She turns to the mirror.)

Chapter Two

Spike: It's going to be okay.
`;

describe('the drama reader', () => {
  const sheet = parseScript(RADIO_PLAY);
  const rows = sheet.cues.map((c) => [c.kind, c.speaker ?? '', c.text]);

  it('is picked from NAME: lines and [SFX:] cues', () => {
    expect(sheet.format).toBe('drama');
  });

  it('reads speeches, narration, sound cues, sung lines and directions', () => {
    expect(rows).toEqual([
      ['title', '', 'The Locket'],
      ['heading', '', 'CHAPTER ONE'],
      ['sfx', '', '[SFX: a door creaks open]'],
      ['narration', '', 'Buffy walked up to her room, dragging her feet.'],
      ['dialogue', 'Buffy', "I can't do this again."],
      ['dialogue', 'Spike', 'You can.\n  You always could.'],
      ['music', '', '[MUSIC: a slow piano theme fades in]'],
      ['lyric', 'Buffy', '♪ Crossing paths, I saw the past\n♪ realized how good it was ♪'],
      ['note', '', '(She turns to the mirror.)'],
      ['heading', '', 'Chapter Two'],
      ['dialogue', 'Spike', "It's going to be okay."],
    ]);
  });

  it('opens a chapter at each chapter heading and titles the sheet', () => {
    expect(sheet.title).toBe('The Locket');
    // The title line before the first heading is no chapter of its own (issue 12): it opens chapter one.
    expect(sheet.chapters.map((c) => [c.title, c.cueIds.length])).toEqual([
      ['CHAPTER ONE', 9],
      ['Chapter Two', 2],
    ]);
    expectSheetInvariants(RADIO_PLAY, sheet);
  });

  it('does not take a sentence with a colon for a speaker', () => {
    const prose = 'She said this: nothing mattered.\n\nThen she left.\n';
    expect(parseScript(prose, { format: 'drama' }).cues.map((c) => c.kind)).toEqual([
      'narration',
      'narration',
    ]);
  });
});
