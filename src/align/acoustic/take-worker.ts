import { parentPort, workerData } from 'node:worker_threads';
import createModule, { type Decoder } from 'soundswallower';
import { freeLoopWords, isFreeWord } from '../../../audio/align/acoustic/grammar.ts';
import type { HeardWord } from '../../../audio/align/acoustic/spotting-grammar.ts';
import type { Fsg } from '../../../audio/align/acoustic/take-fsg.ts';
import { SPHINX_BEAMS, SPHINX_RATE } from './sphinx-decoder.ts';
import { setFsgGrammar } from './sphinx-fsg.ts';

// Take grammars (take-grammar.ts) searched on stretches of session recordings in a worker thread
// that lives for a whole assembly (take-pool.ts): the recogniser blocks while it searches, so the
// searches are shared between two workers, and each loads the acoustic model once, whatever the
// number of actors and passes.

/** One search: a grammar (index into the task's grammars) on a stretch of audio. */
export interface TakeJob {
  /** Mono samples at SPHINX_RATE, -1..1. */
  pcm: Float32Array;
  /** Seconds of the recording at which `pcm` starts: heard times are on the recording's clock. */
  offset: number;
  grammar: number;
}

/** One batch of searches the main thread hands a worker (structured-cloned). */
export interface TakeTask {
  jobs: TakeJob[];
  grammars: Fsg[];
  /** Dictionary additions [word, phones] (words the dictionary lacks). */
  added: Array<[string, string]>;
  /** Marker words [marker, dictionary word whose phones it takes]. */
  markers: Array<[string, string]>;
  /** The recogniser's beams: narrow for the search over every segment, wide to follow one line. */
  wide: boolean;
}

/** What a worker is started with. */
export interface TakeWorkerData {
  modelBase: string;
}

/** Main thread to worker: a batch to search (`id` names its answer). */
export type TakeRequest = { id: number; task: TakeTask };

/** Worker to main thread: per job of batch `id`, the script and marker words on the path found (empty: none). */
export type TakeMessage = { id: number; heard: HeardWord[][] } | { id: number; error: string };

/** PocketSphinx's own default beams: a free loop is always there, so the path is never lost. */
const NARROW_BEAMS = { beam: 1e-48, wbeam: 7e-29, pbeam: 1e-48 };

const { modelBase } = workerData as TakeWorkerData;
const module = await createModule({ modelBase } as Parameters<typeof createModule>[0]);

/** A decoder per beam width, made when first needed, with the words added to it so far. */
const decoders = new Map<boolean, { decoder: Decoder; words: Set<string> }>();

async function decoderFor(wide: boolean): Promise<{ decoder: Decoder; words: Set<string> }> {
  let made = decoders.get(wide);
  if (!made) {
    const decoder = new module.Decoder({
      samprate: SPHINX_RATE,
      loglevel: 'FATAL',
      ...(wide ? SPHINX_BEAMS : NARROW_BEAMS),
    });
    await decoder.initialize();
    decoder.add_words(...freeLoopWords());
    made = { decoder, words: new Set() };
    decoders.set(wide, made);
  }
  return made;
}

async function search(task: TakeTask): Promise<HeardWord[][]> {
  const { decoder, words } = await decoderFor(task.wide);
  // Words already added (an earlier actor's, an earlier pass's) keep their phones.
  const fresh = task.added.filter(([word]) => !words.has(word));
  if (fresh.length > 0) decoder.add_words(...fresh);
  for (const [word] of fresh) words.add(word);
  const markers = task.markers
    .filter(([marker]) => !words.has(marker))
    .map(([marker, word]): [string, string] => [marker, decoder.lookup_word(word) || 'AH']);
  if (markers.length > 0) decoder.add_words(...markers);
  for (const [marker] of markers) words.add(marker);
  const heard: HeardWord[][] = [];
  let current = -1;
  for (const job of task.jobs) {
    if (job.pcm.length < SPHINX_RATE / 10) {
      heard.push([]);
      continue;
    }
    if (job.grammar !== current) setFsgGrammar(module, decoder, task.grammars[job.grammar]!);
    current = job.grammar;
    decoder.start();
    decoder.process_audio(job.pcm, false, true);
    decoder.stop();
    const path = (decoder.get_alignment().w ?? []).filter(
      (s) => !(s.t.startsWith('<') || s.t.startsWith('[') || s.t === '(NULL)' || isFreeWord(s.t)),
    );
    heard.push(
      path.map((s) => ({
        word: s.t.replace(/\(\d+\)$/, ''),
        start: job.offset + s.b,
        end: job.offset + s.b + s.d,
        score: s.p,
      })),
    );
  }
  return heard;
}

// Batches are searched one after another, in the order they come.
let queue = Promise.resolve();
parentPort!.on('message', (request: TakeRequest) => {
  queue = queue.then(async () => {
    try {
      parentPort!.postMessage({ id: request.id, heard: await search(request.task) } satisfies TakeMessage);
    } catch (error) {
      parentPort!.postMessage({ id: request.id, error: String(error) } satisfies TakeMessage);
    }
  });
});
