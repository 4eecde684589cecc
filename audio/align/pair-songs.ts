import { overlap, type Span } from './sung-sections.ts';

// Which detected sections are which songs of the script. A first alignment pass places the
// songs; a section that covers most of a song as placed is that song (music or voice alike). A
// song sung unaccompanied is often misplaced by that pass (held notes do not look like a TTS
// reading of the words), so the singing-voice sections left over are matched to the songs left
// over in order, nearest first, by dynamic programming: songs and sections are both in time
// order, so no two pairs may cross, and a pair further apart than `maxShift` is no pair. A
// section that lies within a song as placed (some held lines of a spoken song) confirms that
// placement instead: the song keeps its spectral match, and neither takes part in the matching.

export interface SongPair {
  /** Index of the song in `placed`. */
  song: number;
  heard: Span[];
}

/** Share of a placed song a section must cover to be that song by overlap alone. */
const COVERAGE = 0.9;
/** Slack (seconds) at a placed song's edges for a section to count as lying within it. */
const WITHIN = 0.5;

export function pairSongs(
  placed: Span[],
  sections: Span[],
  voiceSections: Span[],
  maxShift: number,
): SongPair[] {
  const pairs: SongPair[] = [];
  const used = new Set<Span>();
  for (const [song, span] of placed.entries()) {
    const over = sections.filter((s) => overlap(s, span) > 0);
    const covered = over.reduce((n, s) => n + overlap(s, span), 0);
    if (covered >= COVERAGE * (span.end - span.start)) {
      pairs.push({ song, heard: over });
      for (const s of over) used.add(s);
    }
  }
  const settled = new Set(pairs.map((p) => p.song));
  let voicesLeft = voiceSections.filter((v) => ![...used].some((u) => overlap(u, v) > 0));
  for (const [song, span] of placed.entries()) {
    const within = voicesLeft.filter((v) => v.start >= span.start - WITHIN && v.end <= span.end + WITHIN);
    if (within.length === 0) continue;
    settled.add(song);
    voicesLeft = voicesLeft.filter((v) => !within.includes(v));
  }
  const songsLeft = [...placed.keys()].filter((i) => !settled.has(i));
  for (const [i, j] of matchInOrder(
    songsLeft.map((i) => centre(placed[i]!)),
    voicesLeft.map(centre),
    maxShift,
  )) {
    pairs.push({ song: songsLeft[i]!, heard: [voicesLeft[j]!] });
  }
  return pairs.sort((a, b) => a.song - b.song);
}

/**
 * The order-preserving matching of `a` to `b` (both ascending) that minimises the summed
 * distance, where leaving an item unmatched costs `maxShift` and pairs further apart are barred.
 */
export function matchInOrder(a: number[], b: number[], maxShift: number): Array<[number, number]> {
  const m = a.length;
  const n = b.length;
  const cost = Array.from({ length: m + 1 }, () => new Float64Array(n + 1));
  for (let i = 0; i <= m; i++) {
    for (let j = 0; j <= n; j++) {
      if (i === 0 && j === 0) continue;
      let best = Number.POSITIVE_INFINITY;
      if (i > 0) best = cost[i - 1]![j]! + maxShift;
      if (j > 0) best = Math.min(best, cost[i]![j - 1]! + maxShift);
      if (i > 0 && j > 0) {
        const d = Math.abs(a[i - 1]! - b[j - 1]!);
        if (d <= maxShift) best = Math.min(best, cost[i - 1]![j - 1]! + d);
      }
      cost[i]![j] = best;
    }
  }
  const pairs: Array<[number, number]> = [];
  for (let i = m, j = n; i > 0 && j > 0; ) {
    const d = Math.abs(a[i - 1]! - b[j - 1]!);
    if (d <= maxShift && cost[i]![j] === cost[i - 1]![j - 1]! + d) {
      pairs.push([i - 1, j - 1]);
      i--;
      j--;
    } else if (cost[i]![j] === cost[i - 1]![j]! + maxShift) i--;
    else j--;
  }
  return pairs.reverse();
}

function centre(span: Span): number {
  return (span.start + span.end) / 2;
}
