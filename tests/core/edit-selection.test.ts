import { describe, expect, it } from 'vitest';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { addChapterBlocker } from '../../cues/edit/chapter-edits.ts';
import { pauseEdges, setCueTimesExactly, timingProblem } from '../../cues/edit/cue-timing.ts';
import { EditError } from '../../cues/edit/edit-error.ts';
import { selectionAfter } from '../../cues/edit/selection-after.ts';
import { mergeWithNext, splitCue } from '../../cues/edit/split-merge.ts';
import { sungPassages, unmarkSung } from '../../cues/edit/sung-passages.ts';

// The pure side of issue 14's "selection and commands stay coherent".

const script = 'One two three four. Five six seven.\n\nLa la la.\nLa la.';
const sheet: CueSheet = {
  version: 1,
  title: 't',
  chapters: [{ id: 'ch', title: 'Chapter 1', cueIds: ['a', 'b', 'l1', 'l2'] }],
  cues: [
    {
      id: 'a',
      kind: 'narration',
      text: 'One two three four.',
      source: { start: 0, end: 19 },
      start: 1,
      end: 3,
    },
    {
      id: 'b',
      kind: 'narration',
      text: 'Five six seven.',
      source: { start: 20, end: 35 },
      start: 3.5,
      end: 5,
    },
    { id: 'l1', kind: 'lyric', text: 'La la la.', source: { start: 37, end: 46 }, start: 6, end: 7 },
    { id: 'l2', kind: 'lyric', text: 'La la.', source: { start: 47, end: 53 }, start: 7.2, end: 8 },
  ],
};

describe('the selection an edit leaves', () => {
  it('follows a split cue to its first half, a merge to the merged cue, and an undo back', () => {
    const split = splitCue(sheet, 'a', 2);
    const [first] = selectionAfter(sheet, split, ['a']);
    expect(split.cues.map((c) => c.id)).toContain(first);
    expect(split.cues.find((c) => c.id === first)!.source.start).toBe(0);
    const merged = mergeWithNext(split, script, first!);
    expect(selectionAfter(split, merged, [first!])).toEqual([merged.cues[0]!.id]);
    expect(selectionAfter(merged, sheet, [merged.cues[0]!.id])).toEqual(['a']);
  });

  it('keeps ids that still exist, in order, without repeats', () => {
    const merged = mergeWithNext(splitCue(sheet, 'a', 2), script, splitCue(sheet, 'a', 2).cues[0]!.id);
    expect(selectionAfter(sheet, sheet, ['b', 'a'])).toEqual(['b', 'a']);
    expect(selectionAfter(sheet, merged, ['a', 'b'])).toEqual([merged.cues[0]!.id, 'b']);
  });
});

describe('refusals in words', () => {
  it('names the limit a time would cross, and a typed time is refused rather than bent', () => {
    expect(timingProblem(sheet, 'b', 4, 4.5)).toBeUndefined();
    expect(timingProblem(sheet, 'b', 5.5, 5)).toMatch(
      /^the start \(00:00:05\.500\) must come before the end/,
    );
    expect(timingProblem(sheet, 'b', 2.9, 5)).toBe('the previous cue ends at 00:00:03.000');
    expect(timingProblem(sheet, 'b', 3.5, 6.5)).toBe('the next cue starts at 00:00:06.000');
    expect(timingProblem(sheet, 'l2', 7.2, 9, 8.5)).toBe('the recording ends at 00:00:08.500');
    expect(timingProblem(sheet, 'b', 4, 4.02)).toBe('a cue lasts at least 50 ms');
    expect(() => setCueTimesExactly(sheet, 'b', 5.5, 5)).toThrow(EditError);
    expect(setCueTimesExactly(sheet, 'b', 4, 4.5).cues[1]).toMatchObject({ start: 4, end: 4.5 });
  });

  it('a chapter where one starts is refused before a title is asked', () => {
    expect(addChapterBlocker(sheet, 'a')).toBe('a chapter already starts at this cue');
    expect(addChapterBlocker(sheet, 'b')).toBeUndefined();
  });

  it('snapping tells which edge had no pause near it', () => {
    expect(pauseEdges({ start: 1, end: 3 }, [{ start: 0.5, end: 0.95 }], 0.25)).toEqual({ start: 0.95 });
    expect(pauseEdges({ start: 1, end: 3 }, [{ start: 3.1, end: 3.5 }], 0.25)).toEqual({ end: 3.1 });
  });
});

describe('sung passages', () => {
  it("are the script's lyric runs, joined with the sung sections they touch; unmarking reads them again", () => {
    const withSection: CueSheet = {
      ...sheet,
      sections: [
        { id: 's1', kind: 'sung', start: 5.8, end: 8.1, origin: 'detected' },
        { id: 's2', kind: 'sung', start: 10, end: 12, origin: 'marked' },
      ],
    };
    const passages = sungPassages(withSection);
    expect(passages).toEqual([
      { id: 's1', start: 5.8, end: 8.1, cueIds: ['l1', 'l2'], sectionIds: ['s1'] },
      { id: 's2', start: 10, end: 12, cueIds: [], sectionIds: ['s2'] },
    ]);
    const unmarked = unmarkSung(withSection, 's1');
    expect(unmarked.cues.map((c) => c.kind)).toEqual(['narration', 'narration', 'narration', 'narration']);
    expect(unmarked.sections!.map((s) => s.id)).toEqual(['s2']);
    expect(sungPassages(sheet).map((p) => p.id)).toEqual(['lyrics-l1']);
  });
});
