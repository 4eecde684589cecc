import { Worker } from 'node:worker_threads';
import type { HeardWord } from '../../../audio/align/acoustic/spotting-grammar.ts';
import type { Fsg } from '../../../audio/align/acoustic/take-fsg.ts';
import { modelDirectory } from './pronunciations.ts';
import { SPHINX_RATE } from './sphinx-decoder.ts';
import type { TakeJob, TakeTask } from './take-search.ts';
import type { TakeMessage, TakeRequest, TakeWorkerData } from './take-worker.ts';

// Two take-search workers (take-worker.ts) kept for a whole assembly: started on the first
// search, each loading the acoustic model once. Every search's jobs are cut into chunks of about
// CHUNK_SECONDS of audio on one queue, and a worker takes the next chunk as it finishes one, so
// both stay busy while searches of several actors and passes overlap (with one half of each
// search per worker, a worker sat idle whenever its half ended first or a pass had few jobs).
// Each job is searched alone (batch CMN over its own audio), so which worker takes it does not
// change what is heard. Measured: starting two workers per actor and pass cost about 0.4 CPU s each.

/** Seconds of audio a queued chunk holds at least (one job at least): ~1 CPU s of search. */
const CHUNK_SECONDS = 30;

interface Chunk {
  task: TakeTask;
  resolve: (heard: HeardWord[][]) => void;
  reject: (e: Error) => void;
}

/** Two workers searching take grammars; `close` when done (the workers otherwise keep the process alive). */
export class TakeSearchPool {
  private workers: Worker[] = [];
  private idle: Worker[] = [];
  private queue: Chunk[] = [];
  private running = new Map<Worker, Chunk>();
  private nextId = 0;

  private start(): void {
    if (this.workers.length > 0) return;
    const workerData: TakeWorkerData = { modelBase: modelDirectory() };
    this.workers = [0, 1].map(() => {
      const worker = new Worker(new URL('../../../bin/ts-worker.js', import.meta.url), {
        workerData: { module: new URL('./take-worker.ts', import.meta.url).href, ...workerData },
      });
      worker.on('message', (message: TakeMessage) => {
        const chunk = this.running.get(worker);
        if (!chunk) return;
        this.running.delete(worker);
        if ('error' in message) chunk.reject(new Error(`the take search failed: ${message.error}`));
        else chunk.resolve(message.heard);
        this.idle.push(worker);
        this.dispatch();
      });
      const fail = (error: Error) => {
        for (const chunk of [...this.running.values(), ...this.queue]) chunk.reject(error);
        this.running.clear();
        this.queue = [];
      };
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (code !== 0) fail(new Error(`the take search worker stopped (exit code ${code})`));
      });
      return worker;
    });
    this.idle = [...this.workers];
  }

  /** Hands queued chunks to idle workers, first queued first. */
  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.shift()!;
      const chunk = this.queue.shift()!;
      this.running.set(worker, chunk);
      worker.postMessage({ id: this.nextId++, task: chunk.task } satisfies TakeRequest);
    }
  }

  /**
   * Per job, the words heard (script and marker words on the path, times on the recording's clock).
   * The jobs are queued in chunks, in their order; `grammars`, `added` and `markers` as in TakeTask.
   */
  async search(
    jobs: TakeJob[],
    grammars: Fsg[],
    added: Array<[string, string]>,
    markers: Array<[string, string]>,
    wide: boolean,
  ): Promise<HeardWord[][]> {
    if (jobs.length === 0) return [];
    this.start();
    const chunks: TakeJob[][] = [[]];
    let seconds = 0;
    for (const job of jobs) {
      if (seconds >= CHUNK_SECONDS) {
        chunks.push([]);
        seconds = 0;
      }
      chunks.at(-1)!.push(job);
      seconds += job.pcm.length / SPHINX_RATE;
    }
    const heard = await Promise.all(
      chunks.map(
        (chunk) =>
          new Promise<HeardWord[][]>((resolve, reject) => {
            this.queue.push({ task: { jobs: chunk, grammars, added, markers, wide }, resolve, reject });
            this.dispatch();
          }),
      ),
    );
    return heard.flatMap((got, c) => chunks[c]!.map((_, k) => got[k] ?? []));
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    this.idle = [];
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
