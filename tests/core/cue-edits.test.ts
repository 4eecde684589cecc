import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { withChapterStarts } from '../../cues/chapter-starts.ts';
import { cueAtTime } from '../../cues/cue-at-time.ts';
import { type CueSheet, cueSheetSchema } from '../../cues/cue-sheet.ts';
import {
  addBed,
  addChapterAt,
  confirmCue,
  EditError,
  EditHistory,
  markSung,
  mergeBlocker,
  mergeWithNext,
  moveChapterStart,
  moveCue,
  moveProblem,
  nextToReview,
  nudgeCue,
  removeBed,
  removeChapter,
  renameChapter,
  reviewPosition,
  setCueTimes,
  snapCueToPauses,
  splitCue,
  timingProblem,
  updateBed,
} from '../../cues/edit/index.ts';
import { parseScript } from '../../cues/parse-script.ts';
import { SAMPLE_SEED } from '../support/paths.ts';
import { expectSheetInvariants } from '../support/sheet-invariants.ts';

const script = readFileSync(SAMPLE_SEED, 'utf8');

/** The seed with every cue placed: 3 s each with 0.5 s gaps, alternating confidences. */
function placedSeed(): CueSheet {
  const sheet = parseScript(script, { fileName: SAMPLE_SEED });
  const cues = sheet.cues.map((cue, i) => ({
    ...cue,
    start: i * 3.5,
    end: i * 3.5 + 3,
    confidence: i % 7 === 3 ? 0.3 : 0.9,
  }));
  return withChapterStarts({ ...sheet, cues });
}

function expectTimeline(sheet: CueSheet): void {
  let lastEnd = 0;
  for (const cue of sheet.cues) {
    if (cue.start === undefined || cue.end === undefined) continue;
    expect(cue.start).toBeGreaterThanOrEqual(lastEnd - 1e-9);
    expect(cue.end).toBeGreaterThan(cue.start);
    lastEnd = cue.end;
  }
  for (const chapter of sheet.chapters) {
    const first = sheet.cues.find((c) => c.id === chapter.cueIds[0]);
    expect(chapter.start).toBe(first?.start);
  }
}

describe('cue timing edits', () => {
  const sheet = placedSeed();
  const [a, b] = [sheet.cues[5]!, sheet.cues[6]!];

  it('moves an edge and marks the hand-placed cue as confirmed', () => {
    const edited = moveCue(sheet, a.id, 'end', 19.2);
    const cue = edited.cues[5]!;
    expect([cue.start, cue.end, cue.confidence]).toEqual([17.5, 19.2, 1]);
    expect(sheet.cues[5]!.end).toBe(20.5); // the original is untouched
  });

  it('stops a drag at the neighbour instead of overlapping it', () => {
    expect(moveCue(sheet, a.id, 'end', 40).cues[5]!.end).toBe(b.start);
    expect(moveCue(sheet, b.id, 'start', 0).cues[6]!.start).toBe(a.end);
    const moved = moveCue(sheet, a.id, 'both', 100).cues[5]!;
    expect([moved.start, moved.end]).toEqual([b.start! - 3, b.start]);
  });

  it('a whole cue moved into its neighbour keeps its length and says where it stopped (issue 14)', () => {
    const moved = moveCue(sheet, b.id, 'both', a.start! + 1).cues[6]!;
    expect([moved.start, moved.end]).toEqual([a.end, a.end! + 3]);
    expect(moveProblem(sheet, b.id, a.start! + 1)).toBe(
      'the whole cue stops against the previous cue (at 00:00:20.500), keeping its length (3.000 s)',
    );
    expect(moveProblem(sheet, a.id, b.start!)).toMatch(/^the whole cue stops against the next cue/);
    expect(moveProblem(sheet, a.id, a.start! + 0.2)).toBeUndefined();
    // A negative end is said as typed (it read "the end (00:00:00.000)").
    expect(timingProblem(sheet, a.id, a.start!, -3)).toBe('a cue cannot end before 0 (-3 s was asked)');
    // No room for its length between its neighbours: it does not move (never shortened).
    const overlong = {
      ...sheet,
      cues: sheet.cues.map((c, i) => (i === 5 ? { ...c, start: 15, end: 25 } : c)),
    };
    expect(() => moveCue(overlong, a.id, 'both', 16)).toThrow(EditError);
  });

  it('nudges by small steps and keeps a minimum length', () => {
    expect(nudgeCue(sheet, a.id, 'start', 0.01).cues[5]!.start).toBe(17.51);
    const squeezed = setCueTimes(sheet, a.id, 19, 18).cues[5]!;
    expect(squeezed.end! - squeezed.start!).toBeCloseTo(0.05, 6);
  });

  it('snaps to the nearest pause edges within reach', () => {
    const pauses = [
      { start: 20.6, end: 20.9 },
      { start: 16.9, end: 17.4 },
    ];
    const snapped = snapCueToPauses(sheet, a.id, pauses).cues[5]!;
    expect([snapped.start, snapped.end]).toEqual([17.4, 20.6]);
    expect(() => snapCueToPauses(sheet, a.id, [{ start: 50, end: 51 }])).toThrow(EditError);
  });
});

