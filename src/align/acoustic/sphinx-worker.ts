import { parentPort, workerData } from 'node:worker_threads';
import type { ScriptPart } from '../../../audio/align/acoustic/script-words.ts';
import { type PartSpans, walkParts } from '../../../audio/align/acoustic/window-walk.ts';
import { floatSlice } from '../../../audio/dsp/mono-collector.ts';
import { SPHINX_RATE, SphinxAligner } from './sphinx-decoder.ts';

// One walk (window-walk.ts) in a worker thread: the recogniser blocks while it searches, and two
// walks from both ends of a book use both cores.

/** What the main thread hands a walk (structured-cloned; the track is shared, not copied). */
export interface WalkTask {
  track: Int16Array;
  parts: ScriptPart[];
  range: { from: number; to: number };
  direction: 'forward' | 'backward';
  added: Array<[string, string]>;
  modelBase: string;
}

export type WalkMessage =
  | { type: 'progress'; fraction: number }
  | { type: 'done'; spans: Array<PartSpans | undefined> };

const task = (workerData as { task: WalkTask }).task;
const post = (message: WalkMessage) => parentPort!.postMessage(message);

const aligner = await SphinxAligner.create(task.modelBase, task.added);
const spans = await walkParts(
  task.parts,
  task.range,
  task.direction,
  async (job) => aligner.align(floatSlice(task.track, SPHINX_RATE, job.from, job.to), job.parts, job.from),
  { onProgress: (fraction) => post({ type: 'progress', fraction }) },
);
post({ type: 'done', spans });
