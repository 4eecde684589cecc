import { describe, expect, it } from 'vitest';
import { parseScript } from '../../cues/parse-script.ts';
import { spokenText } from '../../cues/spoken-text.ts';
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

  it('opens chapters at the shallowest Markdown heading, without its marks anywhere', () => {
    const script =
      '# Episode 1: The Storm\n\nANNA: Hi.\n\n## Subsection\n\nANNA: More.\n\n# Episode 2: Calm\n\nBEN: Bye.\n';
    const md = parseScript(script);
    expect(md.format).toBe('drama');
    expect(md.title).toBe('Episode 1: The Storm');
    expect(md.chapters.map((c) => c.title)).toEqual(['Episode 1: The Storm', 'Episode 2: Calm']);
    expect(md.cues.filter((c) => c.kind === 'heading').map(spokenText)).toEqual([
      'Episode 1: The Storm',
      'Subsection',
      'Episode 2: Calm',
    ]);
    expectSheetInvariants(script, md);
  });

  it('reads a radio title page: the title is the title, by-line and cast list unspoken, a chapter per SCENE', () => {
    const script =
      'THE LIGHTHOUSE KEEPER\nby Sam Okafor\n\nCAST: EDITH, 60s, the keeper\nRORY, 20s, her nephew\n\nSCENE 1. INT. LIGHTHOUSE LAMP ROOM. NIGHT.\n\nEDITH: Pass the oil.\n\nSCENE 2. EXT. THE ROCKS. DAWN.\n\nRORY: Look.\n';
    const play = parseScript(script);
    expect(play.format).toBe('drama');
    expect(play.title).toBe('THE LIGHTHOUSE KEEPER');
    expect(play.cues.map((c) => [c.kind, spokenText(c)])).toEqual([
      ['title', 'THE LIGHTHOUSE KEEPER'],
      ['note', ''],
      ['note', ''],
      ['heading', 'SCENE 1. INT. LIGHTHOUSE LAMP ROOM. NIGHT.'],
      ['dialogue', 'Pass the oil.'],
      ['heading', 'SCENE 2. EXT. THE ROCKS. DAWN.'],
      ['dialogue', 'Look.'],
    ]);
    expect(play.chapters.map((c) => [c.title, c.cueIds.length])).toEqual([
      ['SCENE 1. INT. LIGHTHOUSE LAMP ROOM. NIGHT.', 5],
      ['SCENE 2. EXT. THE ROCKS. DAWN.', 2],
    ]);
    // A cast list under a "CAST" line of its own, and a play with chapter headings keeps its chapters.
    const castAlone = parseScript('CAST\n\nEDITH, 60s\nRORY, 20s\n\nEDITH: Hi.\n\nRORY: Hi.\n', {
      format: 'drama',
    });
    expect(castAlone.cues.map((c) => [c.kind, spokenText(c)])).toEqual([
      ['note', ''],
      ['note', ''],
      ['dialogue', 'Hi.'],
      ['dialogue', 'Hi.'],
    ]);
    const acts = parseScript('ACT ONE\n\nSCENE 1\n\nEDITH: Hi.\n\nSCENE 2\n\nRORY: Hi.\n', {
      format: 'drama',
    });
    expect(acts.chapters.map((c) => c.title)).toEqual(['ACT ONE']);
  });
});

describe('unspoken text in NAME: speeches', () => {
  // Spoken/display text is the source text without directions, notes and emphasis (cue-sheet.ts: text vs spoken).
  const TABLE: Array<[source: string, rows: Array<[kind: string, speaker: string, spoken: string]>]> = [
    ['LEO: Hear what? [beat] Oh. That.', [['dialogue', 'Leo', 'Hear what? Oh. That.']]],
    ['LEO: [whispers] Over here.', [['dialogue', 'Leo', 'Over here.']]],
    ['LEO: I [pause] cannot.', [['dialogue', 'Leo', 'I cannot.']]],
    ['LEO: I saw [the] past.', [['dialogue', 'Leo', 'I saw [the] past.']]],
    ['LEO: *Finally*, sunshine.', [['dialogue', 'Leo', 'Finally, sunshine.']]],
    ['LEO: It was **huge** and _red_.', [['dialogue', 'Leo', 'It was huge and red.']]],
    ['LEO: 5*5*5 is snake_case.', [['dialogue', 'Leo', '5*5*5 is snake_case.']]],
    ['LEO: Go. [[cut this?]] Now.', [['dialogue', 'Leo', 'Go. Now.']]],
    [
      "MRS. O'BRIEN (V.O.): I told you so. [[cut?]]\n[Door slams]",
      [
        ['dialogue', "Mrs. O'Brien", 'I told you so.'],
        ['note', '', ''],
      ],
    ],
    [
      'LEO: Wait.\n[[is this too long?]]\nGo on.',
      [
        ['dialogue', 'Leo', 'Wait.'],
        ['note', '', ''],
        ['narration', '', 'Go on.'],
      ],
    ],
    ['NARRATOR: The *storm* broke. [[check]]', [['narration', '', 'The storm broke.']]],
  ];
  for (const [source, expected] of TABLE) {
    it(JSON.stringify(source), () => {
      const sheet = parseScript(source, { format: 'drama' });
      expectSheetInvariants(source, sheet);
      expect(sheet.cues.map((c) => [c.kind, c.speaker ?? '', spokenText(c)])).toEqual(expected);
    });
  }
});
