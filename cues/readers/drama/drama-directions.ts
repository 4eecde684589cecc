// Directions inside a radio-drama speech: "TOM: (OFF) I'm trying.", "EDITH: (BEAT) Did you…".
// Broadcasters' layouts (BBC Writersroom radio template and the like) put every performance note
// in parentheses; none of it is said, so the spoken text leaves it out. Square brackets are the
// writer's own words ("I saw [the] past") and stay.

const DIRECTION = /\s*\([^()\n]{0,80}\)\s*/g;

/** "(BEAT) Did you see the boat?" → "Did you see the boat?" (line breaks kept). */
export function withoutDirections(text: string): string {
  if (!text.includes('(')) return text;
  return text
    .split(/\r\n|\r|\n/)
    .map((line) =>
      line
        .replace(DIRECTION, ' ')
        .replace(/[ \t]{2,}/g, ' ')
        .replace(/ (?=[,.;:!?…])/g, '')
        .trim(),
    )
    .filter((line) => line !== '')
    .join('\n');
}
