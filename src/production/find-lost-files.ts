import { availableParallelism } from 'node:os';
import { REVIEW } from '../../audio/align/acoustic/place-cues.ts';
import { cueRole } from '../../audio/align/acoustic/script-words.ts';
import type { PcmAudio, PcmSink } from '../../audio/pcm.ts';
import type { Cue, CueSheet } from '../../cues/cue-sheet.ts';
import { type AlignOptions, alignFile, alignRecording } from '../align/align-recording.ts';
import type { ProbedAudio } from '../audio-io/audio-source.ts';
import { probeAudio, streamAudio } from '../audio-io/audio-source.ts';

/** Files `from` to `to` (indexes, both in) joined end to end as one source, as the first pass heard them. */
export type JoinedFiles = (from: number, to: number) => ProbedAudio;

// A pass over the files end to end can lose its way: a chapter no file holds, a file of other
// material at the end, and the walk from that end finds nothing it knows. Each file then lost
// (most of the cues put in it need review) is searched for on its own: its opening is tried
// against the start of every chapter nobody holds for certain and against the cue after the last
// one found before it; where one fits, the file is aligned alone against the script from there to
// where the next file's material begins. A file that fits nowhere holds nothing of the script.

/** Seconds of a lost file's opening tried against each candidate start. */
const OPENING_SECONDS = 60;
/** Words of script tried at each candidate (about what the opening holds). */
const TRIAL_WORDS = 90;
/**
 * Words a second of reading holds at the least (readings on ../shared/speech run 2.2-2.6): a file
 * shorter than OPENING_SECONDS is tried against no more script than it can hold, else the lines
 * past its end count as not found and a file that starts right fails (issue #16: half a sonnet).
 */
const WORDS_PER_SECOND = 2;
/** Share of a trial's spoken cues that must be found for the file to start there. */
const FITS = 0.6;

export interface FileSpan {
  /** Seconds on the gapless production where the file starts and its length. */
  start: number;
  duration: number;
  path: string;
}

/** Whether a cue was found for certain (placed, no review reason). */
const sure = (c: Cue) => c.start !== undefined && c.review === undefined;

/**
 * Which file a cue starts in (index), by its time on the files end to end; -1 when unplaced.
 */
function fileOf(cue: Cue, files: FileSpan[]): number {
  if (cue.start === undefined) return -1;
  for (let i = files.length - 1; i >= 0; i--) if (cue.start >= files[i]!.start - 1e-6) return i;
  return 0;
}

/**
 * The sheet with every lost file searched for and re-aligned; cues that end up in no file are
 * left unplaced and flagged `not found in the recording`. `lost[i]` marks file i as lost.
 */
export async function findLostFiles(
  sheet: CueSheet,
  files: FileSpan[],
  lost: boolean[],
  options: AlignOptions,
  joined?: JoinedFiles,
): Promise<CueSheet> {
  const cues = sheet.cues.map((c) => ({ ...c }));
  const spoken = (i: number) => cueRole(cues[i]!) === 'spoken';
  // What the lost files were given is not trusted: those cues are open again.
  const owner = cues.map((c) => (sure(c) && !lost[fileOf(c, files)] ? fileOf(c, files) : -1));
  const starts: Array<number | undefined> = files.map(() => undefined);
  for (const [f, file] of files.entries()) {
    if (!lost[f]) continue;
    const before = lastOwned(owner, f);
    const candidates = candidateStarts(sheet, owner, before);
    const opening = await decodeOpening(file.path, OPENING_SECONDS);
    const seconds = (opening.channels[0]?.length ?? 0) / opening.sampleRate;
    const words = Math.min(TRIAL_WORDS, Math.max(8, Math.floor(seconds * WORDS_PER_SECOND)));
    // The first candidate that fits, in script order: the free loop before a trial's words lets a
    // later stretch fit too (it soaks up the lines before it), so a later fit says less.
    let best: { at: number; score: number } | undefined;
    for (const at of candidates) {
      const trial = trialSheet(sheet, at, spoken, words);
      const aligned = await alignRecording(trial, opening, {
        ...options,
        engine: 'acoustic',
        onProgress: () => {},
      });
      const said = aligned.cues.filter((c) => cueRole(c) === 'spoken');
      const score = said.filter(sure).length / Math.max(1, said.length);
      if (score >= FITS) {
        best = { at, score };
        break;
      }
    }
    if (best) {
      starts[f] = best.at;
      // Claim the trial's stretch so a later lost file does not start inside it.
      owner[best.at] = f;
    }
  }
  // Each found file takes the script from its start to the next file's first cue.
  const jobs = files.flatMap((file, f) => {
    const from = starts[f];
    if (from === undefined) return [];
    let to = cues.length;
    for (let i = from + 1; i < cues.length; i++) {
      const o = owner[i]!;
      if (o >= 0 && o !== f) {
        to = i;
        break;
      }
      if (starts.some((s, g) => g !== f && s === i)) {
        to = i;
        break;
      }
    }
    return [{ f, file, from, to }];
  });
  // Found files in a row whose stretches meet (a chapter cut mid-line into two files) are aligned
  // joined: alone, a file ending mid-line has the walk from its end start on a line it lacks.
  const runs: Array<(typeof jobs)[number] & { last: number }> = [];
  for (const job of jobs) {
    const run = runs.at(-1);
    if (joined && run && run.last === job.f - 1 && run.to === job.from) {
      run.last = job.f;
      run.to = job.to;
    } else runs.push({ ...job, last: job.f });
  }
  // One file per core at a time: each holds its track in memory and runs its own walks.
  const results = await atMost(runs, availableParallelism(), async (job) => {
    const part = subSheet(sheet, job.from, job.to);
    const source = job.last > job.f && joined ? joined(job.f, job.last) : job.file.path;
    const aligned = await alignFile(part, source, {
      ...options,
      engine: 'acoustic',
      onProgress: () => {},
    });
    return { job, aligned };
  });
  for (const { job, aligned } of results)
    for (const [k, cue] of aligned.cues.entries()) {
      const i = job.from + k;
      const { start, end, confidence, review, ...rest } = cue;
      cues[i] = {
        ...rest,
        ...(start !== undefined ? { start: start + job.file.start } : {}),
        ...(end !== undefined ? { end: end + job.file.start } : {}),
        ...(confidence !== undefined ? { confidence } : {}),
        ...(review !== undefined ? { review } : {}),
      };
      owner[i] = job.last > job.f ? Math.max(job.f, fileOf(cues[i]!, files)) : job.f;
    }
  // Whatever no file holds now is not in the recordings: unplaced, flagged, never forced.
  for (const [i, cue] of cues.entries()) {
    if (owner[i]! >= 0 || !spoken(i)) continue;
    const { start: _s, end: _e, confidence: _c, ...rest } = cue;
    cues[i] = { ...rest, review: REVIEW.notFound };
  }
  return { ...sheet, cues, sections: (sheet.sections ?? []).filter((s) => !lost[fileAt(s.start, files)]) };
}

