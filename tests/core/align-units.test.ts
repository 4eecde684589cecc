import { describe, expect, it } from 'vitest';
import { espeakToArpabet } from '../../audio/align/acoustic/arpabet.ts';
import {
  FREE_PHONES,
  freeLoopWords,
  freeWord,
  isFreeWord,
  windowGrammar,
} from '../../audio/align/acoustic/grammar.ts';
import { REVIEW } from '../../audio/align/acoustic/place-cues.ts';
import { cueRole, scriptParts, wordTokens } from '../../audio/align/acoustic/script-words.ts';
import { flagOddDurations } from '../../audio/align/odd-durations.ts';
import type { Cue, CueKind, CueSheet } from '../../cues/cue-sheet.ts';

// Unit tests of the alignment modules' pure pieces, on inputs small enough that every expected
// value is worked out by hand: the eSpeak → ARPAbet table (CMU dictionary phones), the JSGF
// window grammar, the script as the recogniser hears it, and the pace check on placed cues.

let nextId = 0;
function cue(kind: CueKind, text: string, start?: number, end?: number, extra: Partial<Cue> = {}): Cue {
  return {
    id: `c${nextId++}`,
    kind,
    text,
    source: { start: 0, end: text.length },
    ...(start !== undefined ? { start } : {}),
    ...(end !== undefined ? { end } : {}),
    ...extra,
  };
}

function sheetOf(cues: Cue[]): CueSheet {
  return { version: 1, title: 'Test', chapters: [], cues };
}

describe('eSpeak mnemonics to ARPAbet (CMU dictionary phones)', () => {
  // Each eSpeak NG English mnemonic with the CMU phone(s) of the same sound (IPA in the comment).
  const table: Array<[string, string]> = [
    ['p', 'P'],
    ['b', 'B'],
    ['t', 'T'],
    ['d', 'D'],
    ['k', 'K'],
    ['g', 'G'],
    ['f', 'F'],
    ['v', 'V'],
    ['T', 'TH'], // θ
    ['D', 'DH'], // ð
    ['s', 'S'],
    ['z', 'Z'],
    ['S', 'SH'], // ʃ
    ['Z', 'ZH'], // ʒ
    ['h', 'HH'],
    ['m', 'M'],
    ['n', 'N'],
    ['N', 'NG'], // ŋ
    ['l', 'L'],
    ['r', 'R'],
    ['w', 'W'],
    ['j', 'Y'],
    ['tS', 'CH'], // tʃ
    ['dZ', 'JH'], // dʒ
    ['t#', 'T'], // flapped t
    ['n-', 'AH N'], // syllabic n ("button")
    ['l-', 'AH L'], // syllabic l ("little")
    ['m-', 'AH M'], // syllabic m ("rhythm")
    ['x', 'K'], // "loch"
    ['a', 'AE'], // æ
    ['a#', 'AH'], // reduced a
    ['A', 'AA'],
    ['A:', 'AA'], // ɑː
    ['A@', 'AA R'], // "car"
    ['aI', 'AY'],
    ['aU', 'AW'],
    ['e', 'EH'],
    ['E', 'EH'],
    ['e@', 'EH R'], // "air"
    ['eI', 'EY'],
    ['@', 'AH'], // schwa
    ['@L', 'AH L'],
    ['@2', 'AH'],
    ['@5', 'AH'],
    ['3', 'ER'], // ɚ
    ['3:', 'ER'], // ɜː
    ['I', 'IH'],
    ['i', 'IY'], // happY
    ['i:', 'IY'],
    ['i@', 'IY R'], // "near"
    ['i@3', 'IY R'],
    ['I2', 'IH'],
    ['I#', 'IH'],
    ['0', 'AA'], // ɒ "lot"
    ['O', 'AO'],
    ['O:', 'AO'], // "thought"
    ['O@', 'AO R'],
    ['o@', 'AO R'], // "door"
    ['oU', 'OW'],
    ['OI', 'OY'],
    ['U', 'UH'],
    ['u:', 'UW'],
    ['U@', 'UH R'], // "poor"
    ['V', 'AH'], // ʌ "strut"
    ['aI@', 'AY ER'], // "fire"
    ['aU@', 'AW ER'], // "hour"
    ['aI3', 'AY ER'],
    ['aU3', 'AW ER'],
  ];
  it.each(table)('maps %s to %s', (mnemonic, phones) => {
    expect(espeakToArpabet(mnemonic)).toBe(phones);
  });

  it('reads whole words, separated by _ or spaces', () => {
    expect(espeakToArpabet("b_j_'u:_t#_i_z")).toBe('B Y UW T IY Z'); // beauties
    expect(espeakToArpabet("h_@_l_'oU")).toBe('HH AH L OW'); // hello
    expect(espeakToArpabet("tS '3: tS")).toBe('CH ER CH'); // church
    expect(espeakToArpabet("r_'I_D_m-")).toBe('R IH DH AH M'); // rhythm
    expect(espeakToArpabet("T_'I_N  \t z")).toBe('TH IH NG Z'); // things
  });

  it('ignores stress, syllable and tie marks, alone or stuck to a phone', () => {
    expect(espeakToArpabet("'a")).toBe('AE');
    expect(espeakToArpabet(',a')).toBe('AE');
    expect(espeakToArpabet('%a')).toBe('AE');
    expect(espeakToArpabet('=a')).toBe('AE');
    expect(espeakToArpabet('a;')).toBe('AE');
    expect(espeakToArpabet('a|')).toBe('AE');
    expect(espeakToArpabet('!a')).toBe('AE');
    expect(espeakToArpabet('a?')).toBe('AE');
    expect(espeakToArpabet("%'a,")).toBe('AE');
    expect(espeakToArpabet("d_'_|_a")).toBe('D AE');
  });

  it('tries an unknown mnemonic without its last length or variant mark, then drops it', () => {
    expect(espeakToArpabet('e:')).toBe('EH');
    expect(espeakToArpabet('aI#')).toBe('AY');
    // Only the final mark goes: "A:#" is tried as "A:".
    expect(espeakToArpabet('A:#')).toBe('AA');
    expect(espeakToArpabet('p_Q_b')).toBe('P B');
    expect(espeakToArpabet('Q')).toBe('');
    expect(espeakToArpabet('')).toBe('');
    expect(espeakToArpabet("_'_")).toBe('');
  });
});

