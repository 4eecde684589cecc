import { readdir, stat } from 'node:fs/promises';
import { basename, extname, join, relative } from 'node:path';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { InputError } from '../../cues/input-error.ts';
import { type PickedTake, placeTakes } from '../../cues/production/place-takes.ts';
import type { Clip, Placement, Recording } from '../../cues/production/timeline.ts';
import { TakeSearchPool } from '../align/acoustic/take-pool.ts';
import type { LineTakesEntry } from '../project/takes-schema.ts';
import { findTakes } from './find-takes.ts';

// An audio drama assembled from the actors' session recordings: each actor's files (found in the
// takes folder by the character's name in the file or folder name) are searched for that
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
}

const letters = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

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
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  if (files.length === 0)
    throw new InputError(`${dir}: no audio files (WAV, FLAC, MP3, M4A, Ogg) in the takes folder`);
  return files;
}

/** The character a take file belongs to: the longest name found in its path under the folder. */
function speakerOf(dir: string, file: string, speakers: string[]): string | undefined {
  const path = letters(relative(dir, file));
  return speakers
    .filter((s) => letters(s) !== '' && path.includes(letters(s)))
    .sort((a, b) => letters(b).length - letters(a).length)[0];
}

/** Assembles `sheet` (a drama or Fountain script with speakers) from the takes in `takesDir`. */
export async function assembleDrama(
  sheet: CueSheet,
  takesDir: string,
  onProgress?: (speaker: string, index: number, count: number) => void,
): Promise<AssembledDrama> {
  const dialogue = sheet.cues.filter((c) => c.kind === 'dialogue' && c.speaker);
  const speakers = [...new Set(dialogue.map((c) => c.speaker!))];
  if (speakers.length === 0) throw new InputError('the script has no lines with speakers to find takes of');
  const files = await audioFiles(takesDir);
  const notices: string[] = [];
  const bySpeaker = new Map<string, string[]>();
  for (const file of files) {
    const speaker = speakerOf(takesDir, file, speakers);
    if (!speaker) {
      notices.push(`${file}: no character's name in its name or folder: not searched`);
      continue;
    }
    bySpeaker.set(speaker, [...(bySpeaker.get(speaker) ?? []), file]);
  }
  const recordings: Recording[] = [];
  const picks: PickedTake[] = [];
  const takes: LineTakesEntry[] = [];
  const review = new Map<string, string>();
  const usedIds = new Set<string>();
  // One pair of search workers for every actor (each loads the acoustic model once).
  const pool = new TakeSearchPool();
  try {
    for (const [index, speaker] of speakers.entries()) {
      onProgress?.(speaker, index, speakers.length);
      const cues = dialogue.filter((c) => c.speaker === speaker);
      const own = bySpeaker.get(speaker) ?? [];
      if (own.length === 0) {
        notices.push(`${speaker}: no take files in ${takesDir} (a file or folder named after the character)`);
        for (const c of cues) review.set(c.id, `missing: no take files for ${speaker}`);
        continue;
      }
      const found = await findTakes(own, cues, pool);
      const ids = own.map((file) => {
        let id = basename(file, extname(file));
        while (usedIds.has(id)) id = `${id}-2`;
        usedIds.add(id);
        return id;
      });
      for (const [i, file] of own.entries())
        recordings.push({
          id: ids[i]!,
          path: file,
          size: (await stat(file)).size,
          duration: found.durations[i]!,
        });
      for (const line of found.lines) {
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
  if (recordings.length === 0)
    throw new InputError(`${takesDir}: no take file is named after a character of the script`);
  const { clips, placements } = placeTakes(sheet.cues, picks);
  const flagged = {
    ...sheet,
    cues: sheet.cues.map((c) => (review.has(c.id) ? { ...c, review: review.get(c.id)! } : c)),
  };
  return { sheet: flagged, recordings, timeline: clips, placements, takes, notices };
}
