import type { Decoder, Segment } from 'soundswallower';
import { freeLoopWords, isFreeWord, windowGrammar } from '../../../audio/align/acoustic/grammar.ts';
import type { ScriptPart } from '../../../audio/align/acoustic/script-words.ts';
import type { HeardWord } from '../../../audio/align/acoustic/spotting-grammar.ts';
import type { PartSpans, WordSpan } from '../../../audio/align/acoustic/window-walk.ts';
import { createSphinxModule } from './sphinx-module.ts';

// The acoustic-model aligner: soundswallower (PocketSphinx in wasm, MIT) with its US-English
// continuous HMM and the CMU dictionary, searching a finite-state grammar of the window's words
// (grammar.ts). Its calls block, so it runs in a worker thread (sphinx-worker.ts).

/** The model's own band is 130-3700 Hz (feat_params.json): 8 kHz input loses nothing. */
export const SPHINX_RATE = 8000;

/**
 * Beams far wider than the defaults: with the defaults the search lost the path on real
 * recordings of 26 s and 7 min (no result), with these it did not (measured, DESIGN.md).
 */
export const SPHINX_BEAMS = { beam: 1e-200, wbeam: 1e-150, pbeam: 1e-200 };

/** Segments that are not script words: silence, noise, sentence marks, the free loop. */
function isFiller(word: string): boolean {
  return word.startsWith('<') || word.startsWith('[') || word === '(NULL)' || isFreeWord(word);
}

/**
 * The script (and marker) words on the path the last search found, seconds from `offset`, with
 * the dictionary's alternate-pronunciation suffix ("the(2)") dropped. Empty: no path.
 */
export function wordsHeard(decoder: Decoder, offset: number): HeardWord[] {
  return (decoder.get_alignment().w ?? [])
    .filter((s) => !isFiller(s.t))
    .map((s) => ({
      word: s.t.replace(/\(\d+\)$/, ''),
      start: offset + s.b,
      end: offset + s.b + s.d,
      score: s.p,
    }));
}

export class SphinxAligner {
  private readonly decoder: Decoder;

  private constructor(decoder: Decoder) {
    this.decoder = decoder;
  }

  /** A decoder with the free-loop words and `added` ([word, phones]) in its dictionary. */
  static async create(modelBase: string, added: Array<[string, string]>): Promise<SphinxAligner> {
    const module = await createSphinxModule(modelBase);
    const decoder = new module.Decoder({
      samprate: SPHINX_RATE,
      loglevel: 'FATAL',
      ...SPHINX_BEAMS,
    });
    await decoder.initialize();
    decoder.add_words(...freeLoopWords(), ...added);
    return new SphinxAligner(decoder);
  }

  /**
   * Aligns the parts' words (already spelled as dictionary words) on `pcm` (mono, SPHINX_RATE,
   * -1..1); times are seconds from `offset`. Undefined when the search found no path.
   */
  align(pcm: Float32Array, parts: ScriptPart[], offset: number): PartSpans[] | undefined {
    if (pcm.length < SPHINX_RATE / 10) return undefined;
    this.decoder.set_grammar(windowGrammar(parts));
    this.decoder.start();
    this.decoder.process_audio(pcm, false, true);
    this.decoder.stop();
    const words = (this.decoder.get_alignment().w ?? []).filter((s) => !isFiller(s.t));
    return matchParts(parts, words, offset);
  }
}

/** The recognised words laid back onto the parts, each note and song heard whole or skipped. */
function matchParts(parts: ScriptPart[], words: Segment[], offset: number): PartSpans[] | undefined {
  const spelled = (s: Segment) => s.t.replace(/\(\d+\)$/, '');
  const span = (s: Segment): WordSpan => ({ start: offset + s.b, end: offset + s.b + s.d, score: s.p });
  let at = 0;
  const out: PartSpans[] = [];
  for (const part of parts) {
    const none = part.words.map(() => undefined);
    if (part.role === 'silent') {
      out.push(none);
      continue;
    }
    const heard = part.words.every((w, i) => words[at + i] !== undefined && spelled(words[at + i]!) === w);
    if (!heard) {
      if (part.role === 'spoken') return undefined; // the search ended off the grammar: no usable path
      out.push(none); // skipped: a note not read, a song sung
      continue;
    }
    out.push(part.words.map((_, i) => span(words[at + i]!)));
    at += part.words.length;
  }
  return out;
}
