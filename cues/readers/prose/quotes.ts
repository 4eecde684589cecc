// Double-quote scanning for prose, in the quote styles of the major languages. Single quotes are
// left alone here: they double as apostrophes (single-quotes.ts tells British dialogue apart).

export interface QuoteSpan {
  /** The quoted words, without their marks. */
  start: number;
  end: number;
  /** Where the opening mark is; null when the quote was already open (continued from before). */
  openMark: number | null;
  /** Where the closing mark is; null when the quote is still open at the end of the scan. */
  closeMark: number | null;
}

/**
 * Each opening mark and the marks that close it, as the languages' style guides print dialogue:
 * English “…” and "…"; German and Czech „…“ and »…«; Polish, Dutch, Hungarian, Romanian „…”;
 * French, Swiss, Italian, Spanish, Russian «…»; Swedish and Finnish ”…” and »…»; Japanese and
 * Chinese corner brackets 「…」 and 『…』. Which mark closes depends on which one opened: » closes
 * « but opens in German, “ opens in English but closes „.
 */
const CLOSERS_OF: Readonly<Record<string, readonly string[]>> = {
  '"': ['"'],
  '“': ['”'],
  '„': ['“', '”'],
  '«': ['»'],
  '»': ['«', '»'],
  '”': ['”'],
  '「': ['」'],
  '『': ['』'],
};

export function isOpeningQuote(ch: string | undefined): boolean {
  return ch !== undefined && Object.hasOwn(CLOSERS_OF, ch);
}

/** Where a scan may open and close a quote: the index of a mark in the text, and the open one's. */
export interface QuoteMarks {
  opensAt(i: number): boolean;
  closesAt(i: number, openMark: number | null): boolean;
}

/**
 * The quoted spans in text[start, end) by the given marks. `openAtStart` continues a quote left
 * open by the previous paragraph (a song that runs over several stanzas).
 */
export function scanMarks(start: number, end: number, marks: QuoteMarks, openAtStart = false): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let current: { start: number; openMark: number | null } | null = openAtStart
    ? { start, openMark: null }
    : null;
  for (let i = start; i < end; i++) {
    if (current === null) {
      if (marks.opensAt(i)) current = { start: i + 1, openMark: i };
    } else if (marks.closesAt(i, current.openMark)) {
      spans.push({ ...current, end: i, closeMark: i });
      current = null;
    }
  }
  if (current) spans.push({ ...current, end, closeMark: null });
  return spans;
}

/** The double-quoted spans in text[start, end), in any of the styles above. */
export function scanQuotes(text: string, start: number, end: number, openAtStart = false): QuoteSpan[] {
  return scanMarks(
    start,
    end,
    {
      opensAt: (i) => isOpeningQuote(text[i]),
      closesAt: (i, openMark) => closes(text[i]!, openMark === null ? undefined : text[openMark]),
    },
    openAtStart,
  );
}

/** Whether `ch` closes a quote opened by `opener` (unknown when continued from a paragraph before). */
function closes(ch: string, opener: string | undefined): boolean {
  if (opener !== undefined) return CLOSERS_OF[opener]!.includes(ch);
  return ch === '"' || ch === '”' || ch === '»' || ch === '」' || ch === '』';
}
