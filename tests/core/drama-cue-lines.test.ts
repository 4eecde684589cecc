import { describe, expect, it } from 'vitest';
import { parseScript } from '../../cues/parse-script.ts';
import { headingWords, withoutDirections, withoutNotes } from '../../cues/readers/drama/drama-directions.ts';
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
  it('reads a lyric under its speaker without the writer’s note or the stress marks', () => {
    expect(rows('BUFFY: ♪ Crossing *paths*[[key of G]](ooh) ♪')).toEqual([
      ['lyric', 'Buffy', '♪ Crossing paths (ooh) ♪'],
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
    // A name that opens with a sound word and a move is a speaker, not a cue.
    ['MUSIC INSTRUCTOR: Ready.', undefined],
  ];
  for (const [line, kind] of TABLE) {
    it(JSON.stringify(line), () => expect(soundCueKind(line)).toBe(kind));
  }

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
