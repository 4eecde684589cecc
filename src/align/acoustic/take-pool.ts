import { Worker } from 'node:worker_threads';
import type { HeardWord } from '../../../audio/align/acoustic/spotting-grammar.ts';
import type { Fsg } from '../../../audio/align/acoustic/take-fsg.ts';
import { modelDirectory } from './pronunciations.ts';
import type { TakeJob, TakeMessage, TakeRequest, TakeTask, TakeWorkerData } from './take-worker.ts';

// Two take-search workers (take-worker.ts) kept for a whole assembly: started on the first
// search, each loading the acoustic model once, every batch's jobs shared out between them.
// Measured: starting two workers per actor and pass cost about 0.4 CPU s each.

/** Two workers searching take grammars; `close` when done (the workers otherwise keep the process alive). */
export class TakeSearchPool {
  private workers: Worker[] = [];
  private pending = new Map<
    number,
    { resolve: (heard: HeardWord[][]) => void; reject: (e: Error) => void }
  >();
  private nextId = 0;

  private start(): Worker[] {
    if (this.workers.length > 0) return this.workers;
    const workerData: TakeWorkerData = { modelBase: modelDirectory() };
    this.workers = [0, 1].map(() => {
      const worker = new Worker(new URL('../../../bin/ts-worker.js', import.meta.url), {
        workerData: { module: new URL('./take-worker.ts', import.meta.url).href, ...workerData },
      });
      worker.on('message', (message: TakeMessage) => {
        const waiting = this.pending.get(message.id);
        if (!waiting) return;
        this.pending.delete(message.id);
        if ('error' in message) waiting.reject(new Error(`the take search failed: ${message.error}`));
        else waiting.resolve(message.heard);
      });
      const fail = (error: Error) => {
        for (const waiting of this.pending.values()) waiting.reject(error);
        this.pending.clear();
      };
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (code !== 0) fail(new Error(`the take search worker stopped (exit code ${code})`));
      });
      return worker;
    });
    return this.workers;
  }

  private ask(worker: Worker, task: TakeTask): Promise<HeardWord[][]> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, task } satisfies TakeRequest);
    });
  }

  /**
   * Per job, the words heard (script and marker words on the path, times on the recording's clock).
   * Jobs are shared between the two workers by length; `grammars`, `added` and `markers` as in TakeTask.
   */
  async search(
    jobs: TakeJob[],
    grammars: Fsg[],
    added: Array<[string, string]>,
    markers: Array<[string, string]>,
    wide: boolean,
  ): Promise<HeardWord[][]> {
    const heard: HeardWord[][] = jobs.map(() => []);
    if (jobs.length === 0) return heard;
    const workers = this.start();
    // Longest first, each to the worker with less audio so far: both finish about together.
    const halves: Array<Array<{ job: TakeJob; i: number }>> = [[], []];
    const load = [0, 0];
    const longestFirst = jobs
      .map((job, i) => ({ job, i }))
      .sort((a, b) => b.job.pcm.length - a.job.pcm.length);
    for (const x of longestFirst) {
      const h = load[0]! <= load[1]! ? 0 : 1;
      halves[h]!.push(x);
      load[h]! += x.job.pcm.length;
    }
    // Each worker searches its jobs in their first order (one grammar set per run of jobs).
    for (const half of halves) half.sort((a, b) => a.i - b.i);
    await Promise.all(
      halves.map(async (half, h) => {
        if (half.length === 0) return;
        const got = await this.ask(workers[h]!, {
          jobs: half.map((x) => x.job),
          grammars,
          added,
          markers,
          wide,
        });
        for (const [k, x] of half.entries()) heard[x.i] = got[k] ?? [];
      }),
    );
    return heard;
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    await Promise.all(workers.map((w) => w.terminate()));
  }
}
