import { cueRole, scriptParts } from '../../audio/align/acoustic/script-words.ts';
import { runsHeard, spottingGrammar } from '../../audio/align/acoustic/spotting-grammar.ts';
import { floatSlice, MonoCollector } from '../../audio/dsp/mono-collector.ts';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { buildLexicon, modelDirectory } from '../align/acoustic/pronunciations.ts';
import { runSpotting } from '../align/acoustic/run-spotting.ts';
import { SPHINX_RATE } from '../align/acoustic/sphinx-decoder.ts';
import { decodeOpening, type FileSpan } from './find-lost-files.ts';

// Forced alignment puts every line it is given somewhere, and the recogniser's posteriors on the
// words it was forced to hear are high even on other speech (a file of casual talk given sonnet
// II: 0.87 a cue, where a reading scores 0.93), so a pass over the files can hand a file of other
// material a stretch of the script that passes every check on its placement. Whether the file
// says those words is asked another way: the recogniser listens to the file's opening against a
// grammar it may leave at any point (spotting-grammar.ts), and the share of the words placed there
// that it hears is measured (tester 16: a file of other speech 2 % of sonnet II, the readings 92-94 %).

/** Seconds of a file's opening listened to: the cues that start in it are checked. */
const SAMPLE_SECONDS = 40;

/**
 * Per file (times of `files` end to end, as `sheet`'s), the share (0-1, posterior-weighted) of the
 * words of the spoken cues placed in its first SAMPLE_SECONDS that the recogniser hears there;
 * undefined for a file no spoken cue starts in. Two files are listened to at once, one worker each.
 */
export async function sharesHeard(sheet: CueSheet, files: FileSpan[]): Promise<Array<number | undefined>> {
  const parts = scriptParts(sheet);
  const ranges = files.map((file) => {
    const end = file.start + Math.min(file.duration, SAMPLE_SECONDS);
    const at = sheet.cues.flatMap((c, i) =>
      c.start !== undefined &&
      cueRole(c) === 'spoken' &&
      c.start >= file.start - 1e-6 &&
      c.start < end &&
      (c.end ?? c.start) <= file.start + file.duration + 0.05
        ? [i]
        : [],
    );
    // A line running on into the next file is left out: the grammar hears whole cues only.
    if (at.length === 0) return undefined;
    const last = at.at(-1)!;
    const heard = Math.min(file.duration, (sheet.cues[last]!.end ?? end) - file.start + 0.5);
    return { first: at[0]!, last, seconds: Math.max(heard, 1) };
  });
  const lexicon = await buildLexicon(
    ranges.flatMap((r) => (r ? parts.slice(r.first, r.last + 1).flatMap((p) => p.words) : [])),
  );
  const spelled = parts.map((p) => ({ ...p, words: p.words.map(lexicon.spell) }));
  const share = async (f: number): Promise<number | undefined> => {
    const range = ranges[f];
    if (!range) return undefined;
    const words = spelled.slice(range.first, range.last + 1).reduce((n, p) => n + p.words.length, 0);
    if (words === 0) return undefined;
    const opening = await decodeOpening(files[f]!.path, range.seconds);
    const mono = new MonoCollector(opening.sampleRate, SPHINX_RATE, range.seconds);
    mono.push(opening.channels);
    const track = mono.finish();
    const batch = [{ entry: range.first, last: range.last }];
    const [heard] = await runSpotting(
      {
        pcm: floatSlice(track, SPHINX_RATE, 0, track.length / SPHINX_RATE),
        grammars: [spottingGrammar(spelled, batch)],
        added: lexicon.added,
        modelBase: modelDirectory(),
      },
      'alignment check',
    );
    // Only words that are the range's count (the path may leave the grammar, hearing nothing).
    const runs = runsHeard(spelled, batch, heard ?? []);
    return Math.min(1, (runs[0]?.score ?? 0) / words);
  };
  const out: Array<number | undefined> = files.map(() => undefined);
  let next = 0;
  const lane = async () => {
    while (next < files.length) {
      const f = next++;
      out[f] = await share(f);
    }
  };
  await Promise.all([lane(), lane()]);
  return out;
}
