import type { RawCue } from '../../build-cue-sheet.ts';
import { lineText, type Paragraph, type Span, splitParagraphs, trimSpan } from '../../text/paragraphs.ts';
import { speakerName } from '../speaker-name.ts';

// Fountain (fountain.io/syntax), read with offsets so every cue points back at its exact text;
// the npm readers (fountain-js and friends) return HTML tokens without positions.

const TITLE_KEY =
  /^\s*(title|credit|author|authors|source|draft date|date|contact|copyright|notes|revision)\s*:(.*)$/i;
export const SCENE_HEADING = /^\s*(?:(?:int|ext|est|int\.?\/ext|i\/e)[. ]|\.(?!\.))/i;
const SECTION = /^\s*(#+)\s*(.*)$/;
const SYNOPSIS = /^\s*=(?!==)/;
const PAGE_BREAK = /^\s*={3,}\s*$/;
const TRANSITION = /^\s*(?:[\p{Lu}\s.]+TO:|>(?!.*<\s*$).*)\s*$/u;
const CENTERED = /^\s*>.*<\s*$/;
const NOTE_LINE = /^\s*\[\[[\s\S]*\]\]\s*$/;
const LYRIC = /^\s*~/;
const PARENTHETICAL = /^\s*\(.*\)\s*$/;

/** An all-caps line (extensions like "(V.O.)" may be any case), or one forced with "@". */
export function isCharacterLine(line: string): boolean {
  const trimmed = line.trim();
  if (trimmed.startsWith('@')) return trimmed.length > 1;
  const name = trimmed.replace(/\([^)]*\)/g, '').replace(/\^$/, '');
  return /\p{Lu}/u.test(name) && !/\p{Ll}/u.test(name) && !/[:!?]$/.test(name) && !SCENE_HEADING.test(name);
}

export function readFountain(script: string): RawCue[] {
  const text = hideBoneyard(script);
  const paragraphs = splitParagraphs(text);
  const cues: RawCue[] = [];
  let first = 0;
  if (paragraphs[0] && TITLE_KEY.test(lineText(text, paragraphs[0].lines[0]!))) {
    readTitlePage(text, paragraphs[0], cues);
    first = 1;
  }
  // The shallowest section level opens chapters ("#" usually; "##" when a script has no "#").
  let chapterLevel = Number.POSITIVE_INFINITY;
  for (const p of paragraphs) {
    for (const l of p.lines) {
      const marks = SECTION.exec(lineText(text, l))?.[1];
      if (marks) chapterLevel = Math.min(chapterLevel, marks.length);
    }
  }
  for (const paragraph of paragraphs.slice(first)) readParagraph(text, paragraph, chapterLevel, cues);
  return cues;
}

function readTitlePage(text: string, paragraph: Paragraph, cues: RawCue[]): void {
  let current: RawCue | null = null;
  for (const line of paragraph.lines) {
    const key = TITLE_KEY.exec(lineText(text, line));
    if (key) {
      const valueStart = line.start + lineText(text, line).indexOf(':') + 1;
      current = { kind: /^title$/i.test(key[1]!) ? 'title' : 'note', start: valueStart, end: line.end };
      cues.push(current);
    } else if (current) {
      current.end = line.end; // indented continuation of the value
    }
  }
}

function readParagraph(text: string, paragraph: Paragraph, chapterLevel: number, cues: RawCue[]): void {
  const lines = paragraph.lines;
  const firstLine = lineText(text, lines[0]!);
  if (lines.length > 1 && isCharacterLine(firstLine) && !PAGE_BREAK.test(firstLine)) {
    readDialogue(text, lines, speakerName(firstLine), cues);
    return;
  }
  let action: RawCue | null = null;
  for (const line of lines) {
    const body = lineText(text, line);
    const whole = trimSpan(text, line);
    const section = SECTION.exec(body);
    let cue: RawCue | null = null;
    if (section) {
      const title = { start: line.start + body.indexOf(section[2]!), end: line.end };
      cue = { kind: 'heading', ...title, opensChapter: section[1]!.length === chapterLevel };
    } else if (PAGE_BREAK.test(body)) cue = { kind: 'separator', ...whole };
    else if (SYNOPSIS.test(body)) cue = { kind: 'note', ...afterMark(text, whole) };
    else if (NOTE_LINE.test(body)) cue = { kind: 'note', ...whole };
    else if (SCENE_HEADING.test(body) && lines.length === 1)
      cue = { kind: 'heading', ...afterForcing(text, whole, '.') };
    else if (CENTERED.test(body)) cue = { kind: 'narration', ...whole };
    else if (TRANSITION.test(body) && lines.length === 1)
      cue = { kind: 'note', ...afterForcing(text, whole, '>') };
    else if (LYRIC.test(body)) {
      if (action?.kind === 'lyric') {
        action.end = whole.end;
      } else {
        action = { kind: 'lyric', ...afterMark(text, whole) };
        cues.push(action);
      }
      continue;
    }
    if (cue) {
      cues.push(cue);
      action = null;
    } else if (action?.kind === 'narration') {
      action.end = whole.end;
    } else {
      action = { kind: 'narration', ...afterForcing(text, whole, '!') };
      cues.push(action);
    }
  }
}

function readDialogue(text: string, lines: Span[], speaker: string, cues: RawCue[]): void {
  let current: RawCue | null = null;
  for (const line of lines.slice(1)) {
    const body = lineText(text, line);
    const whole = trimSpan(text, line);
    if (PARENTHETICAL.test(body)) {
      current = null; // a "(beat)" splits the speech; the direction itself is not spoken
      continue;
    }
    const kind = LYRIC.test(body) ? 'lyric' : 'dialogue';
    if (current && current.kind === kind) {
      current.end = whole.end;
    } else {
      current = { kind, speaker, ...(kind === 'lyric' ? afterMark(text, whole) : whole) };
      cues.push(current);
    }
  }
}

/** Drops a one-character element mark ("~", "=") from the start of a span. */
function afterMark(text: string, span: Span): Span {
  return trimSpan(text, { start: span.start + 1, end: span.end });
}

function afterForcing(text: string, span: Span, mark: string): Span {
  return text[span.start] === mark ? afterMark(text, span) : span;
}

/** Boneyard (/* … *\/) is commented out: blank it, keeping line breaks so offsets stay exact. */
function hideBoneyard(text: string): string {
  if (!text.includes('/*')) return text;
  return text.replace(/\/\*[\s\S]*?(?:\*\/|$)/g, (hidden) => hidden.replace(/[^\r\n]/g, ' '));
}
