import { Worker } from 'node:worker_threads';
import { placeCues } from '../../../audio/align/acoustic/place-cues.ts';
import { type ScriptPart, scriptParts } from '../../../audio/align/acoustic/script-words.ts';
import type { PartSpans } from '../../../audio/align/acoustic/window-walk.ts';
import type { Span } from '../../../audio/align/sung-sections.ts';
import type { Pause } from '../../../audio/silence/find-pauses.ts';
import type { CueSheet } from '../../../cues/cue-sheet.ts';
import { InputError } from '../../../cues/input-error.ts';
import { buildLexicon, modelDirectory } from './pronunciations.ts';
import { SPHINX_RATE } from './sphinx-decoder.ts';
import type { WalkMessage, WalkTask } from './sphinx-worker.ts';

// The acoustic engine end to end: every token gets a pronunciation, the script is cut in two at a
// cue near its middle, and two walks (window-walk.ts) run at once in worker threads, one from each
// end of the recording, each placing its half; then cue times, review flags and songs
// (place-cues.ts). A script too short to be worth two walks gets one.

export interface HeardTrack {
  /** Mono 16-bit samples at SPHINX_RATE in shared memory (MonoCollector). */
  track: Int16Array;
  pauses: Pause[];
  songs: Span[];
}

/** Below this many words one walk does it all. */
const SPLIT_WORDS = 400;

export async function alignAcoustic(
  sheet: CueSheet,
  heard: HeardTrack,
  options: { onProgress?: (fraction: number) => void; signal?: AbortSignal } = {},
): Promise<CueSheet> {
  const duration = heard.track.length / SPHINX_RATE;
  const parts = scriptParts(sheet);
  const tokens = parts.flatMap((p) => p.words);
  if (tokens.length === 0) throw new InputError('the script has no words to align');
  const lexicon = await buildLexicon(tokens);
  const spelled = parts.map((p) => ({ ...p, words: p.words.map(lexicon.spell) }));
  const split = splitPoint(spelled);
  const range = { from: 0, to: duration };
  const base = { track: heard.track, added: lexicon.added, modelBase: modelDirectory(), range };
  const progress = [0, 0];
  const report = (walk: number, share: number) => (fraction: number) => {
    progress[walk] = fraction * share;
    options.onProgress?.(progress[0]! + progress[1]!);
  };
  const share = split / parts.length;
  const walks = [
    runWalk(
      { ...base, parts: spelled.slice(0, split), direction: 'forward' },
      report(0, share),
      options.signal,
    ),
  ];
  if (split < parts.length)
    walks.push(
      runWalk(
        { ...base, parts: spelled.slice(split), direction: 'backward' },
        report(1, 1 - share),
        options.signal,
      ),
    );
  const spans = (await Promise.all(walks)).flat();
  return placeCues(sheet, { parts, spans, pauses: heard.pauses, songs: heard.songs, duration });
}

/** The part index the backward walk starts from: a spoken cue boundary near half the words. */
function splitPoint(parts: ScriptPart[]): number {
  const total = parts.reduce((n, p) => n + p.words.length, 0);
  if (total < SPLIT_WORDS) return parts.length;
  let words = 0;
  for (let i = 0; i < parts.length; i++) {
    words += parts[i]!.words.length;
    if (words >= total / 2 && parts[i]!.role === 'spoken' && parts[i + 1]?.role === 'spoken') return i + 1;
  }
  return parts.length;
}

function runWalk(
  task: WalkTask,
  onProgress: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<Array<PartSpans | undefined>> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('../../../bin/ts-worker.js', import.meta.url), {
      workerData: { module: new URL('./sphinx-worker.ts', import.meta.url).href, task },
    });
    const abort = () => {
      void worker.terminate();
      reject(new InputError('alignment cancelled'));
    };
    signal?.addEventListener('abort', abort, { once: true });
    worker.on('message', (message: WalkMessage) => {
      if (message.type === 'progress') onProgress(message.fraction);
      else {
        signal?.removeEventListener('abort', abort);
        resolve(message.spans);
        void worker.terminate();
      }
    });
    worker.on('error', (error) => {
      signal?.removeEventListener('abort', abort);
      reject(error);
    });
    worker.on('exit', (code) => {
      if (code !== 0) reject(new Error(`the alignment worker stopped (exit code ${code})`));
    });
  });
}
