import { open } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import { sniffAudioFormat } from '../../audio/sniff-format.ts';
import { cueSheetFiles } from '../../cues/sidecars/imports/cue-sheet-chapters.ts';
import type { ChapterImport } from '../../cues/sidecars/imports/imported-chapters.ts';
import { type ChapterFileFormat, readChapterFile } from '../../cues/sidecars/imports/read-chapter-file.ts';
import { probeAudio } from '../audio-io/audio-source.ts';
import { readEmbeddedChapters } from '../audio-io/embedded-chapters.ts';
import { decodeScript } from '../io/decode-script.ts';
import { FileError } from '../io/file-error.ts';
import { readRegularFile } from '../io/read-regular-file.ts';

// Chapters from a file on disk, whatever wrote it: a chapter file (decoded like a script, in any
// encoding) or an audio file with chapters inside. A CUE sheet naming several files finds them
// beside the sheet (or in the --audio list, in order) to place each by the lengths before it.

const CHAPTER_FILE_LIMIT = { what: 'chapter file', maxBytes: 16 << 20 };

export interface ChaptersRead extends ChapterImport {
  /** What the chapters were read from: a chapter file format, or "MP3", "FLAC"… for embedded ones. */
  source: ChapterFileFormat | string;
}

export interface ChapterSources {
  /** A multi-file CUE sheet's files, in order (else they are looked for beside the sheet). */
  files?: string[];
  /** The recording the chapters belong to: a chapter starting past its end is warned about. */
  recording?: string;
  /** Whether a file a CUE sheet names may be read (the app: only inside its --root). */
  mayRead?: (file: string) => boolean;
}

/** Chapters of `path`, from a chapter file or from the chapters inside an audio file. */
export async function readChaptersFrom(path: string, sources: ChapterSources = {}): Promise<ChaptersRead> {
  const { files = [], recording, mayRead = () => true } = sources;
  const head = await readHead(path);
  // A text byte-order mark first: UTF-16's FF FE would otherwise pass for an MPEG frame sync.
  const textBom =
    (head[0] === 0xef && head[1] === 0xbb) ||
    (head[0] === 0xff && head[1] === 0xfe) ||
    (head[0] === 0xfe && head[1] === 0xff);
  if (!textBom && sniffAudioFormat(head)) {
    const found = await readEmbeddedChapters(path);
    return { chapters: found.chapters, warnings: found.warnings, source: found.container };
  }
  const bytes = await readRegularFile(path, CHAPTER_FILE_LIMIT);
  let read: ChaptersRead;
  try {
    const { text } = decodeScript(bytes);
    const pairing: string[] = [];
    const lengths = await cueFileLengths(path, text, files, mayRead, pairing);
    const result = readChapterFile(text, { name: path, fileDuration: (f) => lengths.get(f) });
    read = { chapters: result.chapters, warnings: [...pairing, ...result.warnings], source: result.format };
    if (!recording && result.format === 'cue') {
      // A one-file sheet's recording is usually beside it: chapters past its end are warned about too.
      const beside = await oneFileBeside(path, text, mayRead);
      if (beside) await warnPastEnd(read, beside);
    }
  } catch (error) {
    throw FileError.wrap(path, error);
  }
  if (recording) await warnPastEnd(read, recording);
  return read;
}

/** Whether `path` is a CUE sheet naming two or more FILEs (its times then count per file). */
export async function namesSeveralFiles(path: string): Promise<boolean> {
  if (sniffAudioFormat(await readHead(path))) return false;
  try {
    const { text } = decodeScript(await readRegularFile(path, CHAPTER_FILE_LIMIT));
    return new Set(cueSheetFiles(text)).size > 1;
  } catch {
    return false; // read again, and refused by name, by readChaptersFrom
  }
}

/**
 * The length of every FILE a CUE sheet names that can be found: the --audio files (matched by
 * name, else taken in order with a warning), else beside the sheet. A given file that cannot be
 * read is refused under its own name with what is wrong with it.
 */
