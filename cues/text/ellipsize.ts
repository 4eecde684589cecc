/** `text` cut to at most `max` characters, ending in "…" when it was cut. */
export function ellipsize(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
