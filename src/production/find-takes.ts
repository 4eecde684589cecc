import { wordTokens } from '../../audio/align/acoustic/script-words.ts';
import type { HeardWord } from '../../audio/align/acoustic/spotting-grammar.ts';
import {
  type HeardTake,
  tailGrammar,
  takeGrammar,
  takesHeard,
} from '../../audio/align/acoustic/take-grammar.ts';
import { longestRun, SEGMENT_MARGIN, takeSegments } from '../../audio/align/acoustic/take-segments.ts';
import { mayHaveTail, speechAfter } from '../../audio/align/acoustic/take-windows.ts';
import { concatBlocks } from '../../audio/dsp/frame-stream.ts';
import { floatSlice, MonoCollector } from '../../audio/dsp/mono-collector.ts';
import { EnergyEnvelope } from '../../audio/silence/energy-envelope.ts';
import { findPauses, type Pause } from '../../audio/silence/find-pauses.ts';
import type { Cue } from '../../cues/cue-sheet.ts';
import { nearlyTheSame } from '../../cues/production/alike-lines.ts';
import {
  COMPLETE_SHARE,
  type FoundTake,
  isComplete,
  isTake,
  type LineTakes,
  pickTakes,
  takeEnd,
} from '../../cues/production/pick-takes.ts';
import { spokenText } from '../../cues/spoken-text.ts';
import { buildLexicon } from '../align/acoustic/pronunciations.ts';
import { SPHINX_RATE } from '../align/acoustic/sphinx-decoder.ts';
import { TakeSearchPool } from '../align/acoustic/take-pool.ts';
import { probeAudio, streamAudio } from '../audio-io/audio-source.ts';

// An actor's takes found in their session files: each file decoded once to the recogniser's
// 8 kHz track and cut into speech segments at pauses (take-segments.ts), every segment searched
// once, on two worker threads, with one grammar holding all that speaker's lines and at most one
// take (take-grammar.ts, `single`): the line whose words explain the whole segment best is the
// take's line, and how far through it the path goes says complete or false start. A take left
// partway is searched again with its line alone and wide beams: its segment when speech goes on
// after it, and its segment joined to the next ones (gaps up to 2 s) when it ends its segment, so
// a line with a sentence pause inside it is heard whole (issue 17); and the speech running on
// after it to a pause is searched for its unheard words alone (tailGrammar), so a line whose last
// words were said too fast for the searches of the whole take is heard whole. A take entered at
// its second word opens at its first word when that was said apart, in the segment before. The
// takes are then sorted out per line (pick-takes.ts).

/** Pauses at least this long are found (seconds): shorter ones are inside words. */
const MIN_PAUSE = 0.3;
/** Pauses at least this long separate segments (seconds): actors pause between takes and slates. */
const SEGMENT_GAP = 0.5;
/** Seconds before a truncated file's end within which speech that runs on counts as cut off. */
const FILE_END_SLACK = 0.05;
/** A take entered at its second word starts at most this long before it (seconds), at its segment's start. */
const FIRST_WORD = 1;

/**
 * Of the time its unheard words would take at its own pace, the share of speech that must follow
 * a take's last heard word for the search to have lost its line (a slate or a cough heard as a
 * line's first words is followed by too little to hold the rest).
 */
const LOST_AFTER = 0.5;

/**
 * A take left partway at its segment's end (its last heard word within this many seconds of the
 * end) whose next segment follows within JOIN_GAP is searched again over the segments joined: a
 * line with a sentence pause inside it ("Who let you two in here? [0.6 s] I locked every window
 * myself.") is cut into two segments, each heard as a false start.
 */
const AT_END = 1;
/** The longest pause (seconds) between a take left partway and the segment that may hold its rest. */
const JOIN_GAP = 2;
/**
 * Segments are joined while the speech after the take's segment is shorter than this many times
 * its unheard words' time at its own pace: short sentences each have their segment, with margins
 * and quiet tails ("Put your weight on it. [0.6 s] Both hands. [0.6 s] Like this.", a tester's:
 * at 0.5 its last sentence was not joined, and the line had a false start only; festival's
 * reading of it needs 3).
 */
