import { readFile } from 'node:fs/promises';
import { espeakToArpabet } from '../../../audio/align/acoustic/arpabet.ts';
import { espeakPhonemes } from '../../tts/espeak-engine.ts';

// Every script token gets a pronunciation: the CMU dictionary's when it has the word, otherwise
// eSpeak's letter-to-sound rules mapped to the same phones (names, archaic forms such as
// "feed'st", numbers). Tokens the grammar cannot carry as they are (digits, accented letters) are
// aliased to plain names.

/** Where the recogniser's model lives inside the soundswallower package. */
export function modelDirectory(): string {
  return new URL('./model/', import.meta.resolve('soundswallower')).pathname;
}

let dictionary: Promise<Set<string>> | undefined;

/** The words of the acoustic model's pronunciation dictionary (alternates like "the(2)" folded). */
function dictionaryWords(): Promise<Set<string>> {
  dictionary ??= readFile(`${modelDirectory()}en-us/dict.txt`, 'utf8').then((text) => {
    const words = new Set<string>();
    for (const line of text.split('\n')) {
      const word = line.slice(0, line.indexOf(' ')).replace(/\(\d+\)$/, '');
      if (word) words.add(word);
    }
    return words;
  });
  return dictionary;
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
    const phones = espeakToArpabet(await espeakPhonemes(token, voice)) || 'AH';
    spelling.set(token, plain);
    added.push([plain, phones]);
  }
  return { spell: (token) => spelling.get(token) ?? token, added };
}
