import { readdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { Cue, CueSheet } from '../../cues/cue-sheet.ts';
import { InputError } from '../../cues/input-error.ts';
import { NO_TAKE_FOUND, ONLY_FALSE_STARTS } from '../../cues/production/pick-takes.ts';
import { type PickedTake, placeTakes } from '../../cues/production/place-takes.ts';
import { sessionOrder } from '../../cues/production/session-order.ts';
import type { Clip, Placement, Recording } from '../../cues/production/timeline.ts';
import { clockTime } from '../../cues/sidecars/timecode.ts';
import { spokenText } from '../../cues/spoken-text.ts';
import { TakeSearchPool } from '../align/acoustic/take-pool.ts';
import type { LineTakesEntry } from '../project/takes-schema.ts';
import { mapLimited } from '../shared/map-limited.ts';
import { findTakes } from './find-takes.ts';
import { filesLine, NARRATOR, takeFilesOf } from './take-files.ts';

// An audio drama assembled from the actors' session recordings: each actor's files (found in the
// takes folder by the character's name as whole words of the file or folder name: take-owner.ts;
// the narration in the narrator's, a file or folder named Narrator) are searched for that
// character's lines only, every take is listed, the last complete take of each line plays, and
// the picks are laid out in script order (place-takes.ts). Lines with no take stay unplaced and
// flagged.

const AUDIO = new Set(['.wav', '.flac', '.mp3', '.m4a', '.aac', '.ogg', '.opus', '.m4b']);

export interface AssembledDrama {
  sheet: CueSheet;
  recordings: Recording[];
  timeline: Clip[];
  placements: Placement[];
  takes: LineTakesEntry[];
  /** Things the producer should know (a file no character's name matches, a character with no files). */
  notices: string[];
  /** Which files each character was given ("Mark: MARK takes 1.wav, MARK-2.wav"), in script order. */
  owners: string[];
  /** Speech no take covers (find-takes.ts `unmatched`), per actor in script order: seconds on `file`'s clock. */
  unmatched: Array<{ speaker: string; file: string; start: number; end: number }>;
}

/** Audio files in `dir` and its subfolders, in natural name order. InputError when there are none. */
async function audioFiles(dir: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = (await readdir(dir, { recursive: true })) as string[];
  } catch {
    throw new InputError(`${dir}: not a readable folder of takes`);
  }
  const files = entries
    .filter((e) => AUDIO.has(extname(e).toLowerCase()))
    .map((e) => join(dir, e))
    .sort(sessionOrder);
  if (files.length === 0)
    throw new InputError(`${dir}: no audio files (WAV, FLAC, MP3, M4A, Ogg) in the takes folder`);
  return files;
}

/**
 * The lines to find takes of, in script order: each character's, and the narration (what is said
 * and not by a character) as the narrator's (NARRATOR).
 */
function linesToFind(cues: Cue[]): Cue[] {
  return cues.flatMap((c) => {
    if (c.kind === 'dialogue' && c.speaker) return [c];
    if (c.kind === 'narration' && !c.notRecorded && spokenText(c).trim() !== '')
      return [{ ...c, speaker: NARRATOR }];
    return [];
  });
}

/** Actors whose takes are searched at the same time (their audio is held decoded meanwhile). */
const ACTORS_AT_ONCE = 2;
/** Speech running longer than this without a half-second pause is read straight on (seconds). */
const RUN_ON_SECONDS = 20;

