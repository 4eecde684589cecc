// Sound and music cues as broadcasters' radio layouts write them: bracketed ("[SFX: door]",
// "(MUSIC - theme up)") or bare at the start of a line, as in the BBC Writersroom radio template
// ("SFX: Door slams.", "FX: rain", "GRAMS: theme", "MUSIC: Low strings, under."). They drive the
// SFX and music-bed lanes; they are never characters and never spoken.

const SOUND_WORDS = 'sfx|f/x|fx|sound(?:\\s+effects?)?|atmos|atmosphere|music(?:\\s+cue)?|grams|song';
const BRACKETED = new RegExp(`^\\s*[[(]\\s*(${SOUND_WORDS})\\s*[:\\-–—]\\s*[^\\])]*[\\])]\\s*$`, 'i');
const BARE = new RegExp(`^\\s*(${SOUND_WORDS})\\s*(?::|\\s[-–—])\\s*\\S`, 'i');
const MUSIC = /^(?:music|grams|song)/i;

export type SoundKind = 'sfx' | 'music';

/** The kind of a sound or music cue line, or undefined for any other line. */
export function soundCueKind(line: string): SoundKind | undefined {
  const match = BRACKETED.exec(line) ?? BARE.exec(line);
  if (!match) return undefined;
  return MUSIC.test(match[1]!) ? 'music' : 'sfx';
}

/** A bracketed cue is whole on its line; a bare one may run on to the next lines of its paragraph. */
export function isBracketedSoundCue(line: string): boolean {
  return BRACKETED.test(line);
}