const JOIN_ROOM = 3;
/** At most this many segments are joined for one take. */
const JOIN_MOST = 3;
/**
 * A take joined across segments goes on in each next one within this many seconds of its start
 * (seconds): a path that passes over a next segment's opening words is a false start and its
 * retake read as one take.
 */
const JOIN_START = 0.4;

/**
 * Seconds a word takes at the least (no one says ten words a second): a take left partway is
 * searched for its unheard words in the speech after it only when that speech could hold them.
 */
const FASTEST_WORD = 0.1;
/** Seconds of the pause after a take's speech searched with its tail (as take-segments.ts's margin). */
const TAIL_MARGIN = 0.15;

/** Per cue (in the order given), its takes and pick, with the cue's id. */
export interface CueTakes extends LineTakes {
  cue: string;
}

/** An actor's takes: per line, and each file's length and longest run of speech (seconds). */
export interface ActorTakes {
  lines: CueTakes[];
  durations: number[];
  /** Per file, the longest speech between pauses of SEGMENT_GAP or more (seconds). */
  longestRuns: number[];
  /**
   * Speech that no take of any line covers, not even a false start (seconds on its file's clock,
   * in file then time order): slates, chat, or a line said unlike its script (heard, if at all,
   * as a few words of another line's false start, the rest of the speech left over).
   */
  unmatched: Array<{ file: number; start: number; end: number }>;
}

/** Speech shorter than this that matched no line is a breath, a cough or a click (seconds). */
const MIN_UNMATCHED = 0.8;

/**
 * Every take of `cues` (one speaker's lines, in script order) in `files` (that actor's session
 * recordings, in recording order). Cues with no spoken words are left out. InputError naming a
 * file that cannot be decoded. `pool` (kept open for the caller's next actor) searches; without
 * one, a pool is started and closed here.
 */
