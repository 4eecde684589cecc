// Script text → what a narrator says, for the TTS reference: the closer the reference reads to the
// recording, the better the alignment. Engines spell emoticons, links and marks character by
// character, read "XII" as letters and "$5" as "dollar five"; narrators do not.

const ROMAN: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 };

/** A Roman numeral's value, or undefined for anything that is not a well-formed one (up to 3999). */
export function romanValue(text: string): number | undefined {
  if (!/^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/.test(text) || text === '') return undefined;
  let total = 0;
  for (let i = 0; i < text.length; i++) {
    const value = ROMAN[text[i]!]!;
    const next = ROMAN[text[i + 1] ?? ''] ?? 0;
    total += value < next ? -value : value;
  }
  return total;
}

const NUMBERED =
  /\b(Chapter|Part|Book|Act|Scene|Volume|Vol\.|Section|Episode|Canto|Letter)\s+([IVXLCDM]+)\b/g;

const ABBREVIATIONS: Array<[RegExp, string]> = [
  [/\bMr\./g, 'Mister'],
  [/\bMrs\./g, 'Missus'],
  [/\bMs\./g, 'Miz'],
  [/\bDr\./g, 'Doctor'],
  [/\bProf\./g, 'Professor'],
  [/\bSt\.(?=\s+[A-Z])/g, 'Saint'],
  [/\bvs\.?(?=\s)/g, 'versus'],
  [/\betc\./g, 'et cetera'],
  [/\be\.g\./g, 'for example'],
  [/\bi\.e\./g, 'that is'],
];

const REPLACEMENTS: Array<[RegExp, string]> = [
  [/https?:\/\/\S+|www\.\S+/gi, 'a link'],
  [/(?<=^|\s)(?:[=:;]-?[)(DPp]|\^_?\^|<3|[xX]D|:'\()(?=\s|$)/g, ' '],
  [/=\)/g, ' '],
  [/\bA\/N\b:?/g, "Author's note:"],
  [/\$(\d[\d,]*(?:\.\d+)?)/g, '$1 dollars'],
  [/£(\d[\d,]*(?:\.\d+)?)/g, '$1 pounds'],
  [/€(\d[\d,]*(?:\.\d+)?)/g, '$1 euros'],
  [/(\d)\s?%/g, '$1 percent'],
  [/\s&\s/g, ' and '],
  [/[♪♫~*_#[\]{}<>|\\]/g, ' '],
  [/\s+/g, ' '],
];

export function speechText(text: string): string {
  // A heading that is only a numeral ("IV") is read as its number.
  const lone = romanValue(text.trim());
  let out = lone !== undefined && text.trim().length > 1 ? String(lone) : text;
  out = out.replace(NUMBERED, (match, word: string, numeral: string) => {
    const value = romanValue(numeral);
    return value === undefined ? match : `${word} ${value}`;
  });
  for (const [pattern, replacement] of ABBREVIATIONS) out = out.replace(pattern, replacement);
  for (const [pattern, replacement] of REPLACEMENTS) out = out.replace(pattern, replacement);
  return out.trim();
}
