/** "BUFFY", "Buffy (V.O.)", "@McCLANE^" → a display name that matches across formats: "Buffy". */
export function speakerName(raw: string): string {
  const name = raw
    .replace(/^@/, '')
    .replace(/\s*\^\s*$/, '')
    .replace(/\s*\([^)]*\)\s*/g, ' ')
    .trim();
  if (name !== name.toUpperCase()) return name;
  return name
    .toLowerCase()
    .replace(/(^|[\s'\-.])(\p{Ll})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}

const NARRATOR = /^(?:narrator|narration|narr\.?)$/i;

export function isNarrator(name: string): boolean {
  return NARRATOR.test(name.trim());
}
