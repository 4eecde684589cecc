import type { CueKind } from '../../cue-sheet.ts';

// Fountain's inline markup (fountain.io/syntax: Emphasis, Notes, Boneyard, Lyrics, Centered Text,
// Scene Headings' scene numbers, forced elements) is styling and writer's commentary: it shapes
// the printed page and is never said. This turns a cue's exact source text into its spoken text.
// Inside a speech, a parenthetical typed on the line ("I know. (beat) I know.") is a direction
// like one on its own line; inside a lyric, the song marks "♪" and "♫" are not sung.

const BONEYARD = /\/\*[\s\S]*?(?:\*\/|$)/g;
const NOTE = /\[\[[\s\S]*?\]\]/g;
/** A [[note]] with the dashes a writer set it between, on either side: "I said -- [[fix]] -- no." */
const NOTE_IN_DASHES = /(?:([ \t]*)(-{2,}|[—–]))?[ \t]*\[\[[\s\S]*?\]\][ \t]*(?:(-{2,}|[—–])([ \t]*))?/g;
const SCENE_NUMBER = /\s+#[\w.-]+#\s*$/;
const CENTERED = /^\s*>\s*(.*?)\s*<\s*$/;
const LINE_MARK = /^\s*[~!]/;
/** Text with none of the marks above is its own spoken text: most cues, checked in one pass. */
const ANY_MARK = /[*_~!>#\\[/]/;

/** A parenthetical inside a line of dialogue, with the blanks around it. */
const DIRECTION = /[ \t]*\([^()\n]{0,80}\)[ \t]*/g;
const SONG_MARKS = /[♪♫]/g;

/**
 * "This is *not* the boat I _booked_. [[a note]]" → "This is not the boat I booked." (line breaks
 * kept); a line of `dialogue` without its "(beat)", a `lyric` without its "♪".
 */
export function fountainSpoken(text: string, kind?: CueKind): string {
  const out = withoutMarkup(text);
  if (kind === 'dialogue' && out.includes('(')) return tidyLines(out.replace(DIRECTION, ' '));
  if (kind === 'lyric' && /[♪♫]/.test(out)) return tidyLines(out.replace(SONG_MARKS, ' '));
  return out;
}

/** Each line with single blanks and none before a comma or stop; blank lines dropped. */
function tidyLines(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) =>
      line
        .replace(/[ \t]{2,}/g, ' ')
        .replace(/ (?=[,.;:!?…])/g, '')
        .trim(),
    )
    .filter((line) => line !== '')
    .join('\n');
}

function withoutMarkup(text: string): string {
  if (!ANY_MARK.test(text)) return text;
  let out = withoutNoteText(text.replace(BONEYARD, ' '));
  out = out
    .split(/\r\n|\r|\n/)
    .map((line) => {
      const centered = CENTERED.exec(line);
      const body = (centered ? centered[1]! : line).replace(LINE_MARK, '').replace(SCENE_NUMBER, '');
      return withoutEmphasis(body)
        .replace(/[ \t]{2,}/g, ' ')
        .trim();
    })
    .filter((line) => line !== '')
    .join('\n');
  return out;
}

/**
 * Text without its [[notes]] (each a blank). A note set off by dashes on both sides takes one of
 * them with it: "I said -- [[fix]] -- no." is said "I said -- no.", never with a doubled dash.
 */
export function withoutNoteText(text: string): string {
  if (!text.includes('[[')) return text;
  return text.replace(
    NOTE_IN_DASHES,
    (whole, before?: string, dash?: string, after?: string, gap?: string) =>
      dash !== undefined && after !== undefined ? `${before}${dash}${gap}` : whole.replace(NOTE, ' '),
  );
}

/**
 * `***bold italic***`, `**bold**`, `*italic*`, `_underline_` and their nestings ("*Bold **and**
 * italic*"); `\*` and `\_` stay as `*` and `_` (fountain.io: Emphasis). Matched as delimiter runs,
 * innermost pair first, like CommonMark's emphasis: a run opens when a non-blank follows it and
 * closes when one precedes it. Emphasis never crosses a line break (fountain.io) and, here, never
 * starts or ends inside a word, so "snake_case" and "5*5*5" stay as written; unpaired marks stay.
 */
export function withoutEmphasis(line: string): string {
  if (!/[*_\\]/.test(line)) return line;
  const drop = new Uint8Array(line.length);
  const openers: Run[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i]!;
    if (c === '\\' && (line[i + 1] === '*' || line[i + 1] === '_')) {
      drop[i] = 1; // the escape goes, the mark it escapes stays
      i += 2;
      continue;
    }
    if (c !== '*' && c !== '_') {
      i++;
      continue;
    }
    let j = i;
    while (line[j] === c) j++;
    const run: Run = { char: c, at: i, left: j - i, used: 0 };
    const before = line[i - 1];
    const after = line[j];
    const opens = after !== undefined && !/\s/.test(after) && !(before !== undefined && WORD.test(before));
    const closes = before !== undefined && !/\s/.test(before) && !(after !== undefined && WORD.test(after));
    if (closes) closeRun(run, openers, drop);
    if (opens && run.left > 0) openers.push(run);
    i = j;
  }
  let out = '';
  for (let k = 0; k < line.length; k++) if (!drop[k]) out += line[k];
  return out;
}

interface Run {
  char: string;
  at: number;
  /** Marks not yet paired. */
  left: number;
  /** Marks paired from the start of the run (a closer's side). */
  used: number;
}

const WORD = /[\p{L}\p{N}]/u;

/** Pairs a closing run with the nearest open runs of its mark, innermost marks first. */
function closeRun(run: Run, openers: Run[], drop: Uint8Array): void {
  for (let k = openers.length - 1; k >= 0 && run.left > 0; k--) {
    const opener = openers[k]!;
    if (opener.char !== run.char) continue;
    const n = Math.min(opener.left, run.left);
    // The opener gives up its innermost marks (its end), the closer its first ones.
    for (let m = 0; m < n; m++) drop[opener.at + opener.left - 1 - m] = 1;
    for (let m = 0; m < n; m++) drop[run.at + run.used + m] = 1;
    opener.left -= n;
    run.left -= n;
    run.used += n;
    // Runs opened inside this pair and never closed stay as written.
    openers.length = opener.left > 0 ? k + 1 : k;
  }
}
