import { Worker } from 'node:worker_threads';
import { probeAudio } from '../audio-io/audio-source.ts';
import { type SurveyedRecording, surveyRecording } from './survey-recording.ts';
import type { SurveyReply } from './survey-worker.ts';

// Every recording of a production surveyed (survey-recording.ts), `threads` at once: this thread
// takes the next file in turn with threads - 1 workers of survey-worker.ts. The survey is a whole
// decode of every file before anything can be joined, so on its own it kept one core busy of many.

/**
 * The recordings surveyed, in the order given; `onProgress` gets the fraction of files done.
 * Bad audio is a FileError naming the file, as from surveyRecording (a file a worker could not
 * survey is surveyed again here, for that error).
 */
export async function surveyAll(
  paths: string[],
  onProgress?: (fraction: number) => void,
  threads = 1,
): Promise<SurveyedRecording[]> {
  const done = new Array<number>(paths.length).fill(0);
  const report = (i: number, f: number) => {
    done[i] = f;
    onProgress?.(done.reduce((a, b) => a + b, 0) / paths.length);
  };
  const out = new Array<SurveyedRecording>(paths.length);
  let next = 0;
  const take = () => (next < paths.length ? next++ : undefined);
  const here = async () => {
    for (let i = take(); i !== undefined; i = take())
      out[i] = await surveyRecording(paths[i]!, (f) => report(i, f));
  };
  const workers = Array.from({ length: Math.max(0, Math.min(threads, paths.length) - 1) }, () => inWorker());
  try {
    await Promise.all([here(), ...workers.map((w) => w.run(take, out, paths, report))]);
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
  }
  return out;
}

interface SurveyWorker {
  run(
    take: () => number | undefined,
    out: SurveyedRecording[],
    paths: string[],
    report: (i: number, f: number) => void,
  ): Promise<void>;
  stop(): Promise<number>;
}

function inWorker(): SurveyWorker {
  const worker = new Worker(new URL('../../bin/ts-worker.js', import.meta.url), {
    workerData: { module: new URL('./survey-worker.ts', import.meta.url).href },
  });
  let onReply: ((reply: SurveyReply) => void) | undefined;
  let onStop: ((error: unknown) => void) | undefined;
  worker.on('message', (reply: SurveyReply) => onReply?.(reply));
  worker.on('error', (error) => onStop?.(error));
  worker.on('exit', (code) => onStop?.(new Error(`a survey thread stopped (exit code ${code})`)));
  const survey = (path: string, progress: (f: number) => void) =>
    new Promise<SurveyReply>((resolve, reject) => {
      onStop = reject;
      onReply = (reply) => {
        if (reply.type === 'progress') progress(reply.fraction);
        else resolve(reply);
      };
      worker.postMessage({ path });
    });
  return {
    async run(take, out, paths, report) {
      for (let i = take(); i !== undefined; i = take()) {
        const path = paths[i]!;
        const reply = await survey(path, (f) => report(i, f));
        if (reply.type !== 'surveyed') {
          out[i] = await surveyRecording(path, (f) => report(i, f));
          continue;
        }
        const probe = await probeAudio(path);
        out[i] = { ...reply.survey, probe: { ...probe, frames: reply.survey.frames } };
        report(i, 1);
      }
    },
    stop: () => worker.terminate(),
  };
}