describe('split and merge', () => {
  const sheet = placedSeed();
  const long = sheet.cues.find((c) => c.kind === 'narration' && c.text.split(' ').length > 12)!;

  it('splits at the word nearest the time and keeps the text an exact slice of the script', () => {
    const middle = (long.start! + long.end!) / 2;
    const split = splitCue(sheet, long.id, middle);
    expectSheetInvariants(script, split);
    expect(split.cues.length).toBe(sheet.cues.length + 1);
    const i = split.cues.findIndex((c) => c.source.start === long.source.start);
    const [first, second] = [split.cues[i]!, split.cues[i + 1]!];
    expect(first.end).toBe(middle);
    expect(second.start).toBe(middle);
    expect(`${first.text} ${second.text}`.replace(/\s+/g, ' ')).toBe(long.text.replace(/\s+/g, ' '));
    expect(Math.abs(first.text.length - second.text.length)).toBeLessThan(long.text.length / 3);
  });

  it('merges back to the original cue, id included', () => {
    const middle = (long.start! + long.end!) / 2;
    const split = splitCue(sheet, long.id, middle);
    const first = split.cues.find((c) => c.source.start === long.source.start)!;
    const merged = mergeWithNext(split, script, first.id);
    expectSheetInvariants(script, merged);
    expect(merged.cues).toContainEqual({ ...long });
  });

  it('refuses merges across kinds, speakers and paragraphs, naming why', () => {
    const heading = sheet.cues[0]!;
    expect(mergeBlocker(sheet, script, heading.id)).toMatch(/heading cue cannot merge with a title/);
    const last = sheet.cues.at(-1)!;
    expect(() => mergeWithNext(sheet, script, last.id)).toThrow(/last cue/);
    const acrossParagraphs = sheet.cues.findIndex(
      (c, i) =>
        c.kind === 'narration' &&
        sheet.cues[i + 1]?.kind === 'narration' &&
        /\n\s*\n/.test(script.slice(c.source.end, sheet.cues[i + 1]!.source.start)),
    );
    expect(acrossParagraphs).toBeGreaterThan(0);
    expect(mergeBlocker(sheet, script, sheet.cues[acrossParagraphs]!.id)).toBe(
      'the next cue is in another paragraph',
    );
  });
});

describe('chapter edits', () => {
  const sheet = placedSeed();
  const story = sheet.cues.find((c) => c.text.startsWith('Buffy walked'))!;

  it('adds, renames, moves and removes a chapter, every cue in exactly one chapter', () => {
    const added = addChapterAt(sheet, story.id, 'The Walk');
    expectSheetInvariants(script, added);
    expect(added.chapters.map((c) => c.title)).toEqual(['Chapter 1', 'The Walk']);
    expect(added.chapters[1]!.start).toBe(story.start);
    expect(() => addChapterAt(added, story.id, 'again')).toThrow(/already starts/);

    const renamed = renameChapter(added, added.chapters[1]!.id, '  Part Two ');
    expect(renamed.chapters[1]!.title).toBe('Part Two');
    const next = sheet.cues[sheet.cues.indexOf(story) + 2]!;
    const moved = moveChapterStart(renamed, renamed.chapters[1]!.id, next.id);
    expectSheetInvariants(script, moved);
    expect(moved.chapters[1]!.start).toBe(next.start);
    expect(() => moveChapterStart(moved, moved.chapters[0]!.id, next.id)).toThrow(/first chapter/);

    const removed = removeChapter(moved, moved.chapters[1]!.id);
    expect(removed.chapters).toEqual(sheet.chapters);
  });
});

