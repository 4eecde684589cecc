import { FREE_PHONES, freeWord } from './grammar.ts';

// A finite-state grammar (PocketSphinx's fsg_model: states, word arcs, null arcs) written out
// arc by arc, for grammars JSGF cannot say compactly. The take grammar lets a line be entered at
// its first word or at its second; in JSGF the second entry needs a copy of the whole line after
// it, and those copies cost the search a third of its time (measured: 16 lines of one actor,
// 156 s of takes, 10.3 s with copies, 7.7 s without the second entries at all). Here both
// entries lead into the one chain of the line's words.
//
// Each arc weighs its probability (1 unless given), as jsgf_build_fsg weighs JSGF; the search needs null
// arcs closed (fsg_model_null_trans_closure: an arc to every state reachable through nulls),
// which `closeNulls` does, since the decoder only follows one null arc at a time.

/** A word arc `from` -> `to` (states), or a null arc when `word` is absent; `p` its probability (default 1). */
export interface FsgArc {
  from: number;
  to: number;
  word?: string;
  p?: number;
}

/** A grammar as the recogniser's fsg_model holds it: `states` states, numbered from 0. */
export interface Fsg {
  states: number;
  start: number;
  final: number;
  arcs: FsgArc[];
}

/** Builds an Fsg state by state. */
export class FsgBuilder {
  private count = 0;
  readonly arcs: FsgArc[] = [];

  state(): number {
    return this.count++;
  }

  word(from: number, to: number, word: string): void {
    this.arcs.push({ from, to, word });
  }

  skip(from: number, to: number, p = 1): void {
    this.arcs.push(p === 1 ? { from, to } : { from, to, p });
  }

  /**
   * A loop of the free phones at `state` (any number of them, none included), each phone costing
   * `prior` (JSGF `<free> = /prior/ <phone> <free> | /1/ <NULL>`; grammar.ts says why it is priced).
   */
  freeLoop(state: number, prior: number): void {
    const phone = this.state();
    const back = this.state();
    this.skip(state, phone, prior);
    for (const p of FREE_PHONES) this.word(phone, back, freeWord(p));
    this.skip(back, state);
  }

  finish(start: number, final: number): Fsg {
    return closeNulls({ states: this.count, start, final, arcs: this.arcs });
  }
}

/**
 * `fsg` with a null arc from every state to every other state it reaches through null arcs
 * alone, weighing the likeliest such path (fsg_model_null_trans_closure), each pair once. Word
 * arcs are kept as they are.
 */
export function closeNulls(fsg: Fsg): Fsg {
  const nulls = new Map<number, FsgArc[]>();
  for (const a of fsg.arcs) if (a.word === undefined) nulls.set(a.from, [...(nulls.get(a.from) ?? []), a]);
  const arcs = fsg.arcs.filter((a) => a.word !== undefined);
  for (let s = 0; s < fsg.states; s++) {
    // Likeliest product to each state reached; probabilities are <= 1, so relaxing settles.
    const best = new Map<number, number>();
    const queue: Array<[number, number]> = (nulls.get(s) ?? []).map((a) => [a.to, a.p ?? 1]);
    while (queue.length > 0) {
      const [t, p] = queue.shift()!;
      if (t === s || (best.get(t) ?? 0) >= p) continue;
      best.set(t, p);
      for (const a of nulls.get(t) ?? []) queue.push([a.to, p * (a.p ?? 1)]);
    }
    for (const t of [...best.keys()].sort((a, b) => a - b)) {
      const p = best.get(t)!;
      arcs.push(p === 1 ? { from: s, to: t } : { from: s, to: t, p });
    }
  }
  return { ...fsg, arcs };
}

/** Whether `fsg` takes the word sequence `words` from its start to its final state. */
export function fsgAccepts(fsg: Fsg, words: string[]): boolean {
  const after = (states: Set<number>) => {
    const out = new Set(states);
    for (const a of fsg.arcs) if (a.word === undefined && states.has(a.from)) out.add(a.to);
    return out;
  };
  let at = after(new Set([fsg.start]));
  for (const word of words) {
    const next = new Set<number>();
    for (const a of fsg.arcs) if (a.word === word && at.has(a.from)) next.add(a.to);
    at = after(next);
  }
  return at.has(fsg.final);
}
