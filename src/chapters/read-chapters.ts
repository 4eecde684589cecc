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
    const lengths = await cueFileLengths(path, text, files, mayRead);
    const result = readChapterFile(text, { name: path, fileDuration: (f) => lengths.get(f) });
    read = { chapters: result.chapters, warnings: result.warnings, source: result.format };
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

/** The length of every FILE a CUE sheet names that can be found: --audio in order, else beside the sheet. */
async function cueFileLengths(
  path: string,
  text: string,
  audio: string[],
  mayRead: (file: string) => boolean,
): Promise<Map<string, number>> {
  const lengths = new Map<string, number>();
  if (!/^\s*FILE\s/im.test(text)) return lengths;
  const files = [...new Set(cueSheetFiles(text))];
  if (files.length < 2) return lengths;
  for (const [i, name] of files.entries()) {
    const candidates = audio.length > 0 ? [audio[i]] : besideSheet(path, name);
    for (const candidate of candidates) {
      if (!candidate || !mayRead(candidate)) continue;
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

/** Where a FILE entry may be: as written (Windows separators too) beside the sheet, or by its bare name. */
function besideSheet(sheet: string, name: string): string[] {
  const relative = name.replace(/\\/g, '/');
  const bare = relative.slice(relative.lastIndexOf('/') + 1);
  const named = isAbsolute(relative) ? relative : join(dirname(sheet), relative);
  return [...new Set([named, join(dirname(sheet), bare)])];
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
