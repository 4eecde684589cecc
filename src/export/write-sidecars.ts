import { basename, dirname, join } from 'node:path';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { writeAudacityLabels } from '../../cues/sidecars/audacity-labels.ts';
import { lrcLyrics, srtCaptions, webvttCaptions } from '../../cues/sidecars/captions.ts';
import {
  cueSheetFile,
  ffmetadata,
  podcastChapters,
  webvttChapters,
} from '../../cues/sidecars/chapter-files.ts';
import type { ChapterMark } from '../../cues/sidecars/chapter-marks.ts';
import { writeOutput } from '../cli/output.ts';

/** Every sidecar beside the exported file, from the same chapters and cue times. */
export async function writeSidecars(
  output: string,
  sheet: CueSheet,
  chapters: ChapterMark[],
  artist?: string,
): Promise<string[]> {
  const stem = join(dirname(output), basename(output).replace(/\.[^.]+$/, ''));
  const files: Array<[string, string]> = [
    [`${stem}.chapters.vtt`, webvttChapters(chapters)],
    [`${stem}.chapters.json`, podcastChapters(chapters, sheet.title)],
    [`${stem}.cue`, cueSheetFile(chapters, output, sheet.title, artist)],
    [`${stem}.ffmetadata.txt`, ffmetadata(chapters, { title: sheet.title, ...(artist ? { artist } : {}) })],
    [
      `${stem}.labels.txt`,
      writeAudacityLabels(chapters.map((c) => ({ start: c.start, end: c.end, text: c.title }))),
    ],
    [`${stem}.captions.srt`, srtCaptions(sheet)],
    [`${stem}.captions.vtt`, webvttCaptions(sheet)],
  ];
  if (sheet.cues.some((c) => c.kind === 'lyric' && c.start !== undefined))
    files.push([`${stem}.lyrics.lrc`, lrcLyrics(sheet, artist)]);
  for (const [path, content] of files) await writeOutput(path, content);
  return files.map(([path]) => path);
}
