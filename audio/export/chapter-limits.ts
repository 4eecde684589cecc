import type { CueSheet } from '../../cues/cue-sheet.ts';
import { InputError } from '../../cues/input-error.ts';
import { chapterMarks } from '../../cues/sidecars/chapter-marks.ts';

// Chapter tables count their entries in fixed widths. A book with more chapters than its format
// holds is refused before any audio is decoded: found after the encode, it cost the whole encode
// (M4B), or it wrote a count that wrapped (MP3).

interface ChapterLimit {
  max: number;
  /** "an M4B", for the message. */
  file: string;
  why: string;
}

const VORBIS = 'Vorbis-comment chapters are numbered CHAPTER001 to CHAPTER999';

export const CHAPTER_LIMITS: Readonly<Record<string, ChapterLimit>> = {
  m4b: { max: 255, file: 'an M4B', why: 'its chpl list counts them in one byte' },
  mp3: {
    max: 255 * 255,
    file: 'an MP3',
    why: 'ID3v2 tables of contents list 255 entries, two levels deep',
  },
  flac: { max: 999, file: 'a FLAC file', why: VORBIS },
  opus: { max: 999, file: 'an Opus file', why: VORBIS },
  /** For the comment writer, which serves both. */
  vorbis: { max: 999, file: 'a Vorbis-comment chapter list', why: VORBIS },
};

/** Why `count` chapters do not fit `format`'s chapter table; undefined when they do. */
export function chapterCountProblem(format: string, count: number): string | undefined {
  const limit = Object.hasOwn(CHAPTER_LIMITS, format) ? CHAPTER_LIMITS[format] : undefined;
  if (!limit || count <= limit.max) return undefined;
  return `${count} chapters are more than ${limit.file} holds (${limit.max}: ${limit.why})`;
}

/** Throws (InputError) when `count` chapters do not fit: the writers' own guard. */
export function refuseChapterCount(format: string, count: number): void {
  const problem = chapterCountProblem(format, count);
  if (problem) throw new InputError(problem);
}

/**
 * Why the sheet has more chapters than `format` holds, before the audio's length is known:
 * counted on an endless timeline, which can only count more chapters than the real one.
 */
export function tooManyChapters(
  format: string,
  sheet: CueSheet,
  lyricsAsChapters = false,
): string | undefined {
  const count = chapterMarks(sheet, {
    duration: Number.POSITIVE_INFINITY,
    ...(lyricsAsChapters ? { lyricsAsChapters } : {}),
  }).length;
  return chapterCountProblem(format, count);
}
