import { parentPort, workerData } from 'node:worker_threads';
import createModule from 'soundswallower';
import { freeLoopWords, isFreeWord } from '../../../audio/align/acoustic/grammar.ts';
import type { HeardWord } from '../../../audio/align/acoustic/spotting-grammar.ts';
import { SPHINX_BEAMS, SPHINX_RATE } from './sphinx-decoder.ts';

// Take grammars (take-grammar.ts) searched on stretches of session recordings in a worker thread:
// the recogniser blocks while it searches, so the searches are shared between two workers.

/** One search: a grammar (index into the task's grammars) on a stretch of audio. */
export interface TakeJob {
  /** Mono samples at SPHINX_RATE, -1..1. */
  pcm: Float32Array;
  /** Seconds of the recording at which `pcm` starts: heard times are on the recording's clock. */
  offset: number;
  grammar: number;
}

/** What the main thread hands a worker (structured-cloned). */
export interface TakeTask {
  jobs: TakeJob[];
  grammars: string[];
  /** Dictionary additions [word, phones] (words the dictionary lacks). */
  added: Array<[string, string]>;
  /** Marker words [marker, dictionary word whose phones it takes]. */
  markers: Array<[string, string]>;
  modelBase: string;
  /** The recogniser's beams: narrow for the first search over whole sessions, wide to check one take. */
  wide: boolean;
}

/** Per job, the script and marker words on the path found (empty: none). */
export type TakeMessage = { type: 'progress'; fraction: number } | { type: 'done'; heard: HeardWord[][] };

/** PocketSphinx's own default beams: a free loop is always there, so the path is never lost. */
const NARROW_BEAMS = { beam: 1e-48, wbeam: 7e-29, pbeam: 1e-48 };

const task = (workerData as { task: TakeTask }).task;
const post = (message: TakeMessage) => parentPort!.postMessage(message);

const module = await createModule({ modelBase: task.modelBase } as Parameters<typeof createModule>[0]);
const decoder = new module.Decoder({
  samprate: SPHINX_RATE,
  loglevel: 'FATAL',
  ...(task.wide ? SPHINX_BEAMS : NARROW_BEAMS),
});
await decoder.initialize();
decoder.add_words(...freeLoopWords(), ...task.added);
if (task.markers.length > 0)
  decoder.add_words(
    ...task.markers.map(([marker, word]): [string, string] => [marker, decoder.lookup_word(word) || 'AH']),
  );
const heard: HeardWord[][] = [];
let current = -1;
for (const [i, job] of task.jobs.entries()) {
  if (job.pcm.length < SPHINX_RATE / 10) {
    heard.push([]);
    continue;
  }
  if (job.grammar !== current) decoder.set_grammar(task.grammars[job.grammar]!);
  current = job.grammar;
  decoder.start();
  decoder.process_audio(job.pcm, false, true);
  decoder.stop();
  const words = (decoder.get_alignment().w ?? []).filter(
    (s) => !(s.t.startsWith('<') || s.t.startsWith('[') || s.t === '(NULL)' || isFreeWord(s.t)),
  );
  heard.push(
    words.map((s) => ({
      word: s.t.replace(/\(\d+\)$/, ''),
      start: job.offset + s.b,
      end: job.offset + s.b + s.d,
      score: s.p,
    })),
  );
  post({ type: 'progress', fraction: (i + 1) / task.jobs.length });
}
post({ type: 'done', heard });
