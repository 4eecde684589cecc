import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withChapterStarts } from '../../cues/chapter-starts.ts';
import { type CueSheet, cueSheetSchema } from '../../cues/cue-sheet.ts';
import { addChapterAt } from '../../cues/edit/chapter-edits.ts';
import { applyCueTimes } from '../../cues/edit/cue-timing.ts';
import { EditError } from '../../cues/edit/edit-error.ts';
import { moveCues, setSpeaker } from '../../cues/edit/multi-cue.ts';
import { markNotRecorded, markRecorded } from '../../cues/edit/not-recorded.ts';
import { parseScript } from '../../cues/parse-script.ts';
import { srtCaptions } from '../../cues/sidecars/captions.ts';
import { chapterMarks } from '../../cues/sidecars/chapter-marks.ts';
import { SAMPLE_SEED } from '../support/paths.ts';

// Edits of several cues at once (move by an offset, set the speaker) and "not recorded", on the
// sample seed's real script; what a not-recorded line leaves is checked on the captions and the
// chapter marks the export writes from the sheet.

const script = readFileSync(SAMPLE_SEED, 'utf8');

function placedSeed(): CueSheet {
  const sheet = parseScript(script, { fileName: SAMPLE_SEED });
  const cues = sheet.cues.map((cue, i) => ({ ...cue, start: i * 3.5, end: i * 3.5 + 3, confidence: 0.9 }));
  return withChapterStarts({ ...sheet, cues });
}

describe('move several cues together', () => {
  it('moves each placed cue by the offset, lengths and gaps kept; nothing else moves', () => {
    const sheet = placedSeed();
    const ids = sheet.cues.slice(4, 7).map((c) => c.id);
    // The gap after cue 6 is 0.5 s: 0.25 s later fits.
    const moved = moveCues(sheet, ids, 0.25, 1e6);
    for (const [i, cue] of moved.cues.entries()) {
      const was = sheet.cues[i]!;
      const shift = ids.includes(cue.id) ? 0.25 : 0;
      expect(cue.start).toBeCloseTo(was.start! + shift, 6);
      expect(cue.end! - cue.start!).toBeCloseTo(was.end! - was.start!, 6);
    }
    expect(cueSheetSchema.parse(moved)).toEqual(moved);
  });

  it('refuses, naming why, an offset that crosses a still cue, goes before 0 or past the end', () => {
    const sheet = placedSeed();
    const ids = sheet.cues.slice(4, 7).map((c) => c.id);
    expect(() => moveCues(sheet, ids, 1, 1e6)).toThrow(
      /^not moved: a moved cue would overlap the cue at 00:00:24\.500/,
    );
    expect(() =>
      moveCues(
        sheet,
        sheet.cues.slice(0, 2).map((c) => c.id),
        -0.1,
        1e6,
      ),
    ).toThrow(/^not moved: the first cue would start .* before 0$/);
    const all = sheet.cues.map((c) => c.id);
    expect(() => moveCues(sheet, all, 1, sheet.cues.at(-1)!.end! + 0.5)).toThrow(/after the recording/);
    expect(() => moveCues(sheet, ids, Number.NaN)).toThrow(EditError);
    expect(moveCues(sheet, all, 2, 1e6).cues[0]!.start).toBe(2);
  });

  it('gives the selected cues one speaker; an empty name takes it away', () => {
    const sheet = placedSeed();
    const ids = [sheet.cues[2]!.id, sheet.cues[5]!.id];
    const named = setSpeaker(sheet, ids, '  Ms Calendar ');
    expect(named.cues.filter((c) => c.speaker === 'Ms Calendar').map((c) => c.id)).toEqual(ids);
    expect(setSpeaker(named, ids, 'Ms Calendar')).toBe(named);
    const cleared = setSpeaker(named, ids, '');
    expect(ids.map((id) => cleared.cues.find((c) => c.id === id)!.speaker)).toEqual([undefined, undefined]);
  });
});

describe('not recorded', () => {
  it('the line leaves the captions and its chapter; the chapter starts at its next cue', () => {
    const base = placedSeed();
    const sheet = addChapterAt(base, base.cues[10]!.id, 'Part Two');
    const line = sheet.cues[10]!;
    const cut = markNotRecorded(sheet, [line.id]);
    expect(cueSheetSchema.parse(cut)).toEqual(cut);
    const cue = cut.cues[10]!;
    expect(cue.notRecorded).toBe(true);
    expect(cue.start).toBeUndefined();
    expect(cut.chapters.some((c) => c.cueIds.includes(line.id))).toBe(false);
    const part2 = cut.chapters.find((c) => c.title === 'Part Two')!;
    expect(part2.start).toBe(sheet.cues[11]!.start);
    expect(chapterMarks(cut, { duration: 1e4 }).find((m) => m.title === 'Part Two')!.start).toBe(
      sheet.cues[11]!.start,
    );
    const spoken = (line.spoken ?? line.text).trim().split('\n')[0]!.slice(0, 25);
    expect(srtCaptions(sheet)).toContain(spoken);
    expect(srtCaptions(cut)).not.toContain(spoken);
    // Alignment does not place it again.
    const realigned = applyCueTimes(cut, [{ id: line.id, start: 35, end: 38 }]);
    expect(realigned.cues[10]!.start).toBeUndefined();
  });

  it('a chapter whose every line is cut has no time and no mark; marking recorded brings the line back', () => {
    const base = placedSeed();
    const sheet = addChapterAt(base, base.cues[10]!.id, 'Part Two');
    const part2 = sheet.chapters.find((c) => c.title === 'Part Two')!;
    const cut = markNotRecorded(sheet, part2.cueIds);
    expect(cut.chapters.find((c) => c.id === part2.id)!.start).toBeUndefined();
    expect(chapterMarks(cut, { duration: 1e4 }).map((m) => m.title)).not.toContain('Part Two');
    expect(() => markNotRecorded(cut, part2.cueIds)).toThrow(/already marked not recorded/);
    const back = markRecorded(cut, [part2.cueIds[0]!]);
    expect(back.cues[10]!.notRecorded).toBeUndefined();
    // Back in the chapter of the cue before it (the first one), unplaced until aligned.
    expect(back.chapters[0]!.cueIds).toContain(part2.cueIds[0]);
    expect(() => markRecorded(sheet, [sheet.cues[0]!.id])).toThrow(/none of the selected cues/);
  });
});
