import { REVIEW } from '../../audio/align/acoustic/place-cues.ts';
import { cueRole } from '../../audio/align/acoustic/script-words.ts';
import { layoutProduction } from '../../audio/production/join-gaps.ts';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { InputError } from '../../cues/input-error.ts';
import { placementsOf } from '../../cues/production/place-on-recordings.ts';
import type { Clip, Placement, Recording } from '../../cues/production/timeline.ts';
import { type AlignOptions, alignFile, chooseEngine } from '../align/align-recording.ts';
import { consistentCues, headingsAtJoins } from './consistent-cues.ts';
import { type FileSpan, findLostFiles } from './find-lost-files.ts';
import { sharesHeard } from './heard-check.ts';
import { productionAudio, productionShape } from './production-audio.ts';
import { moveOffSlates } from './slates.ts';
import { type SurveyedRecording, surveyRecording } from './survey-recording.ts';

// Alignment across the files of a production: the files are joined end to end (each converted
// without delay, so a time inside a file stays exact) and the whole script is aligned over them
// in one pass. Which stretch of the script each file covers falls out of where its cues land, so a
// file may start or end mid-chapter or mid-sentence; material the script lacks (a slate, "chapter
// three, take two") is heard as unscripted speech and flagged on the cue after it, or, when it
// took the heading after it, the heading is moved off it, flagged, and the slate reported (slates.ts); a chapter no
// file holds is flagged "not found"; a file on which no cue lands is reported, never forced; a file
// whose opening the recogniser, listening freely, does not hear the words placed in it say holds
// none of them (heard-check.ts), and a file it hears few of is flagged. The
// aligner's two walks (from each end) run in worker threads at once.

/** What one file was found to hold. */
export interface FileCoverage {
  path: string;
  id: string;
  title: string;
  duration: number;
  /** Spoken cues whose start lies in it, found (unflagged) or flagged. */
  cues: number;
  flagged: number;
  /** The first and last cue found in it (ids), and their text's opening words. */
  first?: { id: string; text: string };
  last?: { id: string; text: string };
  /** Chapter titles it holds part of, in order. */
  chapters: string[];
  /** Why it holds nothing of the script, when it does not. */
  problem?: string;
}

export interface ProductionAlignment {
  /** Times on the recordings end to end (the project's default timeline). */
  sheet: CueSheet;
  recordings: Recording[];
  placements: Placement[];
  coverage: FileCoverage[];
  /** Chapters no recording was found to hold (their cues unplaced and flagged). */
  missing: string[];
  /** Speech found that is not in the script (a slate), seconds on its recording's own clock. */
  unscripted: Array<{ recording: string; path: string; start: number; end: number }>;
}

export async function alignProduction(
  sheet: CueSheet,
  paths: string[],
  options: AlignOptions & { onSurvey?: (fraction: number) => void } = {},
): Promise<ProductionAlignment> {
  if (paths.length === 0) throw new InputError('align needs at least one recording');
  const surveyed: SurveyedRecording[] = [];
  for (const [i, path] of paths.entries())
    surveyed.push(await surveyRecording(path, (f) => options.onSurvey?.((i + f) / paths.length)));
  const shape = productionShape(surveyed);
  const layout = layoutProduction(
    surveyed.map((f) => ({ frames: f.frames, sampleRate: f.probe.sampleRate })),
    surveyed.map(() => 0),
    shape.sampleRate,
  );
  // The acoustic engine for English, never the TTS fallback: on a production a chapter no file
  // holds looks like a voice the model cannot follow, and the TTS engine forces every cue somewhere.
  const engine = chooseEngine(options);
  const once = await alignFile(sheet, productionAudio(surveyed, layout), { ...options, engine });
  const spans = surveyed.map((f, i) => ({
    path: f.path,
    start: layout.starts[i]! / layout.sampleRate,
    duration: layout.lengths[i]! / layout.sampleRate,
  }));
  const lost = lostFiles(once, spans);
  const found =
    engine === 'acoustic' && lost.some(Boolean)
      ? await findLostFiles(once, spans, lost, options, (a, b) =>
          productionAudio(
            surveyed.slice(a, b + 1),
            layoutProduction(
              surveyed.slice(a, b + 1).map((f) => ({ frames: f.frames, sampleRate: f.probe.sampleRate })),
              surveyed.slice(a, b + 1).map(() => 0),
              layout.sampleRate,
            ),
          ),
        )
      : once;
  // A heading across a join moves first, so its chapter opens in the file it heads.
  const joins = spans.slice(1).map((s) => s.start);
  // Chapters no file holds come out before a file is judged by what is left in it.
  const consistent = consistentCues(headingsAtJoins(squeezedCues(found), joins)).sheet;
  const slates = moveOffSlates(
    consistent,
    spans.map((span, i) => ({
      start: span.start,
      duration: span.duration,
      pauses: surveyed[i]!.pauses ?? [],
    })),
  );
  const kept = unforced(slates.sheet, spans);
  // Whether each file says the words placed in it: forced alignment places lines on any speech.
  const shares = engine === 'acoustic' ? await sharesHeard(kept, spans) : spans.map(() => undefined);
  const { sheet: unforcedSheet, missing } = consistentCues(unheard(kept, spans, shares));
  const refused = shares.map((s) => s !== undefined && s < MIN_HEARD);
  const aligned = cutAtFileEnds(unforcedSheet, spans);
  const recordings: Recording[] = surveyed.map((f, i) => ({
    id: `rec-${i + 1}`,
    path: f.path,
    size: f.probe.size,
    duration: layout.lengths[i]! / layout.sampleRate,
    title: f.title,
  }));
  const clips: Clip[] = recordings.map((r) => ({ recording: r.id, from: 0, to: r.duration }));
  const placements = placementsOf(aligned, clips);
  return {
    sheet: aligned,
    recordings,
    placements,
    coverage: coverageOf(aligned, recordings, placements),
    missing,
    unscripted: slates.unscripted
      .filter((u) => !refused[u.file])
      .map((u) => ({
        recording: recordings[u.file]!.id,
        path: recordings[u.file]!.path,
        start: Math.round(u.start * 1000) / 1000,
        end: Math.round(u.end * 1000) / 1000,
      })),
  };
}

