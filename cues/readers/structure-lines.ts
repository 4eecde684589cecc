// Lines that structure a script whatever its format: chapter headings and separator rules.

const NUMBER_WORD =
  'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|final';

const NUMBERED_HEADING = new RegExp(
  `^\\s*(?:#{1,6}\\s*)?(?:chapter|part|book|act|volume|episode)\\s+(?:\\d+|[ivxlcdm]+|${NUMBER_WORD})\\b(?:\\s*[:.\\-–—]?\\s*.{0,80})?$`,
  'i',
);
const NAMED_HEADING =
  /^\s*(?:#{1,6}\s*)?(?:prologue|epilogue|interlude|afterword|foreword|preface|introduction)(?:\s*[:.\-–—]\s*.{0,80})?\s*$/i;
const MARKDOWN_HEADING = /^\s*#{1,6}\s+\S.{0,100}$/;

/** A line that opens a chapter: "Chapter 1", "PART TWO: Home", "Prologue", "# The Fall". */
export function isChapterHeading(line: string): boolean {
  if (line.length > 120) return false;
  return NUMBERED_HEADING.test(line) || NAMED_HEADING.test(line) || MARKDOWN_HEADING.test(line);
}

// Three or more rule marks, alike or mixed, spaced or not: "-----", "* * *", "~*~*~", "-~-~-", "⁂".
const RULE = /^\s*(?:[-_=*~#•·+◆◇♦✦✧※]\s*){3,}$|^\s*⁂\s*$/;

/** A rule or scene break: "-----", "* * *", "~~~", "~*~*~". */
export function isSeparatorLine(line: string): boolean {
  return RULE.test(line);
}

/** Scripts' picture and sound transitions, in capitals as written: "FADE IN:", "FADE OUT.", "CUT TO:". */
const TRANSITION_LINE =
  /^\s*(?:FADE (?:IN|OUT|UP|DOWN|TO BLACK|(?:UP|DOWN) AND OUT)|CROSS-?FADE|CUT TO BLACK|SMASH CUT|DISSOLVE|[A-Z][A-Z ]* TO(?=\s*:))\s*[.:]?\s*$/;

/** A transition that ends or opens a scene and is never said: "FADE IN:", "FADE OUT.", "CUT TO:" (not "Fade out."). */
export function isTransitionLine(line: string): boolean {
  return TRANSITION_LINE.test(line);
}

/**
 * A heading in capitals that numbers a part of the work, as radio and series writers head their
 * scripts: "EPISODE 3:", "ACT ONE", "PART 2: THE STORM". Never a speaker's name or a line of action.
 */
export function isCapitalsPartHeading(line: string): boolean {
  if (line.length > 120 || /\p{Ll}/u.test(line) || !NUMBERED_HEADING.test(line)) return false;
  // A colon after the number, or the word and its number alone ("ACT ONE", "EPISODE 3").
  return line.includes(':') || /^\s*\S+\s+\S+\s*$/.test(line);
}

/** A production-notes header alone on its line: "NOTES:", "Production notes:", "DIRECTOR'S NOTES:". */
const NOTES_HEADER =
  /^\s*(?:(?:production|producer['’]?s|director['’]?s|writer['’]?s|author['’]?s|script|sound|recording|casting)\s+)?notes?\s*:\s*$/i;

/** "NOTES:" alone on its line: the lines under it are for the cast and crew, never said. */
export function isNotesHeader(line: string): boolean {
  return NOTES_HEADER.test(line);
}

/** A credit under a title: "by Jane Doe", "Written by Jane Doe & Tom Lee", each word of the name capitalised. */
const CREDIT_LINE =
  /^\s*(?:(?:[Ww]ritten|[Aa]dapted|[Cc]reated|WRITTEN|ADAPTED|CREATED)\s+)?(?:by|By|BY)\s+\p{Lu}[\p{L}'’.-]*(?:\s+(?:\p{Lu}[\p{L}'’.-]*|and|&|de|van|von))*\s*$/u;

/** "by Jane Doe" under a title; "By Tuesday, then." is a line of the story. */
export function isCreditLine(line: string): boolean {
  return line.length <= 120 && CREDIT_LINE.test(line);
}
