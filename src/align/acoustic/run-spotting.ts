import { Worker } from 'node:worker_threads';
import type { HeardWord } from '../../../audio/align/acoustic/spotting-grammar.ts';
import type { SpotMessage, SpotTask } from './spot-worker.ts';

/**
 * Runs one spotting task (spot-worker.ts) on a worker thread of its own: per grammar of the task,
 * the words the recogniser heard. `purpose` names the worker in the error when it stops early
 * ("the pickup search worker stopped (exit code 1)").
 */
export function runSpotting(task: SpotTask, purpose: string): Promise<HeardWord[][]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('../../../bin/ts-worker.js', import.meta.url), {
      workerData: { module: new URL('./spot-worker.ts', import.meta.url).href, task },
    });
    worker.on('message', (message: SpotMessage) => {
      if (message.type === 'done') {
        resolve(message.heard);
        void worker.terminate();
      }
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0) reject(new Error(`the ${purpose} worker stopped (exit code ${code})`));
    });
  });
}
