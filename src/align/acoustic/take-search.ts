import type { Decoder, SoundSwallowerModule } from 'soundswallower';
import { freeLoopWords } from '../../../audio/align/acoustic/grammar.ts';
import type { HeardWord } from '../../../audio/align/acoustic/spotting-grammar.ts';
import type { Fsg } from '../../../audio/align/acoustic/take-fsg.ts';
import { SPHINX_BEAMS, SPHINX_RATE, wordsHeard } from './sphinx-decoder.ts';
import { setFsgGrammar } from './sphinx-fsg.ts';

// The take search itself (take grammars on stretches of session recordings), apart from the
// worker thread that runs it (take-worker.ts), so a test can run it on a recogniser of its own.

/** One search: a grammar (index into the task's grammars) on a stretch of audio. */
export interface TakeJob {
  /** Mono samples at SPHINX_RATE, -1..1. */
  pcm: Float32Array;
  /** Seconds of the recording at which `pcm` starts: heard times are on the recording's clock. */
  offset: number;
  grammar: number;
}

/** One batch of searches the main thread hands a worker (structured-cloned). */
export interface TakeTask {
  jobs: TakeJob[];
  grammars: Fsg[];
  /** Dictionary additions [word, phones] (words the dictionary lacks). */
  added: Array<[string, string]>;
  /** Marker words [marker, dictionary word whose phones it takes]. */
  markers: Array<[string, string]>;
  /** The recogniser's beams: narrow for the search over every segment, wide to follow one line. */
  wide: boolean;
}

/** PocketSphinx's own default beams: a free loop is always there, so the path is never lost. */
const NARROW_BEAMS = { beam: 1e-48, wbeam: 7e-29, pbeam: 1e-48 };

/**
 * Take searches on one recogniser module: a decoder per beam width, made when first needed, with
 * the words added to it so far. Searches run one at a time (the recogniser blocks).
 */
export class TakeSearcher {
  private readonly decoders = new Map<boolean, { decoder: Decoder; words: Set<string> }>();

  private readonly module: SoundSwallowerModule;

  constructor(module: SoundSwallowerModule) {
    this.module = module;
  }

  private async decoderFor(wide: boolean): Promise<{ decoder: Decoder; words: Set<string> }> {
    let made = this.decoders.get(wide);
    if (!made) {
      const decoder = new this.module.Decoder({
        samprate: SPHINX_RATE,
        loglevel: 'FATAL',
        ...(wide ? SPHINX_BEAMS : NARROW_BEAMS),
      });
      await decoder.initialize();
      decoder.add_words(...freeLoopWords());
      made = { decoder, words: new Set() };
      this.decoders.set(wide, made);
    }
    return made;
  }

  /** Per job, the script and marker words on the path found (empty: none), on the recording's clock. */
  async search(task: TakeTask): Promise<HeardWord[][]> {
    const { decoder, words } = await this.decoderFor(task.wide);
    // Words already added (an earlier actor's, an earlier pass's) keep their phones.
    const fresh = task.added.filter(([word]) => !words.has(word));
    if (fresh.length > 0) decoder.add_words(...fresh);
    for (const [word] of fresh) words.add(word);
    const markers = task.markers
      .filter(([marker]) => !words.has(marker))
      .map(([marker, word]): [string, string] => [marker, decoder.lookup_word(word) || 'AH']);
    if (markers.length > 0) decoder.add_words(...markers);
    for (const [marker] of markers) words.add(marker);
    const heard: HeardWord[][] = [];
    let current = -1;
    for (const job of task.jobs) {
      if (job.pcm.length < SPHINX_RATE / 10) {
        heard.push([]);
        continue;
      }
      if (job.grammar !== current) setFsgGrammar(this.module, decoder, task.grammars[job.grammar]!);
      current = job.grammar;
      decoder.start();
      decoder.process_audio(job.pcm, false, true);
      decoder.stop();
      heard.push(wordsHeard(decoder, job.offset));
    }
    return heard;
  }
}
