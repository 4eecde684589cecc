import { basename, extname, relative } from 'node:path';
import { wavMissing } from '../../audio/wav/wav-header.ts';
import { InputError } from '../../cues/input-error.ts';
import { rivalOwners, takeOwner } from '../../cues/production/take-owner.ts';
import { probeAudio } from '../audio-io/audio-source.ts';
import { cutShortSaid } from '../audio-io/cut-short.ts';
import { FileError } from '../io/file-error.ts';

// The take files of a drama given to their characters (by whole words of the name: take-owner.ts)
// and read far enough to know each is audio (its header or first frames: probeAudio) before the
// long search: every unreadable file is named in one run, and the rest are searched.

/** The narration's lines are found in files named after the narrator ("Narrator/day1.wav"). */
export const NARRATOR = 'Narrator';

export interface UnreadableTake {
  file: string;
  /** The character it was given to. */
  speaker: string;
  /** "FILE: problem", one line. */
  problem: string;
}

export interface TakeFiles {
  /** Per character, its readable files, in the order given. */
  bySpeaker: Map<string, string[]>;
  /** Files whose name holds no character's name (not searched). */
  unmatched: string[];
  /** Files naming several characters equally, "FILE: ..." one line each (not searched). */
  ambiguous: string[];
  unreadable: UnreadableTake[];
  /** Files cut short (a truncated WAV): "FILE: what is missing", one line each; what is there is searched. */
  cutShort: string[];
}

/** No take file could be read: every one named (`problems`, one line each). */
export class UnreadableTakes extends InputError {
  override name = 'UnreadableTakes';
  readonly takesDir: string;
  readonly problems: string[];

  constructor(takesDir: string, problems: string[]) {
    super(
      `${takesDir}: no take file could be read (${problems.length} unreadable: ${problems[0]}${problems.length > 1 ? ' ...' : ''})`,
    );
    this.takesDir = takesDir;
    this.problems = problems;
  }
}

/**
 * `files` (under `takesDir`) given to `speakers` by name and probed. Throws UnreadableTakes when
 * files were given to characters but none of them can be read.
 */
export async function takeFilesOf(takesDir: string, files: string[], speakers: string[]): Promise<TakeFiles> {
  const bySpeaker = new Map<string, string[]>();
  const unmatched: string[] = [];
  const ambiguous: string[] = [];
  const unreadable: UnreadableTake[] = [];
  const cutShort: string[] = [];
  let given = 0;
  for (const file of files) {
    const path = relative(takesDir, file);
    const name = path.slice(0, path.length - extname(path).length);
    const speaker = takeOwner(name, speakers);
    if (!speaker) {
      unmatched.push(file);
      continue;
    }
    // Given to one of them by the length of the names, a tester's two-name file went unremarked.
    const rivals = rivalOwners(name, speakers);
    if (rivals.length > 0) {
      ambiguous.push(
        `${file}: names ${rivals.join(' and ')} alike: not searched (name it after one character)`,
      );
      continue;
    }
    given++;
    try {
      // A cut-short take is named below with what assembling does with it.
      cutShortSaid(file);
      const probe = await probeAudio(file);
      const missing = probe.wav && wavMissing(probe.wav);
      // A header with no samples after it: named here, not by the search's decoder once every
      // actor has been searched (a tester's run stopped there and wrote no project).
      if (probe.wav?.frames === 0)
        throw new FileError(file, `no audio in it (${missing ?? 'a WAV header, no samples'})`);
      if (missing) cutShort.push(`${file}: ${missing}`);
    } catch (error) {
      const wrapped = FileError.wrap(file, error);
      if (!(wrapped instanceof InputError)) throw error;
      const message = wrapped.message.startsWith(file) ? wrapped.message : `${file}: ${wrapped.message}`;
      unreadable.push({ file, speaker, problem: message.replace(/\s*[\r\n]+\s*/g, ' ') });
      continue;
    }
    bySpeaker.set(speaker, [...(bySpeaker.get(speaker) ?? []), file]);
  }
  if (given > 0 && unreadable.length === given)
    throw new UnreadableTakes(
      takesDir,
      unreadable.map((u) => u.problem),
    );
  return { bySpeaker, unmatched, ambiguous, unreadable, cutShort };
}

/** "Mark: MARK takes 1.wav, MARK_séance_ü2.wav": which files a character was given. */
export function filesLine(takesDir: string, speaker: string, files: string[]): string {
  return `${speaker}: ${files.map((f) => relative(takesDir, f) || basename(f)).join(', ')}`;
}
