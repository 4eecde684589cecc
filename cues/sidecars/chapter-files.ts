import { collapseSpace } from '../build-cue-sheet.ts';
import { escapeVtt } from './captions.ts';
import type { ChapterMark } from './chapter-marks.ts';
import { clockTime, cueSheetTime } from './timecode.ts';

// Chapter lists for players and tools, all from the same ChapterMark[], each title escaped by its
// format's own grammar: WebVTT character references (a "-->" in a title ended the cue text),
// CUE quotes, ffmetadata backslashes, JSON by JSON.stringify.

export function webvttChapters(marks: ChapterMark[]): string {
  const blocks = marks.map(
    (m, i) => `${i + 1}\n${clockTime(m.start)} --> ${clockTime(m.end)}\n${escapeVtt(collapseSpace(m.title))}`,
  );
  return `WEBVTT\n\n${blocks.join('\n\n')}\n`;
}

/** Podcasting 2.0 JSON chapters (podcastindex.org "podcast:chapters", version 1.2.0). */
export function podcastChapters(marks: ChapterMark[], title?: string): string {
  const chapters = marks.map((m) => ({ startTime: round3(m.start), endTime: round3(m.end), title: m.title }));
  return `${JSON.stringify({ version: '1.2.0', ...(title ? { title } : {}), chapters }, null, 2)}\n`;
}

/** A CUE sheet with one track per chapter, for CD-style tools and players. */
export function cueSheetFile(
  marks: ChapterMark[],
  audioFile: string,
  title: string,
  performer?: string,
): string {
  const type = /\.wav$/i.test(audioFile) ? 'WAVE' : /\.mp3$/i.test(audioFile) ? 'MP3' : 'BINARY';
  const lines = [
    ...(performer ? [`PERFORMER ${quoted(performer)}`] : []),
    `TITLE ${quoted(title)}`,
    `FILE ${quoted(audioFile.replace(/^.*[\\/]/, ''))} ${type}`,
  ];
  marks.forEach((m, i) => {
    lines.push(
      `  TRACK ${String(i + 1).padStart(2, '0')} AUDIO`,
      `    TITLE ${quoted(m.title)}`,
      `    INDEX 01 ${cueSheetTime(m.start)}`,
    );
  });
  return `${lines.join('\n')}\n`;
}

/** ffmpeg's metadata file, with an explicit millisecond TIMEBASE on every chapter. */
export function ffmetadata(marks: ChapterMark[], tags: Record<string, string> = {}): string {
  const lines = [';FFMETADATA1', ...Object.entries(tags).map(([k, v]) => `${k}=${escapeFfmetadata(v)}`)];
  for (const m of marks) {
    lines.push(
      '[CHAPTER]',
      'TIMEBASE=1/1000',
      `START=${Math.round(m.start * 1000)}`,
      `END=${Math.round(m.end * 1000)}`,
    );
    lines.push(`title=${escapeFfmetadata(m.title)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** ffmpeg's escapes (= ; # \\ and line breaks take a backslash); CR and CRLF line ends become LF first. */
function escapeFfmetadata(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(/[=;#\\\n]/g, (ch) => `\\${ch}`);
}

/**
 * A CUE string (CDRWIN syntax): quoted, one line. The syntax has no escapes; readers (ours,
 * foobar2000's) take a quoted value to the last quote on its line, so quotes inside stay as written.
 */
function quoted(text: string): string {
  return `"${collapseSpace(text)}"`;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
