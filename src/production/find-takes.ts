import { wordTokens } from '../../audio/align/acoustic/script-words.ts';
import { type HeardTake, takeGrammar, takesHeard } from '../../audio/align/acoustic/take-grammar.ts';
import { takeSegments } from '../../audio/align/acoustic/take-segments.ts';
import { speechAfter } from '../../audio/align/acoustic/take-windows.ts';
import { floatSlice, MonoCollector } from '../../audio/dsp/mono-collector.ts';
import { EnergyEnvelope } from '../../audio/silence/energy-envelope.ts';
import { findPauses, type Pause } from '../../audio/silence/find-pauses.ts';
import type { Cue } from '../../cues/cue-sheet.ts';
import {
  COMPLETE_SHARE,
  type FoundTake,
  type LineTakes,
  pickTakes,
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
// take's line, and how far through it the path goes says complete or false start. The takes are
// then sorted out per line (pick-takes.ts).

/** Pauses at least this long are found (seconds): shorter ones are inside words. */
const MIN_PAUSE = 0.3;
/** Pauses at least this long separate segments (seconds): actors pause between takes and slates. */
const SEGMENT_GAP = 0.5;
/** A take entered at its second word starts at most this long before it (seconds), at its segment's start. */
const FIRST_WORD = 1;

/**
 * Of the time its unheard words would take at its own pace, the share of speech that must follow
 * a take's last heard word for the search to have lost its line (a slate or a cough heard as a
 * line's first words is followed by too little to hold the rest).
 */
const LOST_AFTER = 0.5;

/** Per cue (in the order given), its takes and pick, with the cue's id. */
export interface CueTakes extends LineTakes {
  cue: string;
}

/** An actor's takes: per line, and each file's length (seconds). */
export interface ActorTakes {
  lines: CueTakes[];
  durations: number[];
}

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
  const segments: Array<{ file: number; pcm: Float32Array; start: number; end: number }> = [];
  const filePauses: Pause[][] = [];
  for (const [file, path] of files.entries()) {
    const probe = await probeAudio(path);
    const envelope = new EnergyEnvelope(probe.sampleRate);
    const mono = new MonoCollector(probe.sampleRate, SPHINX_RATE, probe.frames / probe.sampleRate);
    await streamAudio(probe, [mono, envelope]);
    const track = mono.finish();
    const duration = track.length / SPHINX_RATE;
    durations.push(duration);
    const pauses = findPauses(envelope, { minPause: MIN_PAUSE });
    filePauses.push(pauses);
    for (const s of takeSegments(duration, pauses, SEGMENT_GAP))
      segments.push({ file, pcm: floatSlice(track, SPHINX_RATE, s.start, s.end), ...s });
  }
  if (lines.length === 0) return { lines: [], durations };
  const lineWords = lines.map((l) => l.length);
  const { grammar, markers } = takeGrammar(lines, { single: true });
  const heard = await pool.search(
    segments.map((s) => ({ pcm: s.pcm, offset: s.start, grammar: 0 })),
    [grammar],
    lexicon.added,
    markers,
    false,
  );
  const found: FoundTake[] = segments.flatMap((s, i) =>
    takesHeard(lines, heard[i] ?? []).map((t) => foundTake(t, s, lineWords[t.line]!, filePauses[s.file]!)),
  );
  // A take the search left partway while the speech goes on: the narrow beams lost the line's words
  // (measured: "within thine own bud buriest thy content" heard to "thine" narrow, whole wide).
  // Those segments alone are searched again with their line only and wide beams.
  const lost = found.flatMap((t, i) =>
    t.words >= 2 &&
    t.words < Math.ceil(lineWords[t.line]! * COMPLETE_SHARE) &&
    (t.speechAfter ?? 0) >= LOST_AFTER * (lineWords[t.line]! - t.words) * ((t.end - t.start) / t.words)
      ? [i]
      : [],
  );
  const lostLines = [...new Set(lost.map((i) => found[i]!.line))];
  const singles = lostLines.map((line) => takeGrammar([lines[line]!], { single: true }));
  const segmentOf = (t: FoundTake) =>
    segments.findIndex((s) => s.file === t.file && s.start <= t.start && t.end <= s.end);
  const again = await pool.search(
    lost.map((i) => {
      const s = segments[segmentOf(found[i]!)]!;
      return { pcm: s.pcm, offset: s.start, grammar: lostLines.indexOf(found[i]!.line) };
    }),
    singles.map((g) => g.grammar),
    lexicon.added,
    [...new Map(singles.flatMap((g) => g.markers)).entries()],
    true,
  );
  for (const [k, i] of lost.entries()) {
    const before = found[i]!;
    const s = segments[segmentOf(before)]!;
    const better = takesHeard([lines[before.line]!], again[k] ?? []).filter((t) => t.words > before.words)[0];
    if (better)
      found[i] = foundTake({ ...better, line: before.line }, s, lineWords[before.line]!, filePauses[s.file]!);
  }
  const picked = pickTakes(lineWords, found);
  return { lines: picked.map((p) => ({ ...p, cue: spoken[p.line]!.cue.id })), durations };
}

/** A take heard in segment `s` of a file with the file's `pauses`, as pick-takes.ts reads it. */
function foundTake(t: HeardTake, s: { file: number; start: number }, of: number, pauses: Pause[]): FoundTake {
  const pace = (t.end - t.start) / Math.max(1, t.words);
  const after = speechAfter(pauses, t.end, (of - t.words) * pace * 1.5 + 0.3);
  // A swallowed first word is still the take's: it opens at its segment's speech.
  const start = t.secondEntry ? Math.max(s.start, t.start - FIRST_WORD) : t.start;
  return { line: t.line, words: t.words, start, end: t.end, fit: t.fit, file: s.file, speechAfter: after };
}
