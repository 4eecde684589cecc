import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { wordTokens } from '../../audio/align/acoustic/script-words.ts';
import { takeGrammar } from '../../audio/align/acoustic/take-grammar.ts';
import { buildLexicon, modelDirectory } from '../../src/align/acoustic/pronunciations.ts';
import { SPHINX_RATE } from '../../src/align/acoustic/sphinx-decoder.ts';
import { createSphinxModule, PATCHES_SWITCH, sphinxWasm } from '../../src/align/acoustic/sphinx-module.ts';
import { TakeSearcher, type TakeTask } from '../../src/align/acoustic/take-search.ts';
import { requireTools } from '../support/required-tools.ts';

// The recogniser's patches (sphinx-history-patch.ts: the end of frame; sphinx-gaussian-patch.ts:
// Gaussians four at a time) must change its speed and nothing else: the same take searches, on a
// real reader's sonnets, through the patched and the package's own wasm, give the same words,
// times and scores. The searches run with a grammar of one sonnet, then of three (more states than
// the history patch's marks hold: they are made again), then of one again; then with wide beams
// (a second decoder, its own acoustic model: the Gaussian copy is made again), then narrow again
// (made again for the first). So every path of the patched code runs. Speed: npm run bench.

const SONNETS = '../shared/speech/sonnets';
const sonnetLines = (n: number): string[] =>
  readFileSync(join(SONNETS, `sonnet00${n}.txt`), 'utf8')
    .split('\n')
    .filter((l) => /[a-z]/i.test(l) && l.trim().length > 3);

/** 8 kHz mono floats of a sonnet recording, from ffmpeg (an independent decoder). */
function speech(n: number, from: number, seconds: number): Float32Array {
  const bytes = execFileSync('ffmpeg', [
    ...['-v', 'error', '-ss', String(from), '-t', String(seconds)],
    ...['-i', join(SONNETS, `sonnet00${n}.flac`), '-ac', '1', '-ar', String(SPHINX_RATE), '-f', 'f32le', '-'],
  ]);
  return new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4).slice();
}

async function tasks(): Promise<TakeTask[]> {
  const one = sonnetLines(1).map(wordTokens);
  const three = [1, 2, 3].flatMap(sonnetLines).map(wordTokens);
  const lexicon = await buildLexicon([...three.flat()]);
  const jobs = [
    { pcm: speech(1, 0, 14), offset: 0, grammar: 0 },
    { pcm: speech(2, 3, 12), offset: 3, grammar: 0 },
  ];
  return ([[one], [three], [one], [one, 'wide'], [one]] as const).map(([lines, wide]) => {
    const { grammar, markers } = takeGrammar(
      lines.map((l) => l.map(lexicon.spell)),
      { single: true },
    );
    return { jobs, grammars: [grammar], added: lexicon.added, markers, wide: wide === 'wide' };
  });
}

describe('the patched recogniser hears exactly what the package build hears', () => {
  let searches: TakeTask[];
  beforeAll(async () => {
    requireTools('to decode the sonnets independently', 'ffmpeg');
    searches = await tasks();
  });

  it('applies to the installed soundswallower, and the result is a valid module', () => {
    const wasm = sphinxWasm();
    expect(wasm.patched).toBe(true);
    expect(WebAssembly.validate(wasm.bytes)).toBe(true);
    expect(sphinxWasm(false).patched).toBe(false);
    // The way out: CUEWRIGHT_RECOGNISER_PATCHES=off loads the package's own wasm.
    process.env[PATCHES_SWITCH] = 'off';
    try {
      expect(sphinxWasm().patched).toBe(false);
    } finally {
      delete process.env[PATCHES_SWITCH];
    }
    expect(sphinxWasm().patched).toBe(true);
  });

  it('gives the same words, times and scores on a real reader, grammar after grammar', async () => {
    const base = `${modelDirectory()}`;
    const patched = new TakeSearcher(await createSphinxModule(base, true));
    const own = new TakeSearcher(await createSphinxModule(base, false));
    const heardLines: string[][] = [];
    for (const task of searches) {
      const heard = await patched.search(task);
      expect(heard).toEqual(await own.search(task));
      heardLines.push(heard.map((h) => h.map((w) => w.word).join(' ')));
    }
    // Not the same empty answers: the reader's lines are heard, the second sonnet's only when
    // the grammar holds it.
    expect(heardLines.map((h) => h[0])).toEqual(Array(5).fill(expect.stringContaining('fairest creatures')));
    expect(heardLines[1]![1]).toContain('forty winters shall besiege');
  });
});
