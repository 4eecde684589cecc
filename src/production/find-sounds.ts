import { readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { InputError } from '../../cues/input-error.ts';
import { MUSIC_LANE, SFX_LANE } from '../../cues/production/drama-lanes.ts';
import { matchSound, soundDescription } from '../../cues/production/sound-match.ts';
import { probeAudio } from '../audio-io/audio-source.ts';
import type { Sound } from '../project/lanes-schema.ts';

// The files for a drama's sound and music cues: every [SFX: ...] / SFX: cue looked up in the
// sound-effects folder, every [MUSIC: ...] / MUSIC: cue in the music folder, by name
// (sound-match.ts). A cue with no file, several equally good, or one that cannot be read, is
// listed as missing with why.

const AUDIO = new Set(['.wav', '.flac', '.mp3', '.m4a', '.aac', '.ogg', '.opus']);
/** Sound files of formats not read: a cue named like one is told why it has no sound. */
const UNREAD = new Set([
  '.aif',
  '.aiff',
  '.aifc',
  '.caf',
  '.wma',
  '.wv',
  '.ape',
  '.au',
  '.snd',
  '.mka',
  '.webm',
  '.amr',
]);

export interface MissingSound {
  cue: string;
  lane: 'SFX' | 'Music';
  /** The cue's description ("door slams"). */
  wanted: string;
  /** One line: why no file plays it ("no file named like it in DIR", "ambiguous: a.wav, b.wav"). */
  reason: string;
}

/**
 * Audio files in `dir` and its subfolders (sorted), and those of formats not read; InputError
 * naming the folder when unreadable.
 */
async function soundFiles(dir: string): Promise<{ files: string[]; unread: string[] }> {
  let entries: string[];
  try {
    entries = ((await readdir(dir, { recursive: true })) as string[]).sort();
  } catch {
    throw new InputError(`${dir}: not a readable folder of sounds`);
  }
  const having = (kinds: Set<string>) =>
    entries.filter((e) => kinds.has(extname(e).toLowerCase())).map((e) => join(dir, e));
  return { files: having(AUDIO), unread: having(UNREAD) };
}

/**
 * Per sound cue of `sheet` (kind sfx or music) the file that plays it, from `sfxDir` / `musicDir`
 * (either may be absent: that kind's cues are then not looked for), and the cues left missing.
 */
export async function findSounds(
  sheet: CueSheet,
  dirs: { sfx?: string; music?: string },
): Promise<{ sounds: Sound[]; missing: MissingSound[] }> {
  const sounds: Sound[] = [];
  const missing: MissingSound[] = [];
  const kinds = [
    { kind: 'sfx', lane: SFX_LANE, dir: dirs.sfx },
    { kind: 'music', lane: MUSIC_LANE, dir: dirs.music },
  ] as const;
  for (const { kind, lane, dir } of kinds) {
    if (dir === undefined) continue;
    const { files, unread } = await soundFiles(dir);
    for (const cue of sheet.cues.filter((c) => c.kind === kind)) {
      const wanted = soundDescription(cue.text);
      const match = matchSound(cue.text, files);
      if ('file' in match) {
        // Read now, not at export: a tester's 0-channel WAV was "matched" and only export refused it.
        const problem = await unreadable(match.file);
        if (problem) missing.push({ cue: cue.id, lane, wanted, reason: `cannot be read: ${problem}` });
        else sounds.push({ cue: cue.id, lane, path: match.file });
        continue;
      }
      const names = match.candidates.map((f) => f.slice(dir.length + 1)).join(', ');
      // A tester's thunder-rumble.aiff was passed over and the cue said to have no file named like it.
      const other = match.missing === 'ambiguous' ? undefined : matchSound(cue.text, unread);
      const reason =
        match.missing === 'ambiguous'
          ? `ambiguous in ${dir}: ${names} match it equally`
          : other && 'file' in other
            ? `${other.file.slice(dir.length + 1)} is named like it, but ${extname(other.file).slice(1).toUpperCase()} is not a format read (WAV, FLAC, MP3, M4A/AAC, Ogg Vorbis, Opus): convert it`
            : `no file named like it in ${dir}${names ? ` (nearest: ${names})` : ''}`;
      missing.push({ cue: cue.id, lane, wanted, reason });
    }
  }
  return { sounds, missing };
}

/** Why the audio file at `path` cannot be read (its InputError's line), or undefined when it can. */
async function unreadable(path: string): Promise<string | undefined> {
  try {
    await probeAudio(path);
    return undefined;
  } catch (error) {
    if (error instanceof InputError) return error.message;
    throw error;
  }
}
