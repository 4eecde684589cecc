/** "BUFFY", "Buffy (V.O.)", "@McCLANE^" → a display name that matches across formats: "Buffy", "McClane". */
export function speakerName(raw: string): string {
  // An indented character line ("    @McCLANE") is forced all the same.
  const forced = raw.trim().startsWith('@');
  const name = raw
    .trim()
    .replace(/^@/, '')
    .replace(/\s*\^\s*$/, '')
    .replace(/\s*\([^)]*\)\s*/g, ' ')
    .trim();
  if (name !== name.toUpperCase()) {
    // A forced name keeps its small letters (fountain.io: "@McCLANE"); its capitals run is cased like the rest.
    return forced ? name.replace(/\p{Lu}{2,}(?:['\-.]?\p{Lu})*/gu, titleCase) : name;
  }
  return titleCase(name);
}

function titleCase(name: string): string {
  return name
    .toLowerCase()
    .replace(/(^|[\s'\-.])(\p{Ll})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}

/** A note that the line is spoken over the one before: "(overlapping)", "(OVERLAP)", "(overlaps)". */
export const OVERLAP = /\(\s*overlap(?:ping|s)?\b/i;

const NARRATOR = /^(?:narrator|narration|narr\.?)$/i;

export function isNarrator(name: string): boolean {
  return NARRATOR.test(name.trim());
}
