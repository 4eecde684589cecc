// Script lines a recogniser cannot be relied on to tell apart.

/**
 * Whether another line differs from line `i` in one word only, that word a form of the other
 * ("the map" / "the maps"): a tester's two such takes both went to one line, the other "missing",
 * with no flag. The recogniser cannot be relied on to tell them apart, so the producer is asked.
 */
export function nearlyTheSame(lines: string[][], i: number): boolean {
  const line = lines[i]!;
  return lines.some((other, j) => {
    if (j === i || other.length !== line.length) return false;
    const differ = other.flatMap((word, k) => (word === line[k] ? [] : [k]));
    if (differ.length !== 1) return false;
    const [a, b] = [other[differ[0]!]!, line[differ[0]!]!];
    return a.startsWith(b) || b.startsWith(a);
  });
}