describe('the window grammar (JSGF)', () => {
  it('has a dozen broad free-loop phones, each a one-phone word no script token can be', () => {
    expect([...FREE_PHONES]).toEqual(['AA', 'AE', 'AH', 'IY', 'UW', 'ER', 'M', 'N', 'S', 'T', 'K', 'L']);
    expect(freeWord('AA')).toBe('phnaa');
    expect(freeWord('ER')).toBe('phner');
    expect(freeLoopWords()).toEqual([
      ['phnaa', 'AA'],
      ['phnae', 'AE'],
      ['phnah', 'AH'],
      ['phniy', 'IY'],
      ['phnuw', 'UW'],
      ['phner', 'ER'],
      ['phnm', 'M'],
      ['phnn', 'N'],
      ['phns', 'S'],
      ['phnt', 'T'],
      ['phnk', 'K'],
      ['phnl', 'L'],
    ]);
    for (const [word] of freeLoopWords()) expect(isFreeWord(word)).toBe(true);
    expect(isFreeWord('phnzh')).toBe(false);
    expect(isFreeWord('aa')).toBe(false);
    expect(isFreeWord('PHNAA')).toBe(false);
  });

  const rules =
    '<free> = /0.001/ <phone> <free> | /1/ <NULL>;\n' +
    '<phone> = phnaa | phnae | phnah | phniy | phnuw | phner | phnm | phnn | phns | phnt | phnk | phnl;\n';

  it('puts the words in order between two free loops: notes optional, songs words or loop, silent cues out', () => {
    const grammar = windowGrammar([
      { cue: 0, role: 'spoken', words: ['hello', 'world'] },
      { cue: 1, role: 'optional', words: ['a', 'note'] },
      { cue: 2, role: 'silent', words: [] },
      { cue: 3, role: 'sung', words: ['la', 'la'] },
      { cue: 4, role: 'spoken', words: ["beauty's"] },
    ]);
    expect(grammar).toBe(
      '#JSGF V1.0;\ngrammar script;\n' +
        "public <script> = <free> hello world [ a note ] ( la la | <free> ) beauty's <free>;\n" +
        rules,
    );
  });

  it('closes a window that ends on a song with a loop of its own, and an empty one with one loop', () => {
    expect(windowGrammar([{ cue: 0, role: 'sung', words: ['oh'] }])).toBe(
      `#JSGF V1.0;\ngrammar script;\npublic <script> = <free> ( oh | <free> ) <free>;\n${rules}`,
    );
    expect(windowGrammar([])).toBe(`#JSGF V1.0;\ngrammar script;\npublic <script> = <free>;\n${rules}`);
    expect(windowGrammar([{ cue: 0, role: 'silent', words: [] }])).toBe(
      `#JSGF V1.0;\ngrammar script;\npublic <script> = <free>;\n${rules}`,
    );
  });
});

