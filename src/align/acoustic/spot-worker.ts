import { parentPort, workerData } from 'node:worker_threads';
import { freeLoopWords } from '../../../audio/align/acoustic/grammar.ts';
import type { HeardWord } from '../../../audio/align/acoustic/spotting-grammar.ts';
import { SPHINX_BEAMS, SPHINX_RATE, wordsHeard } from './sphinx-decoder.ts';
import { createSphinxModule } from './sphinx-module.ts';

// Spotting grammars (spotting-grammar.ts) searched on one short recording in a worker thread: the
// recogniser blocks while it searches, and two workers take half the batches each.

/** What the main thread hands a worker (structured-cloned). */
export interface SpotTask {
  /** Mono samples at SPHINX_RATE, -1..1. */
  pcm: Float32Array;
  grammars: string[];
  added: Array<[string, string]>;
  modelBase: string;
}

/** Per grammar, the script words on the path found (empty: no path). */
export type SpotMessage = { type: 'progress'; fraction: number } | { type: 'done'; heard: HeardWord[][] };

const task = (workerData as { task: SpotTask }).task;
const post = (message: SpotMessage) => parentPort!.postMessage(message);

const module = await createSphinxModule(task.modelBase);
const decoder = new module.Decoder({ samprate: SPHINX_RATE, loglevel: 'FATAL', ...SPHINX_BEAMS });
await decoder.initialize();
decoder.add_words(...freeLoopWords(), ...task.added);
const heard: HeardWord[][] = [];
for (const [i, grammar] of task.grammars.entries()) {
  decoder.set_grammar(grammar);
  decoder.start();
  decoder.process_audio(task.pcm, false, true);
  decoder.stop();
  heard.push(wordsHeard(decoder, 0));
  post({ type: 'progress', fraction: (i + 1) / task.grammars.length });
}
post({ type: 'done', heard });
