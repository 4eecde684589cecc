import { readFile } from 'node:fs/promises';
import { espeakToArpabet } from '../../../audio/align/acoustic/arpabet.ts';
import { espeakPhonemes } from '../../tts/espeak-engine.ts';

// Every script token gets a pronunciation: the CMU dictionary's when it has the word (or the word
// it is the possessive of), otherwise eSpeak's letter-to-sound rules mapped to the same phones
// (names, archaic forms such as "feed'st", numbers). Tokens the grammar cannot carry as they are
// (digits, accented letters) are aliased to plain names.

/** Where the recogniser's model lives inside the soundswallower package. */
export function modelDirectory(): string {
  return new URL('./model/', import.meta.resolve('soundswallower')).pathname;
}

let dictionary: Promise<Map<string, string>> | undefined;

/** The acoustic model's pronunciation dictionary: each word's first pronunciation (ARPAbet). */
function dictionaryWords(): Promise<Map<string, string>> {
  dictionary ??= readFile(`${modelDirectory()}en-us/dict.txt`, 'utf8').then((text) => {
    const words = new Map<string, string>();
    for (const line of text.split('\n')) {
      const space = line.indexOf(' ');
      if (space <= 0 || /\(\d+\)$/.test(line.slice(0, space))) continue;
      words.set(line.slice(0, space), line.slice(space + 1).trim());
    }
    return words;
  });
  return dictionary;
}

/** ARPAbet phones after which the possessive 's is "iz", and those after which it is "s". */
const SIBILANTS = new Set(['S', 'Z', 'SH', 'ZH', 'CH', 'JH']);
const VOICELESS = new Set(['P', 'T', 'K', 'F', 'TH']);

/**
 * A possessive the dictionary lacks, of a word it has: "silas's" is "silas" and "iz", "bramwell's"
 * "bramwell" and "z", "the smiths'" "smiths" as it is (English's rule for the -s ending). eSpeak's
 * letter-to-sound rules said "silas's" as S IY L AH Z IH Z, and a tester's three clean takes of a
 * line opening with it were not found among the actor's 121 lines.
 */
export function possessivePhones(token: string, known: Map<string, string>): string | undefined {
  if (token.endsWith("s'")) return known.get(token.slice(0, -1));
  if (!token.endsWith("'s")) return undefined;
  const base = known.get(token.slice(0, -2));
  if (!base) return undefined;
  const last = base.split(' ').at(-1)!.replace(/\d$/, '');
  return `${base} ${SIBILANTS.has(last) ? 'IH Z' : VOICELESS.has(last) ? 'S' : 'Z'}`;
}

export interface Lexicon {
  /** The dictionary word a token is aligned as. */
  spell: (token: string) => string;
  /** Entries to add to the recogniser's dictionary: [word, ARPAbet phones]. */
  added: Array<[string, string]>;
}

/** Pronunciations for every token (eSpeak voice `voice` for the missing ones). */
export async function buildLexicon(tokens: Iterable<string>, voice = 'en-us'): Promise<Lexicon> {
  const known = await dictionaryWords();
  const spelling = new Map<string, string>();
  const added: Array<[string, string]> = [];
  for (const token of tokens) {
    if (spelling.has(token)) continue;
    if (known.has(token)) {
      spelling.set(token, token);
      continue;
    }
    const plain = /^[a-z']+$/.test(token) ? token : `oov_${added.length}`;
    // A token eSpeak cannot voice (a lone symbol) still needs a phone to be aligned to.
    const phones =
      possessivePhones(token, known) || espeakToArpabet(await espeakPhonemes(token, voice)) || 'AH';
    spelling.set(token, plain);
    added.push([plain, phones]);
  }
  return { spell: (token) => spelling.get(token) ?? token, added };
}
