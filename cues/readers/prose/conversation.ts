import type { StoryParagraph } from './speakers.ts';

// Who speaks a line the narration around it does not name. Novels lean on three conventions:
// a paragraph is one speaker's turn ("Hello." Marcus smiled. "How are you?"), a speech that runs
// over several paragraphs stays with its speaker, and in a two-way exchange of bare lines the
// speakers take turns. Each is applied only where the narration named no one.

export interface Turn {
  paragraph: StoryParagraph;
  /** The speaker the narration names (speakers.ts), if any. */
  found: string | undefined;
  /** A speech verb names them ("…," said Alice), rather than a beat or a nearby subject. */
  strong: boolean;
  /** Index of the earlier speech this one carries on (a quote left open over a paragraph break). */
  continues: number | undefined;
  /** A chapter heading or scene break came before it: the exchange starts afresh. */
  newScene: boolean;
}

/**
 * A speaker for every quoted speech, in order; undefined where no convention settles it.
 * `lastNamedBefore(turn, not)`: the character the narration named last before a turn, other than
 * `not`: the other party of an exchange where only one voice has been named yet.
 */
export function attributeTurns(
  turns: Turn[],
  lastNamedBefore: (turn: Turn, not: string) => string | undefined = () => undefined,
  /** Whom the speech at an index calls by name: likely the next to speak. */
  addressee: (index: number) => string | undefined = () => undefined,
): Array<string | undefined> {
  const speakers = turns.map((t) => t.found);
  // One paragraph, one speaker: unnamed speeches take the named one beside them, and one that a
  // speech verb names outweighs a guess from the narration around another.
  let from = 0;
  while (from < turns.length) {
    let to = from + 1;
    while (to < turns.length && turns[to]!.paragraph === turns[from]!.paragraph) to++;
    const strong = new Set(turns.slice(from, to).flatMap((t) => (t.strong && t.found ? [t.found] : [])));
    const named = new Set(speakers.slice(from, to).filter((s) => s !== undefined));
    const sole = strong.size === 1 ? [...strong][0] : named.size === 1 ? [...named][0] : undefined;
    if (sole !== undefined) {
      for (let i = from; i < to; i++) if (!turns[i]!.strong) speakers[i] = sole;
    }
    from = to;
  }
  // Speeches carried over a paragraph break, then turn-taking between the last two voices.
  let last: string | undefined;
  let beforeLast: string | undefined;
  let previousParagraph: StoryParagraph | undefined;
  turns.forEach((turn, i) => {
    if (turn.newScene) {
      last = undefined;
      beforeLast = undefined;
    }
    if (turn.continues !== undefined) speakers[i] = speakers[turn.continues];
    const newTurn = turn.paragraph !== previousParagraph;
    previousParagraph = turn.paragraph;
    if (speakers[i] === undefined && newTurn && turn.continues === undefined && last) {
      // The other voice of the exchange; before it has spoken, the one the narration named last.
      // A name called in the speech before ("Come, Darcy") says who answers.
      let called: string | undefined;
      for (let j = i - 1; j >= 0 && turns[j]!.paragraph === turns[i - 1]!.paragraph && !called; j--)
        called = addressee(j);
      const other = (called !== last ? called : undefined) ?? beforeLast ?? lastNamedBefore(turn, last);
      // Fill the whole paragraph: it is one turn.
      if (other)
        for (let j = i; j < turns.length && turns[j]!.paragraph === turn.paragraph; j++)
          speakers[j] ??= other;
    }
    const who = speakers[i];
    if (who !== undefined && who !== last) {
      beforeLast = last;
      last = who;
    }
  });
  return speakers;
}
