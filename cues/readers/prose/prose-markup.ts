// Emphasis as prose typed in plain text marks it (fan fiction, e-mail style): *word*, **words**,
// _word_, __words__. The marks are styling, never spoken or shown; lone asterisks and snake_case
// stay. Pure string work, so it is cheap for the many cues that have no mark at all.

/** A pair of the same mark around words: opened at a word's start, closed at a word's end. */
const EMPHASIS = /(?<![\p{L}\p{N}*_])(\*{1,2}|_{1,2})(?=[^\s*_])([^\n]*?[^\s*_])\1(?![\p{L}\p{N}*_])/gu;

export function proseSpoken(text: string): string {
  if (!text.includes('*') && !text.includes('_')) return text;
  return text.replace(EMPHASIS, '$2');
}