function fileAt(t: number, files: FileSpan[]): number {
  for (let i = files.length - 1; i >= 0; i--) if (t >= files[i]!.start - 1e-6) return i;
  return 0;
}

/** The index of the last cue owned by a file before file `f` (-1: none). */
function lastOwned(owner: number[], f: number): number {
  let last = -1;
  for (const [i, o] of owner.entries()) if (o >= 0 && o < f) last = i;
  return last;
}

/** Words between the candidates tried inside a stretch nobody holds (beside its headings). */
const CANDIDATE_WORDS = 60;
/** A cue this short is taken for a heading ("III", "Chapter Two") and tried as a start. */
const HEADING_WORDS = 4;

/**
 * Where a lost file may start: the cue after `before` (a file picking up mid-chapter), the first
 * cue of every chapter nobody holds for certain after it, every heading, title or heading-short cue
 * nobody holds ("III" read as a paragraph), and a cue every CANDIDATE_WORDS words through the cues
 * nobody holds.
 */
function candidateStarts(sheet: CueSheet, owner: number[], before: number): number[] {
  const index = new Map(sheet.cues.map((c, i) => [c.id, i]));
  const out = new Set<number>();
  if (before + 1 < sheet.cues.length && owner[before + 1]! < 0) out.add(before + 1);
  for (const chapter of sheet.chapters) {
    const first = index.get(chapter.cueIds[0] ?? '');
    if (first === undefined || first <= before) continue;
    const held = chapter.cueIds.filter((id) => owner[index.get(id)!]! >= 0).length;
    if (held < chapter.cueIds.length / 2) out.add(first);
  }
  let words = 0;
  for (let i = before + 1; i < sheet.cues.length; i++) {
    const cue = sheet.cues[i]!;
    if (owner[i]! >= 0) continue;
    const count = (cue.spoken ?? cue.text).split(/\s+/).filter(Boolean).length;
    if (
      cue.kind === 'heading' ||
      cue.kind === 'title' ||
      (cueRole(cue) === 'spoken' && count <= HEADING_WORDS)
    )
      out.add(i);
    if (words >= CANDIDATE_WORDS && cueRole(cue) === 'spoken') {
      out.add(i);
      words = 0;
    }
    words += count;
  }
  return [...out].sort((a, b) => a - b);
}

/** The script from cue `at` for about `limit` words, untimed. */
function trialSheet(sheet: CueSheet, at: number, spoken: (i: number) => boolean, limit: number): CueSheet {
  let words = 0;
  let to = at;
  while (to < sheet.cues.length && (words < limit || !spoken(to - 1))) {
    words += (sheet.cues[to]!.spoken ?? sheet.cues[to]!.text).split(/\s+/).filter(Boolean).length;
    to++;
  }
  return subSheet(sheet, at, to);
}

/** Cues [from, to) untimed, under one chapter: a script of their own. */
function subSheet(sheet: CueSheet, from: number, to: number): CueSheet {
  const cues = sheet.cues
    .slice(from, to)
    .map(({ start: _s, end: _e, confidence: _c, review: _r, ...cue }) => cue);
  return {
    ...sheet,
    cues,
    chapters: [{ id: 'stretch', title: sheet.title, cueIds: cues.map((c) => c.id) }],
    sections: [],
  };
}

/** `work` over `items`, at most `limit` at once; the results in the items' order. */
async function atMost<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, lane));
  return out;
}

class Enough extends Error {}

/** The first `seconds` of a file, decoding no further. */
export async function decodeOpening(path: string, seconds: number): Promise<PcmAudio> {
  const blocks: Float32Array[][] = [];
  let rate = 0;
  let frames = 0;
  let limit = Number.POSITIVE_INFINITY;
  const sink: PcmSink = {
    push(channels) {
      if (frames >= limit) throw new Enough();
      blocks.push(channels.map((c) => c.slice()));
      frames += channels[0]?.length ?? 0;
    },
  };
  const probe = await probeAudio(path);
  rate = probe.sampleRate;
  limit = Math.round(seconds * rate);
  await streamAudio(probe, [sink]).catch((error: unknown) => {
    if (!(error instanceof Enough)) throw error;
  });
  const channels = Array.from({ length: probe.channels }, (_, c) => {
    const out = new Float32Array(frames);
    let at = 0;
    for (const b of blocks) {
      out.set(b[c]!, at);
      at += b[c]!.length;
    }
    return out;
  });
  return { sampleRate: rate, channels };
}
