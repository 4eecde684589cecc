import { type QuoteSpan, scanMarks, scanQuotes } from './quotes.ts';

// British and Commonwealth novels mark speech with single quotes (‘Not now,’ she said), curly or
// straight, and keep double quotes for a quote inside a quote. The same marks are apostrophes:
// "You’re", "dogs’ kennels", "’tis", "runnin’ down". A mark opens speech only at the start of a
// word and closes it only at the end of one, and a mark after a letter followed by a lower-case
// word is an apostrophe (a plural possessive or a dropped letter), not the end of speech.

export type QuoteStyle = 'double' | 'single';

const SINGLE_OPEN = new Set(['‘', "'"]);
const SINGLE_CLOSE = new Set(['’', "'"]);
/** Words that start with an apostrophe: elisions ("’tis", "’em", rock ’n’ roll, the ’90s), not speech. */
const ELISION = /^(?:tis|twas|twere|twill|cause|cos|til|bout|n|appen)\b|^\d/i;
/** "’em" in lower case only: ‘Em, wait!’ calls Em. */
const EM = /^em\b/;
const BEFORE_OPEN = /[\s([{—–\-"“„«]/;
const AFTER_CLOSE = /[\s,.;:!?…—–\-)\]}"”»]/;

function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && /[\p{L}\p{N}]/u.test(ch);
}

/** A mark that opens speech: at the start of a word, not an elision like "’tis". */
function opensAt(text: string, i: number, start: number): boolean {
  if (!SINGLE_OPEN.has(text[i]!)) return false;
  const before = i > start ? text[i - 1] : undefined;
  if (before !== undefined && !BEFORE_OPEN.test(before)) return false;
  const after = text[i + 1];
  if (after === undefined || /\s/.test(after)) return false;
  const word = text.slice(i + 1, i + 8);
  return !ELISION.test(word) && !EM.test(word);
}

/** A mark that closes speech: at the end of a word or after punctuation, not "dogs’ kennels". */
function closesAt(text: string, i: number, end: number): boolean {
  if (!SINGLE_CLOSE.has(text[i]!)) return false;
  const before = text[i - 1];
  if (before === undefined || /\s/.test(before)) return false;
  const after = i + 1 < end ? text[i + 1] : undefined;
  if (after !== undefined && !AFTER_CLOSE.test(after)) return false; // "You’re": inside a word
  // "to the Joneses’,’ said Tom": a mark right before punctuation and another closing mark is a
  // plural possessive; the speech closes at the second.
  if (
    isLetter(before) &&
    after !== undefined &&
    /[,.;:!?…]/.test(after) &&
    SINGLE_CLOSE.has(text[i + 2] ?? '')
  ) {
    const beyond = i + 3 < end ? text[i + 3] : undefined;
    if (beyond === undefined || AFTER_CLOSE.test(beyond)) return false;
  }
  if (isLetter(before) && after !== undefined && /\s/.test(after)) {
    // After a letter, a lower-case word next means an apostrophe: "dogs’ kennels", "runnin’ down".
    const next = /^\s+(\S)/.exec(text.slice(i + 1, Math.min(end, i + 40)))?.[1];
    if (next !== undefined && /\p{Ll}/u.test(next)) return false;
  }
  return true;
}

/** Single-quoted spans in text[start, end), as `scanQuotes` finds double-quoted ones. */
export function scanSingleQuotes(text: string, start: number, end: number, openAtStart = false): QuoteSpan[] {
  return scanMarks(
    start,
    end,
    { opensAt: (i) => opensAt(text, i, start), closesAt: (i) => closesAt(text, i, end) },
    openAtStart,
  );
}

/**
 * Which marks a text uses for speech: single when single-quoted openings outnumber double ones
 * (in a text with double-quoted speech, single quotes are quotes within quotes or inscriptions).
 * A single quote opening a line counts twice: an inscription sits inside a sentence, but a line
 * that starts with one is speech, so a short text with a single speech ('Get up!') reads it.
 */
export function dialogueQuoteStyle(text: string): QuoteStyle {
  let single = 0;
  let double = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22) double += 0.5;
    else if (ch === 0x201c || ch === 0x201e || ch === 0xab) double++;
    else if ((ch === 0x27 || ch === 0x2018) && opensAt(text, i, 0)) single += startsLine(text, i) ? 2 : 1;
  }
  return single >= 2 && single > double ? 'single' : 'double';
}

/** Whether only spaces stand between a line's start and text[i]. */
function startsLine(text: string, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
  return j < 0 || text[j] === '\n' || text[j] === '\r';
}

/** The quote scanner for a style. */
export function quoteScanner(style: QuoteStyle): typeof scanQuotes {
  return style === 'single' ? scanSingleQuotes : scanQuotes;
}
