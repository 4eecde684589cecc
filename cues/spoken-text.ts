import type { Cue, CueKind, CueSheet, ScriptFormat } from './cue-sheet.ts';
import {
  headingWords,
  sungWords,
  withoutDirections,
  withoutNotes,
} from './readers/drama/drama-directions.ts';
import { fountainSpoken } from './readers/fountain/fountain-markup.ts';
import { proseSpoken } from './readers/prose/prose-markup.ts';

// The split between a cue's exact source text (offsets, ids) and what is said and shown: every
// place that makes audio, captions, tags or chapter names takes `spokenText`, never `text`.

/** Kinds that are sounds, music or rules: never read aloud, captioned or tagged. */
export const UNVOICED: ReadonlySet<CueKind> = new Set(['separator', 'sfx', 'music']);

/**
 * What a cue says aloud and shows: "" for sound, music and separator cues; else `spoken` where
 * the reader set it (markup removed; "" for a synopsis or transition), else its text.
 */
export function spokenText(cue: Pick<Cue, 'kind' | 'text' | 'spoken'>): string {
  if (UNVOICED.has(cue.kind)) return '';
  return cue.spoken ?? cue.text;
}

/**
 * A sheet saved before cues carried their spoken text, given it from its format's rules (markup
 * and directions removed); cues that have it, and sheets of no known format, stay as they are.
 */
export function withSpokenText(sheet: CueSheet): CueSheet {
  if (!sheet.format || sheet.cues.every((c) => c.spoken !== undefined || UNVOICED.has(c.kind))) return sheet;
  let changed = false;
  const cues = sheet.cues.map((cue) => {
    if (cue.spoken !== undefined) return cue;
    const spoken = spokenFor(sheet.format, cue.kind, cue.text);
    if (spoken === cue.text) return cue;
    changed = true;
    const { source, ...rest } = cue;
    return { ...rest, spoken, source };
  });
  return changed ? { ...sheet, cues } : sheet;
}

/**
 * The spoken text of a span of a script of `format`, by that format's own rules: Fountain markup
 * (fountain.io: emphasis, notes, boneyard, lyric and forcing marks, a parenthetical inside a
 * speech), radio-drama directions inside speeches, notes, emphasis and song marks ("♪"), Markdown
 * heading marks; prose emphasis (*x*, _x_). Unvoiced
 * kinds keep their text (`spokenText` silences them).
 */
export function spokenFor(format: ScriptFormat | undefined, kind: CueKind, text: string): string {
  if (UNVOICED.has(kind)) return text;
  if (format === 'fountain') return fountainSpoken(text, kind);
  if (format === 'prose') return proseSpoken(text);
  if (format !== 'drama') return text;
  // A sung line's parentheses are usually sung too ("(ooh)"), so only speeches lose them.
  if (kind === 'dialogue' || kind === 'narration') return withoutDirections(text);
  if (kind === 'heading') return headingWords(text);
  if (kind === 'lyric') return sungWords(text);
  if (kind === 'title') return withoutNotes(text);
  return text;
}
