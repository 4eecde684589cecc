import type { CueSheet } from '../cue-sheet.ts';
import { type Clip, type Placement, placeClips, toProjectTime, toRecordingTime } from './timeline.ts';

// The two directions between a sheet on the project's timeline (what the editor, export and
// sidecars work in) and placements on each recording's own clock (what a project stores). Times
// are rounded to the microsecond both ways so a save and a load give back the same numbers.

const micro = (t: number) => Math.round(t * 1e6) / 1e6;

/**
 * Where every timed cue, section and chapter flag of `sheet` lies on its recording. Something the
 * sheet leaves unplaced keeps its `previous` placement (its clip may come back: a pickup undone).
 * A cue that runs past its clip's end (a file cut mid-sentence) is placed in the clip it starts in.
 */
export function placementsOf(sheet: CueSheet, clips: Clip[], previous: Placement[] = []): Placement[] {
  const placed = placeClips(clips);
  const kept = new Map(previous.map((p) => [`${p.kind}:${p.id}`, p]));
  const out: Placement[] = [];
  const place = (kind: Placement['kind'], id: string, start: number | undefined, end: number | undefined) => {
    const at = start === undefined ? undefined : toRecordingTime(placed, start);
    if (!at) {
      const old = kept.get(`${kind}:${id}`);
      if (old) out.push(old);
      return;
    }
    const clip = placed[at.clip]!;
    const p: Placement = { id, kind, recording: at.recording, start: micro(at.time) };
    if (end !== undefined) p.end = micro(Math.max(at.time, clip.from + (end - clip.at)));
    out.push(p);
  };
  for (const cue of sheet.cues) place('cue', cue.id, cue.start, cue.end);
  for (const section of sheet.sections ?? []) place('section', section.id, section.start, section.end);
  for (const chapter of sheet.chapters) place('chapter', chapter.id, chapter.start, undefined);
  return out;
}

/**
 * The sheet with every time derived from `placements` through the timeline: a cue whose recording
 * time no clip plays is left unplaced (its placement is kept by the project), a section likewise
 * left out. Things with no placement keep no time. A chapter keeps its own placement when it lies
 * on the recording of its first timed cue; otherwise it opens at that cue (a stale placement, saved
 * before its cues moved to another file, put chapter marks inside the wrong recording).
 */
export function sheetOnTimeline(sheet: CueSheet, placements: Placement[], clips: Clip[]): CueSheet {
  const placed = placeClips(clips);
  const byKey = new Map(placements.map((p) => [`${p.kind}:${p.id}`, p]));
  const timeOf = (kind: Placement['kind'], id: string) => {
    const p = byKey.get(`${kind}:${id}`);
    if (!p) return undefined;
    const start = toProjectTime(placed, p.recording, p.start);
    if (start === undefined) return undefined;
    return { start: micro(start), end: p.end === undefined ? undefined : micro(start + (p.end - p.start)) };
  };
  const cues = sheet.cues.map(({ start: _s, end: _e, ...cue }) => {
    const t = timeOf('cue', cue.id);
    return t ? { ...cue, start: t.start, ...(t.end !== undefined ? { end: t.end } : {}) } : cue;
  });
  const cueStarts = new Map(
    cues.flatMap((c) => ('start' in c && c.start !== undefined ? [[c.id, c.start] as const] : [])),
  );
  const chapters = sheet.chapters.map(({ start: _s, ...chapter }) => {
    const firstCue = chapter.cueIds.find((id) => cueStarts.has(id));
    const own = byKey.get(`chapter:${chapter.id}`);
    // A flag the producer placed on the recording its first line plays from is kept (moved before
    // an intro, say); one left on another recording is stale (saved before its lines moved files).
    const kept = own && (!firstCue || byKey.get(`cue:${firstCue}`)?.recording === own.recording);
    const t = kept ? timeOf('chapter', chapter.id) : undefined;
    if (t) return { ...chapter, start: t.start };
    return firstCue ? { ...chapter, start: cueStarts.get(firstCue)! } : chapter;
  });
  const out: CueSheet = { ...sheet, cues, chapters };
  if (sheet.sections) {
    out.sections = sheet.sections.flatMap((s) => {
      const t = timeOf('section', s.id);
      return t ? [{ ...s, start: t.start, end: t.end ?? t.start }] : [];
    });
  }
  return out;
}
