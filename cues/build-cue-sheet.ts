import {
  type Chapter,
  CUE_SHEET_VERSION,
  type Cue,
  type CueKind,
  type CueSheet,
  type ScriptFormat,
} from './cue-sheet.ts';
import { spokenFor, spokenText } from './spoken-text.ts';
import { fnv1a } from './text/hash.ts';
import { type Span, trimSpan } from './text/paragraphs.ts';

/** What a script reader finds: a kind and a span of the script, before ids and chapters exist. */
export interface RawCue extends Span {
  kind: CueKind;
  speaker?: string;
  /** A heading that opens a chapter ("Chapter 1", a Fountain `#` section). */
  opensChapter?: boolean;
  /** Nothing of it is said or shown (a Fountain synopsis, note or transition, a stage direction). */
  silent?: boolean;
  /** Spoken over the cue before (an "(overlapping)" extension or parenthetical, dual dialogue). */
  overlaps?: boolean;
}

const ID_PREFIX: Record<CueKind, string> = {
  heading: 'h',
  title: 't',
  narration: 'n',
  dialogue: 'd',
  lyric: 'l',
  note: 'x',
  separator: 's',
  sfx: 'fx',
  music: 'm',
};

export interface BuildOptions {
  format: ScriptFormat;
  /** Used as the sheet title when the script has neither a title nor a heading (e.g. the file name). */
  fallbackTitle?: string;
}

/**
 * Turns reader output into the contract: trimmed spans whose text is exactly the script's text
 * (with the spoken text beside it where markup or directions make them differ), sorted, with ids derived from kind + content (stable when other parts of the script change)
 * and every cue in exactly one chapter.
 */
export function buildCueSheet(script: string, raw: RawCue[], options: BuildOptions): CueSheet {
  const trimmed = raw
    .map((cue) => ({ ...cue, ...trimSpan(script, cue) }))
    .filter((cue) => cue.end > cue.start)
    .sort((a, b) => a.start - b.start);

  const seen = new Map<string, number>();
  const uniqueId = (base: string) => {
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  };

  const cues: Cue[] = [];
  const chapters: Chapter[] = [];
  let lastEnd = 0;
  for (const rawCue of trimmed) {
    // Readers never overlap cues; if a malformed input makes one try, keep the earlier cue whole.
    if (rawCue.start < lastEnd) continue;
    lastEnd = rawCue.end;
    const text = script.slice(rawCue.start, rawCue.end);
    const spoken = rawCue.silent ? '' : spokenFor(options.format, rawCue.kind, text);
    // Built key by key (no spreads: this runs for every cue of a book), in the contract's order.
    const id = uniqueId(cueIdBase(rawCue.kind, text));
    const cue = (
      rawCue.speaker
        ? { id, kind: rawCue.kind, speaker: rawCue.speaker, text }
        : { id, kind: rawCue.kind, text }
    ) as Cue;
    if (spoken !== text) cue.spoken = spoken;
    cue.source = { start: rawCue.start, end: rawCue.end };
    if (rawCue.overlaps) cue.overlaps = true;
    cues.push(cue);
    if (rawCue.opensChapter || chapters.length === 0) {
      const title = rawCue.opensChapter ? collapseSpace(spokenText(cue)) : '';
      chapters.push({ id: uniqueId(`ch-${fnv1a(title)}`), title, cueIds: [] });
    }
    chapters[chapters.length - 1]!.cueIds.push(cue.id);
  }

  const titleCue = cues.find((c) => c.kind === 'title') ?? cues.find((c) => c.kind === 'heading');
  const shown = titleCue ? collapseSpace(spokenText(titleCue)) : '';
  // A script with no title of its own whose first heading is a chapter's ("CHAPTER ONE: The
  // Lighthouse", "I") is named by its file: that heading titled the whole book, its save name and tags.
  const chapterNamed = titleCue?.kind === 'heading' && CHAPTER_HEADING.test(shown);
  const title =
    (chapterNamed ? options.fallbackTitle : undefined) || shown || (options.fallbackTitle ?? 'Untitled');
  // Material before the first chapter heading (a title page, front notes) forms an opening chapter,
  // unless it is only the book's title (and notes) or would be named like the heading after it:
  // then it is no chapter of its own, and its cues open the first chapter.
  const [opening, next] = chapters;
  if (opening?.title === '' && next) {
    const kinds = new Map(cues.map((c) => [c.id, c.kind]));
    const onlyTitle = opening.cueIds.every((id) => UNSPOKEN_FRONT.has(kinds.get(id)!));
    if (onlyTitle || next.title === (shown || title)) {
      next.cueIds.unshift(...opening.cueIds);
      chapters.shift();
    }
  }
  for (const chapter of chapters) if (chapter.title === '') chapter.title = title;

  return { version: CUE_SHEET_VERSION, title, format: options.format, chapters, cues };
}

/**
 * A heading that names a chapter, not a book: "Chapter 3", "CHAPTER ONE: …", "Prologue". A "Part 1:
 * …" heading may be the book's own name (a title line above its chapters), so it still titles.
 */
/**
 * A heading that names a chapter, not the book: "CHAPTER ONE", "Prologue", or a bare Roman
 * numeral ("I", "XIV."): a script of sonnets opening on "I" was titled "I" (tester 16).
 */
const CHAPTER_HEADING =
  /^(?:(?:chapter|prologue)\b|(?:(?=[ivxlcdm])m{0,3}(?:cm|cd|d?c{0,3})(?:xc|xl|l?x{0,3})(?:ix|iv|v?i{0,3}))\.?$)/i;

/** Cues that alone make no opening chapter: a title page is not a chapter. */
const UNSPOKEN_FRONT: ReadonlySet<CueKind> = new Set(['title', 'separator', 'note']);

/** A cue's id before de-duplication: its kind and a hash of its text, so it survives edits elsewhere. */
export function cueIdBase(kind: CueKind, text: string): string {
  return `${ID_PREFIX[kind]}-${fnv1a(`${kind}\u0000${text}`)}`;
}

export function collapseSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
