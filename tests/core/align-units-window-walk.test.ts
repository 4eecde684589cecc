import { describe, expect, it } from 'vitest';
import type { CueRole, ScriptPart } from '../../audio/align/acoustic/script-words.ts';
import { type AlignWindow, type PartSpans, walkParts } from '../../audio/align/acoustic/window-walk.ts';

// The window walk against a fake recogniser that knows where every word of the script is: a
// word inside the window is placed where it is; one past the window's end is squeezed into its
// last 0.2 s (one before its start into its first), as a forced alignment does; a window holding
// a cue missing from the recording has no path. Every window asked for is recorded, so the
// walk's choices (how many words, how wide, where the next starts) are checked to the digit.

/** Where each cue's words are heard: [start, end] per word, or missing from the recording, or skipped. */
type Truth = Array<Array<[number, number]> | 'missing' | 'unheard'>;

interface Job {
  from: number;
  to: number;
  cues: number[];
}

function fakeRecogniser(truth: Truth): { align: AlignWindow; jobs: Job[] } {
  const jobs: Job[] = [];
  const align: AlignWindow = async (job) => {
    jobs.push({ from: job.from, to: job.to, cues: job.parts.map((p) => p.cue) });
    if (job.parts.some((p) => truth[p.cue] === 'missing')) return undefined;
    return job.parts.map((part): PartSpans => {
      const words = truth[part.cue]!;
      if (words === 'unheard' || words === 'missing') return part.words.map(() => undefined);
      return words.map(([start, end]) => {
        if (end > job.to) return { start: job.to - 0.2, end: job.to - 0.1, score: 0.5 };
        if (start < job.from) return { start: job.from + 0.1, end: job.from + 0.2, score: 0.5 };
        return { start, end, score: 0.9 };
      });
    });
  };
  return { align, jobs };
}

/** Parts with as many words as the truth has (one for missing cues), all spoken unless said. */
function partsOf(truth: Truth, roles: Record<number, CueRole> = {}): ScriptPart[] {
  return truth.map((words, cue) => ({
    cue,
    role: roles[cue] ?? 'spoken',
    words: Array.from({ length: Array.isArray(words) ? words.length : 1 }, (_, i) => `w${cue}x${i}`),
  }));
}

/** What a perfect walk returns: every word where it is heard. */
function expected(truth: Truth): Array<PartSpans | undefined> {
  return truth.map((words) =>
    Array.isArray(words)
      ? words.map(([start, end]) => ({ start, end, score: 0.9 }))
      : words === 'unheard'
        ? [undefined]
        : undefined,
  );
}

function expectJobs(jobs: Job[], want: Job[]): void {
  expect(jobs.map((j) => j.cues)).toEqual(want.map((j) => j.cues));
  for (const [i, job] of jobs.entries()) {
    expect(job.from, `job ${i} from`).toBeCloseTo(want[i]!.from, 6);
    expect(job.to, `job ${i} to`).toBeCloseTo(want[i]!.to, 6);
  }
}

