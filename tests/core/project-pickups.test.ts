import { describe, expect, it } from 'vitest';
import type { Cue } from '../../cues/cue-sheet.ts';
import { parseScript } from '../../cues/parse-script.ts';
import { applyPickup, dropPickup, type PickupTake, removePickup } from '../../src/project/pickups.ts';
import { PROJECT_VERSION, type ProjectFile, projectSchema } from '../../src/project/project-schema.ts';
import { withDerivedTimes } from '../../src/project/project-timeline.ts';

// A pickup dropped into a project and taken out again, in process (the CLI tests run the same
// edit end to end on real speech): worked by hand for six cues of 4 s with 1 s pauses on a 30 s
// recording, cues 3 and 4 re-read on a 12 s pickup. The cut falls half way into the pauses
// around them (9.5 s and 19.5 s), the pickup plays from 0.5 s to 10.5 s with 50 ms crossfades.

const TEXT = 'One.\n\nTwo.\n\nThree.\n\nFour.\n\nFive.\n\nSix.\n';

function project(): ProjectFile {
  const sheet = parseScript(TEXT, { format: 'prose' });
  return withDerivedTimes({
    app: 'cuewright',
    version: PROJECT_VERSION,
    script: { path: 'book.txt', text: TEXT },
    recordings: [{ id: 'reading', path: 'reading.wav', size: 2_880_044, duration: 30 }],
    sheet: {
      ...sheet,
      cues: sheet.cues.map((c, i) => ({
        ...c,
        start: i * 5,
        end: i * 5 + 4,
        ...(i === 2 ? { confidence: 0.4, review: 'low confidence' } : {}),
        ...(i === 0 ? { confidence: 0.2, review: 'check the opening' } : {}),
      })),
    },
    savedAt: '2026-11-30T00:00:00.000Z',
  });
}

function take(p: ProjectFile, extra: Partial<PickupTake> = {}): PickupTake {
  const [, , three, four] = p.sheet.cues;
  return {
    id: 'pickup-1',
    recording: { id: 'pickup', path: 'pickup.wav', size: 1_152_044, duration: 12 },
    first: three!.id,
    last: four!.id,
    aligned: [
      {
        cue: { ...three!, confidence: 0.9, review: undefined },
        placement: { id: three!.id, kind: 'cue', recording: 'pickup', start: 1, end: 5 },
      },
      {
        cue: { ...four!, confidence: 0.3, review: 'check the pickup' },
        placement: { id: four!.id, kind: 'cue', recording: 'pickup', start: 6, end: 10 },
      },
    ],
    ...extra,
  };
}

/** A second pickup ("pickup-2" on recording "pickup-b", 6 s) of `cue` alone, read 0.5 to 4.5 s in. */
function oneCueTake(cue: Cue): PickupTake {
  return {
    id: 'pickup-2',
    recording: { id: 'pickup-b', path: 'b.wav', size: 44, duration: 6 },
    first: cue.id,
    last: cue.id,
    aligned: [{ cue, placement: { id: cue.id, kind: 'cue', recording: 'pickup-b', start: 0.5, end: 4.5 } }],
  };
}

const times = (p: ProjectFile) => p.sheet.cues.map((c) => [c.start, c.end]);