/** The review reason of a line a file stops in the middle of (the rest opens the next file). */
export const CONTINUES_IN_NEXT = 'line continues in the next recording';

/**
 * The sheet with every cue that runs past the end of the file it starts in (a file cut mid-line,
 * the rest of the line opening the next file) ended at that file's end and flagged
 * `CONTINUES_IN_NEXT` (after any reason it had). A cue lives on one recording, so the line stays
 * one cue (its text, caption and id unchanged) on the file it starts in, rather than being split
 * into two cues the script does not have; the producer hears the join and decides.
 */
function cutAtFileEnds(sheet: CueSheet, files: FileSpan[]): CueSheet {
  return {
    ...sheet,
    cues: sheet.cues.map((cue) => {
      if (cue.start === undefined || cue.end === undefined) return cue;
      const f = fileIndex(cue.start, files);
      const fileEnd = files[f]!.start + files[f]!.duration;
      if (f === files.length - 1 || cue.end <= fileEnd + 1e-3) return cue;
      const review = cue.review ? `${cue.review}; ${CONTINUES_IN_NEXT}` : CONTINUES_IN_NEXT;
      return { ...cue, end: Math.max(cue.start, fileEnd), review };
    }),
  };
}

/** Share of a file's spoken cues that may be flagged before it counts as holding nothing found. */
const MOSTLY_FLAGGED = 0.5;

/** Seconds per word under which a cue cannot have been read: no word is said that fast. */
const SQUEEZED_PER_WORD = 0.1;

/** Seconds per syllable under which a heading cannot have been said. */
const SQUEEZED_PER_SYLLABLE = 0.12;

/** Syllables of a text, near enough: its groups of vowels, one at least per word. */
function syllables(text: string): number {
  return text
    .split(/\s+/)
    .filter(Boolean)
    .reduce((n, w) => n + Math.max(1, (w.toLowerCase().match(/[aeiouy]+/g) ?? []).length), 0);
}

/**
 * A cue the pass pressed into an instant (a heading read in no file, put at the end of the file
 * before the gap it left) is flagged `squeezed`: the aligner's own pace check compares a cue with
 * the recording's typical one, and one short heading passes it.
 */
function squeezedCues(sheet: CueSheet): CueSheet {
  return {
    ...sheet,
    cues: sheet.cues.map((cue) => {
      if (cue.review || cue.start === undefined || cue.end === undefined || cueRole(cue) !== 'spoken')
        return cue;
      const said = cue.spoken ?? cue.text;
      const words = Math.max(1, said.split(/\s+/).filter(Boolean).length);
      // A heading the narrator does not say ("CHAPTER ONE" before "Sonnet one") is pressed into
      // the next heading's breath: 0.25 s for three syllables, where speech takes 0.15 s or more each.
      const squeezed =
        cue.kind === 'heading' || cue.kind === 'title'
          ? cue.end - cue.start < SQUEEZED_PER_SYLLABLE * syllables(said)
          : cue.end - cue.start < SQUEEZED_PER_WORD * words;
      return squeezed ? { ...cue, review: REVIEW.squeezed } : cue;
    }),
  };
}

/**
 * The sheet with the cues of every file still mostly flagged, or whose sure lines fill under THIN
 * of it, unplaced and flagged `not found`: a file of other speech after the last chapter held
 * (issue #16) was given that chapter's lines, some passing the match check; not vouched for.
 */
