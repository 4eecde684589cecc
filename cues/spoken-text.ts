import type { Cue, CueKind, ScriptFormat } from './cue-sheet.ts';
import { withoutDirections } from './readers/drama/drama-directions.ts';
import { fountainSpoken } from './readers/fountain/fountain-markup.ts';

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
 * The spoken text of a span of a script of `format`, by that format's own rules: Fountain markup
 * (fountain.io: emphasis, notes, boneyard, lyric and forcing marks), radio-drama directions
 * inside speeches. Prose has no markup; unvoiced kinds keep their text (`spokenText` silences them).
 */
export function spokenFor(format: ScriptFormat | undefined, kind: CueKind, text: string): string {
  if (UNVOICED.has(kind)) return text;
  if (format === 'fountain') return fountainSpoken(text);
  // A sung line's parentheses are usually sung too ("(ooh)"), so only speeches lose them.
  if (format === 'drama' && (kind === 'dialogue' || kind === 'narration')) return withoutDirections(text);
  return text;
}