/** Assembles `sheet` (a drama or Fountain script with speakers) from the takes in `takesDir`. */
export async function assembleDrama(
  sheet: CueSheet,
  takesDir: string,
  onProgress?: (speaker: string, index: number, count: number) => void,
): Promise<AssembledDrama> {
  const dialogue = linesToFind(sheet.cues);
  const speakers = [...new Set(dialogue.map((c) => c.speaker!))];
  if (speakers.length === 0) throw new InputError('the script has no lines with speakers to find takes of');
  const files = await audioFiles(takesDir);
  const notices: string[] = [];
  // Every unreadable file is named, and the rest searched (UnreadableTakes when none can be read).
  const given = await takeFilesOf(takesDir, files, speakers);
  const bySpeaker = given.bySpeaker;
  for (const file of given.unmatched)
    notices.push(`${file}: no character's name (a whole word) in its name or folder: not searched`);
  notices.push(...given.ambiguous);
  for (const bad of given.unreadable) notices.push(`${bad.problem}: ${bad.speaker}'s take file not searched`);
  for (const cut of given.cutShort) notices.push(`${cut}: the part there is searched`);
  const owners = speakers.flatMap((s) =>
    bySpeaker.has(s) ? [filesLine(takesDir, s, bySpeaker.get(s)!)] : [],
  );
  const recordings: Recording[] = [];
  const picks: PickedTake[] = [];
  const takes: LineTakesEntry[] = [];
  const review = new Map<string, string>();
  const usedIds = new Set<string>();
  const unmatched: AssembledDrama['unmatched'] = [];
  // One pair of search workers for every actor (each loads the acoustic model once). Two actors
  // are searched at once: while one decodes its files or runs a pass of few jobs, the other's
  // searches keep both workers busy. Results are taken in the script's order of speakers.
  const pool = new TakeSearchPool();
  try {
    const everyFound = await mapLimited(speakers, ACTORS_AT_ONCE, async (speaker, index) => {
      onProgress?.(speaker, index, speakers.length);
      const own = bySpeaker.get(speaker) ?? [];
      if (own.length === 0) return undefined;
      return findTakes(
        own,
        dialogue.filter((c) => c.speaker === speaker),
        pool,
      );
    });
    for (const [index, speaker] of speakers.entries()) {
      const cues = dialogue.filter((c) => c.speaker === speaker);
      const own = bySpeaker.get(speaker) ?? [];
      const found = everyFound[index];
      if (!found) {
        notices.push(`${speaker}: no take files in ${takesDir} (a file or folder named after the character)`);
        for (const c of cues) review.set(c.id, `missing: no take files for ${speaker}`);
        continue;
      }
      const ids = own.map((file) => {
        let id = basename(file, extname(file));
        while (usedIds.has(id)) id = `${id}-2`;
        usedIds.add(id);
        return id;
      });
      // Takes are told apart by the pauses between them: a file read straight on (a tester's
      // sonnets, 10 of 40 lines placed) says why lines are missing.
      for (const [i, file] of own.entries())
        if (found.longestRuns[i]! > RUN_ON_SECONDS)
          notices.push(
            `${file}: speech runs ${Math.round(found.longestRuns[i]!)} s without a pause of half a second: takes are found between such pauses, so lines read straight on may be missing`,
          );
      const leftOver = unmatchedNotice(speaker, own, found.unmatched);
      if (leftOver) notices.push(leftOver.notice);
      for (const u of found.unmatched)
        unmatched.push({ speaker, file: own[u.file]!, start: toMs(u.start), end: toMs(u.end) });
      for (const [i, file] of own.entries())
        recordings.push({
          id: ids[i]!,
          path: file,
          size: (await stat(file)).size,
          duration: found.durations[i]!,
        });
      for (const line of found.lines) {
        // A line not found (or only its false starts: slates are heard so) while speech matched no
        // line: the take may be there, said unlike its script.
        if ((line.review === NO_TAKE_FOUND || line.review === ONLY_FALSE_STARTS) && leftOver)
          line.review = `${line.review}; ${leftOver.hint}`.slice(0, 200);
        const after = retakeUnheard(line, found.unmatched);
        if (after) {
          const note = `${toMs(after.end - after.start)} s of speech right after the pick matched no line (${basename(own[after.file]!)} ${clockTime(after.start)}-${clockTime(after.end)}): a later take may be there`;
          line.review = (line.review ? `${line.review}; ${note}` : note).slice(0, 200);
        }
        takes.push({
          cue: line.cue,
          takes: line.takes.map((t) => ({
            recording: ids[t.file]!,
            start: t.start,
            end: t.end,
            complete: t.complete,
            words: t.words,
            of: t.of,
            fit: Math.min(1, Math.max(0, t.fit)),
            ...(t.tailed ? { tailed: true as const } : {}),
          })),
          ...(line.pick !== undefined ? { pick: line.pick } : {}),
          ...(line.review ? { review: line.review } : {}),
        });
        if (line.review) review.set(line.cue, line.review);
        const chosen = line.pick !== undefined ? line.takes[line.pick] : undefined;
        if (chosen)
          picks.push({
            cue: line.cue,
            recording: ids[chosen.file]!,
            start: chosen.start,
            end: chosen.end,
            duration: found.durations[chosen.file]!,
          });
      }
    }
  } finally {
    await pool.close();
  }
  countEveryLine(dialogue, sheet.cues, takes, review, given.unreadable, notices);
  if (recordings.length === 0)
    throw new InputError(`${takesDir}: no take file is named after a character of the script`);
  const { clips, placements } = placeTakes(sheet.cues, picks);
  const flagged = {
    ...sheet,
    cues: sheet.cues.map((c) => (review.has(c.id) ? { ...c, review: review.get(c.id)! } : c)),
  };
  return { sheet: flagged, recordings, timeline: clips, placements, takes, notices, owners, unmatched };
}

/** Seconds to the millisecond (as the notice prints them; JSON showed 12.290000000000001). */
const toMs = (seconds: number) => Math.round(seconds * 1000) / 1000;

/** Seconds between a pick's end and unmatched speech that may hold its retake. */
const RETAKE_GAP = 2;
/**
 * Unmatched speech after a pick may hold a slate and a retake when it is this much longer than the
 * pick (seconds), and at least LONGER_THAN_A_SLATE: a slate alone ("line one hundred and twelve,
 * take two") runs up to about 3 s, and after a short line's pick it flagged 21 right picks of the
 * full-scale bench.
 */
