import { Worker } from 'node:worker_threads';

// Fuzzing with a hang limit on each input: the work runs in a worker thread, and an input with no
// answer within the limit gets the worker terminated and the input named, instead of a whole test
// timing out with no clue, or a timer read after the call returns (which cannot stop a hang and
// failed on a busy machine). The limit is not a speed test: inputs cost milliseconds, a hang
// costs forever, so the limit is generous.

/** How long one input may go unanswered before it counts as hung. */
export const HANG_LIMIT_MS = 10_000;

/** What a call gave: its value (structured-cloned), or the error it threw, by name and message. */
export type Outcome<T> =
  | { value: T; error?: undefined }
  | { value?: undefined; error: { name: string; message: string } };

interface Reply {
  id: number;
  value?: unknown;
  error?: { name: string; message: string };
}

/**
 * Calls the exported functions of one module (a `.ts` file URL) in a worker thread.
 * `call` rejects with "<label> hung" and stops the worker when the limit passes; the next call
 * starts a fresh worker.
 */
export class HangGuard {
  private worker: Worker | undefined;
  private next = 0;

  private readonly module: URL;
  private readonly limitMs: number;

  constructor(module: URL, limitMs = HANG_LIMIT_MS) {
    this.module = module;
    this.limitMs = limitMs;
  }

  call<T>(label: string, fn: string, ...args: unknown[]): Promise<Outcome<T>> {
    const worker = this.start();
    const id = this.next++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        worker.off('message', onMessage);
        this.stop();
        reject(new Error(`${label} hung: no answer in ${this.limitMs / 1000} s (its worker was stopped)`));
      }, this.limitMs);
      const onMessage = (reply: Reply) => {
        if (reply.id !== id) return;
        clearTimeout(timer);
        worker.off('message', onMessage);
        resolve(reply as Outcome<T>);
      };
      worker.on('message', onMessage);
      worker.postMessage({ id, fn, args });
    });
  }

  stop(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    // Under Stryker the test process runs one mutant; the worker runs the same one.
    const activeMutant = (globalThis as { __stryker__?: { activeMutant?: string } }).__stryker__
      ?.activeMutant;
    this.worker = new Worker(new URL('../../bin/ts-worker.js', import.meta.url), {
      workerData: {
        module: new URL('./hang-guard-worker.ts', import.meta.url).href,
        target: this.module.href,
      },
      env:
        activeMutant === undefined
          ? process.env
          : { ...process.env, __STRYKER_ACTIVE_MUTANT__: activeMutant },
    });
    this.worker.unref();
    return this.worker;
  }
}

/** Whether a call was refused as bad input (InputError or its FileError), the clean way to fail. */
export function isRefusal(outcome: Outcome<unknown>): boolean {
  return outcome.error?.name === 'InputError' || outcome.error?.name === 'FileError';
}
