import { wordTokens } from '../../audio/align/acoustic/script-words.ts';
import { takeGrammar } from '../../audio/align/acoustic/take-grammar.ts';
import { floatSlice, MonoCollector } from '../../audio/dsp/mono-collector.ts';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { spokenText } from '../../cues/spoken-text.ts';
import { buildLexicon, modelDirectory } from '../../src/align/acoustic/pronunciations.ts';
import { SPHINX_RATE } from '../../src/align/acoustic/sphinx-decoder.ts';
import { createSphinxModule, sphinxWasm } from '../../src/align/acoustic/sphinx-module.ts';
import { TakeSearcher, type TakeTask } from '../../src/align/acoustic/take-search.ts';
import { probeAudio, streamAudio } from '../../src/audio-io/audio-source.ts';
import { row } from './measure.ts';

// The take search's engine against the previous one, in the same run: one actor's whole grammar
// (every line of theirs, as the assembly's first search has it) on the first two minutes of their
// session in 15 s stretches, searched with the patched recogniser (sphinx-history-patch.ts) and
// with the package's own wasm. Both must hear the same; the ratio is the patch's speed-up.

const SECONDS = 120;
const STRETCH = 15;

async function stretches(path: string): Promise<Float32Array[]> {
  const probe = await probeAudio(path);
  const mono = new MonoCollector(probe.sampleRate, SPHINX_RATE, probe.frames / probe.sampleRate);
  await streamAudio(probe, [mono]);
  const track = mono.finish();
  return Array.from({ length: SECONDS / STRETCH }, (_, i) =>
    floatSlice(track, SPHINX_RATE, i * STRETCH, (i + 1) * STRETCH),
  );
}

async function cpuSeconds(task: TakeTask, patch: boolean): Promise<{ cpu: number; heard: string }> {
  const searcher = new TakeSearcher(await createSphinxModule(modelDirectory(), patch));
  await searcher.search({ ...task, jobs: task.jobs.slice(0, 1) }); // model and grammar loaded
  const start = process.cpuUsage();
  const heard = await searcher.search(task);
  const used = process.cpuUsage(start);
  return { cpu: (used.user + used.system) / 1e6, heard: JSON.stringify(heard) };
}

/** Prints the row; `speaker` is the cue sheet's spelling, `path` one of their session files. */
export async function benchTakeSearch(sheet: CueSheet, speaker: string, path: string): Promise<void> {
  const words = sheet.cues
    .filter((c) => c.speaker === speaker)
    .map((c) => wordTokens(spokenText(c)))
    .filter((w) => w.length > 0);
  const lexicon = await buildLexicon(words.flat());
  const { grammar, markers } = takeGrammar(
    words.map((w) => w.map(lexicon.spell)),
    { single: true },
  );
  const jobs = (await stretches(path)).map((pcm, i) => ({ pcm, offset: i * STRETCH, grammar: 0 }));
  const task: TakeTask = { jobs, grammars: [grammar], added: lexicon.added, markers, wide: false };
  const patched = await cpuSeconds(task, true);
  const own = await cpuSeconds(task, false);
  row(
    `take search engine (${words.length} lines, ${SECONDS} s)`,
    `${patched.cpu.toFixed(1)} CPU s patched (${sphinxWasm().patched ? 'applied' : 'NOT APPLIED'}), ${own.cpu.toFixed(1)} CPU s soundswallower's own wasm`,
    `${(own.cpu / patched.cpu).toFixed(2)}x faster, ${patched.heard === own.heard ? 'same words heard' : 'WORDS HEARD DIFFER'}`,
  );
}
