import { Worker } from 'node:worker_threads';
import { wordTokens } from '../../audio/align/acoustic/script-words.ts';
import { sessionChunks } from '../../audio/align/acoustic/session-chunks.ts';
import type { HeardWord } from '../../audio/align/acoustic/spotting-grammar.ts';
import { takeGrammar, takesHeard } from '../../audio/align/acoustic/take-grammar.ts';
import {
  overlappingTakes,
  rejoinTakes,
  settledTakes,
  similarLines,
  speechAfter,
  takeWindows,
} from '../../audio/align/acoustic/take-windows.ts';
import { floatSlice, MonoCollector } from '../../audio/dsp/mono-collector.ts';
import { EnergyEnvelope } from '../../audio/silence/energy-envelope.ts';
import { findPauses, type Pause } from '../../audio/silence/find-pauses.ts';
import type { Cue } from '../../cues/cue-sheet.ts';
import { type FoundTake, type LineTakes, pickTakes, takeEnd } from '../../cues/production/pick-takes.ts';
import { spokenText } from '../../cues/spoken-text.ts';
import { buildLexicon, modelDirectory } from '../align/acoustic/pronunciations.ts';
import { SPHINX_RATE } from '../align/acoustic/sphinx-decoder.ts';
import type { TakeJob, TakeMessage, TakeTask } from '../align/acoustic/take-worker.ts';
import { probeAudio, streamAudio } from '../audio-io/audio-source.ts';

// An actor's takes found in their session files: each file decoded once to the recogniser's
// 8 kHz track and cut into chunks at pauses, every chunk searched with one grammar of that
// speaker's lines (take-grammar.ts) on two worker threads, and the takes heard sorted out per
// line (pick-takes.ts).

/** Pauses at least this long may separate chunks (seconds). */
const CHUNK_PAUSE = 0.3;

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
 * file that cannot be decoded.
 */
export async function findTakes(files: string[], cues: Cue[]): Promise<ActorTakes> {
  const spoken = cues
    .map((cue) => ({ cue, words: wordTokens(spokenText(cue)) }))
    .filter((l) => l.words.length > 0);
  const lexicon = await buildLexicon(spoken.flatMap((l) => l.words));
  const lines = spoken.map((l) => l.words.map(lexicon.spell));
  const durations: number[] = [];
  const chunks: Array<{ file: number; pcm: Float32Array; offset: number }> = [];
  const tracks: Int16Array[] = [];
  const filePauses: Pause[][] = [];
  for (const [file, path] of files.entries()) {
    const probe = await probeAudio(path);
    const envelope = new EnergyEnvelope(probe.sampleRate);
    const mono = new MonoCollector(probe.sampleRate, SPHINX_RATE, probe.frames / probe.sampleRate);
    await streamAudio(probe, [mono, envelope]);
    const track = mono.finish();
    tracks.push(track);
    const duration = track.length / SPHINX_RATE;
    durations.push(duration);
    const pauses = findPauses(envelope, { minPause: CHUNK_PAUSE });
    filePauses.push(pauses);
    for (const c of sessionChunks(duration, pauses))
      chunks.push({ file, pcm: floatSlice(track, SPHINX_RATE, c.start, c.end), offset: c.start });
  }
  if (lines.length === 0) return { lines: [], durations };
  const lineWords = lines.map((l) => l.length);
  // First search: every line at once over whole chunks, to find where takes begin.
  const all = takeGrammar(lines);
  const firstHeard = await searchOnTwoWorkers(
    chunks.map((c) => ({ pcm: c.pcm, offset: c.offset, grammar: 0 })),
    [all.grammar],
    lexicon.added,
    all.markers,
    false,
  );
  const firstTakes = files.map((_, file) =>
    chunks.flatMap((c, i) => (c.file === file ? takesHeard(lines, firstHeard[i] ?? []) : [])),
  );
  // Second search: each take alone with its line and the lines that share words with it, wide
  // beams, to say which line it is and how far through the line it goes.
  const subsets = lines.map((_, i) => similarLines(lines, i));
  const singles = subsets.map((subset) => takeGrammar(subset.map((i) => lines[i]!)));
  const windows = firstTakes.flatMap((takes, file) => {
    const ws = takeWindows(takes, lineWords, durations[file]!, 0.6);
    const settled = settledTakes(ws, takes, lineWords);
    return ws.map((w, i) => ({ ...w, file, settled: settled[i] }));
  });
  // Windows whose take the first search heard whole are not searched again.
  const searched = windows.filter((w) => !w.settled);
  const secondHeard = await searchOnTwoWorkers(
    searched.map((w) => ({
      pcm: floatSlice(tracks[w.file]!, SPHINX_RATE, w.start, w.end),
      offset: w.start,
      grammar: w.line,
    })),
    singles.map((g) => g.grammar),
    lexicon.added,
    [...new Map(singles.flatMap((g) => g.markers)).entries()],
    false,
  );
  const heardTakes = [
    ...windows.flatMap((w) => (w.settled ? [{ ...w.settled, file: w.file }] : [])),
    ...searched.flatMap((w, i) => {
      const subset = subsets[w.line]!;
      const subsetLines = subset.map((k) => lines[k]!);
      return rejoinTakes(subsetLines, takesHeard(subsetLines, secondHeard[i] ?? [])).map((t) => ({
        ...t,
        line: subset[t.line]!,
        file: w.file,
      }));
    }),
  ].map((t) => {
    const of = lineWords[t.line]!;
    const pace = (t.end - t.start) / Math.max(1, t.words);
    const after = speechAfter(filePauses[t.file]!, t.end, (of - t.words) * pace * 1.5 + 0.3);
    return { ...t, of, speechAfter: after };
  });
  // Overlaps are settled on each take's full extent (a take lost near its end still covers it).
  const found: FoundTake[] = files.flatMap((_, file) =>
    overlappingTakes(
      heardTakes.filter((t) => t.file === file).map((t) => ({ ...t, extent: takeEnd(t, t.of) })),
      (t) => t.extent,
    ),
  );
  const picked = pickTakes(lineWords, found);
  return { lines: picked.map((p) => ({ ...p, cue: spoken[p.line]!.cue.id })), durations };
}

/** The jobs shared out between two worker threads; per job, the words heard. */
async function searchOnTwoWorkers(
  jobs: TakeJob[],
  grammars: string[],
  added: Array<[string, string]>,
  markers: Array<[string, string]>,
  wide: boolean,
): Promise<HeardWord[][]> {
  const halves = [0, 1].map((h) => jobs.flatMap((job, i) => (i % 2 === h ? [{ job, i }] : [])));
  const heard: HeardWord[][] = jobs.map(() => []);
  await Promise.all(
    halves.map(async (half) => {
      if (half.length === 0) return;
      const got = await runTakeSearch({
        jobs: half.map((h) => h.job),
        grammars,
        added,
        markers,
        modelBase: modelDirectory(),
        wide,
      });
      for (const [k, h] of half.entries()) heard[h.i] = got[k] ?? [];
    }),
  );
  return heard;
}

function runTakeSearch(task: TakeTask): Promise<HeardWord[][]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('../../bin/ts-worker.js', import.meta.url), {
      workerData: { module: new URL('../align/acoustic/take-worker.ts', import.meta.url).href, task },
    });
    worker.on('message', (message: TakeMessage) => {
      if (message.type === 'done') {
        resolve(message.heard);
        void worker.terminate();
      }
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0) reject(new Error(`the take search worker stopped (exit code ${code})`));
    });
  });
}
