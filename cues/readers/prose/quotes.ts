// Double-quote scanning for prose. Single quotes are left alone on purpose: they double as
// apostrophes and, in prose, mark quoted writing ('My Love. My Life.') rather than speech.

export interface QuoteSpan {
  /** The quoted words, without their marks. */
  start: number;
  end: number;
  /** Where the opening mark is; null when the quote was already open (continued from before). */
  openMark: number | null;
  /** Where the closing mark is; null when the quote is still open at the end of the scan. */
  closeMark: number | null;
}

const OPENERS = new Set(['“', '„', '«']);
const CLOSERS = new Set(['”', '»']);

export function isOpeningQuote(ch: string | undefined): boolean {
  return ch === '"' || (ch !== undefined && OPENERS.has(ch));
}

/**
 * Finds the double-quoted spans in text[start, end). `openAtStart` continues a quote left open by
 * the previous paragraph (a song that runs over several stanzas).
 */
export function scanQuotes(text: string, start: number, end: number, openAtStart = false): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let current: { start: number; openMark: number | null } | null = openAtStart
    ? { start, openMark: null }
    : null;
  for (let i = start; i < end; i++) {
    const ch = text[i]!;
    if (current === null) {
      if (ch === '"' || OPENERS.has(ch)) current = { start: i + 1, openMark: i };
    } else if (
      ch === '"' ||
      CLOSERS.has(ch) ||
      (ch === '“' && current.openMark !== null && text[current.openMark] === '„')
    ) {
      spans.push({ ...current, end: i, closeMark: i });
      current = null;
    }
  }
  if (current) spans.push({ ...current, end, closeMark: null });
  return spans;
}