describe('the script as the recogniser hears it', () => {
  it('gives each kind of cue its role', () => {
    expect(cueRole(cue('lyric', 'la'))).toBe('sung');
    expect(cueRole(cue('separator', '***'))).toBe('silent');
    expect(cueRole(cue('sfx', 'BANG'))).toBe('silent');
    expect(cueRole(cue('music', 'THEME'))).toBe('silent');
    expect(cueRole(cue('note', 'aside'))).toBe('optional');
    expect(cueRole(cue('narration', 'x'))).toBe('spoken');
    expect(cueRole(cue('dialogue', 'x'))).toBe('spoken');
    expect(cueRole(cue('heading', 'x'))).toBe('spoken');
    expect(cueRole(cue('title', 'x'))).toBe('spoken');
  });

  it('splits text into lower-case words as read: abbreviations said, apostrophes straightened', () => {
    expect(wordTokens('Hello, World!')).toEqual(['hello', 'world']);
    expect(wordTokens('Mr. Smith')).toEqual(['mister', 'smith']);
    expect(wordTokens('Don’t stop')).toEqual(["don't", 'stop']);
    expect(wordTokens('o‘clock')).toEqual(["o'clock"]);
    expect(wordTokens('itʼs')).toEqual(["it's"]);
    expect(wordTokens('rock`n')).toEqual(["rock'n"]);
    expect(wordTokens('Café 12 naïve')).toEqual(['café', '12', 'naïve']);
    expect(wordTokens('...and then—nothing')).toEqual(['and', 'then', 'nothing']);
  });

  it('drops quote marks around a word but keeps those inside it', () => {
    expect(wordTokens("'tis the 'end'")).toEqual(['tis', 'the', 'end']);
    expect(wordTokens("''quoted''")).toEqual(['quoted']);
    expect(wordTokens("rock 'n' roll")).toEqual(['rock', 'n', 'roll']);
    expect(wordTokens("the dogs' bones")).toEqual(['the', 'dogs', 'bones']);
    expect(wordTokens("' '' '")).toEqual([]);
    expect(wordTokens('')).toEqual([]);
  });

  it('lists every cue with its role and words; wordless and unvoiced cues are silent', () => {
    const sheet = sheetOf([
      cue('heading', 'Chapter One'),
      cue('narration', 'It was I.'),
      cue('sfx', 'A door slams'),
      cue('lyric', 'La la la'),
      cue('note', 'Read slowly'),
      cue('dialogue', '...'),
      cue('narration', 'Hidden', undefined, undefined, { spoken: '' }),
    ]);
    expect(scriptParts(sheet)).toEqual([
      { cue: 0, role: 'spoken', words: ['chapter', 'one'] },
      { cue: 1, role: 'spoken', words: ['it', 'was', 'i'] },
      { cue: 2, role: 'silent', words: [] },
      { cue: 3, role: 'sung', words: ['la', 'la', 'la'] },
      { cue: 4, role: 'optional', words: ['read', 'slowly'] },
      { cue: 5, role: 'silent', words: [] },
      { cue: 6, role: 'silent', words: [] },
    ]);
  });

  it('reads a heading or title that is only a Roman numeral as its number, even "I"', () => {
    const parts = scriptParts(
      sheetOf([
        cue('heading', 'I'),
        cue('title', ' IV '),
        cue('title', 'I'),
        cue('heading', ' I '),
        cue('heading', 'Intro'),
        cue('narration', 'I'),
        cue('dialogue', 'V'),
      ]),
    );
    expect(parts.map((p) => p.words)).toEqual([['1'], ['4'], ['1'], ['1'], ['intro'], ['i'], ['v']]);
  });
});

