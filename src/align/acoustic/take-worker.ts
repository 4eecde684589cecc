import { parentPort, workerData } from 'node:worker_threads';
import type { HeardWord } from '../../../audio/align/acoustic/spotting-grammar.ts';
import { createSphinxModule } from './sphinx-module.ts';
import { TakeSearcher, type TakeTask } from './take-search.ts';

// Take grammars (take-grammar.ts) searched on stretches of session recordings in a worker thread
// that lives for a whole assembly (take-pool.ts): the recogniser blocks while it searches, so the
// searches are shared between two workers, and each loads the acoustic model once, whatever the
// number of actors and passes.

/** What a worker is started with. */
export interface TakeWorkerData {
  modelBase: string;
}

/** Main thread to worker: a batch to search (`id` names its answer). */
export type TakeRequest = { id: number; task: TakeTask };

/** Worker to main thread: per job of batch `id`, the script and marker words on the path found (empty: none). */
export type TakeMessage = { id: number; heard: HeardWord[][] } | { id: number; error: string };

const { modelBase } = workerData as TakeWorkerData;
const searcher = new TakeSearcher(await createSphinxModule(modelBase));

// Batches are searched one after another, in the order they come.
let queue = Promise.resolve();
parentPort!.on('message', (request: TakeRequest) => {
  queue = queue.then(async () => {
    try {
      parentPort!.postMessage({
        id: request.id,
        heard: await searcher.search(request.task),
      } satisfies TakeMessage);
    } catch (error) {
      parentPort!.postMessage({ id: request.id, error: String(error) } satisfies TakeMessage);
    }
  });
});