describe('walking a recording a window at a time (walkParts)', () => {
  it('aligns a short script in one window, as long as its words take at 2.5 words/s, x1.4, plus 10 s', async () => {
    const truth: Truth = [
      [
        [1, 1.5],
        [1.6, 2],
      ],
      [[2.5, 3]],
      [
        [3.2, 3.5],
        [3.6, 4],
        [4.1, 4.5],
      ],
    ];
    const { align, jobs } = fakeRecogniser(truth);
    const progress: number[] = [];
    const out = await walkParts(partsOf(truth), { from: 0.5, to: 100 }, 'forward', align, {
      onProgress: (f) => progress.push(f),
    });
    expect(out).toEqual(expected(truth));
    // 6 words / 2.5 = 2.4 s; x1.4 + 10 = 13.36 s.
    expectJobs(jobs, [{ from: 0.5, to: 13.86, cues: [0, 1, 2] }]);
    expect(progress).toEqual([1]);
  });

  it('never lets a window run past the end of its range', async () => {
    const truth: Truth = [[[1, 2]], [[3, 4]]];
    const { align, jobs } = fakeRecogniser(truth);
    const out = await walkParts(partsOf(truth), { from: 0, to: 5 }, 'forward', align);
    expect(out).toEqual(expected(truth));
    expectJobs(jobs, [{ from: 0, to: 5, cues: [0, 1] }]);
  });

  it('keeps the words ending 4 s before the last heard one, starts the next window there, and learns the pace', async () => {
    // Six cues of two words, one cue every 2 s: cue p's words at [2p, 2p+0.8] and [2p+1, 2p+1.8].
    const truth: Truth = Array.from({ length: 6 }, (_, p) => [
      [2 * p, 2 * p + 0.8],
      [2 * p + 1, 2 * p + 1.8],
    ]);
    const { align, jobs } = fakeRecogniser(truth);
    const progress: number[] = [];
    const out = await walkParts(partsOf(truth), { from: 0, to: 100 }, 'forward', align, {
      chunkWords: 8,
      onProgress: (f) => progress.push(f),
    });
    expect(out).toEqual(expected(truth));
    // Window 1: cues 0-3 (8 words, 3.2 s at 2.5 words/s: 14.48 s wide). The last word ends at
    // 7.8, so cues ending by 3.8 are kept: 0 and 1. Their 4 words took 3.8 s, so the pace becomes
    // (2.5 + 4/3.8) / 2 = 1.776316 words/s. Window 2: cues 2-5 from 3.8, 8 words / 1.776316 =
    // 4.503704 s: 3.8 + 4.503704 x 1.4 + 10 = 20.105185.
    expectJobs(jobs, [
      { from: 0, to: 14.48, cues: [0, 1, 2, 3] },
      { from: 3.8, to: 20.105185, cues: [2, 3, 4, 5] },
    ]);
    expect(progress).toEqual([2 / 6, 1]);
  });

  it('measures the pace from the first word kept to the last', async () => {
    // As above, a second later: the kept words run from 1 to 4.8 (3.8 s), so the pace is the same.
    const truth: Truth = Array.from({ length: 6 }, (_, p) => [
      [2 * p + 1, 2 * p + 1.8],
      [2 * p + 2, 2 * p + 2.8],
    ]);
    const { align, jobs } = fakeRecogniser(truth);
    const out = await walkParts(partsOf(truth), { from: 0, to: 100 }, 'forward', align, { chunkWords: 8 });
    expect(out).toEqual(expected(truth));
    expectJobs(jobs, [
      { from: 0, to: 14.48, cues: [0, 1, 2, 3] },
      { from: 4.8, to: 21.105185, cues: [2, 3, 4, 5] },
    ]);
  });

  it('keeps at least the first heard cue of a window even when it ends within the last 4 s', async () => {
    // Two words a window (chunkWords 2, cues of one word); each window's first word ends 0.5 s
    // before its last, so only the first is kept; the pace is learnt only over more than 1 s.
    const truth: Truth = Array.from({ length: 4 }, (_, p): Array<[number, number]> => [[p, p + 0.4]]);
    const { align, jobs } = fakeRecogniser(truth);
    const out = await walkParts(partsOf(truth), { from: 0, to: 100 }, 'forward', align, { chunkWords: 2 });
    expect(out).toEqual(expected(truth));
    // 2 words / 2.5 = 0.8 s: 11.12 s wide; the first word lasts 0.4 s, too short to measure a pace.
    expectJobs(jobs, [
      { from: 0, to: 11.12, cues: [0, 1] },
      { from: 0.4, to: 11.52, cues: [1, 2] },
      { from: 1.4, to: 12.52, cues: [2, 3] },
    ]);
  });

  it('does not end a window on a song or a note, and does not end what it keeps on a song', async () => {
    // chunkWords 4: cue 0 (2 words) and the song (2 words) fill it, but it may not end on the
    // song, so cue 2 joins. Cue 2 ends within 4 s of the window's last word, and the song may
    // not close what is kept: only cue 0 is kept, and the song is aligned again with cue 2.
    const truth: Truth = [
      [
        [0, 0.4],
        [0.5, 0.9],
      ],
      [
        [1, 1.4],
        [1.5, 1.9],
      ],
      [
        [6, 6.4],
        [6.5, 6.9],
      ],
      [[7, 7.4]],
      [[8, 8.4]],
    ];
    const { align, jobs } = fakeRecogniser(truth);
    const out = await walkParts(partsOf(truth, { 1: 'sung' }), { from: 0, to: 100 }, 'forward', align, {
      chunkWords: 4,
    });
    expect(out).toEqual(expected(truth));
    expect(jobs.map((j) => j.cues)).toEqual([
      [0, 1, 2],
      [1, 2],
      [3, 4],
    ]);
    expect(jobs[1]!.from).toBeCloseTo(0.9, 9);
    // A note joins the window after it likewise.
    const { align: align2, jobs: jobs2 } = fakeRecogniser(truth);
    await walkParts(partsOf(truth, { 1: 'optional' }), { from: 0, to: 100 }, 'forward', align2, {
      chunkWords: 4,
    });
    expect(jobs2[0]!.cues).toEqual([0, 1, 2]);
  });

  it('keeps a song inside what it keeps when a spoken cue heard in time follows it', async () => {
    // Window: cue 0, the song, cue 2, cue 3 (chunkWords 4, a word each).
    // The last word ends at 9.4: cues ending by 5.4 are kept, the song between them too.
    const truth: Truth = [[[0, 0.4]], [[1, 1.4]], [[2, 2.4]], [[9, 9.4]], [[10, 10.4]], [[11, 11.4]]];
    const { align, jobs } = fakeRecogniser(truth);
    const parts = partsOf(truth, { 1: 'sung' });
    const out = await walkParts(parts, { from: 0, to: 100 }, 'forward', align, { chunkWords: 4 });
    expect(out).toEqual(expected(truth));
    expect(jobs.map((j) => j.cues)).toEqual([
      [0, 1, 2, 3],
      [3, 4, 5],
    ]);
    expect(jobs[1]!.from).toBeCloseTo(2.4, 9);
  });

  it('passes over a note the reader skipped, keeping the spoken cue after it', async () => {
    const truth: Truth = [[[0, 0.4]], 'unheard', [[1, 1.4]], [[8, 8.4]], [[9, 9.4]]];
    const { align, jobs } = fakeRecogniser(truth);
    const out = await walkParts(partsOf(truth, { 1: 'optional' }), { from: 0, to: 100 }, 'forward', align, {
      chunkWords: 4,
    });
    expect(out).toEqual(expected(truth));
    // Window 1: cues 0-3; the last word ends at 8.4, so cues 0-2 (ending by 4.4) are kept.
    expect(jobs.map((j) => j.cues)).toEqual([
      [0, 1, 2, 3],
      [3, 4],
    ]);
    expect(jobs[1]!.from).toBeCloseTo(1.4, 9);
  });

  it('keeps a whole window of songs and skipped notes ending on one spoken cue', async () => {
    // The window is the song, the skipped note and cue 2: nothing before cue 2 is a heard spoken
    // cue, so the whole window is kept through cue 2.
    const truth: Truth = [[[0, 0.4]], 'unheard', [[1, 1.4]], [[9, 9.4]]];
    const { align, jobs } = fakeRecogniser(truth);
    const parts = partsOf(truth, { 0: 'sung', 1: 'optional' });
    const out = await walkParts(parts, { from: 0, to: 100 }, 'forward', align, { chunkWords: 1 });
    expect(out).toEqual(expected(truth));
    expect(jobs.map((j) => j.cues)).toEqual([[0, 1, 2], [3]]);
    expect(jobs[1]!.from).toBeCloseTo(1.4, 9);
  });

  it('widens a window whose words reach its last second, doubling it up to four times its width', async () => {
    // A long pause before cue 1: its word is squeezed into windows of 10.56 and 21.12 s, and
    // fits the one of 42.24 s. The last window is not widened (it has no later words to squeeze).
    const truth: Truth = [[[0, 1]], [[25, 26]], [[27, 28]]];
    const { align, jobs } = fakeRecogniser(truth);
    const progress: number[] = [];
    const out = await walkParts(partsOf(truth), { from: 0, to: 100 }, 'forward', align, {
      chunkWords: 1,
      onProgress: (f) => progress.push(f),
    });
    expect(out).toEqual(expected(truth));
    expectJobs(jobs, [
      { from: 0, to: 10.56, cues: [0] },
      { from: 1, to: 11.56, cues: [1] },
      { from: 1, to: 22.12, cues: [1] },
      { from: 1, to: 43.24, cues: [1] },
      { from: 26, to: 36.56, cues: [2] },
    ]);
    expect(progress).toEqual([1 / 3, 2 / 3, 1]);
  });

  it('widens no further than four times, nor past the range, and keeps the squeezed result', async () => {
    const truth: Truth = [[[0, 1]], [[50, 51]], [[52, 53]]];
    const { align, jobs } = fakeRecogniser(truth);
    const out = await walkParts(partsOf(truth), { from: 0, to: 100 }, 'forward', align, { chunkWords: 1 });
    expectJobs(jobs, [
      { from: 0, to: 10.56, cues: [0] },
      { from: 1, to: 11.56, cues: [1] },
      { from: 1, to: 22.12, cues: [1] },
      { from: 1, to: 43.24, cues: [1] },
      { from: 43.14, to: 53.7, cues: [2] },
    ]);
    expect(out[1]!.length).toBe(1);
    expect(out[1]![0]!.start).toBeCloseTo(43.04, 9);
    expect(out[1]![0]!.end).toBeCloseTo(43.14, 9);
    expect(out[2]).toEqual([{ start: 52, end: 53, score: 0.9 }]);

    const near: Truth = [[[0, 1]], [[25, 26]], [[27, 28]]];
    const { align: align2, jobs: jobs2 } = fakeRecogniser(near);
    await walkParts(partsOf(near), { from: 0, to: 15 }, 'forward', align2, { chunkWords: 1 });
    expectJobs(jobs2.slice(0, 3), [
      { from: 0, to: 10.56, cues: [0] },
      { from: 1, to: 11.56, cues: [1] },
      { from: 1, to: 15, cues: [1] },
    ]);
  });

  it('does not widen a window whose last word ends more than a second before its end', async () => {
    // Window 11.56 s wide from 1: a word ending at 10.5 (1.06 s before the end) is not squeezed.
    const truth: Truth = [[[0, 1]], [[10, 10.5]], [[11, 11.5]]];
    const { align, jobs } = fakeRecogniser(truth);
    await walkParts(partsOf(truth), { from: 0, to: 100 }, 'forward', align, { chunkWords: 1 });
    expect(jobs.map((j) => j.cues)).toEqual([[0], [1], [2]]);
  });

  it('tries the first cue of a window with no path alone, and leaves a cue missing from the recording unplaced', async () => {
    const truth: Truth = [[[0, 1]], 'missing', [[2, 3]], [[4, 5]]];
    const { align, jobs } = fakeRecogniser(truth);
    const out = await walkParts(partsOf(truth), { from: 0, to: 100 }, 'forward', align, { chunkWords: 2 });
    expect(out).toEqual(expected(truth));
    expectJobs(jobs, [
      // Cues 0 and 1: no path however wide (11.12, 22.24, 44.48 s).
      { from: 0, to: 11.12, cues: [0, 1] },
      { from: 0, to: 22.24, cues: [0, 1] },
      { from: 0, to: 44.48, cues: [0, 1] },
      // Cue 0 alone (1 word: 10.56 s) has one.
      { from: 0, to: 10.56, cues: [0] },
      // Cues 1 and 2, then cue 1 alone: no path: cue 1 is the missing one.
      { from: 1, to: 12.12, cues: [1, 2] },
      { from: 1, to: 23.24, cues: [1, 2] },
      { from: 1, to: 45.48, cues: [1, 2] },
      { from: 1, to: 11.56, cues: [1] },
      { from: 1, to: 22.12, cues: [1] },
      { from: 1, to: 43.24, cues: [1] },
      // The walk goes on from where it was.
      { from: 1, to: 12.12, cues: [2, 3] },
    ]);
  });

  it('gives up once more cues had no path than were placed, four at least', async () => {
    // Cues every 0.5 s in a 6 s range: every window reaches the range end, so one try each.
    const cues = 'PPPPMMMMPMP';
    const truth: Truth = [...cues].map((c, p) => (c === 'M' ? 'missing' : [[p * 0.5, p * 0.5 + 0.4]]));
    const { align } = fakeRecogniser(truth);
    const out = await walkParts(partsOf(truth), { from: 0, to: 6 }, 'forward', align, { chunkWords: 1 });
    // Four skipped against five placed, then five against five: the walk goes on to the end.
    expect(out).toEqual(expected(truth));

    const worse = 'PMMMMMP';
    const lost: Truth = [...worse].map((c, p) => (c === 'M' ? 'missing' : [[p * 0.5, p * 0.5 + 0.4]]));
    const { align: align2, jobs } = fakeRecogniser(lost);
    const out2 = await walkParts(partsOf(lost), { from: 0, to: 6 }, 'forward', align2, { chunkWords: 1 });
    // Two skipped against one placed (but under four), ... four against one: stop.
    expect(out2).toEqual([...expected(lost).slice(0, 6), undefined]);
    expect(jobs.length).toBe(5);
  });

  it('gives up once twelve windows had no path, more than half of those tried', async () => {
    // Placed and missing cues in turn, in a long range: each missing cue costs three windows.
    const cues = 'PMPMPMPMPP';
    const truth: Truth = [...cues].map((c, p) => (c === 'M' ? 'missing' : [[2 * p, 2 * p + 1]]));
    const { align, jobs } = fakeRecogniser(truth);
    const out = await walkParts(partsOf(truth), { from: 0, to: 100 }, 'forward', align, { chunkWords: 1 });
    // After the fourth missing cue: 12 failed of 16 windows.
    expect(out).toEqual([...expected(truth).slice(0, 8), undefined, undefined]);
    expect(jobs.length).toBe(16);
  });

  it('goes on past twelve windows with no path when they are no more than half of those tried', async () => {
    // Twelve cues placed (one window each), then four missing (three windows each): 12 of 24.
    const cues = 'PPPPPPPPPPPPMMMMP';
    const truth: Truth = [...cues].map((c, p) => (c === 'M' ? 'missing' : [[2 * p, 2 * p + 1]]));
    const { align, jobs } = fakeRecogniser(truth);
    const out = await walkParts(partsOf(truth), { from: 0, to: 1000 }, 'forward', align, { chunkWords: 1 });
    expect(out).toEqual(expected(truth));
    expect(jobs.length).toBe(25);
  });

  it('walks backwards as the mirror image: last cue first, from the range end', async () => {
    const truth: Truth = [
      [[1, 2]],
      [
        [3, 3.25],
        [3.5, 4],
      ],
      [[5, 6]],
    ];
    const { align, jobs } = fakeRecogniser(truth);
    const progress: number[] = [];
    const parts = partsOf(truth);
    const out = await walkParts(parts, { from: 0, to: 20 }, 'backward', align, {
      chunkWords: 1,
      onProgress: (f) => progress.push(f),
    });
    expect(out).toEqual(expected(truth));
    // Mirrored, cue 2 is at [14, 15]: its window (0.4 s of words: 10.56 s) is [9.44, 20] on the
    // recording, where its word is squeezed into the window's first second, so it is widened
    // (to the whole range). Then cue 1 (2 words: 11.12 s) in [0, 5], cue 0 in [0, 3].
    expectJobs(jobs, [
      { from: 9.44, to: 20, cues: [2] },
      { from: 0, to: 20, cues: [2] },
      { from: 0, to: 5, cues: [1] },
      { from: 0, to: 3, cues: [0] },
    ]);
    expect(progress).toEqual([1 / 3, 2 / 3, 1]);
    // The caller's parts are left in script order.
    expect(parts.map((p) => p.cue)).toEqual([0, 1, 2]);
  });

  it('walks backwards over several cues a window, in script order within each', async () => {
    // Quarter seconds, so that mirrored times are exact.
    const truth: Truth = Array.from({ length: 6 }, (_, p) => [
      [2 * p, 2 * p + 0.75],
      [2 * p + 1, 2 * p + 1.75],
    ]);
    const { align, jobs } = fakeRecogniser(truth);
    const out = await walkParts(partsOf(truth), { from: 0, to: 12 }, 'backward', align, {
      chunkWords: 8,
      initialRate: 4,
    });
    expect(out).toEqual(expected(truth));
    // Mirrored: cues 5..2 first (8 words at 4 words/s: 2 s, so 12.8 s, the whole range).
    expect(jobs[0]).toEqual({ from: 0, to: 12, cues: [2, 3, 4, 5] });
    // Mirrored, the words of cues 5 and 4 end 4 s in (8 on the recording), no later than 4 s
    // before the window's last word (8 s in): kept. The next window is cues 3..0, up to 8.
    expect(jobs[1]).toEqual({ from: 0, to: 8, cues: [0, 1, 2, 3] });
    expect(jobs.length).toBe(2);
  });

  it('uses 100 words a window by default', async () => {
    // 101 one-word cues, 0.4 s apart: the first window holds 100 words.
    const truth: Truth = Array.from(
      { length: 101 },
      (_, p): Array<[number, number]> => [[p * 0.4, p * 0.4 + 0.3]],
    );
    const { align, jobs } = fakeRecogniser(truth);
    const out = await walkParts(partsOf(truth), { from: 0, to: 100 }, 'forward', align);
    expect(out).toEqual(expected(truth));
    expect(jobs[0]!.cues.length).toBe(100);
    expect(jobs[0]!.to).toBeCloseTo(66, 9); // 100 / 2.5 x 1.4 + 10
  });
});