describe('cues of an implausible pace (odd-durations)', () => {
  /** Narration cues of `words` words lasting `seconds` each, one after another. */
  function paced(rows: Array<[number, number]>): Cue[] {
    let t = 0;
    return rows.map(([words, seconds]) => {
      const c = cue('narration', Array.from({ length: words }, (_, i) => `w${i}`).join(' '), t, t + seconds);
      t += seconds;
      return c;
    });
  }

  it('flags a cue over three times slower per word than the median as stretched, and three times faster as squeezed', () => {
    // Paces (s/word), out of order: 0.4, 0.3, 1.5, 0.35, 0.09, 0.5. Sorted: 0.09 0.3 0.35 0.4 0.5 1.5;
    // the median (upper of the middle two) is 0.4: over 1.2 is stretched, under 0.1333 squeezed.
    const sheet = sheetOf(
      paced([
        [5, 2],
        [4, 1.2],
        [4, 6],
        [4, 1.4],
        [10, 0.9],
        [4, 2],
      ]),
    );
    const flagged = flagOddDurations(sheet);
    expect(flagged.cues.map((c) => c.review)).toEqual([
      undefined,
      undefined,
      REVIEW.stretched,
      undefined,
      REVIEW.squeezed,
      undefined,
    ]);
    // Nothing else changes.
    expect(flagged.cues[2]).toEqual({ ...sheet.cues[2], review: REVIEW.stretched });
    expect(flagged.cues[0]).toBe(sheet.cues[0]);
    expect(flagged.title).toBe('Test');
  });

  it('takes the median numerically, not as text', () => {
    // Paces 10, 2, 9 s/word: as numbers 2, 9, 10 (median 9: only the 2 is squeezed); as text
    // "10", "2", "9" (median 2: the 10 and the 9 would be stretched).
    const cues = paced([
      [3, 30],
      [3, 6],
      [3, 27],
    ]);
    expect(flagOddDurations(sheetOf(cues)).cues.map((c) => c.review)).toEqual([
      undefined,
      REVIEW.squeezed,
      undefined,
    ]);
  });

  it('flags nothing at exactly three times the median either way', () => {
    // Paces 1, 1, 1, 3, 1/3: median 1; 3 and 1/3 are on the limits, not past them.
    const cues = paced([
      [3, 3],
      [3, 3],
      [3, 3],
      [3, 9],
      [3, 1],
    ]);
    expect(flagOddDurations(sheetOf(cues)).cues.every((c) => c.review === undefined)).toBe(true);
    const past = paced([
      [3, 3],
      [3, 3],
      [3, 3],
      [3, 9.03],
      [3, 0.99],
    ]);
    expect(flagOddDurations(sheetOf(past)).cues.map((c) => c.review)).toEqual([
      undefined,
      undefined,
      undefined,
      REVIEW.stretched,
      REVIEW.squeezed,
    ]);
  });

  it('judges only untimed-free spoken cues of three words or more, and keeps a reason already given', () => {
    const cues = [
      ...paced([
        [3, 3],
        [3, 3],
        [3, 3],
      ]),
      cue('narration', 'two words', 10, 40), // 15 s/word, but too short to judge
      cue('lyric', 'la la la', 40, 100), // 20 s/word: songs are not read
      cue('narration', 'one two three four', 100), // no end
      cue('narration', 'one two three four', undefined, 100), // no start
      cue('narration', 'a b c', 100, 190, { review: 'low acoustic match' }), // 30 s/word, already flagged
    ];
    const flagged = flagOddDurations(sheetOf(cues));
    expect(flagged.cues.map((c) => c.review)).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
      'low acoustic match',
    ]);
    // Those cues do not count toward the median either: with them the median would be 15.
    const withStretched = [...cues, cue('narration', 'x y z', 200, 215)]; // 5 s/word vs median 1
    expect(flagOddDurations(sheetOf(withStretched)).cues.at(-1)!.review).toBe(REVIEW.stretched);
  });

  it('leaves a sheet with fewer than three judged cues as it is', () => {
    const sheet = sheetOf([
      ...paced([
        [3, 3],
        [3, 30],
      ]),
      cue('narration', 'a b', 40, 41),
    ]);
    expect(flagOddDurations(sheet)).toBe(sheet);
    // Three judged cues are enough: 30 s over 3 words against a median of 1 s/word.
    const three = sheetOf(
      paced([
        [3, 3],
        [3, 3],
        [3, 30],
      ]),
    );
    expect(flagOddDurations(three).cues.map((c) => c.review)).toEqual([
      undefined,
      undefined,
      REVIEW.stretched,
    ]);
  });

  it('counts words as read: "Mr." is one word, punctuation none', () => {
    // "Mr. Smith, hi!" is three words ("mister smith hi"): judged.
    const cues = [
      ...paced([
        [3, 3],
        [3, 3],
        [3, 3],
      ]),
      cue('narration', 'Mr. Smith, hi!', 10, 40),
    ];
    expect(flagOddDurations(sheetOf(cues)).cues.at(-1)!.review).toBe(REVIEW.stretched);
  });
});
