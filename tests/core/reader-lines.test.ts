import { describe, expect, it } from 'vitest';
import { isNarrator, OVERLAP, speakerName } from '../../cues/readers/speaker-name.ts';
import { isChapterHeading, isSeparatorLine } from '../../cues/readers/structure-lines.ts';

// The lines every reader shares (issue 19, mutation testing): speaker names as Fountain, radio
// and BBC layouts write them, and the chapter headings and scene breaks of prose, drama and
// Fountain, at the bounds of their patterns.

describe('speaker names', () => {
  const NAMES: Array<[raw: string, name: string]> = [
    ['BUFFY', 'Buffy'],
    ['Buffy (V.O.)', 'Buffy'],
    ['BOB(V.O.)', 'Bob'],
    ["MRS. O'BRIEN (CONT'D)", "Mrs. O'Brien"],
    ['@McCLANE^', 'McClane'],
    ['    @McCLANE', 'McClane'],
    ['@McCLANE-SMITH', 'McClane-Smith'],
    ['BRICK ^ ', 'Brick'],
    ['STEEL^', 'Steel'],
    ['GUARD (O.S.) #2', 'Guard #2'],
    ['DeShawn', 'DeShawn'],
  ];
  for (const [raw, name] of NAMES) it(JSON.stringify(raw), () => expect(speakerName(raw)).toBe(name));

  it('the narrator under the names writers give it, and a second narrator as a voice of its own', () => {
    for (const name of ['NARRATOR', 'Narration', 'NARR.', 'narr', ' Narrator '])
      expect(isNarrator(name), name).toBe(true);
    for (const name of ['NARRATOR 2', 'OLD NARRATOR', 'Narrative'])
      expect(isNarrator(name), name).toBe(false);
  });

  it('an overlap note in any of its spellings', () => {
    for (const line of ['(overlapping)', '(OVERLAP)', '(overlaps)', '( overlapping )', 'MARK (OVERLAPPING)'])
      expect(OVERLAP.test(line), line).toBe(true);
    for (const line of ['(overlapped)', '(beat)', 'overlapping'])
      expect(OVERLAP.test(line), line).toBe(false);
  });
});

describe('chapter headings', () => {
  const HEADINGS = [
    'Chapter 1',
    'CHAPTER SEVEN',
    'PART TWO: Home',
    'Book III',
    'Prologue',
    'Prologue ',
    'Prologue.',
    'Prologue: The Fall',
    'Prologue — The Fall',
    'EPILOGUE',
    '##Prologue',
    '# The Fall',
    '#  The Fall',
    '### Act One',
  ];
  for (const line of HEADINGS)
    it(`${JSON.stringify(line)} opens a chapter`, () => expect(isChapterHeading(line)).toBe(true));

  const NOT_HEADINGS = [
    'Part of me wanted to stay.',
    'She skipped the prologue',
    'Introduction of the new boss went badly.',
    'Press # to repeat the menu.',
    'C# minor, she said.',
    `# ${'a'.repeat(108)}`,
    `Chapter 1: ${'a'.repeat(81)}`,
  ];
  for (const line of NOT_HEADINGS)
    it(`${JSON.stringify(line.slice(0, 40))} is a line of the story`, () =>
      expect(isChapterHeading(line)).toBe(false));
});

describe('scene breaks', () => {
  for (const line of ['-----', '* * *', '~~~', '~*~*~', '-~-~-', '⁂', '  ⁂  ', '◆◆◆', '***  '])
    it(`${JSON.stringify(line)} is a break`, () => expect(isSeparatorLine(line)).toBe(true));
  for (const line of ['--', 'The end. ⁂', '⁂ Two days later', '* * * Later', 'a---'])
    it(`${JSON.stringify(line)} is not`, () => expect(isSeparatorLine(line)).toBe(false));
});