function unforced(sheet: CueSheet, files: FileSpan[]): CueSheet {
  const said = files.map(() => 0);
  for (const cue of sheet.cues)
    if (cue.start !== undefined && cue.end !== undefined && !cue.review && cueRole(cue) === 'spoken')
      said[fileIndex(cue.start, files)]! += cue.end - cue.start;
  const lost = lostFiles(sheet, files).map((l, f) => l || said[f]! < THIN * files[f]!.duration);
  if (!lost.some(Boolean)) return sheet;
  return {
    ...sheet,
    cues: sheet.cues.map((cue) => {
      if (cue.start === undefined || cueRole(cue) !== 'spoken') return cue;
      if (!lost[fileIndex(cue.start, files)]) return cue;
      const { start: _s, end: _e, confidence: _c, ...rest } = cue;
      return { ...rest, review: REVIEW.notFound };
    }),
  };
}

/** Under this share of the words placed in a file's opening heard there, the file holds none of them. */
const MIN_HEARD = 0.4;
/** Under this share heard, the cues placed in the file are flagged (some of them may be other words). */
const WELL_HEARD = 0.75;

/** Review reason of a cue in a file where the recogniser heard few of the words placed in it. */
export const FEW_HEARD = 'few of the words placed in this recording heard in it';

/**
 * The sheet with the spoken cues of every file in which under MIN_HEARD of the words placed in it
 * were heard (`shares`, from sharesHeard) unplaced and flagged `not found`, and those of a file
 * under WELL_HEARD flagged `FEW_HEARD`: a file of other speech where sonnet II should be was given
 * its lines with posteriors that passed every check (tester 16).
 */
function unheard(sheet: CueSheet, files: FileSpan[], shares: Array<number | undefined>): CueSheet {
  if (!shares.some((s) => s !== undefined && s < WELL_HEARD)) return sheet;
  return {
    ...sheet,
    cues: sheet.cues.map((cue) => {
      if (cue.start === undefined || cueRole(cue) !== 'spoken') return cue;
      const share = shares[fileIndex(cue.start, files)];
      if (share === undefined || share >= WELL_HEARD) return cue;
      if (share >= MIN_HEARD) return cue.review ? cue : { ...cue, review: FEW_HEARD };
      const { start: _s, end: _e, confidence: _c, ...rest } = cue;
      return { ...rest, review: REVIEW.notFound };
    }),
  };
}

/**
 * Share of a file that the lines found for certain in it must fill: a file of other speech had a
 * few short lines matched to words it shares with the script (issue #16: 7 s of 25), a reading
 * fills nine tenths of its file, a slated take most of it.
 */
const THIN = 0.4;

/** The index of the file a time (seconds, files end to end) lies in. */
function fileIndex(t: number, files: FileSpan[]): number {
  let f = files.length - 1;
  while (f > 0 && t < files[f]!.start - 1e-6) f--;
  return f;
}

/** Files on which no cue, or mostly flagged ones, landed. */
function lostFiles(sheet: CueSheet, files: FileSpan[]): boolean[] {
  const counts = files.map(() => ({ all: 0, sure: 0 }));
  for (const cue of sheet.cues) {
    if (cue.start === undefined || cueRole(cue) !== 'spoken') continue;
    let f = files.length - 1;
    while (f > 0 && cue.start < files[f]!.start - 1e-6) f--;
    counts[f]!.all++;
    if (!cue.review) counts[f]!.sure++;
  }
  return counts.map((c) => c.sure === 0 || c.sure < (1 - MOSTLY_FLAGGED) * c.all);
}

function coverageOf(sheet: CueSheet, recordings: Recording[], placements: Placement[]): FileCoverage[] {
  const cueAt = new Map(placements.filter((p) => p.kind === 'cue').map((p) => [p.id, p.recording]));
  const chapterOf = new Map(sheet.chapters.flatMap((ch) => ch.cueIds.map((id) => [id, ch.title] as const)));
  const opening = (text: string) => text.replace(/\s+/g, ' ').trim().split(' ').slice(0, 6).join(' ');
  return recordings.map((r) => {
    const spoken = sheet.cues.filter((c) => cueAt.get(c.id) === r.id && cueRole(c) === 'spoken');
    const found = spoken.filter((c) => !c.review);
    const chapters = [...new Set(spoken.map((c) => chapterOf.get(c.id)).filter((t) => t !== undefined))];
    const coverage: FileCoverage = {
      path: r.path,
      id: r.id,
      title: r.title ?? r.path,
      duration: r.duration,
      cues: spoken.length,
      flagged: spoken.length - found.length,
      chapters,
    };
    if (found[0]) coverage.first = { id: found[0].id, text: opening(found[0].text) };
    if (found.at(-1)) coverage.last = { id: found.at(-1)!.id, text: opening(found.at(-1)!.text) };
    if (found.length === 0 || found.length < (1 - MOSTLY_FLAGGED) * spoken.length)
      coverage.problem =
        spoken.length === 0
          ? 'covers nothing of the script'
          : `covers nothing of the script for certain: ${spoken.length - found.length} of the ${spoken.length} cues placed in it need review`;
    return coverage;
  });
}
