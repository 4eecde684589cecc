import { withoutEmphasis, withoutNoteText } from '../fountain/fountain-markup.ts';

// What is not said inside a radio-drama speech: "TOM: (OFF) I'm trying.", "LEO: Hear what? [beat]
// Oh.", "MRS. O'BRIEN: I told you so. [[cut?]]", "LEO: *Finally*, sunshine.". Broadcasters'
// layouts (BBC Writersroom radio template and the like) put performance notes in parentheses;
// scripts typed elsewhere put them in square brackets, writers' notes in [[double brackets]]
// (as Fountain does) and stress in Markdown asterisks. None of it is said. A square-bracketed
// word inside a sentence is the writer's own ("I saw [the] past") and stays.

const DIRECTION = /\s*\([^()\n]{0,80}\)\s*/g;
const BRACKETED = /\[([^[\]\n]{1,80})\]/g;
/** Performance notes writers put in square brackets mid-sentence too: "I [pause] can't". */
const DIRECTION_WORDS =
  /^(?:beat|pause|long pause|a beat|silence|sighs?|laughs?|laughing|chuckles?|gasps?|coughs?|cries|crying|sobs?|whispers?|whispering|shouts?|shouting|off|off mic|v\.?o\.?|o\.?s\.?|cont'?d|continuing|aside|to \w+|quietly|softly|loudly|sarcastic(?:ally)?)$/i;

/** "(BEAT) Did you see the boat? [beat] [[cut?]] *Oh*." → "Did you see the boat? Oh." (line breaks kept). */
export function withoutDirections(text: string): string {
  if (!/[([*_]/.test(text)) return text;
  return tidy(withoutNoteText(text), (line) =>
    withoutEmphasis(withoutBracketedDirections(line).replace(DIRECTION, ' ')),
  );
}

/** A sung line keeps its parentheses ("(ooh)"); only notes and emphasis go. */
export function withoutNotes(text: string): string {
  if (!/[[*_]/.test(text)) return text;
  return tidy(withoutNoteText(text), withoutEmphasis);
}

/** A performance note outside a sung line's marks: "(SINGS) ♪ Daisy ♪", "♪ Daisy ♪ [stops]". */
const BEFORE_SONG = /^\s*(?:(?:\([^()\n]*\)|\[[^[\]\n]*\])\s*)+(?=[♪♫])/;
const AFTER_SONG = /(?<=[♪♫])\s*(?:(?:\([^()\n]*\)|\[[^[\]\n]*\])\s*)+$/;

/**
 * A sung line as sung: its parentheses kept ("(ooh)"), notes, emphasis, the song marks "♪" "♫"
 * and the performance notes outside them ("(SINGS) ♪ …") gone.
 */
export function sungWords(text: string): string {
  if (!/[♪♫]/.test(text)) return withoutNotes(text);
  return tidy(withoutNoteText(text), (line) =>
    withoutEmphasis(line.replace(BEFORE_SONG, '').replace(AFTER_SONG, '').replace(/[♪♫]/g, ' ')),
  );
}

/** A heading's words without its Markdown marks: "## Subsection" → "Subsection". */
export function headingWords(text: string): string {
  return withoutEmphasis(text.replace(/^\s*#{1,6}\s*/, '').replace(/\s+#+\s*$/, '')).trim();
}

/**
 * `[beat]` is a direction when it stands between sentences (at the start, at the end, after
 * . ! ? … or a dash) or names one; between two words it is the writer's own insertion.
 */
function withoutBracketedDirections(line: string): string {
  if (!line.includes('[')) return line;
  return line.replace(BRACKETED, (whole, inner: string, at: number) => {
    const before = line.slice(0, at).trimEnd();
    const between =
      before === '' || /[.!?…—–-]["'”’]?$/.test(before) || line.slice(at + whole.length).trim() === '';
    return between || DIRECTION_WORDS.test(inner.trim()) ? ' ' : whole;
  });
}

function tidy(text: string, clean: (line: string) => string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) =>
      clean(line)
        .replace(/[ \t]{2,}/g, ' ')
        .replace(/ (?=[,.;:!?…])/g, '')
        .trim(),
    )
    .filter((line) => line !== '')
    .join('\n');
}
