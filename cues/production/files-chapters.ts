import type { Chapter, CueSheet } from '../cue-sheet.ts';
import { type Clip, placeClips, toProjectTime } from './timeline.ts';

// `--keep-chapters` beside a script: a recording that carries chapters of its own (an M4A's, an
// MP3's CHAP frames) gives them in place of the script's chapters that start while it plays; a
// recording with none keeps the script's. The files' chapters are the producer's latest word on
// where a listener should be able to jump, the script's the fallback where a file says nothing.

/** A chapter inside a recording: its title and start on the recording's own clock, seconds. */
export interface FileChapter {
  recording: string;
  title: string;
  start: number;
}

/**
 * The sheet (times on the timeline of `clips`) with the recordings' own chapters shifted to where
 * they play, in place of the script's that start inside those recordings; a file's first chapter
 * opens where the file first plays. Every cue is then listed under the chapter it starts in (an
 * unplaced cue stays with the one before it). A chapter cut out by a pickup is dropped.
 */
export function withFilesChapters(sheet: CueSheet, clips: Clip[], own: FileChapter[]): CueSheet {
  const placed = placeClips(clips);
  const carrying = new Set(own.map((c) => c.recording));
  const spans = placed
    .filter((c) => carrying.has(c.recording))
    .map((c) => ({ from: c.at, to: c.at + (c.to - c.from) }));
  const cueStart = new Map(sheet.cues.map((c) => [c.id, c.start]));
  const startOf = (c: Chapter) =>
    c.start ?? c.cueIds.map((id) => cueStart.get(id)).find((t) => t !== undefined);
  const kept = sheet.chapters.flatMap((c) => {
    const start = startOf(c);
    if (start === undefined) return [];
    return spans.some((s) => start >= s.from - 1e-6 && start < s.to - 1e-6)
      ? []
      : [{ title: c.title, id: c.id, start }];
  });
  const seen = new Map<string, number>();
  const fromFiles = own.flatMap((c) => {
    const k = (seen.get(c.recording) ?? 0) + 1;
    seen.set(c.recording, k);
    const first = placed.find((p) => p.recording === c.recording);
    const start = k === 1 && first ? first.at : toProjectTime(placed, c.recording, c.start);
    return start === undefined ? [] : [{ title: c.title, id: `${c.recording}-chapter-${k}`, start }];
  });
  const marks = [...kept, ...fromFiles].sort((a, b) => a.start - b.start);
  // Each cue under the last chapter starting at or before it; unplaced, under the previous cue's.
  const cueIds = marks.map((): string[] => []);
  let current = 0;
  for (const cue of sheet.cues) {
    if (cue.start !== undefined) {
      current = 0;
      for (const [i, m] of marks.entries()) if (m.start <= cue.start + 1e-6) current = i;
    }
    cueIds[current]?.push(cue.id);
  }
  return {
    ...sheet,
    chapters: marks.map((m, i) => ({ id: m.id, title: m.title, start: m.start, cueIds: cueIds[i]! })),
  };
}
