import type { QuoteSpan } from './quotes.ts';
import { SPEECH_VERB } from './speech-verbs.ts';

// French, Spanish, Italian, Russian and Polish novels print speech with a dash and no closing mark:
// "— Juste dehors, dit-il." / "—¿Dónde estabas? —preguntó Ana—. Aquí." A paragraph that opens
// with a dash is a speech; an incise (a comma or dash, then a speech verb) is narration inside it.

const DASHES = '—–―';
/** After the dash: a capital, a digit, ¿ ¡ « or an ellipsis. "—and then" goes on narrating. */
const SPEECH_START = /^[ \t\u00a0\u202f]?[\p{Lu}\p{N}¿¡«"“‘'…]/u;
/** Where a speech stops for its incise: ", dit-il", " —preguntó Ana", "Dehors ? répondit-elle". */
const INCISE = new RegExp(
  `(?:,[ \\t\\n]*|[ \\t\\n]*[${DASHES}][ \\t]*|(?<=[?!…])[ \\t\\n]+)(?=(?:${SPEECH_VERB})(?![\\p{L}]))`,
  'gu',
);
/** Where the incise ends: a comma or dash (the speech goes on), or a full stop (narration goes on). */
const INCISE_END = new RegExp(`[,${DASHES}.!?…]`, 'g');

const MARK = new RegExp(`[,${DASHES}]`);

/** The index of the dash a paragraph opens with as speech, or -1. */
function dashAt(text: string, start: number, end: number): number {
  let s = start;
  while (s < end && /\s/.test(text[s]!)) s++;
  if (s >= end || !DASHES.includes(text[s]!)) return -1;
  // An en dash opens speech only with the space French sets after it ("– Oui").
  if (text[s] === '–' && !/\s/.test(text[s + 1] ?? '')) return -1;
  return SPEECH_START.test(text.slice(s + 1, s + 3)) ? s : -1;
}

export function startsDashSpeech(text: string, start: number, end: number): boolean {
  return dashAt(text, start, end) >= 0;
}

/**
 * The speeches of a dash-opened paragraph text[start, end), as quote spans: each opened by the
 * dash or by the mark that ends an incise, each closed by the mark that starts one (or by `end`,
 * a closing position past the text, when the speech runs to the end of the paragraph).
 */
export function scanDashSpeech(text: string, start: number, end: number): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let openMark = dashAt(text, start, end);
  if (openMark < 0) return spans;
  let from = openMark + 1;
  const body = text.slice(0, end);
  while (from < end) {
    INCISE.lastIndex = from;
    const incise = INCISE.exec(body);
    if (!incise) {
      spans.push({ start: from, end, openMark, closeMark: end });
      break;
    }
    // The comma or dash closes the speech; after ? or ! the space does.
    const markOffset = incise[0].search(MARK);
    const closeMark = incise.index + Math.max(0, markOffset);
    if (incise.index > from) spans.push({ start: from, end: incise.index, openMark, closeMark });
    INCISE_END.lastIndex = incise.index + incise[0].length;
    const stop = INCISE_END.exec(body);
    if (!stop || !/[,—–―]/.test(stop[0])) break;
    // The speech resumes after the incise's comma or closing dash (and the stop Spanish sets after it).
    openMark = stop.index;
    from = openMark + 1;
    while (from < end && /[\s.,;]/.test(text[from]!)) from++;
  }
  return spans;
}
