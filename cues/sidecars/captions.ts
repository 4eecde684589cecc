import { collapseSpace } from '../build-cue-sheet.ts';
import type { CueSheet } from '../cue-sheet.ts';
import { spokenText } from '../spoken-text.ts';
import { lyricRuns, withoutSongMarks } from './chapter-marks.ts';
import { clockTime, lrcTime } from './timecode.ts';

// Captions of the whole script and LRC for the songs, from the cues' times. A long cue is cut
// into readable captions at sentence or clause breaks; each part gets the share of the cue's
// time that its share of the characters earns.

interface Caption {
  start: number;
  end: number;
  text: string;
  speaker?: string;
}

const MAX_CAPTION = 84; // two lines of 42, the usual broadcast limit

export function captionsOf(sheet: CueSheet): Caption[] {
  const out: Caption[] = [];
  for (const cue of sheet.cues) {
    // What is said, as said: no markup, notes, directions, sounds or music (spoken-text.ts).
    const text = collapseSpace(spokenText(cue));
    if (text === '' || cue.start === undefined || cue.end === undefined) continue;
    const pieces = splitForCaptions(text);
    const total = pieces.reduce((n, p) => n + p.length, 0);
    let at = cue.start;
    // Sung lines are captioned between music notes, as subtitles for the deaf and hard of hearing
    // mark lyrics (the notes are not in what is sung: spoken-text.ts drops a script's own).
    const sung = cue.kind === 'lyric';
    for (const piece of pieces) {
      const end = at + ((cue.end - cue.start) * piece.length) / total;
      const text = sung ? `♪ ${piece} ♪` : piece;
      out.push({ start: at, end, text, ...(cue.speaker ? { speaker: cue.speaker } : {}) });
      at = end;
    }
  }
  return out;
}

export function srtCaptions(sheet: CueSheet): string {
  return captionsOf(sheet)
    .map(
      (c, i) =>
        `${i + 1}\n${clockTime(c.start, ',')} --> ${clockTime(c.end, ',')}\n${srtText(`${c.speaker ? `${c.speaker}: ` : ''}${c.text}`)}\n`,
    )
    .join('\n');
}

export function webvttCaptions(sheet: CueSheet): string {
  const body = captionsOf(sheet)
    .map(
      (c) =>
        `${clockTime(c.start)} --> ${clockTime(c.end)}\n${c.speaker ? `<v ${escapeVtt(c.speaker)}>` : ''}${escapeVtt(c.text)}`,
    )
    .join('\n\n');
  return `WEBVTT\n\n${body}\n`;
}

/** LRC of the sung passages: every line of a stanza at its share of the stanza's time. */
export function lrcLyrics(sheet: CueSheet, artist?: string): string {
  const lines = [`[ti:${lrcText(sheet.title)}]`, ...(artist ? [`[ar:${lrcText(artist)}]`] : [])];
  for (const run of lyricRuns(sheet.cues)) {
    for (const cue of run) {
      if (cue.start === undefined || cue.end === undefined) continue;
      const verse = spokenText(cue)
        .split(/\r\n|\r|\n/)
        .map((l) => lrcText(withoutSongMarks(l)))
        .filter(Boolean);
      const total = verse.reduce((n, l) => n + l.length, 0);
      let at = cue.start;
      for (const line of verse) {
        lines.push(`[${lrcTime(at)}]${line}`);
        at += ((cue.end - cue.start) * line.length) / total;
      }
      lines.push(`[${lrcTime(cue.end)}]`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function splitForCaptions(text: string): string[] {
  if (text.length <= MAX_CAPTION) return [text];
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > MAX_CAPTION) {
    const window = rest.slice(0, MAX_CAPTION + 1);
    const cut =
      lastMatch(window, /[.!?…]["'”’)]*\s/g) ??
      lastMatch(window, /[,;:—–]\s/g) ??
      lastMatch(window, /\s/g) ??
      MAX_CAPTION;
    pieces.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

function lastMatch(text: string, pattern: RegExp): number | undefined {
  let at: number | undefined;
  for (const m of text.matchAll(pattern)) if (m.index > 20) at = m.index + m[0].length;
  return at;
}

/** WebVTT cue text (W3C WebVTT §4.2.1): & < > as character references, so "-->" cannot occur. */
export function escapeVtt(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** SRT has no escapes: a caption line holding "-->" is read as a timing line, so the arrow is drawn. */
function srtText(text: string): string {
  return text.replace(/-->/g, '→');
}

/** LRC has no escapes either: brackets would read as time or tag fields, line breaks end a line. */
function lrcText(text: string): string {
  return collapseSpace(text).replace(/\[/g, '(').replace(/\]/g, ')');
}