describe('sung sections and review', () => {
  const sheet = placedSeed();

  it('marks a range as sung: one merged section, the cues inside become lyrics', () => {
    const once = markSung(sheet, 30, 40);
    const twice = markSung(once, 38, 45);
    expect(twice.sections).toEqual([
      expect.objectContaining({ kind: 'sung', start: 30, end: 45, origin: 'marked' }),
    ]);
    const inside = twice.cues.filter((c) => (c.start! + c.end!) / 2 >= 30 && (c.start! + c.end!) / 2 <= 45);
    expect(inside.length).toBeGreaterThan(1);
    for (const cue of inside)
      if (!['heading', 'title', 'note', 'separator'].includes(cue.kind)) expect(cue.kind).toBe('lyric');
  });

  it('a range across a chapter break is marked as one passage per chapter, split at the break', () => {
    const at = sheet.cues.find((c) => c.kind === 'narration' && c.start! > 35 && c.start! < 60)!;
    const twoChapters = addChapterAt(sheet, at.id, 'Part Two');
    const marked = markSung(twoChapters, 30, 70);
    expect(marked.sections?.map((s) => [s.start, s.end])).toEqual([
      [30, at.start],
      [at.start, 70],
    ]);
    expect(new Set(marked.sections?.map((s) => s.id)).size).toBe(2);
    // Within one chapter it stays one passage.
    expect(markSung(twoChapters, 30, at.start! - 1).sections).toHaveLength(1);
  });

  it('walks the low-confidence cues one by one and confirms them', () => {
    let current = sheet;
    const seen: string[] = [];
    for (let cue = nextToReview(current); cue; cue = nextToReview(current, cue.id)) {
      seen.push(cue.id);
      current = confirmCue(current, cue.id);
    }
    expect(seen).toEqual(sheet.cues.filter((c) => c.confidence === 0.3).map((c) => c.id));
    expect(nextToReview(current)).toBeUndefined();
  });

  it('queues cues flagged with a reason, says "n of N" and why, and confirming clears the flag', () => {
    const flagged = sheet.cues.findIndex((c) => c.confidence !== 0.3 && c.start !== undefined);
    const cues = sheet.cues.slice();
    cues[flagged] = { ...cues[flagged]!, confidence: 0.95, review: 'squeezed' };
    const withReason = { ...sheet, cues };
    const queue = withReason.cues.filter((c) => c.confidence === 0.3 || c.review);
    const position = reviewPosition(withReason, cues[flagged]!.id);
    expect(position).toEqual({
      index: queue.findIndex((c) => c.id === cues[flagged]!.id) + 1,
      total: queue.length,
      reason: 'squeezed',
    });
    const confirmed = confirmCue(withReason, cues[flagged]!.id).cues[flagged]!;
    expect(confirmed.review).toBeUndefined();
    expect(confirmed.confidence).toBe(1);
  });
});

describe('the cue under the playhead', () => {
  it('is the last cue started, so the script keeps its place between lines', () => {
    const sheet = placedSeed();
    expect(cueAtTime(sheet, 0)?.id).toBe(sheet.cues[0]!.id);
    expect(cueAtTime(sheet, 17.6)?.id).toBe(sheet.cues[5]!.id);
    expect(cueAtTime(sheet, 20.9)?.id).toBe(sheet.cues[5]!.id); // in the gap after it
    expect(
      cueAtTime({ ...sheet, cues: sheet.cues.map(({ start: _s, end: _e, ...c }) => c) }, 5),
    ).toBeUndefined();
  });
});