describe('a pickup on a project', () => {
  it('cuts the timeline around the cues it replaces and plays the pickup there', () => {
    const before = project();
    const after = applyPickup(before, take(before, { gainDb: 3, roomToneDb: -10 }));
    expect(after.recordings).toEqual([
      ...before.recordings,
      { id: 'pickup', path: 'pickup.wav', size: 1_152_044, duration: 12, pickup: true },
    ]);
    expect(after.timeline).toEqual([
      { recording: 'reading', from: 0, to: 9.5 },
      {
        recording: 'pickup',
        from: 0.5,
        to: 10.5,
        gapBefore: -0.05,
        gainDb: 3,
        roomTone: { recording: 'reading', gainDb: -10 },
      },
      { recording: 'reading', from: 19.5, to: 30, gapBefore: -0.05 },
    ]);
    expect(projectSchema.safeParse(after).success).toBe(true);
  });

  it('places the replaced cues on the pickup and moves every later cue by the change', () => {
    const before = project();
    const after = applyPickup(before, take(before));
    const ids = before.sheet.cues.map((c) => c.id);
    expect(after.placements?.filter((p) => p.recording === 'pickup').map((p) => p.id)).toEqual([
      ids[2],
      ids[3],
    ]);
    expect(after.placements?.filter((p) => p.recording === 'reading').map((p) => p.id)).toEqual([
      ids[0],
      ids[1],
      ids[4],
      ids[5],
    ]);
    // The pickup clip starts at 9.45 s (9.5 s less the crossfade) with its 0.5 s; the reading
    // comes back at 19.4 s with its 19.5 s.
    const expected = [
      [0, 4],
      [5, 9],
      [9.95, 13.95],
      [14.95, 18.95],
      [19.9, 23.9],
      [24.9, 28.9],
    ];
    for (const [i, [start, end]] of times(after).entries()) {
      expect(start).toBeCloseTo(expected[i]![0]!, 9);
      expect(end).toBeCloseTo(expected[i]![1]!, 9);
    }
  });

  it("takes the review flags of the pickup's alignment and keeps the old ones in the edit", () => {
    const before = project();
    const after = applyPickup(before, take(before));
    const [, , three, four] = after.sheet.cues;
    expect([three!.confidence, three!.review]).toEqual([0.9, undefined]);
    expect([four!.confidence, four!.review]).toEqual([0.3, 'check the pickup']);
    expect(after.sheet.cues[0]).toStrictEqual(before.sheet.cues[0]);
    expect(after.pickups).toStrictEqual([
      {
        id: 'pickup-1',
        recording: 'pickup',
        firstCue: three!.id,
        lastCue: four!.id,
        index: 0,
        before: [{ recording: 'reading', from: 0, to: 30 }],
        after: after.timeline,
        placementsBefore: before.placements!.filter((p) => p.id === three!.id || p.id === four!.id),
        flagsBefore: [{ id: three!.id, confidence: 0.4, review: 'low confidence' }, { id: four!.id }],
      },
    ]);
  });

  it('adds no gain or room tone it was not given', () => {
    const before = project();
    const after = applyPickup(before, take(before, { gainDb: 0 }));
    expect(after.timeline![1]).toEqual({ recording: 'pickup', from: 0.5, to: 10.5, gapBefore: -0.05 });
  });

  it('takes the pickup out again: the reading plays whole and every cue is back with its flags', () => {
    const before = project();
    const after = applyPickup(before, take(before, { gainDb: 3 }));
    const undone = removePickup(after, 'pickup-1');
    expect(undone.timeline).toEqual([{ recording: 'reading', from: 0, to: 30 }]);
    expect(undone.pickups).toEqual([]);
    expect(times(undone)).toEqual(times(before));
    expect(undone.sheet.cues).toStrictEqual(before.sheet.cues);
    expect([...undone.placements!].sort((a, b) => a.start - b.start)).toEqual(before.placements);
  });

  it('keeps the other pickups when one is taken out', () => {
    const before = project();
    const once = applyPickup(before, take(before));
    const second = oneCueTake(once.sheet.cues[5]!);
    const twice = applyPickup(once, second);
    expect(twice.pickups?.map((p) => p.id)).toEqual(['pickup-1', 'pickup-2']);
    expect(removePickup(twice, 'pickup-2').pickups?.map((p) => p.id)).toEqual(['pickup-1']);
    expect(removePickup(twice, 'pickup-2').timeline).toEqual(once.timeline);
  });

  it('refuses a recording id the project has and a pickup it does not have', () => {
    const before = project();
    expect(() =>
      applyPickup(before, { ...take(before), recording: { ...take(before).recording, id: 'reading' } }),
    ).toThrow('the project already has a recording "reading"');
    expect(() => removePickup(before, 'pickup-1')).toThrow('the project has no pickup "pickup-1"');
  });

  it('says a pickup taken out is taken out, and refuses to take out what is no pickup', () => {
    const before = project();
    const undone = removePickup(applyPickup(before, take(before)), 'pickup-1');
    expect(() => removePickup(undone, 'pickup')).toThrow(
      'pickup "pickup" is already taken out (the original plays)',
    );
    expect(() => removePickup(undone, 'reading')).toThrow('the project has no pickup "reading"');
  });
});

describe('dropping a taken-out pickup’s recording', () => {
  /** The project with pickup-1 (recording "pickup") dropped in and taken out again. */
  const undone = () => {
    const before = project();
    return removePickup(applyPickup(before, take(before)), 'pickup-1');
  };

  it('drops the recording and anything placed on it, and nothing else', () => {
    const was = undone();
    const onPickup = { id: 'stray', kind: 'cue' as const, recording: 'pickup', start: 0, end: 1 };
    const dropped = dropPickup({ ...was, placements: [...was.placements!, onPickup] }, 'pickup');
    expect(dropped.recordings).toEqual(project().recordings);
    expect(dropped.placements).toEqual(was.placements);
    expect(dropped.timeline).toEqual(was.timeline);
    expect(dropped.sheet).toEqual(was.sheet);
    // A project with no placements gets none.
    const { placements: _p, ...bare } = was;
    expect('placements' in dropPickup(bare, 'pickup')).toBe(false);
  });

  it('refuses a recording that is no pickup, one that plays, and one another edit still names', () => {
    const before = project();
    expect(() => dropPickup(undone(), 'reading')).toThrow('the project has no pickup "reading"');
    expect(() => dropPickup(undone(), 'nothing')).toThrow('the project has no pickup "nothing"');
    const playing = applyPickup(before, take(before));
    expect(() => dropPickup(playing, 'pickup')).toThrow(
      'pickup "pickup" plays: take it out first (--undo pickup)',
    );
    // An edit of that name plays (the CLI names an edit after its recording).
    const named = applyPickup(
      before,
      take(before, { id: 'pickup', recording: { ...take(before).recording, id: 'pickup' } }),
    );
    expect(() =>
      dropPickup({ ...named, pickups: named.pickups!.map((p) => ({ ...p, recording: 'other' })) }, 'pickup'),
    ).toThrow('pickup "pickup" plays');
    // A second pickup over cue three, which plays on the first: its edit names the first's recording.
    const three = playing.sheet.cues[2]!;
    const twice = applyPickup(playing, oneCueTake(three));
    const second = twice.pickups!.find((p) => p.id === 'pickup-2')!;
    expect([...second.before, ...second.after].some((c) => c.recording === 'pickup')).toBe(true);
    const stillNamed = 'pickup "pickup" is still part of another pickup\'s edit: undo that one first';
    // The first's own edit gone (as if taken out under the second): the timeline still plays it.
    const withoutFirst = { ...twice, pickups: [second] };
    expect(() => dropPickup(withoutFirst, 'pickup')).toThrow(stillNamed);
    // And with a timeline that does not play it, the second's edit still names it.
    expect(() =>
      dropPickup({ ...withoutFirst, timeline: [{ recording: 'reading', from: 0, to: 30 }] }, 'pickup'),
    ).toThrow(stillNamed);
  });
});
