import type { ChapterMark } from '../../cues/sidecars/chapter-marks.ts';
import { clockTime } from '../../cues/sidecars/timecode.ts';
import { concat, text, u32be } from './bytes.ts';
import { refuseChapterCount } from './chapter-limits.ts';

/** Vorbis-comment chapters (FLAC, Ogg): CHAPTER001=00:00:00.000 and CHAPTER001NAME=Title. */
export function vorbisChapterComments(chapters: ChapterMark[]): Record<string, string> {
  refuseChapterCount('vorbis', chapters.length); // CHAPTER1000 is no chapter to readers (ffmpeg skips it)
  const comments: Record<string, string> = {};
  chapters.forEach((chapter, i) => {
    const key = `CHAPTER${String(i + 1).padStart(3, '0')}`;
    comments[key] = clockTime(chapter.start);
    comments[`${key}NAME`] = chapter.title;
  });
  return comments;
}

/**
 * The Nero `chpl` box body (inside moov/udta), read by ffmpeg, music-metadata and most audiobook
 * players: version 1, a reserved word, a count, then 100 ns start times and UTF-8 titles.
 */
export function neroChapterList(chapters: ChapterMark[]): Uint8Array {
  refuseChapterCount('m4b', chapters.length);
  const entries = chapters.map((chapter) => {
    const title = text(chapter.title).subarray(0, 255);
    const time = BigInt(Math.round(chapter.start * 1e7));
    return concat([
      u32be(Number(time >> 32n)),
      u32be(Number(time & 0xffffffffn)),
      Uint8Array.of(title.length),
      title,
    ]);
  });
  return concat([Uint8Array.of(1, 0, 0, 0), u32be(0), Uint8Array.of(chapters.length), ...entries]);
}
