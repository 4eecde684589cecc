import type { Span } from '../../text/paragraphs.ts';

// A sentence ends at . ! ? … (plus closing quotes/brackets) or at an emoticon, when what follows
// starts a new sentence: a capital after white space, or glued on directly ("her.And", "=)Buffy").
const BOUNDARY =
  /[.!?…]+["'”’)\]]*(?=\s*["“'‘(]?\p{Lu}|\s*$)|(?<=^|\s)(?:[=:;]-?[)(DPp]|\^_?\^|<3)(?=\s*\p{Lu}|\s*$)/gu;
const ABBREVIATION = /\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Prof|Mt|vs|etc)\.$/;

/** Sentence spans inside text[start, end), trimmed of surrounding white space. */
export function splitSentences(text: string, start: number, end: number): Span[] {
  const slice = text.slice(start, end);
  const sentences: Span[] = [];
  let from = 0;
  for (const m of slice.matchAll(BOUNDARY)) {
    const to = m.index + m[0].length;
    if (ABBREVIATION.test(slice.slice(Math.max(0, to - 6), to))) continue;
    pushTrimmed(sentences, slice, from, to, start);
    from = to;
  }
  pushTrimmed(sentences, slice, from, slice.length, start);
  return sentences;
}

function pushTrimmed(out: Span[], slice: string, from: number, to: number, offset: number): void {
  while (from < to && /\s/.test(slice[from]!)) from++;
  while (to > from && /\s/.test(slice[to - 1]!)) to--;
  if (to > from) out.push({ start: offset + from, end: offset + to });
}
