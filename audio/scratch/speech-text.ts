// Script text → what a TTS voice should say: no emoticons, link addresses, music marks or
// markup, which engines otherwise spell out character by character.

const REPLACEMENTS: Array<[RegExp, string]> = [
  [/https?:\/\/\S+|www\.\S+/gi, 'a link'],
  [/(?<=^|\s)(?:[=:;]-?[)(DPp]|\^_?\^|<3)(?=\s|$)/g, ' '],
  [/=\)/g, ' '],
  [/\bA\/N\b:?/g, "Author's note:"],
  [/[♪♫~*_#[\]{}<>|\\]/g, ' '],
  [/\s+/g, ' '],
];

export function speechText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of REPLACEMENTS) out = out.replace(pattern, replacement);
  return out.trim();
}
