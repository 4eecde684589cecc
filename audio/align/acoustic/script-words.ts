import type { Cue, CueSheet } from '../../../cues/cue-sheet.ts';
import { spokenText } from '../../../cues/spoken-text.ts';
import { romanValue, speechText } from '../../scratch/speech-text.ts';

// The script as the recogniser hears it: each spoken cue's words, normalised the way a narrator
// reads them (speech-text.ts), lower-cased, apostrophes straightened. Sung cues are not words to
// the recogniser (it fails on singing): they become a free stretch that the song fills, and are
// placed afterwards from the song detector (place-cues.ts).

export type CueRole = 'spoken' | 'optional' | 'sung' | 'silent';

export interface ScriptPart {
  /** Index of the cue in the sheet. */
  cue: number;
  role: CueRole;
  /**
   * Tokens as in the pronunciation dictionary ("beauty's"; "12" is left for eSpeak to say). A sung
   * cue keeps its words too, but only to estimate how long it lasts: the recogniser never sees them.
   */
  words: string[];
}

/** How a cue is heard: read, possibly skipped by the reader (notes), sung, or never voiced. */
export function cueRole(cue: Cue): CueRole {
  if (cue.kind === 'lyric') return 'sung';
  if (cue.kind === 'separator' || cue.kind === 'sfx' || cue.kind === 'music') return 'silent';
  if (cue.kind === 'note') return 'optional';
  return 'spoken';
}

/** A heading or title that is only a Roman numeral, the pronoun's letter included ("I"), is read as its number. */
function headingText(cue: Cue): string {
  const said = spokenText(cue);
  const trimmed = said.trim();
  if ((cue.kind === 'heading' || cue.kind === 'title') && romanValue(trimmed) !== undefined)
    return String(romanValue(trimmed));
  return said;
}

/** Lower-case word tokens of text as it is read: letters, digits and inner apostrophes. */
export function wordTokens(text: string): string[] {
  const tokens = speechText(text)
    .replace(/[’‘ʼ`]/g, "'")
    .toLowerCase()
    .split(/[^\p{L}\p{N}']+/u);
  return tokens.map((t) => t.replace(/^'+|'+$/g, '')).filter((t) => t !== '');
}

/** Every cue of the sheet in order, with its role and words (empty for silent cues). */
export function scriptParts(sheet: CueSheet): ScriptPart[] {
  return sheet.cues.map((cue, index) => {
    const role = cueRole(cue);
    const words = role === 'silent' ? [] : wordTokens(headingText(cue));
    return { cue: index, role: words.length === 0 ? 'silent' : role, words };
  });
}
