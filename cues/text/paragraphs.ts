// Line and paragraph spans over the raw script text. Offsets always index the original string,
// so every cue can point back at exactly the characters it came from (CRLF and all).

export interface Span {
  start: number;
  end: number;
}

export interface Paragraph extends Span {
  lines: Span[];
}

/** Lines without their terminators (\n, \r\n or a lone \r). */
export function splitLines(text: string): Span[] {
  const lines: Span[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10 || ch === 13) {
      lines.push({ start, end: i });
      if (ch === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  lines.push({ start, end: text.length });
  return lines;
}

const NON_BLANK = /\S/;

export function isBlank(text: string, span: Span): boolean {
  return !NON_BLANK.test(text.slice(span.start, span.end));
}

/** Runs of non-blank lines; a blank (or whitespace-only) line ends a paragraph. */
export function splitParagraphs(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let current: Span[] = [];
  const flush = () => {
    if (current.length === 0) return;
    paragraphs.push({ start: current[0]!.start, end: current[current.length - 1]!.end, lines: current });
    current = [];
  };
  for (const line of splitLines(text)) {
    if (isBlank(text, line)) flush();
    else current.push(line);
  }
  flush();
  return paragraphs;
}

/** Narrows a span so it neither starts nor ends with white space (empty spans collapse to start). */
export function trimSpan(text: string, span: Span): Span {
  let { start, end } = span;
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return { start, end };
}

function isSpace(code: number): boolean {
  return (
    code === 32 ||
    (code >= 9 && code <= 13) ||
    code === 0xa0 ||
    code === 0xfeff ||
    code === 0x2028 ||
    code === 0x2029 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x3000
  );
}

export function lineText(text: string, span: Span): string {
  return text.slice(span.start, span.end);
}

/** Splits paragraphs so that every line matching `standsAlone` (a rule, a heading) is its own paragraph. */
export function isolateLines(
  text: string,
  paragraphs: Paragraph[],
  standsAlone: (line: string) => boolean,
): Paragraph[] {
  const out: Paragraph[] = [];
  for (const paragraph of paragraphs) {
    let run: Span[] = [];
    const flush = () => {
      if (run.length > 0) out.push({ start: run[0]!.start, end: run[run.length - 1]!.end, lines: run });
      run = [];
    };
    for (const line of paragraph.lines) {
      if (paragraph.lines.length > 1 && standsAlone(lineText(text, line))) {
        flush();
        run = [line];
        flush();
      } else {
        run.push(line);
      }
    }
    flush();
  }
  return out;
}
