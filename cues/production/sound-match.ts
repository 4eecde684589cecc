// A script's sound cue ("[SFX: door slams]", "MUSIC: sad piano") matched to a file by name. The
// rule: both sides become sets of normalised words (lower case, split on anything not a letter or
// digit, a plural or third-person "s" dropped, filler words and the cue's own tag left out); a
// file's score is their overlap (Jaccard: shared words / all words). The best file wins when it
// scores at least MIN_OVERLAP and no other file scores the same; a tie is ambiguous, nothing at
// that score is no match. "[SFX: door slams]" -> "door-slams.wav" or "Door Slam.mp3".

/** Least overlap (0-1) for a file to match: half the words of cue and file together are shared. */
export const MIN_OVERLAP = 0.5;

const FILLER = new Set([
  'a',
  'an',
  'the',
  'of',
  'and',
  'in',
  'on',
  'at',
  'to',
  'sfx',
  'fx',
  'sound',
  'music',
  'cue',
]);

/** What a sound cue asks for: its text without the brackets and the SFX / MUSIC tag. */
export function soundDescription(text: string): string {
  return text
    .trim()
    .replace(/^\[\s*|\s*\]$/g, '')
    .replace(/^(sfx|fx|sound|music)\s*[:.-]\s*/i, '')
    .trim();
}

function stem(word: string): string {
  if (word.length > 3 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('es') && /(ch|sh|x|ss)es$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** The normalised words of a description or a file name (its extension left off by the caller). */
export function soundWords(name: string): Set<string> {
  const words = name
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '' && !FILLER.has(w))
    .map(stem);
  return new Set(words);
}

/** Jaccard overlap of two word sets, 0 when either is empty. */
export function overlap(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / (a.size + b.size - shared);
}

export type SoundMatch =
  | { file: string; score: number }
  | { missing: 'no match' | 'ambiguous'; candidates: string[] };

/**
 * The file (of `files`, names as given; compared without folder or extension) a sound cue's text
 * asks for, or why none: 'no match' (best overlap under MIN_OVERLAP; candidates: the best under
 * it) or 'ambiguous' (several files share the best score; candidates: those files).
 */
export function matchSound(cueText: string, files: string[]): SoundMatch {
  const wanted = soundWords(soundDescription(cueText));
  const scored = files
    .map((file) => {
      const base = file.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
      return { file, score: overlap(wanted, soundWords(base)) };
    })
    .sort((a, b) => b.score - a.score);
  const best = scored[0];
  if (!best || best.score < MIN_OVERLAP)
    return { missing: 'no match', candidates: best && best.score > 0 ? [best.file] : [] };
  const tied = scored.filter((s) => s.score === best.score);
  if (tied.length > 1) return { missing: 'ambiguous', candidates: tied.map((s) => s.file) };
  return best;
}
