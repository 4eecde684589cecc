import type { RawCue } from '../../build-cue-sheet.ts';
import { lineText, type Paragraph, type Span, splitLines, trimSpan } from '../../text/paragraphs.ts';
import { soundCueKind } from '../drama/sound-cues.ts';
import { OVERLAP, speakerName } from '../speaker-name.ts';
import {
  isCapitalsPartHeading,
  isCreditLine,
  isNotesHeader,
  isSeparatorLine,
  isTransitionLine,
} from '../structure-lines.ts';

// Fountain (fountain.io/syntax), read with offsets so every cue points back at its exact text;
// the npm readers (fountain-js and friends) return HTML tokens without positions. Element by
// element: title page, scene headings (with scene numbers, forced "."), action (forced "!"),
// characters (forced "@", dual "^"), parentheticals, dialogue, lyrics ("~"), transitions (forced
// ">"), centered text, page breaks, sections, synopses, notes and boneyard. Sections, synopses,
// notes and page breaks are marked at the start of their own line, so they stand alone even with
// no blank line around them ("# one" straight above "INT. LAIR - DAY").

const TITLE_KEY =
  /^\s*(title|credit|author|authors|source|draft date|date|contact|copyright|notes|revision)\s*:(.*)$/i;
/** Any title-page key once the page has begun ("Episode: 3"); values may continue on indented lines. */
const ANY_TITLE_KEY = /^([^\s:][^:]{0,40}):(.*)$/;
/** Title-page values that are contact details and dates ("Contact info:", "Revision history:"), not words for the listener. */
const UNSPOKEN_TITLE_KEYS = /^(?:contact|draft date|date|notes|revision)\b/i;
// A forced heading is "." then a letter or digit ("..." is an ellipsis); no /u flag: it is tested on every line.
export const SCENE_HEADING =
  /^\s*(?:(?:int\.?\/ext|int\/ext|i\/e|e\/i|int|ext|est)[. ]|\.(?=[A-Za-z0-9\u00C0-\uFFFF]))/i;
const SECTION = /^\s*(#+)\s*(.*)$/;
const SYNOPSIS = /^\s*=(?!==)/;
const PAGE_BREAK = /^\s*={3,}\s*$/;
/**
 * "=== INTERMISSION ===", "= ACT TWO =", "==== PART TWO": words set between "=" rules, which
 * writers type for a break the page-break rule ("===") cannot name. Not the spec's page break or
 * synopsis (a synopsis never closes with "="): a heading.
 */
const DECORATED_HEADING = /^\s*(=+)[ \t]*([^=\s](?:[^=]*[^=\s])?)[ \t]*(=*)\s*$/;
/** A decorated heading that ends a part ("=== THE END ===", "= END OF ACT ONE =") opens no chapter. */
const ENDING = /^(?:the\s+)?end\b/i;
const TRANSITION = /^\s*[\p{Lu}\p{N}\s.'-]+TO:\s*$/u;
const FORCED_TRANSITION = /^\s*>(?!.*<\s*$)/;
const CENTERED = /^\s*>.*<\s*$/;
const NOTE_LINE = /^\s*\[\[(?:(?!\]\])[\s\S])*\]\]\s*$/;
const LYRIC = /^\s*~/;
const PARENTHETICAL = /^\s*\(.*\)\s*$/;

/** An all-caps line (extensions like "(V.O.)" may be any case) that is not a sound cue, or one forced with "@". */
export function isCharacterLine(line: string): boolean {
  const trimmed = line.trim();
  if (trimmed.startsWith('@')) return trimmed.length > 1;
  // A line whose first character says what it is (! ~ = # > [[ or a forced ".") is never a name.
  const mark = trimmed[0];
  if (mark === '!' || mark === '~' || mark === '=' || mark === '#' || mark === '>') return false;
  if (trimmed.startsWith('[[') || (mark === '.' && SCENE_HEADING.test(trimmed))) return false;
  const name = trimmed.replace(/\([^)]*\)/g, '').replace(/\^$/, '');
  if (!/\p{Lu}/u.test(name) || /\p{Ll}/u.test(name) || /[:!?]$/.test(name) || SCENE_HEADING.test(name))
    return false;
  // "SFX: DOOR SLAMS" or "MUSIC UP" straight above a line of action is a sound cue, not a name.
  return soundCueKind(trimmed) === undefined;
}

/** Characters a scene-break rule may open with (structure-lines.ts). */
const RULE_START = new Set(['*', '~', '-', '_', '+', '•', '·', '◆', '◇', '♦', '✦', '✧', '※', '⁂']);