describe('music bed edits', () => {
  it('adds a bed at a time, keeps its levels within what a sheet may hold, and removes it', () => {
    const sheet = addBed(placedSeed(), '/music/bed.wav', 12.5);
    const bed = sheet.beds![0]!;
    expect(bed).toMatchObject({ path: '/music/bed.wav', start: 12.5, gainDb: -14, duckDb: -14 });
    const loud = updateBed(sheet, bed.id, { gainDb: 40, duckDb: 6, start: -3 }).beds![0]!;
    expect([loud.gainDb, loud.duckDb, loud.start]).toEqual([12, 0, 0]);
    expect(cueSheetSchema.safeParse(updateBed(sheet, bed.id, { gainDb: -500 })).success).toBe(true);
    expect(removeBed(sheet, bed.id).beds).toEqual([]);
    expect(() => removeBed(sheet, 'nope')).toThrow(EditError);
  });
});

describe('undo history', () => {
  it('undoes and redoes every step; held-down nudges fold into one step', () => {
    const sheet = placedSeed();
    const history = new EditHistory(sheet);
    const id = sheet.cues[5]!.id;
    history.apply('move', moveCue(history.state, id, 'end', 19), { now: 0 });
    for (let t = 1; t <= 5; t++) {
      history.apply('nudge', nudgeCue(history.state, id, 'start', 0.01), {
        coalesce: `nudge:${id}`,
        now: t * 100,
      });
    }
    expect(history.state.cues[5]!.start).toBeCloseTo(17.55, 6);
    expect(history.undo()).toBe('nudge');
    expect(history.state.cues[5]!.start).toBe(17.5);
    expect(history.state.cues[5]!.end).toBe(19);
    expect(history.undo()).toBe('move');
    expect(history.state).toBe(sheet);
    expect(history.undo()).toBeUndefined();
    expect(history.redo()).toBe('move');
    expect(history.redoLabel).toBe('nudge');
    history.apply('split', splitCue(history.state, id, 18), { now: 5000 });
    expect(history.canRedo).toBe(false);
  });

  it('keeps any random sequence of edits valid and undoes all of it back to the start', () => {
    const base = placedSeed();
    const op = fc.oneof(
      fc.record({
        t: fc.constant('move'),
        i: fc.nat(),
        edge: fc.constantFrom('start', 'end', 'both'),
        at: fc.double({ min: 0, max: 300, noNaN: true }),
      }),
      fc.record({
        t: fc.constant('nudge'),
        i: fc.nat(),
        edge: fc.constantFrom('start', 'end', 'both'),
        at: fc.double({ min: -1, max: 1, noNaN: true }),
      }),
      fc.record({
        t: fc.constant('split'),
        i: fc.nat(),
        edge: fc.constant('start'),
        at: fc.double({ min: 0, max: 1, noNaN: true }),
      }),
      fc.record({ t: fc.constant('merge'), i: fc.nat(), edge: fc.constant('start'), at: fc.constant(0) }),
      fc.record({ t: fc.constant('chapter'), i: fc.nat(), edge: fc.constant('start'), at: fc.constant(0) }),
      fc.record({
        t: fc.constant('sung'),
        i: fc.nat(),
        edge: fc.constant('start'),
        at: fc.double({ min: 0, max: 20, noNaN: true }),
      }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 25 }), (ops) => {
        const history = new EditHistory(base);
        for (const o of ops) {
          const sheet = history.state;
          const cue = sheet.cues[o.i % sheet.cues.length]!;
          try {
            const next =
              o.t === 'move'
                ? moveCue(sheet, cue.id, o.edge as 'start', o.at)
                : o.t === 'nudge'
                  ? nudgeCue(sheet, cue.id, o.edge as 'start', o.at)
                  : o.t === 'split'
                    ? splitCue(sheet, cue.id, cue.start! + (cue.end! - cue.start!) * o.at)
                    : o.t === 'merge'
                      ? mergeWithNext(sheet, script, cue.id)
                      : o.t === 'chapter'
                        ? addChapterAt(sheet, cue.id, `Chapter at ${cue.id}`)
                        : markSung(sheet, cue.start!, cue.start! + o.at);
            history.apply(o.t, next);
          } catch (error) {
            if (!(error instanceof EditError)) throw error;
          }
          expectSheetInvariants(script, history.state);
          expectTimeline(history.state);
        }
        while (history.undo());
        expect(history.state).toBe(base);
      }),
      { numRuns: 150 },
    );
  });
});
