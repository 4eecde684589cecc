// Fountain's inline markup (fountain.io/syntax: Emphasis, Notes, Boneyard, Lyrics, Centered Text,
// Scene Headings' scene numbers, forced elements) is styling and writer's commentary: it shapes
// the printed page and is never said. This turns a cue's exact source text into its spoken text.

const BONEYARD = /\/\*[\s\S]*?(?:\*\/|$)/g;
const NOTE = /\[\[[\s\S]*?\]\]/g;
// Emphasis never crosses a line break (fountain.io) and, here, never starts or ends inside a word,
// so "snake_case" and "5*5*5" stay as written.
const STARS = /(?<![\p{L}\p{N}*\\])(\*{1,3})(?=[^\s*])([^\n]*?[^\s\\])\1(?![\p{L}\p{N}*])/gu;
const UNDERLINE = /(?<![\p{L}\p{N}_\\])_(?=[^\s_])([^\n]*?[^\s\\])_(?![\p{L}\p{N}_])/gu;
const SCENE_NUMBER = /\s+#[\w.-]+#\s*$/;
const CENTERED = /^\s*>\s*(.*?)\s*<\s*$/;
const LINE_MARK = /^\s*[~!]/;
/** Text with none of the marks above is its own spoken text: most cues, checked in one pass. */
const ANY_MARK = /[*_~!>#\\[/]/;

/** "This is *not* the boat I _booked_. [[a note]]" → "This is not the boat I booked." (line breaks kept). */
export function fountainSpoken(text: string): string {
  if (!ANY_MARK.test(text)) return text;
  let out = text.replace(BONEYARD, ' ').replace(NOTE, ' ');
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

/** `***bold italic***`, `**bold**`, `*italic*`, `_underline_` and their nestings; `\*` and `\_` stay as `*` and `_`. */
export function withoutEmphasis(line: string): string {
  let out = line;
  for (let pass = 0; pass < 4; pass++) {
    const next = out.replace(STARS, '$2').replace(UNDERLINE, '$1');
    if (next === out) break;
    out = next;
  }
  return out.replace(/\\([*_])/g, '$1');
}