async function cueFileLengths(
  path: string,
  text: string,
  audio: string[],
  mayRead: (file: string) => boolean,
  warnings: string[],
): Promise<Map<string, number>> {
  const lengths = new Map<string, number>();
  if (!/^\s*FILE\s/im.test(text)) return lengths;
  const files = [...new Set(cueSheetFiles(text))];
  if (files.length < 2) return lengths;
  if (audio.length > 0) {
    for (const [name, given] of givenFiles(files, audio, warnings)) {
      const probe = await probeAudio(given); // a FileError naming `given` and its fault
      if (probe.frames <= 0) throw new FileError(given, 'holds no audio');
      lengths.set(name, probe.frames / probe.sampleRate);
    }
    return lengths;
  }
  for (const name of files) {
    for (const candidate of besideSheet(path, name)) {
      if (!mayRead(candidate)) continue;
      try {
        const probe = await probeAudio(candidate);
        if (probe.frames > 0) lengths.set(name, probe.frames / probe.sampleRate);
        break;
      } catch {
        // Not there, or not audio: try the next place; the reader names what is missing.
      }
    }
  }
  return lengths;
}

/**
 * Which --audio file is which FILE of the sheet: by name where a given file's name is a FILE's
 * (in any order), the rest in the order given, each such pairing warned about.
 */
function givenFiles(files: string[], audio: string[], warnings: string[]): Map<string, string> {
  const pairs = new Map<string, string>();
  const unused = [...audio];
  for (const name of files) {
    const at = unused.findIndex((a) => bareName(a).toLowerCase() === bareName(name).toLowerCase());
    if (at >= 0) pairs.set(name, unused.splice(at, 1)[0]!);
  }
  for (const name of files) {
    if (pairs.has(name) || unused.length === 0) continue;
    const given = unused.shift()!;
    pairs.set(name, given);
    warnings.push(`--audio ${given} is taken for FILE "${name}" by its place: the names differ`);
  }
  for (const extra of unused)
    warnings.push(`--audio ${extra} is left out: the sheet names ${files.length} files`);
  return new Map(files.flatMap((name) => (pairs.has(name) ? [[name, pairs.get(name)!] as const] : [])));
}

function bareName(path: string): string {
  const relative = path.replace(/\\/g, '/');
  return relative.slice(relative.lastIndexOf('/') + 1);
}

/** Where a FILE entry may be: as written (Windows separators too) beside the sheet, or by its bare name. */
function besideSheet(sheet: string, name: string): string[] {
  const relative = name.replace(/\\/g, '/');
  const bare = bareName(relative);
  const named = isAbsolute(relative) ? relative : join(dirname(sheet), relative);
  return [...new Set([named, join(dirname(sheet), bare)])];
}

/** The one FILE a CUE sheet names, when it is found beside the sheet and is audio. */
async function oneFileBeside(path: string, text: string, mayRead: (file: string) => boolean) {
  const files = [...new Set(cueSheetFiles(text))];
  if (files.length !== 1) return undefined;
  for (const candidate of besideSheet(path, files[0]!)) {
    if (!mayRead(candidate)) continue;
    try {
      if ((await probeAudio(candidate)).frames > 0) return candidate;
    } catch {
      // Not there or not audio: nothing to check the chapters against.
    }
  }
  return undefined;
}

async function warnPastEnd(read: ChaptersRead, audio: string): Promise<void> {
  const probe = await probeAudio(audio);
  const length = probe.frames / probe.sampleRate;
  if (length <= 0) return;
  for (const c of read.chapters) {
    if (c.start >= length)
      read.warnings.push(
        `chapter "${c.title}" starts at ${c.start.toFixed(3)} s, after the end of ${audio} (${length.toFixed(3)} s)`,
      );
  }
}

async function readHead(path: string): Promise<Uint8Array> {
  let file: Awaited<ReturnType<typeof open>> | undefined;
  try {
    file = await open(path, 'r');
    const head = new Uint8Array(4096);
    const { bytesRead } = await file.read(head, 0, head.length, 0);
    return head.subarray(0, bytesRead);
  } catch (error) {
    throw FileError.wrap(path, error);
  } finally {
    await file?.close();
  }
}
