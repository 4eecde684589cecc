import { InputError } from '../../input-error.ts';
import { readAudacityChapters } from './audacity-label-chapters.ts';
import { type CueSheetImportOptions, readCueSheetChapters } from './cue-sheet-chapters.ts';
import { readFfmetadataChapters } from './ffmetadata-chapters.ts';
import type { ChapterImport } from './imported-chapters.ts';
import { readPodcastChapters } from './podcast-chapters.ts';
import { readWebvttChapters } from './webvtt-chapters.ts';

// Any chapter file another tool wrote, told apart by its content (the name only breaks a tie).

export const CHAPTER_FILE_FORMATS = ['cue', 'ffmetadata', 'audacity', 'webvtt', 'podcast-json'] as const;
export type ChapterFileFormat = (typeof CHAPTER_FILE_FORMATS)[number];

const LABEL_LINE = /^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?(?:\t|\s+\S|$)/;

/** The format of a chapter file's text, or undefined when it is none of them. */
export function chapterFileFormat(text: string, name = ''): ChapterFileFormat | undefined {
  const body = text.replace(/^\uFEFF/, '');
  const first = body.split(/\r\n|\r|\n/, 1)[0]?.trim() ?? '';
  if (first === ';FFMETADATA1') return 'ffmetadata';
  if (/^WEBVTT(?:\s|$)/.test(first)) return 'webvtt';
  if (/^\s*\{/.test(body) || (/\.json$/i.test(name) && /^\s*\[?\s*\{/.test(body))) return 'podcast-json';
  if (/^\s*(?:TRACK\s+\d+|FILE\s+\S)/im.test(body) || /\.cue$/i.test(name)) return 'cue';
  const lines = body.split(/\r\n|\r|\n/).filter((l) => l.trim() !== '' && !l.startsWith('\\'));
  if (lines.length > 0 && lines.every((l) => LABEL_LINE.test(l.trim()))) return 'audacity';
  if (/\.(?:txt|labels?)$/i.test(name) && lines.length > 0 && LABEL_LINE.test(lines[0]!.trim()))
    return 'audacity';
  return undefined;
}

export interface ChapterFileOptions extends CueSheetImportOptions {
  /** The file's name: helps tell formats apart (".cue", ".json"). */
  name?: string;
}

/**
 * Chapters and warnings from a CUE sheet, ffmetadata, Audacity labels, WebVTT chapters or
 * Podcasting 2.0 JSON. Bad input is an InputError naming the line and the problem.
 */
export function readChapterFile(
  text: string,
  options: ChapterFileOptions = {},
): ChapterImport & { format: ChapterFileFormat } {
  const format = chapterFileFormat(text, options.name);
  const body = text.replace(/^\uFEFF/, '');
  switch (format) {
    case 'cue':
      return { format, ...readCueSheetChapters(body, options) };
    case 'ffmetadata':
      return { format, ...readFfmetadataChapters(body) };
    case 'audacity':
      return { format, ...readAudacityChapters(body) };
    case 'webvtt':
      return { format, ...readWebvttChapters(body) };
    case 'podcast-json':
      return { format, ...readPodcastChapters(body) };
    default:
      throw new InputError(
        'not a chapter file Cuewright reads (a CUE sheet, ffmetadata, Audacity labels, WebVTT chapters or Podcasting 2.0 JSON)',
      );
  }
}
