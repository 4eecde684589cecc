import { collapseSpace } from '../build-cue-sheet.ts';
import type { Cue, CueSheet } from '../cue-sheet.ts';
import { InputError } from '../input-error.ts';
import { spokenText } from '../spoken-text.ts';

/** A chapter as players show it: a title and a span of the finished audio, in seconds. */
export interface ChapterMark {
  title: string;
  start: number;
  end: number;
}

export interface ChapterOptions {
  /** Total length of the audio: the last chapter ends there. */
  duration: number;
  /** Each sung passage (a run of lyric cues) becomes a chapter of its own. */
  lyricsAsChapters?: boolean;
}

/**
 * The sheet's chapters on the timeline. The first always starts at 0 (players expect a chapter
 * at 00:00); a chapter's start is its own `start` or that of its first timed cue.
 */
export function chapterMarks(sheet: CueSheet, options: ChapterOptions): ChapterMark[] {
  const cues = new Map(sheet.cues.map((c) => [c.id, c]));
  // `chapter`: the title of the sheet's chapter a mark belongs to (a resumed part keeps it).
  const starts: Array<{ title: string; start: number; chapter?: string }> = [];
  for (const chapter of sheet.chapters) {
    const firstTimed = chapter.cueIds.map((id) => cues.get(id)?.start).find((t) => t !== undefined);
    const start = chapter.start ?? firstTimed;
    if (start !== undefined) starts.push({ title: chapter.title, start, chapter: chapter.title });
  }
  if (options.lyricsAsChapters) {
    const resumedParts = new Map<string, number>();
    const runs = lyricRuns(sheet.cues);
    // The earliest mark is moved to 0 below: a chapter starting there with its song keeps 0 → song.
    const earliest = Math.min(
      ...starts.map((s) => s.start),
      ...runs.flatMap((run) => (run[0]!.start === undefined ? [] : [run[0]!.start])),
    );
    for (const run of runs) {
      const first = run[0]!;
      if (first.start === undefined) continue;
      // The chapter (or resumed part) the song falls in: the latest to start at or before it.
      const resumed = starts
        .filter((s) => s.chapter !== undefined && s.start <= first.start!)
        .sort((a, b) => b.start - a.start)[0];
      starts.push({ title: lyricTitle(first), start: first.start });
      const after = run[run.length - 1]!.end;
      if (after !== undefined && resumed?.chapter !== undefined) {
        // A chapter that opens with the song has no time of its own before it (unless it is the
        // first, which starts at 0): after the song it starts under its own title. Otherwise the
        // chapter the song interrupted carries on under a title of its own (a player's list showed
        // "Chapter 1" four times): "Chapter 1 (continued)", then "(continued 2)"…
        let title = resumed.title;
        if (resumed.start < first.start || (first.start === earliest && first.start > 0)) {
          const part = (resumedParts.get(resumed.chapter) ?? 0) + 1;
          resumedParts.set(resumed.chapter, part);
          title = `${resumed.chapter} (continued${part > 1 ? ` ${part}` : ''})`;
        }
        starts.push({ title, start: after, chapter: resumed.chapter });
      }
    }
  }
  if (starts.length === 0) {
    if (sheet.cues.length > 0 && !sheet.cues.some((c) => c.start !== undefined)) {
      throw new InputError('the cue sheet has no times yet: align or scratch it first');
    }
    starts.push({ title: sheet.title, start: 0 });
  }
  starts.sort((a, b) => a.start - b.start);
  starts[0]!.start = 0;
  const marks: ChapterMark[] = [];
  for (const [i, s] of starts.entries()) {
    const end = starts[i + 1]?.start ?? options.duration;
    if (end > s.start) marks.push({ title: s.title, start: s.start, end });
  }
  return marks;
}

export function lyricRuns(cues: Cue[]): Cue[][] {
  const runs: Cue[][] = [];
  cues.forEach((cue, i) => {
    if (cue.kind !== 'lyric') return;
    if (cues[i - 1]?.kind === 'lyric') runs[runs.length - 1]!.push(cue);
    else runs.push([cue]);
  });
  return runs;
}

function lyricTitle(first: Cue): string {
  const line = withoutSongMarks(collapseSpace(spokenText(first).split(/\r?\n|\r/)[0] ?? ''));
  return `♪ ${line.length > 60 ? `${line.slice(0, 59)}…` : line}`;
}

/** A lyric line without the ♪/♫ marks scripts put around it (titles and LRC add their own, or none). */
export function withoutSongMarks(line: string): string {
  return line.replace(/^[\s♪♫]+|[\s♪♫]+$/g, '');
}
