import { InputError } from '../../input-error.ts';
import { type ChapterImport, finishImport, type ImportedChapter } from './imported-chapters.ts';

// WebVTT chapter tracks (W3C WebVTT, <track kind="chapters">): a "WEBVTT" header, then cues of
// an optional identifier, a timing line "[hh:]mm:ss.ttt --> [hh:]mm:ss.ttt [settings]" and the
// title; NOTE, STYLE and REGION blocks are skipped, character references and tags undone.

const TIMING = /^((?:\d+:)?\d{1,2}:\d{1,2}[.,]\d{1,3})\s+-->\s+((?:\d+:)?\d{1,2}:\d{1,2}[.,]\d{1,3})(?:\s|$)/;

function clock(value: string): number {
  const parts = value.replace(',', '.').split(':').map(Number);
  return parts.reduce((total, part) => total * 60 + part, 0);
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  nbsp: '\u00a0',
  lrm: '\u200e',
  rlm: '\u200f',
};

/** Cue text as a player shows it: tags (<v Name>, <b>, timestamps) removed, references undone. */
function cueText(lines: string[]): string {
  return lines
    .join('\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X'))
        return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
      return ENTITIES[name.toLowerCase()] ?? whole;
    });
}

export function readWebvttChapters(text: string): ChapterImport {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  if (!/^WEBVTT(?:[ \t].*)?$/.test(lines[0] ?? ''))
    throw new InputError('line 1: not a WebVTT file (no "WEBVTT")');
  const chapters: ImportedChapter[] = [];
  // The header runs to the first blank line (WebVTT spec, file structure): YouTube and others put
  // "Kind: chapters" and "Language: en" there; none of it is a cue.
  let i = 1;
  while (i < lines.length && lines[i]!.trim() !== '' && !lines[i]!.includes('-->')) i++;
  while (i < lines.length) {
    // A block runs to the next blank line.
    while (i < lines.length && lines[i]!.trim() === '') i++;
    const block: Array<{ text: string; line: number }> = [];
    while (i < lines.length && lines[i]!.trim() !== '') block.push({ text: lines[i]!, line: ++i });
    if (block.length === 0) break;
    if (/^(?:NOTE|STYLE|REGION)(?:\s|$)/.test(block[0]!.text)) continue;
    const at = block.findIndex((b) => b.text.includes('-->'));
    if (at < 0 || at > 1)
      throw new InputError(
        `line ${block[0]!.line}: a WebVTT cue without a timing line ("00:00.000 --> 00:10.000")`,
      );
    const timing = TIMING.exec(block[at]!.text.trim());
    if (!timing)
      throw new InputError(
        `line ${block[at]!.line}: not a WebVTT timing line: ${JSON.stringify(block[at]!.text.slice(0, 60))}`,
      );
    const [start, end] = [clock(timing[1]!), clock(timing[2]!)];
    chapters.push({
      start,
      ...(end > start ? { end } : {}),
      title: cueText(block.slice(at + 1).map((b) => b.text)),
    });
  }
  return finishImport(chapters, [], 'WebVTT file');
}
