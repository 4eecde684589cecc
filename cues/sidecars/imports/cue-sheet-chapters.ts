import { InputError } from '../../input-error.ts';
import { type ChapterImport, finishImport, type ImportedChapter } from './imported-chapters.ts';

// CUE sheets (the CDRWIN cue-sheet syntax, as EAC, foobar2000, CD rippers and m4b tools write
// it): a TRACK's TITLE and its INDEX 01 (mm:ss:ff, 75 frames a second) give a chapter. Times
// count from the start of the FILE in force at the INDEX line, so a sheet naming several files
// (EAC's one file per track) can only be placed with the files' lengths.

export interface CueSheetImportOptions {
  /** Seconds of audio in a FILE the sheet names (its name exactly as written), when known. */
  fileDuration?: (file: string) => number | undefined;
}

interface Track {
  number: number;
  line: number;
  title?: string;
  /** INDEX number → file index and seconds into that file. */
  indexes: Map<number, { file: number; seconds: number }>;
}

const INDEX = /^INDEX\s+(\d{1,2})\s+(\d+):(\d+):(\d+)\s*$/i;

/** A sheet's chapters; refuses a sheet of several files whose lengths are not all given. */
export function readCueSheetChapters(text: string, options: CueSheetImportOptions = {}): ChapterImport {
  const warnings: string[] = [];
  const files: string[] = [];
  const tracks: Track[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const line = raw.trim();
    const keyword = (/^\S+/.exec(line)?.[0] ?? '').toUpperCase();
    const rest = line.slice(keyword.length).trim();
    const track = tracks[tracks.length - 1];
    switch (keyword) {
      case 'FILE':
        files.push(fileName(rest));
        break;
      case 'TRACK':
        tracks.push({
          number: Number.parseInt(rest, 10) || tracks.length + 1,
          line: i + 1,
          indexes: new Map(),
        });
        break;
      case 'TITLE':
        if (track) track.title = unquote(rest);
        break;
      case 'INDEX': {
        const m = INDEX.exec(line);
        if (!m)
          throw new InputError(
            `line ${i + 1}: not a CUE INDEX (INDEX nn mm:ss:ff): ${JSON.stringify(line.slice(0, 60))}`,
          );
        if (!track) throw new InputError(`line ${i + 1}: INDEX before any TRACK`);
        const [minutes, seconds, frames] = [Number(m[2]), Number(m[3]), Number(m[4])];
        if (seconds > 59 || frames > 74)
          warnings.push(
            `line ${i + 1}: ${m[2]}:${m[3]}:${m[4]} has ${seconds > 59 ? 'seconds over 59' : 'frames over 74'}: read as ${minutes} min + ${seconds} s + ${frames}/75 s`,
          );
        track.indexes.set(Number(m[1]), {
          file: Math.max(0, files.length - 1),
          seconds: minutes * 60 + seconds + frames / 75,
        });
        break;
      }
    }
  });
  const offsets = fileOffsets(files, tracks, options, warnings);
  const chapters: ImportedChapter[] = [];
  for (const track of tracks) {
    let index = track.indexes.get(1);
    if (!index) {
      const lowest = [...track.indexes.keys()].sort((a, b) => a - b)[0];
      if (lowest === undefined) {
        warnings.push(`line ${track.line}: track ${track.number} has no INDEX: left out`);
        continue;
      }
      index = track.indexes.get(lowest)!;
      warnings.push(
        `line ${track.line}: track ${track.number} has no INDEX 01: placed at its INDEX ${String(lowest).padStart(2, '0')}`,
      );
    }
    const length = files.length > 1 ? options.fileDuration?.(files[index.file]!) : undefined;
    if (length !== undefined && index.seconds > length)
      warnings.push(
        `track ${track.number} starts ${index.seconds.toFixed(2)} s into "${files[index.file]}", which lasts ${length.toFixed(2)} s`,
      );
    chapters.push({
      start: offsets[index.file]! + index.seconds,
      title: track.title ?? `Track ${track.number}`,
    });
  }
  return finishImport(chapters, warnings, 'cue sheet');
}

/** The FILE names a sheet lists, in order, exactly as written ("Night Tales\\Track 01.wav"). */
export function cueSheetFiles(text: string): string[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => /^\s*FILE\s+(.*)$/i.exec(line)?.[1]?.trim())
    .filter((rest): rest is string => rest !== undefined && rest !== '')
    .map(fileName);
}

/** Where each FILE starts on the joined timeline: 0 for a one-file sheet, else the lengths before it. */
function fileOffsets(
  files: string[],
  tracks: Track[],
  options: CueSheetImportOptions,
  warnings: string[],
): number[] {
  const used = new Set(tracks.flatMap((t) => [...t.indexes.values()].map((x) => x.file)));
  if (files.length <= 1 || (used.size <= 1 && used.has(0))) return [0];
  const lengths = files.map((f) => options.fileDuration?.(f));
  const lastUsed = Math.max(...used);
  const missing = files.slice(0, lastUsed).filter((_, i) => lengths[i] === undefined);
  if (missing.length > 0) {
    throw new InputError(
      `this cue sheet names ${files.length} files (${files.map((f) => `"${f}"`).join(', ')}) and each track's time counts from the start of its own file: the chapters can only be placed one after another with the files' lengths; ${missing.length === files.length - 1 || missing.length === lastUsed ? 'give the audio files beside the sheet' : `missing: ${missing.map((f) => `"${f}"`).join(', ')}`}`,
    );
  }
  if (files.length > 1) warnings.push(`placed ${files.length} files one after another by their lengths`);
  const offsets: number[] = [];
  let at = 0;
  for (const length of lengths) {
    offsets.push(at);
    at += length ?? 0;
  }
  return offsets;
}

/** FILE "name with spaces.wav" WAVE → the name; unquoted names end at the file type. */
function fileName(rest: string): string {
  if (rest.startsWith('"')) {
    const close = rest.lastIndexOf('"');
    return close > 0 ? rest.slice(1, close) : rest.slice(1);
  }
  return rest.replace(/\s+\S+$/, '');
}

/** A quoted value runs to the last quote on its line, so quotes inside a title survive. */
function unquote(value: string): string {
  if (!value.startsWith('"')) return value;
  const close = value.lastIndexOf('"');
  return close > 0 ? value.slice(1, close) : value.slice(1);
}
