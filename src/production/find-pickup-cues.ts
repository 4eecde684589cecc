import { scriptParts } from '../../audio/align/acoustic/script-words.ts';
import {
  batchEntries,
  runsHeard,
  type SpottedRun,
  spotEntries,
  spottingGrammar,
} from '../../audio/align/acoustic/spotting-grammar.ts';
import { floatSlice, MonoCollector } from '../../audio/dsp/mono-collector.ts';
import { EnergyEnvelope } from '../../audio/silence/energy-envelope.ts';
import { findPauses } from '../../audio/silence/find-pauses.ts';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { InputError } from '../../cues/input-error.ts';
import { buildLexicon, modelDirectory } from '../align/acoustic/pronunciations.ts';
import { runSpotting } from '../align/acoustic/run-spotting.ts';
import { SPHINX_RATE } from '../align/acoustic/sphinx-decoder.ts';
import { probeAudio, streamAudio } from '../audio-io/audio-source.ts';

// Which cues a pickup repeats, found by listening: the recogniser searches the pickup against
// grammars that may enter the script at any spoken cue and leave after any whole cue
// (spotting-grammar.ts), batch after batch over the whole script, two workers at once. The run
// whose words fit best is the pickup's, unless nothing fits well or another run elsewhere fits as
// well (a repeated passage): then the user is asked to name the cues.

/** Words a second a reader may say at most: how far past its entry a run may go. */
const MAX_WORDS_PER_SECOND = 4;
/** Grammar words per search (a batch of entries): bounds each search's cost. */
const WORD_BUDGET = 1500;
/** Of a run's words, the share the recogniser must be sure of (posterior sum / words). */
const MIN_FIT = 0.5;
/** Of the pickup's speech, the share the run's words must cover. */
const MIN_COVER = 0.5;
/** Another run elsewhere scoring this close to the best is a tie. */
const TIE = 0.9;

export interface PickupCues {
  /** First and last cue id the pickup says. */
  first: string;
  last: string;
  /** Of the run's words, the posterior-weighted share heard (0-1). */
  fit: number;
}

/** The cues `pickup` repeats; an InputError naming the file when none fit or two runs tie. */
export async function findPickupCues(sheet: CueSheet, pickup: string): Promise<PickupCues> {
  const { pcm, speech } = await pickupSpeech(pickup);
  const parts = scriptParts(sheet);
  const lexicon = await buildLexicon(parts.flatMap((p) => p.words));
  const spelled = parts.map((p) => ({ ...p, words: p.words.map(lexicon.spell) }));
  const entries = spotEntries(spelled, Math.ceil(speech * MAX_WORDS_PER_SECOND) + 4);
  if (entries.length === 0) throw new InputError('the script has no spoken cue a pickup could repeat');
  const batches = batchEntries(spelled, entries, WORD_BUDGET);
  const halves = [0, 1].map((h) => batches.flatMap((b, i) => (i % 2 === h ? [b] : [])));
  const heard = await Promise.all(
    halves.map((half) =>
      half.length === 0
        ? Promise.resolve([])
        : runSpotting(
            {
              pcm,
              grammars: half.map((b) => spottingGrammar(spelled, b)),
              added: lexicon.added,
              modelBase: modelDirectory(),
            },
            'pickup search',
          ),
    ),
  );
  const runs = halves.flatMap((half, h) => half.flatMap((b, i) => runsHeard(spelled, b, heard[h]![i] ?? [])));
  const words = (r: SpottedRun) => spelled.slice(r.first, r.last + 1).reduce((n, p) => n + p.words.length, 0);
  const fitOf = (r: SpottedRun) => r.score / Math.max(1, words(r));
  const fitting = runs
    .filter((r) => fitOf(r) >= MIN_FIT && (r.end - r.start) / speech >= MIN_COVER)
    .sort((a, b) => b.score - a.score);
  const best = fitting[0];
  const range = (r: SpottedRun) => `cues ${r.first + 1}..${r.last + 1}`;
  if (!best)
    throw new InputError(
      `${pickup}: no cues of the script fit this pickup: name them with --from CUE --to CUE`,
    );
  const rival = fitting.find(
    (r) => (r.last < best.first || r.first > best.last) && r.score >= TIE * best.score,
  );
  if (rival)
    throw new InputError(
      `${pickup}: the pickup fits ${range(best)} and ${range(rival)} as well: name them with --from CUE --to CUE`,
    );
  return { first: sheet.cues[best.first]!.id, last: sheet.cues[best.last]!.id, fit: fitOf(best) };
}

/**
 * Of the words of cues `first`..`last` (indices into the sheet), the share heard in `pickup`
 * (posterior-weighted, 0-1), the share of the pickup's speech those words cover (0-1, as
 * listening asks of a run) and its seconds of speech (pauses left out): a named range is checked as a found one is, so a pickup of other
 * words is not dropped in unnoticed.
 */
export async function rangeHeard(
  sheet: CueSheet,
  pickup: string,
  first: number,
  last: number,
): Promise<{ heard: number; cover: number; speech: number }> {
  const { pcm, speech } = await pickupSpeech(pickup);
  const parts = scriptParts(sheet);
  const lexicon = await buildLexicon(parts.slice(first, last + 1).flatMap((p) => p.words));
  const spelled = parts.map((p) => ({ ...p, words: p.words.map(lexicon.spell) }));
  const words = spelled.slice(first, last + 1).reduce((n, p) => n + p.words.length, 0);
  const spoken = spelled.findIndex((p, i) => i >= first && i <= last && p.role === 'spoken');
  if (words === 0 || spoken < 0) return { heard: 1, cover: 1, speech };
  const batch = [{ entry: spoken, last }];
  const [heard] = await runSpotting(
    {
      pcm,
      grammars: [spottingGrammar(spelled, batch)],
      added: lexicon.added,
      modelBase: modelDirectory(),
    },
    'pickup search',
  );
  // Only words that are the range's count (the path may leave the grammar, hearing nothing).
  const runs = runsHeard(spelled, batch, heard ?? []);
  const run = runs[0];
  if (!run) return { heard: 0, cover: 0, speech };
  return {
    heard: Math.min(1, run.score / words),
    cover: Math.min(1, (run.end - run.start) / speech),
    speech,
  };
}

/** The pickup at the recogniser's rate, and how many seconds of it are speech. */
async function pickupSpeech(pickup: string): Promise<{ pcm: Float32Array; speech: number }> {
  const probe = await probeAudio(pickup);
  const envelope = new EnergyEnvelope(probe.sampleRate);
  const mono = new MonoCollector(probe.sampleRate, SPHINX_RATE, probe.frames / probe.sampleRate);
  await streamAudio(probe, [mono, envelope]);
  const track = mono.finish();
  const duration = track.length / SPHINX_RATE;
  const paused = findPauses(envelope).reduce((n, p) => n + (p.end - p.start), 0);
  return { pcm: floatSlice(track, SPHINX_RATE, 0, duration), speech: Math.max(0.5, duration - paused) };
}
