// Takes heard in an actor's session files, sorted out per script line: every take listed in the
// order it was recorded, complete takes told from false starts (a take that stops partway through
// its line), the last complete take picked (the one the actor and director settled on), and the
// lines with no complete take listed as missing.

/** One take heard in a session file (times in seconds on that file's own clock). */
export interface FoundTake {
  /** Index of the file in the actor's files, in recording order. */
  file: number;
  /** Index of the line among the lines searched. */
  line: number;
  /** Words of the line heard, from its first. */
  words: number;
  start: number;
  end: number;
  /** Mean posterior of its words (0-1). */
  fit: number;
  /**
   * Seconds of speech running on after its last heard word before a pause (absent: not
   * measured): a take the recogniser lost near its end goes on; a false start stops.
   */
  speechAfter?: number;
  /** Its last words were heard only by a search of the speech after it (missed by the whole-take search). */
  tailed?: true;
}

/** A take of one line, as listed for the producer. */
export interface LineTake {
  file: number;
  start: number;
  end: number;
  /** The whole line was heard (otherwise a false start). */
  complete: boolean;
  /** Words heard / words in the line. */
  words: number;
  of: number;
  fit: number;
  /** Its last words were heard only by a second search of the speech after it: worth a listen. */
  tailed?: true;
}

export interface LineTakes {
  line: number;
  /** Every take in recording order (file order, then time). */
  takes: LineTake[];
  /** Index into `takes` of the pick: the last complete take; absent when the line is missing. */
  pick?: number;
  /** Why the pick is worth a listen, when it is (absent: trusted). */
  review?: string;
}

/** Below this mean posterior a complete take is picked but flagged. */
const LOW_FIT = 0.35;
/**
 * A take heard to within this share of its line's words is complete (a 17-word line with its last
 * word unheard); the words unheard are named in its review. A false start stops well before.
 */
export const COMPLETE_SHARE = 0.9;

/** Of its line's words, the share a take must be heard through before running speech may complete it. */
const GOES_ON_SHARE = 0.7;

/**
 * More takes than this of one line (false starts included), or more than MANY_COMPLETE complete
 * ones, are more than actors record: some are other speech heard as the line (measured on the
 * full-scale bench: "What was that?" heard in about 50 slates, a few times whole, and one of
 * those picked), so the pick is flagged.
 */
const MANY_TAKES = 8;
const MANY_COMPLETE = 5;

/**
 * Whether `words` heard of a line of `of` words make a take: one word of a longer line is noise
 * (an "um" heard as a line's first word), not a take.
 */
export function isTake(words: number, of: number): boolean {
  return words >= 2 || of <= 2;
}

/**
 * Whether take `t` of a line of `of` words is complete: heard to COMPLETE_SHARE of its words, or
 * its speech goes on where its last words went unheard (goesOn).
 */
export function isComplete(t: FoundTake, of: number): boolean {
  return t.words >= Math.ceil(of * COMPLETE_SHARE) || goesOn(t, of);
}

/** Seconds a word of the take lasted, at its own pace. */
const pace = (t: FoundTake) => (t.end - t.start) / Math.max(1, t.words);

/**
 * The take's speech goes on after its last heard word for at least half as long as its unheard
 * words would take at its own pace: the recogniser lost the words, the actor did not stop.
 */
export function goesOn(t: FoundTake, of: number): boolean {
  if (t.speechAfter === undefined || t.words >= of || t.words < GOES_ON_SHARE * of) return false;
  const unheard = (of - t.words) * pace(t);
  // Much more speech than the unheard words would take is something else (a slate, another line).
  return t.speechAfter >= 0.5 * unheard && t.speechAfter <= 2.5 * unheard + 0.3;
}

/** Where the take ends: its last heard word, or the end of its speech when it goes on. */
export function takeEnd(t: FoundTake, of: number): number {
  return t.end + (goesOn(t, of) ? t.speechAfter! : 0);
}

/**
 * Why a complete take that plays is worth a listen, or undefined when it is trusted: heard unsurely
 * (mean posterior `fit` under 0.35), or its last words unheard (`words` of `of`: taken as complete
 * because the speech goes on). What assemble flags a pick with, and a take switched to in the app.
 */
export function takeReview(take: Pick<LineTake, 'fit' | 'words' | 'of' | 'tailed'>): string | undefined {
  if (take.fit < LOW_FIT) return `low acoustic match (${take.fit.toFixed(2)})`;
  if (take.tailed)
    return 'its last words were heard only in the speech after it (listen to check the take is whole)';
  if (take.words < take.of)
    return `last ${take.of - take.words} of ${take.of} words not heard (the take goes on: taken as complete)`;
  return undefined;
}

/**
 * Why a trusted pick among `takes` is still worth a listen: the line was heard more often than
 * takes are recorded (its takes and the `elsewhere` times its first words were heard in other
 * speech, a slate or chat), or a take after the pick was heard nearly whole (at least
 * GOES_ON_SHARE of its words), so the last complete take may be that one. Undefined otherwise.
 */
function laterReview(takes: LineTake[], pick: number, elsewhere: number): string | undefined {
  const complete = takes.filter((t) => t.complete).length;
  const heard = takes.length + elsewhere;
  if (heard > MANY_TAKES || complete > MANY_COMPLETE)
    return `heard ${heard} times (${complete} complete): some may be other speech`;
  const later = takes.slice(pick + 1).find((t) => t.words >= GOES_ON_SHARE * t.of);
  if (later)
    return `a later take was heard to ${later.words} of ${later.of} words: it may be the last complete one`;
  return undefined;
}

/** The review of a line in whose takes' files nothing of it was heard. */
export const NO_TAKE_FOUND = 'missing: no take found';
/** The review of a line of which only false starts were heard. */
export const ONLY_FALSE_STARTS = 'only false starts: no complete take';

/**
 * Per line (`lineWords[i]` words), its takes and pick. Ordering: `file`, then `start`. A complete
 * take heard unsurely is still picked, with `review` saying so; a line whose only takes are
 * false starts has no pick and says so. `elsewhere[i]`: how many times line i's first words were
 * heard in other speech, not listed as takes (find-takes.ts): a line heard in many slates may have
 * had one heard whole, so its pick is flagged as one heard too often is.
 */
export function pickTakes(lineWords: number[], found: FoundTake[], elsewhere: number[] = []): LineTakes[] {
  const ordered = [...found].sort((a, b) => a.file - b.file || a.start - b.start);
  return lineWords.map((of, line) => {
    const takes: LineTake[] = ordered
      .filter((t) => t.line === line)
      .filter((t) => isTake(t.words, of))
      .map((t) => ({
        file: t.file,
        start: t.start,
        end: takeEnd(t, of),
        complete: isComplete(t, of),
        words: t.words,
        of,
        fit: t.fit,
        ...(t.tailed ? { tailed: true as const } : {}),
      }));
    // The last complete take; one completed from the speech after it is flagged (takeReview).
    let pick: number | undefined;
    for (const [i, t] of takes.entries()) if (t.complete) pick = i;
    if (pick === undefined)
      return {
        line,
        takes,
        review: takes.length > 0 ? ONLY_FALSE_STARTS : NO_TAKE_FOUND,
      };
    const review = takeReview(takes[pick]!) ?? laterReview(takes, pick, elsewhere[line] ?? 0);
    return { line, takes, pick, ...(review ? { review } : {}) };
  });
}
