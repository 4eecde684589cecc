import type { ActorTakes } from '../../src/production/find-takes.ts';
import type { ActorSession, TruthTake } from './drama-takes.ts';

// Take finding scored against the truth of a built drama session (drama-takes.ts): the figures
// the take-finding test asserts floors on and the assemble bench prints against issue 17's goals.

/**
 * A take found is the take put there when it lies in the same file with its middle inside the
 * truth's span: takes are 0.7 s or more apart, so this names one take, and it does not ask the
 * recogniser to hear a casual "um" opening a line as a word (a start-time tolerance would).
 */
export const nearTruth = (a: { file: number; start: number; end: number }, b: TruthTake): boolean =>
  a.file === b.file && (a.start + a.end) / 2 > b.start && (a.start + a.end) / 2 < b.end;

/** Counts over every actor's lines, and a line of text per line picked wrong. */
export interface TakeScore {
  lines: number;
  pickedRight: number;
  completeTakes: number;
  completeFound: number;
  falseStarts: number;
  falseStartsTold: number;
  /** Complete takes reported where none was put. */
  spurious: number;
  /** False starts reported where no take of their line was put (slates, chat heard as a line). */
  spuriousFalseStarts: number;
  /** Wrong picks that carry a review flag (the producer is told to listen). */
  wrongFlagged: number;
  /** Right picks that carry a review flag. */
  rightFlagged: number;
  wrong: string[];
}

/** Scores `found` (per actor speaker) against each actor's truth. */
export function scoreTakes(actors: ActorSession[], found: Map<string, ActorTakes>): TakeScore {
  const s: TakeScore = {
    lines: 0,
    pickedRight: 0,
    completeTakes: 0,
    completeFound: 0,
    falseStarts: 0,
    falseStartsTold: 0,
    spurious: 0,
    spuriousFalseStarts: 0,
    wrongFlagged: 0,
    rightFlagged: 0,
    wrong: [],
  };
  for (const actor of actors) {
    const result = found.get(actor.speaker);
    if (!result) continue;
    for (const [i, truth] of actor.takes.entries()) {
      const got = result.lines[i];
      if (!got) continue;
      s.lines++;
      const completes = truth.filter((t) => t.complete);
      const pick = got.pick === undefined ? undefined : got.takes[got.pick]!;
      const last = completes.at(-1);
      const right = last === undefined ? pick === undefined : pick !== undefined && nearTruth(pick, last);
      const flagged = got.review !== undefined && pick !== undefined;
      if (right) {
        s.pickedRight++;
        if (flagged) s.rightFlagged++;
      } else {
        if (flagged || pick === undefined) s.wrongFlagged++;
        const r = (n: number) => Math.round(n * 100) / 100;
        s.wrong.push(
          `${actor.speaker} line ${i + 1} "${actor.lines[i]!.slice(0, 30)}": truth ${JSON.stringify(truth.map((t) => ({ ...t, start: r(t.start), end: r(t.end) })))} found ${JSON.stringify(got.takes.map((t) => ({ ...t, start: r(t.start), end: r(t.end), fit: r(t.fit) })))} pick ${got.pick} review ${got.review ?? '-'}`,
        );
      }
      for (const t of truth) {
        const match = got.takes.find((g) => nearTruth(g, t));
        if (t.complete) {
          s.completeTakes++;
          if (match?.complete) s.completeFound++;
        } else {
          s.falseStarts++;
          if (match && !match.complete) s.falseStartsTold++;
        }
      }
      s.spurious += got.takes.filter((g) => g.complete && !completes.some((t) => nearTruth(g, t))).length;
      s.spuriousFalseStarts += got.takes.filter(
        (g) => !g.complete && !truth.some((t) => nearTruth(g, t)),
      ).length;
    }
  }
  return s;
}

/** One line of figures: picks right, complete takes found, false starts told, spurious takes. */
export function scoreLine(s: TakeScore): string {
  const pct = (a: number, b: number) => `${((100 * a) / Math.max(1, b)).toFixed(1)} %`;
  return `pick right ${s.pickedRight}/${s.lines} lines (${pct(s.pickedRight, s.lines)}; goal 95 %), complete takes found ${s.completeFound}/${s.completeTakes} (${pct(s.completeFound, s.completeTakes)}; goal 98 %), false starts told ${s.falseStartsTold}/${s.falseStarts}, complete takes where none was put ${s.spurious}, false starts where none was put ${s.spuriousFalseStarts}, wrong picks flagged ${s.wrongFlagged}/${s.lines - s.pickedRight}, right picks flagged ${s.rightFlagged}`;
}
