/** Distinct hues for speakers, in order of first appearance (they repeat after twelve). */
const PALETTE = [
  '#f59e0b',
  '#38bdf8',
  '#a78bfa',
  '#34d399',
  '#f472b6',
  '#facc15',
  '#60a5fa',
  '#fb7185',
  '#4ade80',
  '#c084fc',
  '#2dd4bf',
  '#fb923c',
];

/** The colour of the `index`-th speaker of the script (0-based). */
export function speakerColor(index: number): string {
  return PALETTE[index % PALETTE.length]!;
}
