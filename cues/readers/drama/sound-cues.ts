// Sound and music cues as broadcasters' radio layouts write them: bracketed ("[SFX: door]",
// "(MUSIC - theme up)") or bare at the start of a line, as in the BBC Writersroom radio template
// ("SFX: Door slams.", "FX: rain", "GRAMS: theme", "MUSIC: Low strings, under.") and its tabbed
// variant ("SFX<TAB>GLASSES CLINKING", "F/X<TAB>WIND"), with the BBC's music moves ("MUSIC IN:",
// "MUSIC OUT", "MUSIC UNDER"). They drive the SFX and music-bed lanes; they are never characters
// and never spoken.

const SOUND_WORDS = 'sfx|f/x|fx|sound(?:\\s+effects?)?|atmos|atmosphere|music(?:\\s+cue)?|grams|song';
/** How the BBC layouts say where music or a sound goes: "MUSIC IN", "GRAMS UP AND UNDER", "ATMOS OUT". */
const MOVE =
  '(?:\\s+(?:in|out|up|down|under|over|fades?(?:\\s+(?:in|out|up|down|under))?|continues|ends|sting|cue|and|behind))*';
const BRACKETED = new RegExp(`^\\s*[[(]\\s*(${SOUND_WORDS})${MOVE}\\s*[:\\-–—]\\s*[^\\])]*[\\])]\\s*$`, 'i');
/** Bare: the word (and its move), then a colon, a spaced dash, or a tab / wide space before the cue. */
const BARE = new RegExp(`^\\s*(${SOUND_WORDS})${MOVE}\\s*(?::|\\s[-–—]|\\t|\\s{3,})\\s*\\S`, 'i');
const MOVE_WORDS =
  '(SFX|F/X|FX|ATMOS|MUSIC|GRAMS)(?:\\s+(?:IN|OUT|UP|DOWN|UNDER|OVER|AND|FADES?|CONTINUES|ENDS))+\\.?';
/** A move alone on its line, in capitals as written: "MUSIC OUT.", "GRAMS UP AND UNDER". */
const MOVE_ONLY = new RegExp(`^\\s*${MOVE_WORDS}\\s*$`);
/** The same in brackets, as a direction: "[MUSIC OUT]", "(SFX FADES)". */
const MOVE_BRACKETED = new RegExp(`^\\s*(?:\\[\\s*${MOVE_WORDS}\\s*\\]|\\(\\s*${MOVE_WORDS}\\s*\\))\\s*$`);
/** The word alone, the cue on the lines below it: "MUSIC:", "SFX:". */
const HEAD_ONLY = new RegExp(`^\\s*(${SOUND_WORDS})${MOVE}\\s*:\\s*$`, 'i');
const MUSIC = /^(?:music|grams|song)/i;
/** Every cue opens with one of the words: most lines are turned away on this alone (it runs on every line). */
const OPENING = /^\s*[[(]?\s*(?:sfx|f\/?x|sound|atmos|music|grams|song)/i;

export type SoundKind = 'sfx' | 'music';

/** The kind of a sound or music cue line, or undefined for any other line. */
export function soundCueKind(line: string): SoundKind | undefined {
  if (!OPENING.test(line)) return undefined;
  const match = BRACKETED.exec(line) ?? BARE.exec(line) ?? MOVE_ONLY.exec(line) ?? MOVE_BRACKETED.exec(line);
  if (!match) return undefined;
  return MUSIC.test(match[1] ?? match[2]!) ? 'music' : 'sfx';
}

/** The kind of a cue's word alone on its line ("MUSIC:"), its cue written below it; else undefined. */
export function soundCueHead(line: string): SoundKind | undefined {
  if (!OPENING.test(line)) return undefined;
  const match = HEAD_ONLY.exec(line);
  if (!match) return undefined;
  return MUSIC.test(match[1]!) ? 'music' : 'sfx';
}

/** A bracketed cue is whole on its line; a bare one may run on to the next lines of its paragraph. */
export function isBracketedSoundCue(line: string): boolean {
  return BRACKETED.test(line) || MOVE_BRACKETED.test(line);
}