/** `standsAlone` of a line of `text`, looking at its first character before slicing it out. */
function standsAloneAt(text: string, line: Span): boolean {
  const at = firstMark(text, line);
  if (at < 0) return false;
  const c = text[at]!;
  return (c === '#' || c === '=' || c === '[' || RULE_START.has(c)) && standsAlone(lineText(text, line));
}

/** A line that is an element by its leading mark alone: it needs no blank line around it. */
function standsAlone(line: string): boolean {
  // Only lines opening with "#", "=" or "[" can be one; the rest skip the four patterns.
  let i = 0;
  while (i < line.length && (line.charCodeAt(i) === 32 || line.charCodeAt(i) === 9)) i++;
  const first = line.charCodeAt(i);
  if (first === 35 || first === 61 || first === 91)
    // # = [
    return (
      SECTION.test(line) ||
      SYNOPSIS.test(line) ||
      PAGE_BREAK.test(line) ||
      NOTE_LINE.test(line) ||
      decoratedHeading(line) !== undefined
    );
  // A scene-break rule ("* * *", "~*~*~") is a separator, not action or a lyric.
  return RULE_START.has(line[i]!) && isSeparatorLine(line);
}

export function readFountain(script: string): RawCue[] {
  const text = hideBoneyard(script);
  const paragraphs = fountainParagraphs(text);
  const cues: RawCue[] = [];
  let first = 0;
  if (paragraphs[0] && isTitlePage(text, paragraphs[0])) {
    readTitlePage(text, paragraphs[0], cues);
    first = 1;
  } else if (paragraphs[0] && paragraphs.length > 1 && isBareTitlePage(text, paragraphs[0])) {
    // "THE LIGHTHOUSE" / "by Jane Doe" above the script, with no "Title:" key: the title and its credits.
    const [title, ...credits] = paragraphs[0].lines;
    cues.push({ kind: 'title', ...trimSpan(text, title!) });
    for (const line of credits) cues.push({ kind: 'note', ...trimSpan(text, line), silent: true });
    first = 1;
  }
  // The shallowest section level opens chapters ("#" usually; "##" when a script has no "#").
  let chapterLevel = Number.POSITIVE_INFINITY;
  for (const p of paragraphs) {
    for (const l of p.lines) {
      const section = SECTION.exec(lineText(text, l));
      // "###" alone is a scene-break rule, not a section.
      if (section && /\S/.test(section[2]!)) chapterLevel = Math.min(chapterLevel, section[1]!.length);
    }
  }
  // "NOTES:" alone on its line heads production notes: its paragraph, or the one below when it stands alone.
  let notesBelow = false;
  for (const paragraph of paragraphs.slice(first)) {
    const head = lineText(text, paragraph.lines[0]!);
    if (isNotesHeader(head) || (notesBelow && isNotesBody(text, paragraph))) {
      cues.push({ kind: 'note', ...trimSpan(text, paragraph), silent: true });
      notesBelow = !notesBelow && paragraph.lines.length === 1;
      continue;
    }
    notesBelow = false;
    readParagraph(text, paragraph, chapterLevel, cues);
  }
  return cues;
}

/** The paragraph under a "NOTES:" line alone: notes, unless it is a speech, a heading or a marked element. */
function isNotesBody(text: string, paragraph: Paragraph): boolean {
  const head = lineText(text, paragraph.lines[0]!);
  if (paragraph.lines.length > 1 && isCharacterLine(head)) return false;
  return (
    !SCENE_HEADING.test(head) &&
    !isCapitalsPartHeading(head) &&
    !paragraph.lines.some((l) => standsAloneAt(text, l))
  );
}

/** A first paragraph of a title in capitals and its credit lines ("by Jane Doe"), no "Key:" in it. */
function isBareTitlePage(text: string, paragraph: Paragraph): boolean {
  const [title, credit] = paragraph.lines.map((line) => lineText(text, line));
  if (credit === undefined || paragraph.lines.length > 4 || !isCreditLine(credit)) return false;
  return (
    title!.trim().length <= 80 &&
    !SCENE_HEADING.test(title!) &&
    !paragraph.lines.some((l) => standsAloneAt(text, l))
  );
}

/**
 * Blank-line paragraphs, except that a line of exactly two spaces joins them (fountain.io: "put
 * two spaces on it" to keep a blank line inside dialogue or a note).
 */
function fountainParagraphs(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let current: Span[] = [];
  for (const line of splitLines(text)) {
    const twoSpaces = line.end - line.start === 2 && text.startsWith('  ', line.start);
    if ((twoSpaces && current.length > 0) || firstMark(text, line) >= 0) {
      current.push(line);
    } else if (current.length > 0) {
      paragraphs.push({ start: current[0]!.start, end: current[current.length - 1]!.end, lines: current });
      current = [];
    }
  }
  if (current.length > 0)
    paragraphs.push({ start: current[0]!.start, end: current[current.length - 1]!.end, lines: current });
  return paragraphs;
}

