import { type ChapterImport, finishImport, type ImportedChapter } from './imported-chapters.ts';

// Chapters in Vorbis comments (FLAC, Ogg Vorbis, Ogg Opus), the convention ffmpeg, foobar2000 and
// audiobook tools share: CHAPTER001=00:00:00.000 and CHAPTER001NAME=Title.

const TIME = /^(\d+):(\d{1,2}):(\d{1,2}(?:[.,]\d+)?)$/;

/** Chapters from a file's comments (keys in any case); undefined when it has none. */
export function readVorbisChapterComments(comments: Array<[string, string]>): ChapterImport | undefined {
  const times = new Map<string, string>();
  const names = new Map<string, string>();
  for (const [key, value] of comments) {
    const m = /^CHAPTER(\d+)(NAME)?$/i.exec(key);
    if (m) (m[2] ? names : times).set(m[1]!, value);
  }
  if (times.size === 0) return undefined;
  const warnings: string[] = [];
  const chapters: ImportedChapter[] = [];
  for (const [number, time] of times) {
    const t = TIME.exec(time.trim());
    if (!t) {
      warnings.push(
        `CHAPTER${number}=${JSON.stringify(time.slice(0, 30))} is not a time (HH:MM:SS.mmm): left out`,
      );
      continue;
    }
    const start = Number(t[1]) * 3600 + Number(t[2]) * 60 + Number(t[3]!.replace(',', '.'));
    chapters.push({ start, title: names.get(number) ?? `Chapter ${Number(number)}` });
  }
  return finishImport(chapters, warnings, 'file');
}
