import { describe, expect, it } from 'vitest';
import { isNarrator, OVERLAP, speakerName } from '../../cues/readers/speaker-name.ts';
import {
  isCapitalsPartHeading,
  isChapterHeading,
  isCreditLine,
  isNotesHeader,
  isSeparatorLine,
  isTransitionLine,
} from '../../cues/readers/structure-lines.ts';

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

// The structure lines added for scripts as writers type them (transitions, capitals part headings,
// notes headers, credits under a title), at the bounds of their patterns: leading and doubled
// blanks, apostrophes or none, each credit verb, and the 120-character limit.
describe('transitions, part headings, notes headers and credits', () => {
  const cases: Array<[name: string, test: (line: string) => boolean, line: string, is: boolean]> = [
    ['heading', isChapterHeading, '  Prologue', true],
    ['heading', isChapterHeading, '#Prologue', true],
    ['heading', isChapterHeading, `${' '.repeat(18)}# ${'T'.repeat(100)}`, true],
    ['heading', isChapterHeading, `${' '.repeat(19)}# ${'T'.repeat(100)}`, false],
    ['transition', isTransitionLine, '  FADE IN:', true],
    ['transition', isTransitionLine, 'FADE OUT .', true],
    ['transition', isTransitionLine, 'CUT TO:  ', true],
    ['transition', isTransitionLine, 'MATCH CUT TO:', true],
    ['transition', isTransitionLine, 'FADE UP AND OUT.', true],
    ['transition', isTransitionLine, 'CROSSFADE:', true],
    ['transition', isTransitionLine, 'CROSS-FADE', true],
    ['transition', isTransitionLine, 'FADE TO BLACK.', true],
    ['transition', isTransitionLine, 'Fade out.', false],
    ['transition', isTransitionLine, 'BACK TO THE HOUSE', false],
    ['part heading', isCapitalsPartHeading, '  ACT ONE', true],
    ['part heading', isCapitalsPartHeading, 'ACT  ONE', true],
    ['part heading', isCapitalsPartHeading, 'ACT ONE  ', true],
    ['part heading', isCapitalsPartHeading, 'EPISODE 3: THE STORM', true],
    ['part heading', isCapitalsPartHeading, 'ACT ONE THE STORM', false],
    ['part heading', isCapitalsPartHeading, 'Act One', false],
    ['notes', isNotesHeader, '  NOTES:', true],
    ['notes', isNotesHeader, 'Note :', true],
    ['notes', isNotesHeader, 'PRODUCERS NOTES:', true],
    ['notes', isNotesHeader, "PRODUCER'S NOTES:", true],
    ['notes', isNotesHeader, 'Director’s notes:', true],
    ['notes', isNotesHeader, "Writer's notes:", true],
    ['notes', isNotesHeader, "Author's notes:", true],
    ['notes', isNotesHeader, 'Script notes:', true],
    ['notes', isNotesHeader, 'Sound notes:', true],
    ['notes', isNotesHeader, 'Recording notes:', true],
    ['notes', isNotesHeader, 'Casting notes:', true],
    ['notes', isNotesHeader, 'NOTES: bring the bell', false],
    ['notes', isNotesHeader, 'Lunch notes:', false],
    ['credit', isCreditLine, '  by Jane Doe', true],
    ['credit', isCreditLine, 'Adapted by Jane Doe', true],
    ['credit', isCreditLine, 'adapted by Jane Doe', true],
    ['credit', isCreditLine, 'Created by Jane Doe', true],
    ['credit', isCreditLine, 'created by Jane Doe', true],
    ['credit', isCreditLine, 'written by Jane Doe', true],
    ['credit', isCreditLine, 'WRITTEN BY JANE DOE', true],
    ['credit', isCreditLine, 'ADAPTED BY JANE DOE', true],
    ['credit', isCreditLine, 'CREATED BY JANE DOE', true],
    ['credit', isCreditLine, 'By Jane Doe and Tom Lee', true],
    ['credit', isCreditLine, 'by Jane Doe & Tom Lee', true],
    ['credit', isCreditLine, 'by Anna de Vries', true],
    ['credit', isCreditLine, 'by Anna van Dijk von Berg', true],
    ['credit', isCreditLine, 'by Mary O’Brien-Smith', true],
    ['credit', isCreditLine, 'by J. R. Tolkien', true],
    ['credit', isCreditLine, 'Story written by Jane Doe', false],
    ['credit', isCreditLine, 'Rewritten by Jane Doe', false],
    ['credit', isCreditLine, 'by the sea', false],
    ['credit', isCreditLine, 'By Tuesday, then.', false],
    ['credit', isCreditLine, `by J${'a'.repeat(116)}`, true],
    ['credit', isCreditLine, `by J${'a'.repeat(117)}`, false],
  ];
  it.each(cases)('%s: %j is %s', (_name, test, line, is) => {
    expect(test(line)).toBe(is);
  });
});