/** Where a line's first non-blank character is, or -1 for a blank line (no slicing: every line passes here). */
function firstMark(text: string, line: Span): number {
  for (let i = line.start; i < line.end; i++) if (!isBlankCode(text.charCodeAt(i))) return i;
  return -1;
}

/** JavaScript's \\s, by code: tab, line breaks, space, no-break spaces, the Unicode spaces, BOM. */
function isBlankCode(c: number): boolean {
  if (c === 32 || (c >= 9 && c <= 13)) return true;
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * The title page (fountain.io: Title Page): the first paragraph, when it opens with a "Key:" line
 * and names at least one of the spec's keys (Title, Credit, Author, Draft date, Contact…), in any order.
 */
function isTitlePage(text: string, paragraph: Paragraph): boolean {
  const first = lineText(text, paragraph.lines[0]!);
  if (/^\s/.test(first) || !ANY_TITLE_KEY.test(first)) return false;
  return paragraph.lines.some((line) => TITLE_KEY.test(lineText(text, line)));
}

function readTitlePage(text: string, paragraph: Paragraph, cues: RawCue[]): void {
  let current: RawCue | null = null;
  for (const line of paragraph.lines) {
    const body = lineText(text, line);
    const key = /^\s/.test(body) ? null : ANY_TITLE_KEY.exec(body);
    if (key) {
      const name = key[1]!.trim();
      const valueStart = line.start + body.indexOf(':') + 1;
      current = {
        kind: /^title$/i.test(name) ? 'title' : 'note',
        start: valueStart,
        end: line.end,
        ...(UNSPOKEN_TITLE_KEYS.test(name) ? { silent: true } : {}),
      };
      cues.push(current);
    } else if (current) {
      current.end = line.end; // indented continuation of the value
    }
  }
}

function readParagraph(text: string, paragraph: Paragraph, chapterLevel: number, cues: RawCue[]): void {
  const lines = paragraph.lines;
  const firstLine = lineText(text, lines[0]!);
  if (isCapitalsPartHeading(firstLine)) {
    // "EPISODE 3:", "ACT ONE": a heading (it opens a chapter where no "#" section does), never a speaker or action.
    const whole = trimSpan(text, lines[0]!);
    const end = text[whole.end - 1] === ':' ? whole.end - 1 : whole.end;
    cues.push({
      kind: 'heading',
      start: whole.start,
      end,
      opensChapter: chapterLevel === Number.POSITIVE_INFINITY,
    });
    const rest = lines.slice(1);
    if (rest.length > 0)
      readParagraph(text, { start: rest[0]!.start, end: paragraph.end, lines: rest }, chapterLevel, cues);
    return;
  }
  if (lines.length > 1 && isCharacterLine(firstLine)) {
    readDialogue(text, lines, firstLine, cues);
    return;
  }
  // Sections, synopses, notes and page breaks stand alone; what lies between them is read as if
  // blank lines were there. Most paragraphs have none: they are read whole.
  if (!lines.some((line) => standsAloneAt(text, line))) {
    readBlock(text, lines, cues);
    return;
  }
  let run: Span[] = [];
  for (const line of lines) {
    if (!standsAloneAt(text, line)) {
      run.push(line);
      continue;
    }
    if (run.length > 0) readBlock(text, run, cues);
    run = [];
    const body = lineText(text, line);
    const whole = trimSpan(text, line);
    const section = SECTION.exec(body);
    const decorated = decoratedHeading(body);
    if (isSeparatorLine(body) && !(section && /\S/.test(section[2]!))) {
      cues.push({ kind: 'separator', ...whole });
    } else if (section) {
      const title = { start: line.start + body.indexOf(section[2]!, body.indexOf('#')), end: line.end };
      cues.push({ kind: 'heading', ...title, opensChapter: section[1]!.length === chapterLevel });
    } else if (decorated !== undefined) {
      const start = line.start + body.indexOf(decorated, body.indexOf('='));
      // It opens a chapter when no "#" section does, unless it ends one ("=== THE END ===").
      const opensChapter = chapterLevel === Number.POSITIVE_INFINITY && !ENDING.test(decorated);
      cues.push({ kind: 'heading', start, end: start + decorated.length, opensChapter });
    } else if (SYNOPSIS.test(body)) cues.push({ kind: 'note', ...afterMark(text, whole), silent: true });
    else cues.push({ kind: 'note', ...whole, silent: true });
  }
  if (run.length > 0) readBlock(text, run, cues);
}

/** A block between blank lines (or standalone lines): a dialogue block, one heading, transition or note, or action. */
function readBlock(text: string, lines: Span[], cues: RawCue[]): void {
  const first = lineText(text, lines[0]!);
  if (lines.length > 1 && isCharacterLine(first)) {
    readDialogue(text, lines, first, cues);
    return;
  }
  const whole = trimSpan(text, { start: lines[0]!.start, end: lines[lines.length - 1]!.end });
  if (lines.length === 1 && SCENE_HEADING.test(first)) {
    cues.push({ kind: 'heading', ...afterForcing(text, whole, '.') });
    return;
  }
  // "CUT TO:" (fountain.io), and the fades screenwriters type without "TO:" ("FADE IN:", "FADE OUT.").
  if (lines.length === 1 && (TRANSITION.test(first) || isTransitionLine(first))) {
    cues.push({ kind: 'note', ...whole, silent: true });
    return;
  }
  if (isWholeNote(text, whole)) {
    cues.push({ kind: 'note', ...whole, silent: true }); // a note over several lines
    return;
  }
  let action: RawCue | null = null;
  for (const line of lines) {
    const span = trimSpan(text, line);
    if (span.end <= span.start) {
      action = null; // a two-space line: a blank kept inside the element
      continue;
    }
    // Centered text and forced transitions open with ">", lyrics with "~": other lines skip the patterns.
    const mark = text[span.start];
    const lineBody = mark === '>' || mark === '~' ? lineText(text, line) : '';
    let cue: RawCue | null = null;
    if (mark === '>' && CENTERED.test(lineBody)) cue = { kind: 'narration', ...span };
    else if (mark === '>' && FORCED_TRANSITION.test(lineBody))
      cue = { kind: 'note', ...afterMark(text, span), silent: true };
    else if (mark === '~' && LYRIC.test(lineBody)) {
      if (action?.kind === 'lyric') action.end = span.end;
      else {
        action = { kind: 'lyric', ...afterMark(text, span) };
        cues.push(action);
      }
      continue;
    }
    // "[SFX: door creaks]", "SFX: thunder", "[MUSIC: theme]" as in radio scripts ("[[SFX: …]]" is a note).
    const sound = cue ? undefined : soundCueKind(lineText(text, line));
    if (sound) cue = { kind: sound, ...span };
    if (cue) {
      cues.push(cue);
      action = null;
    } else if (action?.kind === 'narration') {
      action.end = span.end;
    } else {
      action = { kind: 'narration', ...afterForcing(text, span, '!') };
      cues.push(action);
    }
  }
}

/**
 * A dialogue block under its character line `name`. Spoken over the line before (`overlaps`): an
 * "(overlapping)" extension, dual dialogue ("^"), or the speech after an "(overlapping)" parenthetical.
 */
function readDialogue(text: string, lines: Span[], name: string, cues: RawCue[]): void {
  const speaker = speakerName(name);
  let current: RawCue | null = null;
  let overlaps = OVERLAP.test(name) || /\^\s*$/.test(name);
  for (const line of lines.slice(1)) {
    const body = lineText(text, line);
    const whole = trimSpan(text, line);
    if (whole.end <= whole.start || PARENTHETICAL.test(body)) {
      // A "(beat)" splits the speech and is not spoken; so does a two-space blank line.
      current = null;
      if (OVERLAP.test(body)) overlaps = true;
      continue;
    }
    if (NOTE_LINE.test(body)) {
      cues.push({ kind: 'note', ...whole, silent: true });
      current = null;
      continue;
    }
    const kind = LYRIC.test(body) ? 'lyric' : 'dialogue';
    if (current && current.kind === kind) {
      current.end = whole.end;
    } else {
      current = { kind, speaker, ...(kind === 'lyric' ? afterMark(text, whole) : whole) };
      if (overlaps) current.overlaps = true;
      overlaps = false;
      cues.push(current);
    }
  }
}

/** The words of a decorated heading ("=== INTERMISSION ===" → "INTERMISSION"), or undefined for any other line. */
function decoratedHeading(line: string): string | undefined {
  const match = DECORATED_HEADING.exec(line);
  if (!match || (match[1]!.length < 3 && match[3] === '')) return undefined;
  return /[\p{L}\p{N}]/u.test(match[2]!) ? match[2] : undefined;
}

/** A block that is one note over several lines: "[[" … "]]" with no "]]" before the end. */
function isWholeNote(text: string, span: Span): boolean {
  if (!text.startsWith('[[', span.start) || !text.startsWith(']]', span.end - 2)) return false;
  return text.indexOf(']]', span.start + 2) === span.end - 2;
}

/** Drops a one-character element mark ("~", "=", ">") from the start of a span. */
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