const SLATE_ROOM = 1;
const LONGER_THAN_A_SLATE = 3;

/**
 * Unmatched speech right after a line's pick (within RETAKE_GAP, in its file) long enough to hold a
 * slate and the line again: a retake the search lost (a tester's "Line seven, take two." said
 * 0.15 s before the take made one stretch, and the first take was picked unflagged). Undefined
 * when there is none.
 */
function retakeUnheard(
  line: { pick?: number; takes: Array<{ file: number; start: number; end: number }> },
  unmatched: Array<{ file: number; start: number; end: number }>,
): { file: number; start: number; end: number } | undefined {
  if (line.pick === undefined) return undefined;
  const pick = line.takes[line.pick]!;
  return unmatched.find(
    (u) =>
      u.file === pick.file &&
      u.start >= pick.end - 0.05 &&
      u.start - pick.end <= RETAKE_GAP &&
      u.end - u.start >= Math.max(pick.end - pick.start + SLATE_ROOM, LONGER_THAN_A_SLATE),
  );
}

/** Stretches of unmatched speech a notice names; the rest are counted. */
const UNMATCHED_NAMED = 6;

/**
 * The notice for an actor's speech that matched no line (find-takes.ts `unmatched`), and the hint
 * a missing line of theirs carries; undefined when there is none. A tester's three clean takes of
 * a line went unheard (its name said otherwise than the script's spelling suggested) and the line
 * was only "missing: no take found", with nothing to say where to listen.
 */
function unmatchedNotice(
  speaker: string,
  files: string[],
  unmatched: Array<{ file: number; start: number; end: number }>,
): { notice: string; hint: string } | undefined {
  if (unmatched.length === 0) return undefined;
  const at = (u: { file: number; start: number; end: number }) =>
    `${basename(files[u.file]!)} ${clockTime(u.start)}-${clockTime(u.end)}`;
  const named = unmatched.slice(0, UNMATCHED_NAMED).map(at).join(', ');
  // The longest is where a lost take most likely is (a slate is 1-2 s).
  const longest = unmatched.reduce((a, b) => (b.end - b.start > a.end - a.start ? b : a));
  const more = unmatched.length > UNMATCHED_NAMED ? ` and ${unmatched.length - UNMATCHED_NAMED} more` : '';
  const stretches = `${unmatched.length} stretch${unmatched.length > 1 ? 'es' : ''}`;
  return {
    notice: `${speaker}: ${stretches} of speech matched no line (slates, chat, or a line said otherwise than written): ${named}${more}`,
    hint: `${stretches} of ${speaker}'s speech matched no line (longest ${at(longest)}): the take may be there`,
  };
}

/**
 * Every line to find gets its entry in `takes` (those of a character with no take files, or none
 * readable, with no takes and flagged missing), in script order; a missing line of a character
 * with an unreadable file says so, as a place it may be (not as the cause: a tester's read so).
 */
function countEveryLine(
  lines: Cue[],
  cues: Cue[],
  takes: LineTakesEntry[],
  review: Map<string, string>,
  unreadable: Array<{ file: string; speaker: string }>,
  notices: string[],
): void {
  const bad = new Map<string, string[]>();
  for (const u of unreadable) bad.set(u.speaker, [...(bad.get(u.speaker) ?? []), basename(u.file)]);
  const entries = new Map(takes.map((t) => [t.cue, t]));
  for (const line of lines) {
    const speaker = line.speaker!;
    const files = bad.get(speaker);
    const entry = entries.get(line.id);
    if (entry && entry.pick !== undefined) continue;
    const why = files
      ? `missing${entry ? `; ${speaker}'s file${files.length > 1 ? 's' : ''} ${files.join(', ')} could not be read: the line may be in ${files.length > 1 ? 'them' : 'it'}` : `: ${speaker}'s take files could not be read (${files.join(', ')})`}`
      : `missing: no take files for ${speaker}`;
    if (entry) {
      if (files) entry.review = `${entry.review ?? 'missing'}${why.slice('missing'.length)}`.slice(0, 200);
      if (entry.review) review.set(line.id, entry.review);
      continue;
    }
    review.set(line.id, why.slice(0, 200));
    takes.push({ cue: line.id, takes: [], review: why.slice(0, 200) });
  }
  // A character whose every file was unreadable has files: its notice says what became of them.
  for (const [speaker, files] of bad) {
    const at = notices.findIndex((n) => n.startsWith(`${speaker}: no take files in `));
    if (at >= 0)
      notices[at] = `${speaker}: no take file could be read (${files.join(', ')}): every line missing`;
  }
  const order = new Map(cues.map((c, i) => [c.id, i]));
  takes.sort((a, b) => order.get(a.cue)! - order.get(b.cue)!);
}