export async function findTakes(files: string[], cues: Cue[], pool?: TakeSearchPool): Promise<ActorTakes> {
  if (!pool) {
    const own = new TakeSearchPool();
    try {
      return await findTakes(files, cues, own);
    } finally {
      await own.close();
    }
  }
  const spoken = cues
    .map((cue) => ({ cue, words: wordTokens(spokenText(cue)) }))
    .filter((l) => l.words.length > 0);
  const lexicon = await buildLexicon(spoken.flatMap((l) => l.words));
  const lines = spoken.map((l) => l.words.map(lexicon.spell));
  const durations: number[] = [];
  const longestRuns: number[] = [];
  const segments: Array<{ file: number; pcm: Float32Array; start: number; end: number }> = [];
  const filePauses: Pause[][] = [];
  // Per file, where a truncated WAV's audio stops (seconds; Infinity for a whole file): speech
  // running on to there was cut off, not said whole.
  const cutAt: number[] = [];
  // Per segment, the audio between it and the next segment of its file when that is within JOIN_GAP.
  const gapAfter: Array<Float32Array | undefined> = [];
  for (const [file, path] of files.entries()) {
    const probe = await probeAudio(path);
    const envelope = new EnergyEnvelope(probe.sampleRate);
    const mono = new MonoCollector(probe.sampleRate, SPHINX_RATE, probe.frames / probe.sampleRate);
    await streamAudio(probe, [mono, envelope]);
    const track = mono.finish();
    const duration = track.length / SPHINX_RATE;
    // The length kept is the file's as probed, the one export checks the take against
    // (drama-sources.ts): an MP3's header counts its encoder's padding, which decoding leaves out
    // (0.10 s on a LAME file), and the take was refused as changed since assembly.
    durations.push(probe.frames > 0 ? probe.frames / probe.sampleRate : duration);
    cutAt.push(probe.wav?.missingBytes ? duration : Number.POSITIVE_INFINITY);
    const pauses = findPauses(envelope, { minPause: MIN_PAUSE });
    filePauses.push(pauses);
    longestRuns.push(longestRun(duration, pauses, SEGMENT_GAP));
    const cut = takeSegments(duration, pauses, SEGMENT_GAP);
    for (const [k, s] of cut.entries()) {
      const next = cut[k + 1];
      gapAfter.push(
        next && next.start - s.end <= JOIN_GAP
          ? floatSlice(track, SPHINX_RATE, s.end, Math.max(s.end, next.start))
          : undefined,
      );
      segments.push({ file, pcm: floatSlice(track, SPHINX_RATE, s.start, s.end), ...s });
    }
  }
  if (lines.length === 0) return { lines: [], durations, longestRuns, unmatched: [] };
  const lineWords = lines.map((l) => l.length);
  const { grammar, markers } = takeGrammar(lines, { single: true });
  const heard = await pool.search(
    segments.map((s) => ({ pcm: s.pcm, offset: s.start, grammar: 0 })),
    [grammar],
    lexicon.added,
    markers,
    false,
  );
  // A take entered at its second word at its segment's start, just after a segment in which that
  // line's first word alone was heard (or nothing, in a word's time): its first word, said apart
  // ("Good. [0.6 s] Now wind the clockwork…", a tester's, lost "Good." unflagged). The take opens
  // at that segment (set once the searches below, which go by the take's own segment, are done).
  const heardTakes = segments.map((_, i) => takesHeard(lines, heard[i] ?? []));
  const apartFrom = new Map<FoundTake, number>();
  const firstWordApart = (take: FoundTake, i: number): void => {
    const s = segments[i]!;
    const before = segments[i - 1];
    if (!before || before.file !== s.file || take.start > s.start) return;
    if (s.start - before.end > JOIN_GAP) return;
    const there = heardTakes[i - 1]!;
    // Its first word heard there, or nothing heard in a segment no longer than a word.
    const first = there.length === 1 && there[0]!.line === take.line && there[0]!.words === 1;
    if (first || (there.length === 0 && before.end - before.start <= FIRST_WORD))
      apartFrom.set(take, before.start);
  };
  const found: FoundTake[] = segments.flatMap((s, i) =>
    heardTakes[i]!.map((t) => {
      const take = foundTake(t, s, lineWords[t.line]!, filePauses[s.file]!, cutAt[s.file]!);
      if (t.secondEntry) firstWordApart(take, i);
      return take;
    }),
  );
  // A take the search left partway while the speech goes on: the narrow beams lost the line's words
  // (measured: "within thine own bud buriest thy content" heard to "thine" narrow, whole wide).
  // Those segments alone are searched again with their line only and wide beams.
  const segmentOf = (t: FoundTake) =>
    segments.findIndex((s) => s.file === t.file && s.start <= t.start && t.end <= s.end);
  const partway = (t: FoundTake) => t.words >= 2 && t.words < Math.ceil(lineWords[t.line]! * COMPLETE_SHARE);
  // A take of the same line after it in its segment is its retake (a false start run straight
  // into it): the speech after the false start is that retake's, not lost words.
  const retaken = (t: FoundTake) =>
    found.some(
      (u) =>
        u !== t &&
        u.line === t.line &&
        u.file === t.file &&
        u.start > t.start &&
        segmentOf(u) === segmentOf(t),
    );
  const lost = found.flatMap((t, i) =>
    partway(t) &&
    !retaken(t) &&
    (t.speechAfter ?? 0) >= LOST_AFTER * (lineWords[t.line]! - t.words) * ((t.end - t.start) / t.words)
      ? [i]
      : [],
  );
  // A take left partway at its segment's end, the next segment close: its rest may be there
  // (a pause inside the line). The segments joined, while they are too short to hold the rest.
  const whole = (segment: number) =>
    found.some((u) => segmentOf(u) === segment && u.words >= Math.ceil(lineWords[u.line]! * COMPLETE_SHARE));
  const joins = found.flatMap((t, i) => {
    const k = segmentOf(t);
    if (!partway(t) || k < 0 || segments[k]!.end - t.end > AT_END || !gapAfter[k]) return [];
    // A whole take next is a retake after its false start, not the rest of this one.
    if (whole(k + 1)) return [];
    const rest = (lineWords[t.line]! - t.words) * ((t.end - t.start) / t.words);
    let last = k + 1;
    while (
      last - k + 1 < JOIN_MOST &&
      gapAfter[last] &&
      segments[last]!.end - segments[k + 1]!.start < JOIN_ROOM * rest &&
      !whole(last + 1)
    )
      last++;
    return [{ i, first: k, last }];
  });
  // A take left partway while its speech runs on to a pause: its last words, said fast, may be
  // there unfollowed (measured: "uh and here's a long pause | and I think this is probably good",
  // its last seven words in 1.1 s, heard by no search of the whole take). That speech alone is
  // searched for the unheard words, all of them ending where the speech ends (tailGrammar).
  const tails = found.flatMap((t, i) => {
    const k = segmentOf(t);
    const after = t.speechAfter ?? 0;
    if (!partway(t) || k < 0 || after < FASTEST_WORD * (lineWords[t.line]! - t.words)) return [];
    if (!mayHaveTail(t.words, lineWords[t.line]!)) return [];
    const s = segments[k]!;
    const to = Math.min(s.end, t.end + after + TAIL_MARGIN);
    const from = Math.floor((t.end - s.start) * SPHINX_RATE);
    return [{ i, offset: t.end, pcm: s.pcm.subarray(from, Math.ceil((to - s.start) * SPHINX_RATE)) }];
  });
  const tailHeard = pool.search(
    tails.map((t, g) => ({ pcm: t.pcm, offset: t.offset, grammar: g })),
    tails.map((t) => tailGrammar(lines[found[t.i]!.line]!.slice(found[t.i]!.words))),
    lexicon.added,
    [],
    true,
  );
  const researched = [...new Set([...lost, ...joins.map((j) => j.i)])];
  const lostLines = [...new Set(researched.map((i) => found[i]!.line))];
  const singles = lostLines.map((line) => takeGrammar([lines[line]!], { single: true }));
  const joined = (first: number, last: number): Float32Array => {
    const parts: Float32Array[] = [];
    for (let k = first; k <= last; k++) {
      parts.push(segments[k]!.pcm);
      if (k < last) parts.push(gapAfter[k]!);
    }
    return concatBlocks(parts, new Float32Array(parts.reduce((n, p) => n + p.length, 0)));
  };
  const jobs = [
    ...lost.map((i) => ({ i, first: segmentOf(found[i]!), last: segmentOf(found[i]!) })),
    ...joins,
  ];
  // Wide beams, each take's line alone: the narrow ones lost the line, alone ("within thine own
  // bud…") and joined (festival's "Put your weight on it. | Both hands. | Like this." heard to
  // "both"). Joins searched wide cost the full-scale bench 131 -> 136 CPU s, picks unchanged
  // (narrow was cheaper before the Gaussian patch: 20.1 -> 22.6 CPU s on the test session, wide 24.7).
  const again = await pool.search(
    jobs.map((j) => ({
      pcm: j.first === j.last ? segments[j.first]!.pcm : joined(j.first, j.last),
      offset: segments[j.first]!.start,
      grammar: lostLines.indexOf(found[j.i]!.line),
    })),
    singles.map((g) => g.grammar),
    lexicon.added,
    [...new Map(singles.flatMap((g) => g.markers)).entries()],
    true,
  );
  // A take over joined segments counts when it is whole, opens in the first segment and carries
  // on at the start of each next one it reaches (else it takes a later segment's take's audio).
  const joinedWhole = (heard: HeardWord[], t: HeardTake, first: number, last: number, of: number) => {
    if (
      t.words < Math.ceil(of * COMPLETE_SHARE) ||
      t.start >= segments[first]!.end ||
      t.end <= segments[first]!.end
    )
      return false;
    for (let k = first; k < last && segments[k]!.end < t.end; k++) {
      const next = heard.find((w) => w.start >= segments[k]!.end && w.start >= t.start && w.end <= t.end);
      if (!next || next.start > segments[k + 1]!.start + JOIN_START) return false;
    }
    return true;
  };
  // Per take searched again, its best: the most words heard from the take's own start (a joined
  // stretch's take must open in the take's segment and run past its end, else it is another take).
  const best = new Map<number, HeardTake>();
  for (const [n, j] of jobs.entries()) {
    const before = found[j.i]!;
    for (const t of takesHeard([lines[before.line]!], again[n] ?? [])) {
      if (t.words <= (best.get(j.i)?.words ?? before.words)) continue;
      if (j.last > j.first && !joinedWhole(again[n] ?? [], t, j.first, j.last, lineWords[before.line]!))
        continue;
      best.set(j.i, { ...t, line: before.line });
    }
  }
  // A tail heard holds every unheard word: the take is whole, its end the line's last word. It
  // says so (pick-takes.ts prefers takes heard whole in one search and flags one that was not).
  const tailed = new Set<number>();
  for (const [n, heardTail] of (await tailHeard).entries()) {
    const i = tails[n]!.i;
    const before = found[i]!;
    const of = lineWords[before.line]!;
    if (heardTail.length === 0 || of <= (best.get(i)?.words ?? before.words)) continue;
    const fit =
      (before.fit * before.words + heardTail.reduce((n, w) => n + w.score, 0)) /
      (before.words + heardTail.length);
    best.set(i, { line: before.line, words: of, start: before.start, end: heardTail.at(-1)!.end, fit });
    tailed.add(i);
  }
  // A take joined across segments holds the audio of the takes heard in its later segments: those go.
  const gone = new Set<number>();
  for (const [i, b] of best) {
    const first = segmentOf(found[i]!);
    const s = segments[first]!;
    const take = foundTake(b, s, lineWords[b.line]!, filePauses[s.file]!, cutAt[s.file]!);
    if (take.end > s.end)
      for (const [m, t] of found.entries())
        if (m !== i && t.file === s.file && t.start < take.end && t.end > s.end) gone.add(m);
    found[i] = tailed.has(i) ? { ...take, tailed: true } : take;
  }
  for (const m of [...gone].sort((a, b) => b - a)) found.splice(m, 1);
  // Two takes left partway in one segment can each be heard again as the same whole take: it is
  // listed once (a tester's line listed one take twice).
  const seen = new Set<string>();
  const listed = found.filter((t) => {
    const key = `${t.line} ${t.file} ${t.start} ${t.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  // One word of a longer line is not listed (pick-takes.ts): its speech is left unmatched too.
  const asTakes = listed.filter((t) => isTake(t.words, lineWords[t.line]!));
  // Lines of the same words ("Yes." twice) are one line to the recogniser, which gave every take
  // to one of them and left the other "missing" (a tester's): each gets all their takes, flagged.
  const spelled = lines.map((words) => words.join(' '));
  const sameAs = spelled.map((line) => spelled.indexOf(line));
  // A false start that explains little of its segment's speech is a slate or chat (otherSpeech):
  // not a take, but counted as its line heard elsewhere.
  const takesKept: FoundTake[] = [];
  const elsewhere = lineWords.map(() => 0);
  for (const t of asTakes) {
    const s = segments[segmentOf(t)];
    if (s && otherSpeech(t, lineWords[t.line]!, s, asTakes)) elsewhere[sameAs[t.line]!]!++;
    else takesKept.push(t);
  }
  const picked = pickTakes(
    lineWords,
    takesKept.map((t) => ({ ...t, start: apartFrom.get(t) ?? t.start, line: sameAs[t.line]! })),
    elsewhere,
  );
  const shared = (line: number) => sameAs.some((first, i) => i !== line && first === sameAs[line]);
  const why = (line: number) =>
    shared(line)
      ? 'the same words as another line: their takes are shared, pick each'
      : nearlyTheSame(lines, line)
        ? 'nearly the same words as another line: check it is this line'
        : undefined;
  return {
    lines: picked.map((p) => {
      const own = { ...picked[sameAs[p.line]!]!, line: p.line, cue: spoken[p.line]!.cue.id };
      const note = why(p.line);
      if (!note || own.takes.length === 0) return own;
      return { ...own, review: own.review ? `${own.review}; ${note}` : note };
    }),
    durations,
    longestRuns,
    unmatched: segments.flatMap((seg) =>
      uncovered(
        seg,
        takesKept
          .filter((t) => t.file === seg.file)
          // A take whose last words went unheard while the speech goes on ends where pick-takes.ts ends it.
          .map((t) => ({ start: apartFrom.get(t) ?? t.start, end: takeEnd(t, lineWords[t.line]!) })),
      )
        .filter((u) => u.end - u.start >= MIN_UNMATCHED)
        .map((u) => ({ file: seg.file, ...u })),
    ),
  };
}

/**
 * Whether take `t` of a line of `of` words, heard in segment `s` among `takes` (every take), is
 * other speech heard as its line's first words: a false start alone in its segment that leaves
 * more of the segment's speech unexplained than it explains, MIN_UNMATCHED at least (a slate
 * "line two, take one" heard as "take…" of a line opening "Take one end…"). It goes with the
 * speech that matched no line.
 */
function otherSpeech(
  t: FoundTake,
  of: number,
  s: { file: number; start: number; end: number },
  takes: FoundTake[],
) {
  if (isComplete(t, of)) return false;
  if (takes.some((u) => u !== t && u.file === s.file && u.start < s.end && u.end > s.start)) return false;
  const leftOver = s.end - s.start - 2 * SEGMENT_MARGIN - (t.end - t.start);
  return leftOver >= MIN_UNMATCHED && leftOver > t.end - t.start;
}

/** The stretches of `span` that none of `covers` overlaps (in time order). */
function uncovered(
  span: { start: number; end: number },
  covers: Array<{ start: number; end: number }>,
): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  let at = span.start;
  for (const c of [...covers].sort((a, b) => a.start - b.start)) {
    if (c.end <= at || c.start >= span.end) continue;
    if (c.start > at) out.push({ start: at, end: c.start });
    at = Math.max(at, c.end);
  }
  if (at < span.end) out.push({ start: at, end: span.end });
  return out;
}

/**
 * A take heard in segment `s` of a file with the file's `pauses`, as pick-takes.ts reads it;
 * `fileEnd`: where a truncated file's audio stops (seconds; Infinity for a whole one).
 */
function foundTake(
  t: HeardTake,
  s: { file: number; start: number },
  of: number,
  pauses: Pause[],
  fileEnd: number,
): FoundTake {
  const pace = (t.end - t.start) / Math.max(1, t.words);
  const after = speechAfter(pauses, t.end, (of - t.words) * pace * 1.5 + 0.3);
  // Speech running on into a truncated file's end, no pause before it, was cut off there (a copy
  // that stopped early), not said whole: the take does not go on (a tester's line cut so was
  // picked as complete, "the take goes on").
  const cutOff = t.end + after >= fileEnd - FILE_END_SLACK;
  // A swallowed first word is still the take's: it opens at its segment's speech.
  const start = t.secondEntry ? Math.max(s.start, t.start - FIRST_WORD) : t.start;
  return {
    line: t.line,
    words: t.words,
    start,
    end: t.end,
    fit: t.fit,
    file: s.file,
    speechAfter: cutOff ? 0 : after,
  };
}
