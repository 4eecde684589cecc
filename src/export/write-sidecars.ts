import { basename, dirname, join } from 'node:path';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { InputError } from '../../cues/input-error.ts';
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
import { foreignFiles, recordWritten } from './sidecar-record.ts';

/** Whether an existing file the export did not write may be replaced: never, all, or those listed. */
export type Replace = 'none' | 'all' | ReadonlySet<string>;

function stemOf(output: string): string {
  return join(dirname(output), basename(output).replace(/\.[^.]+$/, ''));
}

/** The sidecars an export of `output` writes for this sheet (known before any work). */
export function sidecarPaths(output: string, sheet: CueSheet): string[] {
  const stem = stemOf(output);
  const paths = SUFFIXES.map((suffix) => `${stem}${suffix}`);
  if (hasTimedLyrics(sheet)) paths.push(`${stem}.lyrics.lrc`);
  return paths;
}

const SUFFIXES = [
  '.chapters.vtt',
  '.chapters.json',
  '.cue',
  '.ffmetadata.txt',
  '.labels.txt',
  '.captions.srt',
  '.captions.vtt',
];

const hasTimedLyrics = (sheet: CueSheet) =>
  sheet.cues.some((c) => c.kind === 'lyric' && c.start !== undefined);

/** Existing files under the sidecars' names that an earlier export of `output` did not write. */
export function sidecarsInTheWay(output: string, sheet: CueSheet): Promise<string[]> {
  return foreignFiles(output, sidecarPaths(output, sheet));
}

/** Refuses, naming them, files in the sidecars' way that `replace` does not allow replacing. */
export async function refuseSidecarsInTheWay(
  output: string,
  sheet: CueSheet,
  replace: Replace,
  howToReplace: string,
): Promise<void> {
  if (replace === 'all') return;
  const blocked = (await sidecarsInTheWay(output, sheet)).filter(
    (path) => replace === 'none' || !replace.has(path),
  );
  if (blocked.length === 0) return;
  throw new InputError(
    `${blocked.join(', ')}: ${blocked.length === 1 ? 'exists' : 'exist'} and ${blocked.length === 1 ? 'was' : 'were'} not written by an export of ${basename(output)}; ${howToReplace}`,
  );
}

/** Every sidecar beside the exported file, from the same chapters and cue times. */
export async function writeSidecars(
  output: string,
  sheet: CueSheet,
  chapters: ChapterMark[],
  artist?: string,
  replace: Replace = 'none',
): Promise<string[]> {
  const paths = sidecarPaths(output, sheet);
  const contents = [
    webvttChapters(chapters),
    podcastChapters(chapters, sheet.title),
    cueSheetFile(chapters, output, sheet.title, artist),
    ffmetadata(chapters, { title: sheet.title, ...(artist ? { artist } : {}) }),
    writeAudacityLabels(chapters.map((c) => ({ start: c.start, end: c.end, text: c.title }))),
    srtCaptions(sheet),
    webvttCaptions(sheet),
  ];
  if (hasTimedLyrics(sheet)) contents.push(lrcLyrics(sheet, artist));
  // Checked again at the end of a long export: a file may have appeared since.
  await refuseSidecarsInTheWay(output, sheet, replace, 'nothing was replaced');
  for (const [i, path] of paths.entries()) await writeOutput(path, contents[i]!);
  await recordWritten(output, paths);
  return paths;
}
